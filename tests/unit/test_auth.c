/*
 * test_auth.c - session cookies (encode/verify over tampered, truncated, expired and unknown-key
 * inputs; key rotation; idle and absolute expiry edges; the random session id), password length
 * rules, the CSRF/origin check, email checks and normalising, and the host-wide hashing slots (the
 * per-address rule, the bounded wait, and the slot a killed holder gives back).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "http/auth.h"
#include "domain/valid.h"

static struct auth_keys keys;
static const time_t T0 = 1790000000; /* a fixed "now" */

static void
make_keys(struct auth_keys *k, unsigned char a, unsigned char b)
{
	unsigned char raw[crypto_auth_KEYBYTES];
	memset(k, 0, sizeof(*k));
	memset(raw, a, sizeof(raw));
	auth_key_set(&k->current, raw);
	if (b) {
		memset(raw, b, sizeof(raw));
		auth_key_set(&k->previous, raw);
	}
}

static int
setup(void **state)
{
	(void)state;
	assert_int_equal(auth_init(), 0);
	make_keys(&keys, 0x11, 0);
	return 0;
}

static void
encode(const struct auth_keys *k, int64_t uid, uint32_t gen, time_t now, char *out)
{
	struct auth_session s;
	auth_session_new(&s, uid, gen, now);
	assert_int_equal(auth_session_encode(k, &s, out), 0);
}

static void
test_roundtrip(void **state)
{
	char c[AUTH_COOKIE_MAX];
	struct auth_session s;
	(void)state;
	encode(&keys, 42, 7, T0, c);
	assert_int_equal(auth_session_decode(&keys, c, T0, &s), AUTH_OK);
	assert_int_equal(s.user_id, 42);
	assert_int_equal(s.gen, 7);
	assert_int_equal(s.issued, T0);
	assert_int_equal(s.expires, T0 + AUTH_IDLE_SECONDS);
	/* the cookie is URL-safe base64 without padding */
	assert_null(strpbrk(c, "+/=;, "));
}

static void
test_tampered(void **state)
{
	char c[AUTH_COOKIE_MAX], t[AUTH_COOKIE_MAX];
	struct auth_session s;
	size_t i, n;
	(void)state;
	encode(&keys, 42, 7, T0, c);
	n = strlen(c);
	/* flipping any character changes the payload or the MAC: never accepted */
	for (i = 0; i < n; i++) {
		enum auth_result r;
		memcpy(t, c, n + 1);
		t[i] = t[i] == 'A' ? 'B' : 'A';
		r = auth_session_decode(&keys, t, T0, &s);
		assert_true(r == AUTH_BAD_MAC || r == AUTH_MALFORMED || r == AUTH_UNKNOWN_KEY);
	}
}

static void
test_truncated_and_garbage(void **state)
{
	static const char *const bad[] = { "", "x", "AAAA", "!!!!", "portal_session", NULL };
	char c[AUTH_COOKIE_MAX], t[AUTH_COOKIE_MAX];
	struct auth_session s;
	size_t n, i;
	(void)state;
	encode(&keys, 42, 7, T0, c);
	n = strlen(c);
	for (i = 1; i < n; i++) {
		memcpy(t, c, i);
		t[i] = '\0';
		assert_int_not_equal(auth_session_decode(&keys, t, T0, &s), AUTH_OK);
	}
	/* one extra character */
	memcpy(t, c, n);
	t[n] = 'A';
	t[n + 1] = '\0';
	assert_int_not_equal(auth_session_decode(&keys, t, T0, &s), AUTH_OK);
	for (i = 0; bad[i]; i++)
		assert_int_equal(auth_session_decode(&keys, bad[i], T0, &s), AUTH_MALFORMED);
	assert_int_equal(auth_session_decode(&keys, NULL, T0, &s), AUTH_MALFORMED);
}

