/*
 * test_valid.c - unit tests for valid.c: Norwegian organisation numbers (modulus 11),
 * valid_int64 bounds and overflow, valid_amount, valid_days_in_month, valid_date (leap years),
 * valid_datetime_local (with and without seconds), valid_slug and valid_subgoal.
 */
#include "domain/valid.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

/*
 * Check digits worked out by hand (weights 3 2 7 6 5 4 3 2, k = 11 - sum % 11, 11 -> 0):
 *   974760673: 27+14+28+42+30+0+18+14 = 173, 173 % 11 = 8, k = 3
 *   971526920: 27+14+7+30+10+24+27+4  = 143, 143 % 11 = 0, k = 11 -> 0
 *   983887457: 27+16+21+48+40+28+12+10 = 202, 202 % 11 = 4, k = 7
 *   923609016: 27+4+21+36+0+36+0+2    = 126, 126 % 11 = 5, k = 6
 *   889640782: 24+16+63+36+20+0+21+16 = 196, 196 % 11 = 9, k = 2
 *   987654325: 27+16+49+36+25+16+9+4  = 182, 182 % 11 = 6, k = 5
 *   123456789: 3+4+21+24+25+24+21+16  = 138, 138 % 11 = 6, k = 5 (not 9)
 *   10000013x: 3+0+0+0+0+0+3+6        = 12,  12 % 11 = 1,  k = 10: no check digit fits
 */
static void
test_orgnr(void **state)
{
	static const struct {
		const char *s;
		bool ok;
	} cases[] = {
		{ "974760673", true },  /* Brønnøysundregistrene */
		{ "971526920", true },  /* remainder 0: check digit 0 */
		{ "983887457", true },
		{ "923609016", true },
		{ "889640782", true },
		{ "987654325", true },  /* the demo organisation */
		{ "123456789", false }, /* wrong check digit (5 would be right) */
		{ "974760670", false }, /* wrong check digits */
		{ "974760674", false },
		{ "971526921", false },
		{ "983887450", false },
		{ "97476067", false },   /* 8 digits */
		{ "9747606730", false }, /* 10 digits */
		{ "97476067a", false },
		{ "a74760673", false },
		{ "974 760 673", false },
		{ " 974760673", false },
		{ "974760673 ", false },
		{ "-97476067", false },
		{ "", false },
		{ NULL, false },
	};
	size_t i;
	int d;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (valid_orgnr(cases[i].s) != cases[i].ok)
			fail_msg("valid_orgnr(\"%s\") != %d", cases[i].s ? cases[i].s : "(null)", (int)cases[i].ok);
	/* exactly one check digit fits a valid base ... */
	for (d = 0; d <= 9; d++) {
		char s[10];
		snprintf(s, sizeof(s), "97476067%d", d);
		assert_int_equal(valid_orgnr(s), d == 3);
	}
	/* ... and none when the remainder would need a check digit of 10 */
	for (d = 0; d <= 9; d++) {
		char s[10];
		snprintf(s, sizeof(s), "10000013%d", d);
		if (valid_orgnr(s))
			fail_msg("valid_orgnr(\"%s\") accepted a remainder-10 number", s);
	}
}

