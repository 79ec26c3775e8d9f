/*
 * test_rules.c - deadlines are Oslo wall-clock times, compared as such across the 2026 DST changes
 * (summer time from 2026-03-29 01:00 UTC, winter time from 2026-10-25 01:00 UTC), Oslo <-> UTC
 * conversion and offsets, ISO formatting, call status at its boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "rules.h"

static time_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

static struct valid_datetime
local(int y, int mo, int d, int h, int mi)
{
	struct valid_datetime dt = { y, mo, d, h, mi, 0 };
	return dt;
}

static int
setup(void **state)
{
	(void)state;
	rules_init();
	return 0;
}

static void
test_deadline_winter_and_summer(void **state)
{
	struct valid_datetime winter = local(2026, 1, 15, 23, 59), summer = local(2026, 6, 15, 23, 59);
	(void)state;
	/* 23:59 Oslo in winter is 22:59 UTC */
	assert_false(rules_deadline_passed(&winter, utc(2026, 1, 15, 22, 58, 59)));
	assert_true(rules_deadline_passed(&winter, utc(2026, 1, 15, 22, 59, 0)));
	/* 23:59 Oslo in summer is 21:59 UTC */
	assert_false(rules_deadline_passed(&summer, utc(2026, 6, 15, 21, 58, 59)));
	assert_true(rules_deadline_passed(&summer, utc(2026, 6, 15, 21, 59, 0)));
	/* a naive UTC comparison would call this on time: it is two hours late in Oslo */
	assert_true(rules_deadline_passed(&summer, utc(2026, 6, 15, 22, 30, 0)));
}

static void
test_deadline_across_switches(void **state)
{
	struct valid_datetime gap = local(2026, 3, 29, 2, 30);     /* does not exist in Oslo */
	struct valid_datetime repeat = local(2026, 10, 25, 2, 30); /* happens twice in Oslo */
	struct valid_datetime after_spring = local(2026, 3, 29, 3, 0);
	(void)state;
	/* spring: 01:59:59 UTC is 03:59:59 CEST; 00:59:59 UTC is 01:59:59 CET */
	assert_false(rules_deadline_passed(&gap, utc(2026, 3, 29, 0, 59, 59)));
	assert_true(rules_deadline_passed(&gap, utc(2026, 3, 29, 1, 0, 0)));   /* 03:00 CEST, past 02:30 */
	assert_true(rules_deadline_passed(&after_spring, utc(2026, 3, 29, 1, 0, 0)));
	/* autumn: the deadline passes at the first 02:30 (00:30 UTC, still summer time) */
	assert_false(rules_deadline_passed(&repeat, utc(2026, 10, 25, 0, 29, 59)));
	assert_true(rules_deadline_passed(&repeat, utc(2026, 10, 25, 0, 30, 0)));
	assert_true(rules_deadline_passed(&repeat, utc(2026, 10, 25, 1, 30, 0)));
}

static void
test_conversion_and_offset(void **state)
{
	struct valid_datetime dt, back;
	time_t t;
	(void)state;
	assert_int_equal(rules_oslo_offset(utc(2026, 3, 29, 0, 59, 59)), 3600);
	assert_int_equal(rules_oslo_offset(utc(2026, 3, 29, 1, 0, 0)), 7200);
	assert_int_equal(rules_oslo_offset(utc(2026, 10, 25, 0, 59, 59)), 7200);
	assert_int_equal(rules_oslo_offset(utc(2026, 10, 25, 1, 0, 0)), 3600);
	dt = local(2026, 7, 1, 12, 0);
	assert_int_equal(rules_oslo_to_utc(&dt, &t), 0);
	assert_true(t == utc(2026, 7, 1, 10, 0, 0));
	dt = local(2026, 12, 1, 12, 0);
	assert_int_equal(rules_oslo_to_utc(&dt, &t), 0);
	assert_true(t == utc(2026, 12, 1, 11, 0, 0));
	dt = local(2026, 10, 25, 2, 30);
	assert_int_equal(rules_oslo_to_utc(&dt, &t), 0);
	assert_true(t == utc(2026, 10, 25, 0, 30, 0)); /* the earlier of the two */
	rules_oslo_from_utc(utc(2026, 10, 25, 1, 30, 0), &back);
	assert_int_equal(back.hour, 2);
	assert_int_equal(back.minute, 30);
}

static void
test_format(void **state)
{
	char out[40];
	struct valid_datetime w = local(2026, 3, 1, 23, 59), s = local(2026, 8, 1, 9, 5);
	(void)state;
	rules_format_oslo(&w, out, sizeof(out));
	assert_string_equal(out, "2026-03-01T23:59:00+01:00");
	rules_format_oslo(&s, out, sizeof(out));
	assert_string_equal(out, "2026-08-01T09:05:00+02:00");
}

static void
test_call_status(void **state)
{
	struct valid_datetime opens = local(2026, 1, 5, 8, 0), deadline = local(2026, 12, 15, 12, 0);
	(void)state;
	assert_string_equal(rules_call_status(&opens, &deadline, utc(2026, 1, 5, 6, 59, 59)), "upcoming");
	assert_string_equal(rules_call_status(&opens, &deadline, utc(2026, 1, 5, 7, 0, 0)), "open");
	assert_string_equal(rules_call_status(&opens, &deadline, utc(2026, 12, 15, 10, 59, 59)), "open");
	assert_string_equal(rules_call_status(&opens, &deadline, utc(2026, 12, 15, 11, 0, 0)), "closed");
	assert_string_equal(rules_subgoal_name('A'), "Fellesskap, tillit og tilhørighet");
	assert_null(rules_subgoal_name('E'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_winter_and_summer), cmocka_unit_test(test_deadline_across_switches),
		cmocka_unit_test(test_conversion_and_offset), cmocka_unit_test(test_format), cmocka_unit_test(test_call_status),
	};
	return cmocka_run_group_tests_name("rules", tests, setup, NULL);
}
