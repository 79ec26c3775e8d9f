/*
 * fuzz_totp.c - the second factor's input parsers (svc/totp.h): totp_code_parse,
 * totp_recovery_parse, totp_uri (the input as the account's email), totp_open (the input as a
 * stored box, with a fixed key) and totp_match (the input as a code, at a time from its first bytes).
 *
 * Invariants: a parsed code is six ASCII digits, exactly the input's characters other than spaces;
 * a parsed recovery code is TOTP_RECOVERY_LEN characters of the alphabet and parses to itself; the
 * URI fits its buffer, starts with the issuer's label, and its label holds only unreserved
 * characters and %XX; a box opens only when it is TOTP_BOX_HEX hex characters (and sealing then
 * opening gives the secret back); a code that is not six digits never matches.
 */
#include "svc/totp.h"

#include <sodium.h>

#include "fuzz.h"

static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return sodium_init() < 0 ? 1 : 0;
}

static void
check_code(const char *s)
{
	char out[TOTP_DIGITS + 1], rc[TOTP_RECOVERY_LEN + 1], again[TOTP_RECOVERY_LEN + 1];
	size_t i, n = 0;

	if (totp_code_parse(s, out)) {
		FUZZ_CHECK(strlen(out) == TOTP_DIGITS);
		for (i = 0; s[i]; i++)
			if (s[i] != ' ')
				FUZZ_CHECK(n < TOTP_DIGITS && s[i] == out[n++] && s[i] >= '0' && s[i] <= '9');
		FUZZ_CHECK(n == TOTP_DIGITS);
	}
	if (totp_recovery_parse(s, rc)) {
		FUZZ_CHECK(strlen(rc) == TOTP_RECOVERY_LEN);
		for (i = 0; rc[i]; i++)
			FUZZ_CHECK(strchr(alphabet, rc[i]) != NULL);
		FUZZ_CHECK(totp_recovery_parse(rc, again) && strcmp(again, rc) == 0);
	}
}

static void
check_uri(const char *s)
{
	static const char head[] = "otpauth://totp/" TOTP_ISSUER ":";
	char uri[1024];
	const char *p, *end;

	totp_uri(s, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri, sizeof(uri));
	FUZZ_CHECK(strlen(uri) < sizeof(uri));
	FUZZ_CHECK(strncmp(uri, head, sizeof(head) - 1) == 0);
	end = strchr(uri + sizeof(head) - 1, '?');
	for (p = uri + sizeof(head) - 1; *p && p != end; p++) {
		if (*p == '%') {
			FUZZ_CHECK(strchr("0123456789ABCDEF", p[1]) && p[1] && strchr("0123456789ABCDEF", p[2]) && p[2]);
			p += 2;
		} else {
			FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    strchr("-._~", *p));
		}
	}
}

static void
check_box(const char *s, size_t n)
{
	unsigned char key[32], secret[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
	char box[TOTP_BOX_HEX + 1];
	time_t now = 0;
	size_t i;

	memset(key, 0x5a, sizeof(key));
	if (totp_open(key, s, secret) == 0)
		FUZZ_CHECK(strlen(s) == TOTP_BOX_HEX && strspn(s, "0123456789abcdefABCDEF") == TOTP_BOX_HEX);
	/* the input's first bytes as a secret: sealed, it opens to itself */
	memset(secret, 0, sizeof(secret));
	memcpy(secret, s, n < sizeof(secret) ? n : sizeof(secret));
	FUZZ_CHECK(totp_seal(key, secret, box) == 0 && totp_open(key, box, back) == 0);
	FUZZ_CHECK(memcmp(secret, back, sizeof(secret)) == 0);
	for (i = 0; i < 4 && i < n; i++)
		now = now << 8 | (unsigned char)s[i];
	if (strlen(s) != TOTP_DIGITS || strspn(s, "0123456789") != TOTP_DIGITS)
		FUZZ_CHECK(totp_match(secret, s, now) == 0);
	else
		(void)totp_match(secret, s, now);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	check_code(s);
	check_uri(s);
	check_box(s, strlen(s));
	free(s);
	return 0;
}