static void
test_int64(void **state)
{
	static const struct {
		const char *s;
		int64_t min, max;
		bool ok;
		int64_t want;
	} cases[] = {
		{ "0", 0, 10, true, 0 },
		{ "10", 0, 10, true, 10 },
		{ "11", 0, 10, false, 0 },
		{ "-1", 0, 10, false, 0 },
		{ "-5", -10, 10, true, -5 },
		{ "-0", -10, 10, true, 0 },
		{ "007", 0, 10, true, 7 },
		{ "9223372036854775807", INT64_MIN, INT64_MAX, true, INT64_MAX },
		{ "-9223372036854775808", INT64_MIN, INT64_MAX, true, INT64_MIN },
		{ "9223372036854775808", INT64_MIN, INT64_MAX, false, 0 },  /* INT64_MAX + 1 */
		{ "-9223372036854775809", INT64_MIN, INT64_MAX, false, 0 }, /* INT64_MIN - 1 */
		{ "9999999999999999999", INT64_MIN, INT64_MAX, false, 0 },
		{ "18446744073709551616", INT64_MIN, INT64_MAX, false, 0 }, /* 2^64 */
		{ "00000000000000000001", INT64_MIN, INT64_MAX, false, 0 }, /* 20 digits */
		{ "+1", INT64_MIN, INT64_MAX, false, 0 },
		{ " 1", INT64_MIN, INT64_MAX, false, 0 },
		{ "1 ", INT64_MIN, INT64_MAX, false, 0 },
		{ "1 2", INT64_MIN, INT64_MAX, false, 0 },
		{ "", INT64_MIN, INT64_MAX, false, 0 },
		{ "-", INT64_MIN, INT64_MAX, false, 0 },
		{ "--1", INT64_MIN, INT64_MAX, false, 0 },
		{ "1.0", INT64_MIN, INT64_MAX, false, 0 },
		{ "1e3", INT64_MIN, INT64_MAX, false, 0 },
		{ "0x10", INT64_MIN, INT64_MAX, false, 0 },
		{ "12a", INT64_MIN, INT64_MAX, false, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t out = 12345;
		bool ok = valid_int64(cases[i].s, cases[i].min, cases[i].max, &out);
		if (ok != cases[i].ok)
			fail_msg("valid_int64(\"%s\", %lld, %lld) = %d", cases[i].s, (long long)cases[i].min,
			    (long long)cases[i].max, (int)ok);
		if (ok)
			assert_true(out == cases[i].want);
		else
			assert_true(out == 12345); /* untouched on failure */
	}
	assert_false(valid_int64(NULL, 0, 1, NULL));
	assert_true(valid_int64("1", 0, 1, NULL)); /* out may be NULL */
}

static void
test_amount(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		int64_t want;
	} cases[] = {
		{ "0", true, 0 },
		{ "1", true, 1 },
		{ "250000", true, 250000 },
		{ "10000000000", true, VALID_AMOUNT_MAX },
		{ "10000000001", false, 0 },
		{ "99999999999999999999", false, 0 },
		{ "-1", false, 0 },
		{ "-0", false, 0 },
		{ "+1", false, 0 },
		{ "1.50", false, 0 },
		{ "1,50", false, 0 },
		{ "1 000", false, 0 },
		{ "", false, 0 },
		{ NULL, false, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t out = -7;
		bool ok = valid_amount(cases[i].s, &out);
		if (ok != cases[i].ok)
			fail_msg("valid_amount(\"%s\") = %d", cases[i].s ? cases[i].s : "(null)", (int)ok);
		if (ok)
			assert_true(out == cases[i].want);
	}
}

static void
test_days_in_month(void **state)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m;
	(void)state;
	for (m = 1; m <= 12; m++)
		assert_int_equal(valid_days_in_month(2026, m), days[m - 1]);
	assert_int_equal(valid_days_in_month(2024, 2), 29);
	assert_int_equal(valid_days_in_month(2000, 2), 29);
	assert_int_equal(valid_days_in_month(1900, 2), 28);
	assert_int_equal(valid_days_in_month(2100, 2), 28);
	assert_int_equal(valid_days_in_month(2026, 0), 0);
	assert_int_equal(valid_days_in_month(2026, 13), 0);
}

static void
test_date(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		int y, m, d;
	} cases[] = {
		{ "2026-01-01", true, 2026, 1, 1 },
		{ "2026-12-31", true, 2026, 12, 31 },
		{ "2024-02-29", true, 2024, 2, 29 },
		{ "2000-02-29", true, 2000, 2, 29 },
		{ "2026-02-28", true, 2026, 2, 28 },
		{ "0001-01-01", true, 1, 1, 1 },
		{ "9999-12-31", true, 9999, 12, 31 },
		{ "2026-02-29", false, 0, 0, 0 },
		{ "1900-02-29", false, 0, 0, 0 },
		{ "2024-02-30", false, 0, 0, 0 },
		{ "2026-04-31", false, 0, 0, 0 },
		{ "2026-13-01", false, 0, 0, 0 },
		{ "2026-00-10", false, 0, 0, 0 },
		{ "2026-01-00", false, 0, 0, 0 },
		{ "2026-01-32", false, 0, 0, 0 },
		{ "0000-01-01", false, 0, 0, 0 },
		{ "2026-1-01", false, 0, 0, 0 },
		{ "2026/01/01", false, 0, 0, 0 },
		{ "26-01-01", false, 0, 0, 0 },
		{ "2026-01-01T00:00", false, 0, 0, 0 },
		{ "2026-01-01 ", false, 0, 0, 0 },
		{ "2026-0a-01", false, 0, 0, 0 },
		{ "-026-01-01", false, 0, 0, 0 },
		{ "", false, 0, 0, 0 },
		{ NULL, false, 0, 0, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct valid_datetime dt;
		bool ok;
		memset(&dt, 0x55, sizeof(dt));
		ok = valid_date(cases[i].s, &dt);
		if (ok != cases[i].ok)
			fail_msg("valid_date(\"%s\") = %d", cases[i].s ? cases[i].s : "(null)", (int)ok);
		if (ok) {
			assert_int_equal(dt.year, cases[i].y);
			assert_int_equal(dt.month, cases[i].m);
			assert_int_equal(dt.day, cases[i].d);
			assert_int_equal(dt.hour, 0);
			assert_int_equal(dt.minute, 0);
			assert_int_equal(dt.second, 0);
		}
	}
	assert_true(valid_date("2026-03-29", NULL));
}

