/*
 * session_step.c - the cookie of a login that waits for its second step (see session_step.h).
 */
#include "http/session_step.h"
#include "http/http.h"
#include "http/query.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The keys of this cookie: BLAKE2b of a label keyed with the current session key. */
static void
session_step_keys(struct auth_keys *k)
{
	static const char label[] = "portal: a login waiting for its second step";
	const struct auth_keys *s = session_keys();
	unsigned char raw[crypto_auth_KEYBYTES];

	memset(k, 0, sizeof(*k));
	if (!s->current.loaded)
		return;
	crypto_generichash(raw, sizeof(raw), (const unsigned char *)label, sizeof(label) - 1, s->current.key,
	    sizeof(s->current.key));
	auth_key_set(&k->current, raw);
	sodium_memzero(raw, sizeof(raw));
}

/* Adds the Set-Cookie header: value for max_age seconds ("" and 0 clear it). */
static void
session_step_header(struct http_req *req, const char *value, long max_age)
{
	char h[AUTH_COOKIE_MAX + 160];

	snprintf(h, sizeof(h), "%s=%s; Path=%s; Max-Age=%ld; HttpOnly; SameSite=Strict%s", SESSION_STEP_COOKIE, value,
	    SESSION_STEP_PATH, max_age, req->https && strcmp(req->https, "on") == 0 ? "; Secure" : "");
	http_add_header(req, "Set-Cookie", h);
}

void
session_step_write(struct http_req *req, int64_t user_id, uint32_t gen)
{
	struct auth_session s = { .user_id = user_id, .gen = gen, .issued = (int64_t)time(NULL) };
	char value[AUTH_COOKIE_MAX];
	struct auth_keys k;

	s.expires = s.issued + SESSION_STEP_SECONDS;
	session_step_keys(&k);
	if (auth_session_encode(&k, &s, value) == 0)
		session_step_header(req, value, SESSION_STEP_SECONDS);
	sodium_memzero(&k, sizeof(k));
}

enum session_status
session_step_read(const struct http_req *req, int64_t *user_id, uint32_t *gen)
{
	char value[AUTH_COOKIE_MAX];
	struct auth_session s;
	struct auth_keys k;
	enum auth_result r;

	if (!cookie_get(req->cookie, SESSION_STEP_COOKIE, value, sizeof(value)))
		return req->cookie && strstr(req->cookie, SESSION_STEP_COOKIE "=") ? SESSION_INVALID : SESSION_NONE;
	session_step_keys(&k);
	r = auth_session_decode(&k, value, time(NULL), &s);
	sodium_memzero(&k, sizeof(k));
	if (r != AUTH_OK)
		return SESSION_INVALID;
	*user_id = s.user_id;
	*gen = s.gen;
	return SESSION_OK;
}

void
session_step_clear(struct http_req *req)
{
	session_step_header(req, "", 0);
}
