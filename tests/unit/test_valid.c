/*
 * test_valid.c - the pure input validators: organisation-number check digit, bounded integers and
 * amounts, calendar dates and times, slugs and sub-goals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "valid.h"

static void
test_orgnr(void **state)
{
	/* real organisation numbers (Brønnøysundregistrene, NAV, Skatteetaten) and the demo one */
	static const char *const good[] = { "974760673", "889640782", "974761076", "987654325", NULL };
	static const char *const bad[] = { "974760674", "97476067", "9747606730", "97476067a", "", " 974760673", "974 760 673",
		"123456789" /* remainder 10: never valid */, NULL };
	size_t i;
	(void)state;
	for (i = 0; good[i]; i++)
		assert_true(valid_orgnr(good[i]));
	for (i = 0; bad[i]; i++)
		if (valid_orgnr(bad[i]))
			fail_msg("%s accepted", bad[i]);
	assert_false(valid_orgnr(NULL));
}

static void
test_int64(void **state)
{
	int64_t v = 0;
	(void)state;
	assert_true(valid_int64("0", 0, 10, &v));
	assert_int_equal(v, 0);
	assert_true(valid_int64("-5", -10, 10, &v));
	assert_int_equal(v, -5);
	assert_true(valid_int64("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_true(valid_int64("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);
	assert_false(valid_int64("9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_false(valid_int64("-9223372036854775809", INT64_MIN, INT64_MAX, &v));
	assert_false(valid_int64("11", 0, 10, &v));
	assert_false(valid_int64("+1", 0, 10, &v));
	assert_false(valid_int64(" 1", 0, 10, &v));
	assert_false(valid_int64("1 ", 0, 10, &v));
	assert_false(valid_int64("", 0, 10, &v));
	assert_false(valid_int64("-", -10, 10, &v));
	assert_false(valid_int64("1e3", 0, 10000, &v));
	assert_false(valid_int64("0x10", 0, 100, &v));
	assert_false(valid_int64(NULL, 0, 10, &v));
}

static void
test_amount(void **state)
{
	int64_t v;
	(void)state;
	assert_true(valid_amount("0", &v));
	assert_true(valid_amount("1269000", &v));
	assert_int_equal(v, 1269000);
	assert_true(valid_amount("10000000000", &v));
	assert_false(valid_amount("10000000001", &v));
	assert_false(valid_amount("-1", &v));
	assert_false(valid_amount("1 269 000", &v));
	assert_false(valid_amount("100,50", &v));
}

static void
test_dates(void **state)
{
	struct valid_datetime dt;
	(void)state;
	assert_true(valid_date("2024-02-29", &dt));
	assert_int_equal(dt.year, 2024);
	assert_int_equal(dt.month, 2);
	assert_int_equal(dt.day, 29);
	assert_true(valid_date("2000-02-29", NULL));
	assert_false(valid_date("2026-02-29", NULL));
	assert_false(valid_date("1900-02-29", NULL));
	assert_false(valid_date("2026-13-01", NULL));
	assert_false(valid_date("2026-00-10", NULL));
	assert_false(valid_date("2026-04-31", NULL));
	assert_false(valid_date("2026-4-1", NULL));
	assert_false(valid_date("2026/04/01", NULL));
	assert_false(valid_date("2026-04-01T00:00", NULL));
	assert_true(valid_datetime_local("2026-12-31T23:59", &dt));
	assert_int_equal(dt.hour, 23);
	assert_int_equal(dt.minute, 59);
	assert_int_equal(dt.second, 0);
	assert_true(valid_datetime_local("2026-03-29T02:30:15", &dt));
	assert_int_equal(dt.second, 15);
	assert_false(valid_datetime_local("2026-12-31T24:00", NULL));
	assert_false(valid_datetime_local("2026-12-31T23:60", NULL));
	assert_false(valid_datetime_local("2026-12-31 23:59", NULL));
	assert_false(valid_datetime_local("2026-12-31T23:59:60", NULL));
	assert_int_equal(valid_days_in_month(2024, 2), 29);
	assert_int_equal(valid_days_in_month(2026, 2), 28);
	assert_int_equal(valid_days_in_month(2026, 12), 31);
	assert_int_equal(valid_days_in_month(2026, 13), 0);
}

static void
test_slug_subgoal(void **state)
{
	(void)state;
	assert_true(valid_slug("oslo", 32));
	assert_true(valid_slug("nord-fron-2", 32));
	assert_false(valid_slug("Oslo", 32));
	assert_false(valid_slug("-oslo", 32));
	assert_false(valid_slug("os lo", 32));
	assert_false(valid_slug("", 32));
	assert_false(valid_slug("abcdefghijklmnopqrstuvwxyzabcdefg", 32));
	assert_false(valid_slug("bærum", 32));
	assert_true(valid_subgoal("A"));
	assert_true(valid_subgoal("D"));
	assert_false(valid_subgoal("E"));
	assert_false(valid_subgoal("a"));
	assert_false(valid_subgoal("AB"));
	assert_false(valid_subgoal(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orgnr), cmocka_unit_test(test_int64), cmocka_unit_test(test_amount),
		cmocka_unit_test(test_dates), cmocka_unit_test(test_slug_subgoal),
	};
	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
