/*
 * fuzz_session.c - the session cookie as session.c reads it, without the database: cookie_get of
 * portal_session from the Cookie header into an AUTH_COOKIE_MAX buffer, then auth_session_decode
 * (http/auth.h) with a fixed test keyring (current and previous key) at a fixed time.
 *
 * Every input is used twice:
 *  1. as a Cookie header and as a bare cookie value. Invariants: an accepted session has a positive
 *     user, is within its idle and absolute lifetime, and is the one canonical encoding of its
 *     fields (re-encoding gives the same text); no cookie is accepted by an empty keyring or by a
 *     key that claims the right id but holds other bytes.
 *  2. as fields (user id, generation, session id, issue and expiry times relative to the fixed time) that are
 *     signed with the current or previous key and decoded again: the result is exactly what the
 *     rules say, the fields come back unchanged, and changing any one character is never accepted.
 */
#include "http/auth.h"
#include "http/query.h"

#include "fuzz.h"

#define FUZZ_NOW ((time_t)1767225600) /* 2026-01-01T00:00:00Z */

static struct auth_keys keys;        /* current and previous */
static struct auth_keys keys_prev;   /* the previous key as current: what signed before rotation */
static struct auth_keys keys_forged; /* right ids, wrong bytes */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const unsigned char cur[crypto_auth_KEYBYTES] = "fuzz-test-key-current-0123456789";
	static const unsigned char prev[crypto_auth_KEYBYTES] = "fuzz-test-key-previous-987654321";
	static const unsigned char other[crypto_auth_KEYBYTES] = "fuzz-test-key-forged-abcdefghijk";

	(void)argc;
	(void)argv;
	FUZZ_CHECK(auth_init() == 0);
	auth_key_set(&keys.current, cur);
	auth_key_set(&keys.previous, prev);
	FUZZ_CHECK(keys.current.id != keys.previous.id);
	keys_prev.current = keys.previous;
	auth_key_set(&keys_forged.current, other);
	keys_forged.current.id = keys.current.id;
	auth_key_set(&keys_forged.previous, other);
	keys_forged.previous.id = keys.previous.id;
	return 0;
}

static void
decode_value(const char *value)
{
	struct auth_session s, s2;
	struct auth_keys none;
	char again[AUTH_COOKIE_MAX];
	enum auth_result r = auth_session_decode(&keys, value, FUZZ_NOW, &s);

	FUZZ_CHECK(r == AUTH_OK || r == AUTH_MALFORMED || r == AUTH_UNKNOWN_KEY || r == AUTH_BAD_MAC ||
	    r == AUTH_EXPIRED);
	memset(&none, 0, sizeof(none));
	FUZZ_CHECK(auth_session_decode(&none, value, FUZZ_NOW, &s2) != AUTH_OK);
	FUZZ_CHECK(auth_session_decode(&keys_forged, value, FUZZ_NOW, &s2) != AUTH_OK);
	if (r != AUTH_OK)
		return;
	FUZZ_CHECK(s.user_id > 0);
	FUZZ_CHECK((int64_t)FUZZ_NOW < s.expires);
	FUZZ_CHECK((int64_t)FUZZ_NOW < s.issued + AUTH_ABSOLUTE_SECONDS);
	FUZZ_CHECK((int64_t)FUZZ_NOW >= s.issued - 300);
	/* canonical: the fields encode to exactly this cookie, with whichever key signed it */
	if (auth_session_decode(&keys_prev, value, FUZZ_NOW, &s2) == AUTH_OK)
		FUZZ_CHECK(auth_session_encode(&keys_prev, &s, again) == 0);
	else
		FUZZ_CHECK(auth_session_encode(&keys, &s, again) == 0);
	FUZZ_CHECK(strcmp(again, value) == 0);
	/* it expires */
	FUZZ_CHECK(auth_session_decode(&keys, value, (time_t)s.expires, &s2) == AUTH_EXPIRED);
}

static uint64_t
take(const uint8_t **p, size_t *n, size_t bytes)
{
	uint64_t v = 0;
	while (bytes-- > 0) {
		v = v << 8;
		if (*n > 0) {
			v |= **p;
			(*p)++;
			(*n)--;
		}
	}
	return v;
}

static void
sign_and_decode(const uint8_t *p, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned flags = (unsigned)take(&p, &n, 1);
	struct auth_session in, out;
	char cookie[AUTH_COOKIE_MAX];
	enum auth_result want, got;
	size_t len, pos;

	in.user_id = (int64_t)take(&p, &n, 8);
	in.gen = (uint32_t)take(&p, &n, 4);
	for (pos = 0; pos < AUTH_SID_BYTES; pos++)
		in.sid[pos] = (unsigned char)take(&p, &n, 1);
	/* times the server can have signed: within about 68 years of now (see the report on overflow) */
	in.issued = (int64_t)FUZZ_NOW + (int32_t)take(&p, &n, 4);
	in.expires = (int64_t)FUZZ_NOW + (int32_t)take(&p, &n, 4);
	if (flags & 4) { /* a session as the login handler makes it, touched some time later */
		auth_session_new(&in, in.user_id, in.gen, (time_t)in.issued);
		auth_session_touch(&in, (time_t)(in.issued + (int64_t)(take(&p, &n, 2) * 10)));
		FUZZ_CHECK(in.expires <= in.issued + AUTH_ABSOLUTE_SECONDS);
	}
	FUZZ_CHECK(auth_session_encode(flags & 1 ? &keys_prev : &keys, &in, cookie) == 0);
	len = strlen(cookie);
	FUZZ_CHECK(len > 0 && len < AUTH_COOKIE_MAX);

	if (in.user_id <= 0)
		want = AUTH_MALFORMED;
	else if ((int64_t)FUZZ_NOW >= in.expires || (int64_t)FUZZ_NOW >= in.issued + AUTH_ABSOLUTE_SECONDS ||
	    (int64_t)FUZZ_NOW < in.issued - 300)
		want = AUTH_EXPIRED;
	else
		want = AUTH_OK;
	got = auth_session_decode(&keys, cookie, FUZZ_NOW, &out);
	if (got != want) {
		fprintf(stderr, "decode of %s gave %d, want %d\n", cookie, got, want);
		abort();
	}
	if (got == AUTH_OK)
		FUZZ_CHECK(out.user_id == in.user_id && out.gen == in.gen && out.issued == in.issued &&
		    out.expires == in.expires && memcmp(out.sid, in.sid, AUTH_SID_BYTES) == 0);
	decode_value(cookie);

	/* one character changed: never accepted */
	pos = (size_t)take(&p, &n, 1) % len;
	cookie[pos] = b64[(strchr(b64, cookie[pos]) - b64 + 1 + (long)take(&p, &n, 1) % 63) % 64];
	FUZZ_CHECK(auth_session_decode(&keys, cookie, FUZZ_NOW, &out) != AUTH_OK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header = fuzz_str(data, size);
	char value[AUTH_COOKIE_MAX];

	if (cookie_get(header, AUTH_COOKIE_NAME, value, sizeof(value)))
		decode_value(value);
	decode_value(header);
	sign_and_decode(data, size);
	free(header);
	return 0;
}
