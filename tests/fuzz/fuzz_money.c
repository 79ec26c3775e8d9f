/*
 * fuzz_money.c - money_parse (domain/money.h) on a fuzzed amount, as the CSV import and the
 * application forms give it.
 *
 * Invariants: a parsed amount lies in 0..VALID_AMOUNT_MAX; a refusal always says why; the result
 * does not depend on whether out/why are passed; plain digit strings agree with valid_amount; and
 * every parsed amount (and one derived from the input's hash) round-trips through each way money.h
 * says Norwegians write it ("1 269 000", "1.000.000", "kr 50 000", "kr. 2 639 700,-", "50 000,-",
 * "50 000 kr", "NOK 10 000", "25 000,00", no-break and thin spaces), while VALID_AMOUNT_MAX + 1
 * written the same ways is refused. money.h has no formatter, so the harness writes the forms.
 */
#include "domain/money.h"
#include "domain/valid.h"

#include "fuzz.h"

#include <inttypes.h>

/* v with sep between groups of three digits */
static void
grouped(char *out, size_t cap, int64_t v, const char *sep)
{
	char digits[32];
	size_t n = (size_t)snprintf(digits, sizeof(digits), "%" PRId64, v), i, k = 0, sl = strlen(sep);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			FUZZ_CHECK(k + sl < cap);
			memcpy(out + k, sep, sl);
			k += sl;
		}
		FUZZ_CHECK(k + 1 < cap);
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

static void
round_trip(int64_t v)
{
	static const char *const seps[] = { "", " ", ".", "\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf" };
	static const char *const forms[][2] = {
		{ "", "" }, { "kr ", "" }, { "kr. ", ",-" }, { "", ",-" }, { "", " kr" }, { "NOK ", "" }, { "", ",00" },
		{ "KR ", ".-" }, { "  ", " \t" }, { "", ",\xe2\x80\x93" }, { "nok ", " kr." }, { "kr\xc2\xa0", "\xc2\xa0" },
	};
	bool want = v <= VALID_AMOUNT_MAX;
	size_t i, j;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		char num[64];
		grouped(num, sizeof(num), v, seps[i]);
		for (j = 0; j < sizeof(forms) / sizeof(forms[0]); j++) {
			char text[96];
			int64_t got = -1;
			const char *why = NULL;
			bool ok;
			snprintf(text, sizeof(text), "%s%s%s", forms[j][0], num, forms[j][1]);
			ok = money_parse(text, &got, &why);
			if (ok != want || (ok && got != v)) {
				fprintf(stderr, "money_parse(\"%s\") = %d, %" PRId64 " (%s); want %d, %" PRId64 "\n", text, ok, got,
				    ok ? "" : why, want, v);
				abort();
			}
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	int64_t v = -1, v2;
	const char *why = NULL;
	bool ok = money_parse(s, &v, &why);
	uint64_t h = 1469598103934665603u; /* FNV-1a of the input: another amount to write and read back */
	size_t i, len = strlen(s);

	FUZZ_CHECK(ok == money_parse(s, NULL, NULL));
	FUZZ_CHECK(why != NULL && why[0] != '\0');
	if (ok) {
		FUZZ_CHECK(v >= 0 && v <= VALID_AMOUNT_MAX);
		round_trip(v);
	}
	if (len >= 1 && len <= 13 && strspn(s, "0123456789") == len) {
		FUZZ_CHECK(valid_amount(s, &v2) == ok);
		FUZZ_CHECK(!ok || v2 == v);
	}
	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211u;
	round_trip((int64_t)(h % (uint64_t)(VALID_AMOUNT_MAX + 1)));
	if (size == 0) {
		round_trip(0);
		round_trip(VALID_AMOUNT_MAX);
		round_trip(VALID_AMOUNT_MAX + 1);
	}
	free(s);
	return 0;
}
