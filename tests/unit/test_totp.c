/*
 * test_totp.c - the pure parts of the second factor (svc/totp.c): codes against the test vectors
 * of RFC 6238 (appendix B, HMAC-SHA1) and the window of one step either side, parsing codes and
 * recovery codes as people type them, the otpauth:// URI, and sealing secrets (a wrong key, a
 * changed byte or a wrong length does not open).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <string.h>

#include "svc/totp.h"

/* the test key of RFC 6238 (and the demo staff's secret): "12345678901234567890" */
static const unsigned char rfc_key[TOTP_SECRET_BYTES] = "12345678901234567890";

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static void
test_rfc6238_vectors(void **state)
{
	/* appendix B's eight-digit codes; six digits are their last six */
	static const struct { time_t t; const char *code; } v[] = {
		{ 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" }, { 2000000000, "279037" }, { 20000000000, "353130" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(totp_match(rfc_key, v[i].code, v[i].t), v[i].t / TOTP_STEP_SECONDS);
}

static void
test_window(void **state)
{
	const time_t t = 1111111109; /* step 37037036 */
	(void)state;
	assert_int_equal(totp_match(rfc_key, "081804", t), 37037036);
	assert_int_equal(totp_match(rfc_key, "081804", t + 30), 37037036);  /* a step late */
	assert_int_equal(totp_match(rfc_key, "081804", t - 30), 37037036);  /* a step early */
	assert_int_equal(totp_match(rfc_key, "081804", t + 60), 0);
	assert_int_equal(totp_match(rfc_key, "081804", t - 60), 0);
	assert_int_equal(totp_match(rfc_key, "081805", t), 0);
	assert_int_equal(totp_match(rfc_key, "08180", t), 0);
	assert_int_equal(totp_match(rfc_key, NULL, t), 0);
}

static void
test_code_parse(void **state)
{
	char out[TOTP_DIGITS + 1];
	(void)state;
	assert_true(totp_code_parse("123456", out));
	assert_string_equal(out, "123456");
	assert_true(totp_code_parse(" 123 456 ", out));
	assert_string_equal(out, "123456");
	assert_false(totp_code_parse("12345", out));
	assert_false(totp_code_parse("1234567", out));
	assert_false(totp_code_parse("12a456", out));
	assert_false(totp_code_parse("12-456", out));
	assert_false(totp_code_parse("１２３４５６", out)); /* full-width digits are not digits here */
	assert_false(totp_code_parse("", out));
	assert_false(totp_code_parse(NULL, out));
}

static void
test_recovery_parse(void **state)
{
	char out[TOTP_RECOVERY_LEN + 1];
	(void)state;
	assert_true(totp_recovery_parse("abcde-fghjk", out));
	assert_string_equal(out, "abcdefghjk");
	assert_true(totp_recovery_parse(" ABCDE FGHJK ", out));
	assert_string_equal(out, "abcdefghjk");
	assert_true(totp_recovery_parse("oOiIl-LzZ01", out)); /* read as handwritten: o 0, i and l 1 */
	assert_string_equal(out, "001111zz01");
	assert_false(totp_recovery_parse("abcde-fghju", out)); /* no u in the alphabet */
	assert_false(totp_recovery_parse("abcde-fghj", out));
	assert_false(totp_recovery_parse("abcde-fghjkm", out));
	assert_false(totp_recovery_parse("abcde_fghjk", out));
	assert_false(totp_recovery_parse("abcdé-fghjk", out));
	assert_false(totp_recovery_parse("", out));
}

static void
test_uri(void **state)
{
	char uri[1024];
	(void)state;
	totp_uri("ola.nordmann+x@kommune.no", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri, sizeof(uri));
	assert_string_equal(uri, "otpauth://totp/Tilskuddsportalen:ola.nordmann%2Bx%40kommune.no"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tilskuddsportalen&algorithm=SHA1&digits=6&period=30");
	totp_uri("åse@bø.no", "AAAA", uri, sizeof(uri));
	assert_non_null(strstr(uri, "totp/Tilskuddsportalen:%C3%A5se%40b%C3%B8.no?"));
}

static void
test_seal_open(void **state)
{
	unsigned char key[32], other[32], secret[TOTP_SECRET_BYTES];
	char box[TOTP_BOX_HEX + 1], box2[TOTP_BOX_HEX + 1];
	(void)state;
	memset(key, 0x42, sizeof(key));
	memset(other, 0x43, sizeof(other));
	assert_int_equal(totp_seal(key, rfc_key, box), 0);
	assert_int_equal(strlen(box), TOTP_BOX_HEX);
	assert_int_equal(totp_open(key, box, secret), 0);
	assert_memory_equal(secret, rfc_key, sizeof(secret));
	/* a fresh nonce each time: the same secret never looks the same */
	assert_int_equal(totp_seal(key, rfc_key, box2), 0);
	assert_string_not_equal(box, box2);
	assert_int_equal(totp_open(other, box, secret), -1);
	box[TOTP_BOX_HEX - 1] = box[TOTP_BOX_HEX - 1] == '0' ? '1' : '0';
	assert_int_equal(totp_open(key, box, secret), -1);
	box[10] = '\0';
	assert_int_equal(totp_open(key, box, secret), -1);
	assert_int_equal(totp_open(key, "", secret), -1);
	memset(box, 'z', TOTP_BOX_HEX);
	box[TOTP_BOX_HEX] = '\0';
	assert_int_equal(totp_open(key, box, secret), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_code_parse),
		cmocka_unit_test(test_recovery_parse),
		cmocka_unit_test(test_uri),
		cmocka_unit_test(test_seal_open),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
