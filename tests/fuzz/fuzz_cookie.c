/*
 * fuzz_cookie.c - cookie_get (http/query.h) on a fuzzed Cookie header.
 *
 * Input: the header, or "NAME\nHEADER" to look up a fuzzed cookie name as well. Always looked up:
 * the session cookie (with the AUTH_COOKIE_MAX buffer session.c uses) and the fuzzed name.
 *
 * Invariants: a value found fits its buffer, holds no ';', occurs in the header right after
 * "NAME=" (or "NAME=\""), and does not depend on the buffer size except for being refused when it
 * does not fit; a zero-sized buffer never finds anything.
 */
#include "http/auth.h"
#include "http/query.h"

#include "fuzz.h"

static void
check(const char *header, const char *name)
{
	size_t hlen = strlen(header), nlen = strlen(name);
	size_t biglen = hlen + 1;
	char *big = malloc(biglen), *pat = malloc(nlen + hlen + 3);
	char small[AUTH_COOKIE_MAX], tiny[1];
	bool found_big, found_small;

	if (big == NULL || pat == NULL)
		abort();
	found_big = cookie_get(header, name, big, biglen);
	found_small = cookie_get(header, name, small, sizeof(small));
	FUZZ_CHECK(!cookie_get(header, name, tiny, 0));
	if (found_big) {
		size_t vlen = strlen(big);
		FUZZ_CHECK(vlen < biglen);
		FUZZ_CHECK(strchr(big, ';') == NULL);
		memcpy(pat, name, nlen);
		pat[nlen] = '=';
		memcpy(pat + nlen + 1, big, vlen + 1);
		if (strstr(header, pat) == NULL) { /* the value may have been unquoted */
			pat[nlen + 1] = '"';
			memcpy(pat + nlen + 2, big, vlen);
			pat[nlen + 2 + vlen] = '\0';
			FUZZ_CHECK(strstr(header, pat) != NULL);
		}
		/* the one-byte buffer only takes the empty value */
		FUZZ_CHECK(cookie_get(header, name, tiny, sizeof(tiny)) == (vlen == 0));
		if (vlen < sizeof(small)) {
			FUZZ_CHECK(found_small);
			FUZZ_CHECK(strcmp(small, big) == 0);
		} else {
			FUZZ_CHECK(!found_small);
		}
	} else {
		FUZZ_CHECK(!found_small);
		FUZZ_CHECK(!cookie_get(header, name, tiny, sizeof(tiny)));
	}
	free(big);
	free(pat);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size);
	char *nl = strchr(in, '\n');

	FUZZ_CHECK(!cookie_get(NULL, AUTH_COOKIE_NAME, (char[8]){ 0 }, 8));
	if (nl != NULL) {
		*nl = '\0';
		check(nl + 1, in);
		check(nl + 1, AUTH_COOKIE_NAME);
	} else {
		check(in, AUTH_COOKIE_NAME);
	}
	free(in);
	return 0;
}