static void
test_unknown_key_and_rotation(void **state)
{
	struct auth_keys other, rotated;
	char c[AUTH_COOKIE_MAX], c2[AUTH_COOKIE_MAX];
	struct auth_session s;
	(void)state;
	encode(&keys, 42, 7, T0, c);
	make_keys(&other, 0x22, 0);
	assert_int_equal(auth_session_decode(&other, c, T0, &s), AUTH_UNKNOWN_KEY);
	/* rotation: new current key 0x22, previous 0x11 — old cookies still verify */
	make_keys(&rotated, 0x22, 0x11);
	assert_int_equal(auth_session_decode(&rotated, c, T0, &s), AUTH_OK);
	/* new cookies are signed with the new key: the old keyring alone does not know it */
	encode(&rotated, 43, 1, T0, c2);
	assert_int_equal(auth_session_decode(&rotated, c2, T0, &s), AUTH_OK);
	assert_int_equal(s.user_id, 43);
	assert_int_equal(auth_session_decode(&keys, c2, T0, &s), AUTH_UNKNOWN_KEY);
	/* after the next rotation the first key is gone */
	make_keys(&rotated, 0x33, 0x22);
	assert_int_equal(auth_session_decode(&rotated, c, T0, &s), AUTH_UNKNOWN_KEY);
}

static void
test_expiry_edges(void **state)
{
	char c[AUTH_COOKIE_MAX];
	struct auth_session s, got;
	time_t t;
	(void)state;
	encode(&keys, 42, 7, T0, c);
	assert_int_equal(auth_session_decode(&keys, c, T0 + AUTH_IDLE_SECONDS - 1, &got), AUTH_OK);
	assert_int_equal(auth_session_decode(&keys, c, T0 + AUTH_IDLE_SECONDS, &got), AUTH_EXPIRED);
	/* sliding: touching every 20 minutes keeps it alive, but never past 12 hours from login */
	auth_session_new(&s, 42, 7, T0);
	for (t = T0; t < T0 + AUTH_ABSOLUTE_SECONDS - 1200; t += 1200) {
		auth_session_touch(&s, t);
		assert_int_equal(auth_session_encode(&keys, &s, c), 0);
		assert_int_equal(auth_session_decode(&keys, c, t + 1199, &got), AUTH_OK);
	}
	auth_session_touch(&s, T0 + AUTH_ABSOLUTE_SECONDS - 60);
	assert_int_equal(s.expires, T0 + AUTH_ABSOLUTE_SECONDS);
	assert_int_equal(auth_session_encode(&keys, &s, c), 0);
	assert_int_equal(auth_session_decode(&keys, c, T0 + AUTH_ABSOLUTE_SECONDS - 1, &got), AUTH_OK);
	assert_int_equal(auth_session_decode(&keys, c, T0 + AUTH_ABSOLUTE_SECONDS, &got), AUTH_EXPIRED);
	/* a cookie "issued" far in the future is refused */
	encode(&keys, 42, 7, T0 + 3600, c);
	assert_int_equal(auth_session_decode(&keys, c, T0, &got), AUTH_EXPIRED);
}

static void
test_generation_is_carried(void **state)
{
	char a[AUTH_COOKIE_MAX], b[AUTH_COOKIE_MAX];
	struct auth_session s;
	(void)state;
	/* the database check compares this generation; a bump makes old cookies differ */
	encode(&keys, 42, 7, T0, a);
	encode(&keys, 42, 8, T0, b);
	assert_string_not_equal(a, b);
	assert_int_equal(auth_session_decode(&keys, a, T0, &s), AUTH_OK);
	assert_int_equal(s.gen, 7);
	assert_int_equal(auth_session_decode(&keys, b, T0, &s), AUTH_OK);
	assert_int_equal(s.gen, 8);
}