static void
test_datetime_local(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		int y, mo, d, h, mi, sec;
	} cases[] = {
		{ "2026-03-01T23:59", true, 2026, 3, 1, 23, 59, 0 },
		{ "2026-03-01T23:59:58", true, 2026, 3, 1, 23, 59, 58 },
		{ "2026-03-01T00:00", true, 2026, 3, 1, 0, 0, 0 },
		{ "2026-03-01T00:00:00", true, 2026, 3, 1, 0, 0, 0 },
		{ "2024-02-29T12:30:59", true, 2024, 2, 29, 12, 30, 59 },
		{ "2026-03-01T24:00", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:60", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59:60", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-02-29T12:00", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01 23:59", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01t23:59", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59Z", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59:00Z", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59:00+01:00", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59:0", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:5", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T9:59", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23-59", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01T23:59-00", false, 0, 0, 0, 0, 0, 0 },
		{ "2026-03-01", false, 0, 0, 0, 0, 0, 0 },
		{ "", false, 0, 0, 0, 0, 0, 0 },
		{ NULL, false, 0, 0, 0, 0, 0, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct valid_datetime dt;
		bool ok;
		memset(&dt, 0x55, sizeof(dt));
		ok = valid_datetime_local(cases[i].s, &dt);
		if (ok != cases[i].ok)
			fail_msg("valid_datetime_local(\"%s\") = %d", cases[i].s ? cases[i].s : "(null)", (int)ok);
		if (ok) {
			assert_int_equal(dt.year, cases[i].y);
			assert_int_equal(dt.month, cases[i].mo);
			assert_int_equal(dt.day, cases[i].d);
			assert_int_equal(dt.hour, cases[i].h);
			assert_int_equal(dt.minute, cases[i].mi);
			assert_int_equal(dt.second, cases[i].sec);
		}
	}
}

static void
test_slug(void **state)
{
	static const struct {
		const char *s;
		size_t maxlen;
		bool ok;
	} cases[] = {
		{ "oslo", 32, true },
		{ "nord-fron", 32, true },
		{ "a", 32, true },
		{ "0", 32, true },
		{ "a-b-c-1-2-3", 32, true },
		{ "trailing-", 32, true },
		{ "abcd", 4, true },
		{ "abcde", 4, false },
		{ "-oslo", 32, false },
		{ "-", 32, false },
		{ "Oslo", 32, false },
		{ "osLo", 32, false },
		{ "os lo", 32, false },
		{ "os_lo", 32, false },
		{ "os.lo", 32, false },
		{ "os/lo", 32, false },
		{ "\xc3\xb8st", 32, false }, /* "øst" */
		{ "", 32, false },
		{ NULL, 32, false },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (valid_slug(cases[i].s, cases[i].maxlen) != cases[i].ok)
			fail_msg("valid_slug(\"%s\", %zu) != %d", cases[i].s ? cases[i].s : "(null)", cases[i].maxlen,
			    (int)cases[i].ok);
}

static void
test_subgoal(void **state)
{
	static const struct {
		const char *s;
		bool ok;
	} cases[] = {
		{ "A", true }, { "B", true }, { "C", true }, { "D", true },
		{ "E", false }, { "a", false }, { "d", false }, { "@", false },
		{ "AB", false }, { "A ", false }, { " A", false }, { "", false }, { NULL, false },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (valid_subgoal(cases[i].s) != cases[i].ok)
			fail_msg("valid_subgoal(\"%s\") != %d", cases[i].s ? cases[i].s : "(null)", (int)cases[i].ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orgnr),
		cmocka_unit_test(test_int64),
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_datetime_local),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_subgoal),
	};
	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
