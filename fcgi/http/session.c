/*
 * session.c - request sessions: cookie in, verified user out, cookie back. A session is valid
 * while its cookie verifies and, in the database, its user's generation is the cookie's and no
 * logout has ended its session id: one statement by primary keys per request.
 */
#include "http/session.h"
#include "db/db_users.h"
#include "http/http.h"
#include "core/log.h"
#include "http/query.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static struct auth_keys session_keyring;

int
session_load_keys(const struct config *cfg)
{
	char err[512];

	memset(&session_keyring, 0, sizeof(session_keyring));
	if (cfg->session_key_file[0] == '\0') {
		log_error("session: no session_key_file configured; logins are disabled");
		return -1;
	}
	if (auth_key_load(&session_keyring.current, cfg->session_key_file, err, sizeof(err)) != 0) {
		log_error("session: %s; logins are disabled", err);
		return -1;
	}
	if (cfg->session_key_previous_file[0] != '\0' &&
	    auth_key_load(&session_keyring.previous, cfg->session_key_previous_file, err, sizeof(err)) != 0)
		log_error("session: previous key not loaded: %s", err);
	return 0;
}

const struct auth_keys *
session_keys(void)
{
	return &session_keyring;
}

/* The cookie's session, decoded and verified with the keys (no database yet). */
static enum session_status
session_decode(const struct http_req *req, struct auth_session *s)
{
	char value[AUTH_COOKIE_MAX];

	if (!cookie_get(req->cookie, AUTH_COOKIE_NAME, value, sizeof(value)))
		return req->cookie && strstr(req->cookie, AUTH_COOKIE_NAME "=") ? SESSION_INVALID : SESSION_NONE;
	if (auth_session_decode(&session_keyring, value, time(NULL), s) != AUTH_OK)
		return SESSION_INVALID;
	return SESSION_OK;
}

/* Accepts s when the database found its user (st) at the session's generation (gen), and no logout
 * ended it (revoked). */
static enum session_status
session_accept(struct http_req *req, const struct auth_session *s, enum db_status st, uint32_t gen, bool revoked)
{
	if (st == DB_NOTFOUND || (st == DB_OK && (gen != s->gen || revoked)))
		return SESSION_INVALID;
	if (st != DB_OK)
		return SESSION_UNAVAILABLE;
	req->user_id = s->user_id;
	req->session = *s;
	return SESSION_OK;
}

enum session_status
session_authenticate(struct http_req *req)
{
	struct auth_session s;
	enum session_status r;
	enum db_status st;
	uint32_t gen = 0;
	bool revoked = false;

	if ((r = session_decode(req, &s)) != SESSION_OK)
		return r;
	st = db_session_check(s.user_id, s.sid, &gen, &revoked);
	return session_accept(req, &s, st, gen, revoked);
}

enum session_status
session_authenticate_tenant(struct http_req *req, const char *slug, int64_t *tenant_id, unsigned *roles)
{
	struct auth_session s;
	struct db_tenant_auth a = { 0, false, 0, 0 };
	enum session_status r;
	enum db_status st;

	if ((r = session_decode(req, &s)) == SESSION_OK) {
		/* a is filled by the call: its fields cannot be arguments beside it (unsequenced) */
		st = db_tenant_auth(s.sid, slug, s.user_id, &a);
		r = session_accept(req, &s, st, a.gen, a.revoked);
	}
	*tenant_id = r == SESSION_OK ? a.tenant_id : 0;
	*roles = r == SESSION_OK ? a.roles : 0;
	return r;
}

void
session_write(struct http_req *req, const struct auth_session *s)
{
	char value[AUTH_COOKIE_MAX];
	time_t now = time(NULL);
	long max_age = (long)(s->expires - (int64_t)now);

	if (auth_session_encode(&session_keyring, s, value) != 0)
		return;
	snprintf(req->set_cookie, sizeof(req->set_cookie), "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
	    AUTH_COOKIE_NAME, value, max_age > 0 ? max_age : 0, req->https && strcmp(req->https, "on") == 0 ? "; Secure" : "");
}

void
session_clear(struct http_req *req)
{
	snprintf(req->set_cookie, sizeof(req->set_cookie), "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
	    AUTH_COOKIE_NAME, req->https && strcmp(req->https, "on") == 0 ? "; Secure" : "");
}