static void
test_session_id(void **state)
{
	char a[AUTH_COOKIE_MAX];
	struct auth_session s, t, got;
	(void)state;
	/* every login gets its own random id, which the cookie carries and touching keeps */
	auth_session_new(&s, 42, 7, T0);
	auth_session_new(&t, 42, 7, T0);
	assert_memory_not_equal(s.sid, t.sid, AUTH_SID_BYTES);
	auth_session_touch(&s, T0 + 60);
	assert_int_equal(auth_session_encode(&keys, &s, a), 0);
	assert_int_equal(auth_session_decode(&keys, a, T0 + 60, &got), AUTH_OK);
	assert_memory_equal(got.sid, s.sid, AUTH_SID_BYTES);
	/* a version-1 cookie (no session id: 30 bytes of payload and the MAC) is not ours any more */
	unsigned char v1[30 + crypto_auth_BYTES] = { 1, keys.current.id };
	crypto_auth(v1 + 30, v1, 30, keys.current.key);
	sodium_bin2base64(a, sizeof(a), v1, sizeof(v1), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	assert_int_equal(auth_session_decode(&keys, a, T0, &got), AUTH_MALFORMED);
}

static void
test_password_rules(void **state)
{
	char buf[1100];
	(void)state;
	assert_false(auth_password_ok(NULL));
	assert_false(auth_password_ok(""));
	assert_false(auth_password_ok("elleve-tegn")); /* 11 */
	assert_true(auth_password_ok("tolv-tegn-ok")); /* 12 */
	/* characters, not bytes: 12 x 'ø' (24 bytes) is fine, 11 x 'ø' is not */
	assert_true(auth_password_ok("øøøøøøøøøøøø"));
	assert_false(auth_password_ok("øøøøøøøøøøø"));
	memset(buf, 'a', 256);
	buf[256] = '\0';
	assert_true(auth_password_ok(buf));
	buf[256] = 'a';
	buf[257] = '\0';
	assert_false(auth_password_ok(buf));
	assert_false(auth_password_ok("tolv-tegn\nok-x")); /* control characters */
}

static void
test_password_hash_verify(void **state)
{
	char h[crypto_pwhash_STRBYTES];
	(void)state;
	assert_int_equal(auth_hash_slots_init(1, NULL), 0);
	assert_int_equal(auth_password_hash("Demo-passord-2026", h), AUTH_OK);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_int_equal(auth_password_verify(h, "Demo-passord-2026"), AUTH_OK);
	assert_int_equal(auth_password_verify(h, "Demo-passord-2027"), AUTH_FAILED);
	assert_int_equal(auth_password_verify(NULL, "Demo-passord-2026"), AUTH_FAILED);
	assert_int_equal(auth_password_verify("", "Demo-passord-2026"), AUTH_FAILED);
	auth_hash_slots_close();
}

/* The host's hashing slots: a second hash from one address is refused at once, another address
 * waits (a bounded time) for the one slot, and a holder killed with SIGKILL gives back both. */
static void
test_hash_slots(void **state)
{
	int64_t t0;
	pid_t pid;
	int status;
	(void)state;

	assert_int_equal(auth_hash_slots_init(1, NULL), 0);
	auth_hash_wait_set(30000);
	auth_hash_client("192.0.2.1");
	assert_int_equal(auth_slot_take(), AUTH_OK);
	t0 = util_now_us();
	assert_int_equal(auth_slot_take(), AUTH_BUSY); /* the same address: refused without waiting */
	assert_true(util_now_us() - t0 < 15000000);
	auth_hash_client("192.0.2.2");
	auth_hash_wait_set(200);
	t0 = util_now_us();
	assert_int_equal(auth_slot_take(), AUTH_BUSY); /* another address waits for the one slot */
	assert_true(util_now_us() - t0 >= 200000);
	auth_hash_client("192.0.2.1");
	auth_slot_give();
	auth_hash_client("192.0.2.2");
	assert_int_equal(auth_slot_take(), AUTH_OK);
	auth_slot_give();
	auth_hash_client(NULL); /* no address known: only the slots count */
	assert_int_equal(auth_slot_take(), AUTH_OK);
	auth_slot_give();

	if ((pid = fork()) == 0) {
		auth_hash_client("2001:db8::3");
		if (auth_slot_take() != AUTH_OK)
			_exit(1);
		raise(SIGKILL);
		_exit(2);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	auth_hash_wait_set(0);
	auth_hash_client("2001:db8::3");
	assert_int_equal(auth_slot_take(), AUTH_OK); /* the kernel gave back the slot and the address */
	auth_slot_give();
	auth_hash_client(NULL);
	auth_hash_slots_close();
}

static void
test_csrf(void **state)
{
	const char *pub = "https://tilskudd.example.no";
	(void)state;
	assert_true(auth_csrf_ok("1", pub, pub));
	assert_false(auth_csrf_ok(NULL, pub, pub));                           /* header missing */
	assert_false(auth_csrf_ok("1", NULL, pub));                           /* Origin missing */
	assert_false(auth_csrf_ok("1", "", pub));
	assert_false(auth_csrf_ok("1", "null", pub));                         /* sandboxed frame */
	assert_false(auth_csrf_ok("1", "http://evil.example", pub));
	assert_false(auth_csrf_ok("1", "http://tilskudd.example.no", pub));   /* other scheme */
	assert_false(auth_csrf_ok("1", "https://tilskudd.example.no:8443", pub)); /* other port */
	assert_false(auth_csrf_ok("1", "https://tilskudd.example.no.evil", pub));
	assert_false(auth_csrf_ok("1", "http://127.0.0.1:8080", pub));        /* the address it listens on */
	assert_false(auth_csrf_ok("1", pub, NULL));                           /* no public_url: nothing passes */
	assert_false(auth_csrf_ok("1", pub, ""));
}

static void
test_email(void **state)
{
	char out[255];
	(void)state;
	assert_true(valid_email_ok("leder@frivillig.demo"));
	assert_true(valid_email_ok("a.b+c@sub.example.no"));
	assert_false(valid_email_ok("no-at-sign"));
	assert_false(valid_email_ok("@example.no"));
	assert_false(valid_email_ok("a@b@c.no"));
	assert_false(valid_email_ok("a@nodot"));
	assert_false(valid_email_ok("a b@example.no"));
	assert_false(valid_email_ok("a@example.no."));
	assert_false(valid_email_ok("a@.example.no"));
	assert_false(valid_email_ok("ola@blåbær.no"));
	assert_false(valid_email_ok("a\x7f@example.no"));
	assert_int_equal(valid_email_normalize("Leder@Frivillig.DEMO", out, sizeof(out)), VALID_EMAIL_OK);
	assert_string_equal(out, "leder@frivillig.demo");
	assert_int_equal(valid_email_normalize("a@b.no", out, 4), VALID_EMAIL_BAD);
	/* one key whatever surrounds it: the login throttle and the lookup see the same address */
	static const char *const same[] = { "leder@frivillig.demo ", "  Leder@Frivillig.demo\t", "\r\nLEDER@FRIVILLIG.DEMO\n",
		"\xc2\xa0leder@frivillig.demo\xc2\xa0", "\xef\xbb\xbfleder@frivillig.demo\xe2\x80\x8b",
		"leder@frivillig.demo\xe2\x80\xaf\xe3\x80\x80 \xe2\x81\xa0", NULL };
	for (size_t i = 0; same[i]; i++) {
		assert_int_equal(valid_email_normalize(same[i], out, sizeof(out)), VALID_EMAIL_OK);
		assert_string_equal(out, "leder@frivillig.demo");
	}
	/* spaces inside, or only spaces, are not an address */
	assert_int_equal(valid_email_normalize("leder @frivillig.demo", out, sizeof(out)), VALID_EMAIL_BAD);
	assert_int_equal(valid_email_normalize(" \xc2\xa0 ", out, sizeof(out)), VALID_EMAIL_BAD);
	assert_int_equal(valid_email_normalize("", out, sizeof(out)), VALID_EMAIL_BAD);
	/* characters the database would equal to others (accents, full width, ß) are refused, in NFC
	 * or decomposed form alike */
	static const char *const wide[] = { "jos\xc3\xa9@example.no", "jose\xcc\x81@example.no",
		"\xef\xbd\x81" "dmin@imdi.demo", "stra\xc3\x9f" "e@example.no", "ola@bl\xc3\xa5" "b\xc3\xa6r.no",
		"leder@frivillig.demo\xc2\xad", NULL };
	for (size_t i = 0; wide[i]; i++)
		assert_int_equal(valid_email_normalize(wide[i], out, sizeof(out)), VALID_EMAIL_NOT_ASCII);
	/* trimming alone keeps the letters as typed */
	assert_int_equal(valid_email_trim(" \xc2\xa0Ny.Bruker@Eksempel.no\t", out, sizeof(out)), 0);
	assert_string_equal(out, "Ny.Bruker@Eksempel.no");
	assert_int_equal(valid_email_trim("  abc  ", out, 4), 0);
	assert_int_equal(valid_email_trim("  abcd  ", out, 4), -1);
}

static void
test_tokens(void **state)
{
	char a[48], b[48];
	unsigned char ha[32], hb[32], check[32];
	(void)state;
	auth_token_new(a, ha);
	auth_token_new(b, hb);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	auth_sha256(a, check);
	assert_memory_equal(ha, check, 32);
	assert_memory_not_equal(ha, hb, 32);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_truncated_and_garbage),
		cmocka_unit_test(test_unknown_key_and_rotation),
		cmocka_unit_test(test_expiry_edges),
		cmocka_unit_test(test_generation_is_carried),
		cmocka_unit_test(test_session_id),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_password_hash_verify),
		cmocka_unit_test(test_hash_slots),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_tokens),
	};
	return cmocka_run_group_tests_name("auth", tests, setup, NULL);
}
