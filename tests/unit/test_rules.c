/*
 * test_rules.c - deadlines are Oslo wall-clock times, compared as such across the 2026 DST changes
 * (summer time from 2026-03-29 01:00 UTC, winter time from 2026-10-25 01:00 UTC), Oslo <-> UTC
 * conversion and offsets, ISO formatting, call status at its boundaries, and that a deadline
 * in the repeated autumn hour stays passed once it has passed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "domain/rules.h"

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

/*
 * Once passed, a deadline stays passed. 2026-10-25T02:30 Oslo first happens at 00:30 UTC (CEST);
 * from 01:00 UTC the clocks show 02:00-02:59 again (CET), and a late submission at 01:15 UTC
 * (02:15 on the wall) must not be taken as on time.
 */
static void
test_deadline_repeat_hour_monotonic(void **state)
{
	struct valid_datetime repeat = local(2026, 10, 25, 2, 30);
	struct valid_datetime opens = local(2026, 10, 1, 9, 0);
	time_t t, first = utc(2026, 10, 25, 0, 30, 0);
	(void)state;
	for (t = first - 3600; t < first; t += 60)
		if (rules_deadline_passed(&repeat, t))
			fail_msg("passed %lld s before the first 02:30", (long long)(first - t));
	assert_false(rules_deadline_passed(&repeat, first - 1));
	for (t = first; t <= first + 3 * 3600; t += 60)
		if (!rules_deadline_passed(&repeat, t))
			fail_msg("not passed at %lld s after the first 02:30 (it passed at 00:30 UTC)", (long long)(t - first));
	assert_true(rules_deadline_passed(&repeat, utc(2026, 10, 25, 1, 0, 0)));  /* 02:00 CET */
	assert_true(rules_deadline_passed(&repeat, utc(2026, 10, 25, 1, 29, 59))); /* 02:29:59 CET */
	/* the call's status follows the deadline: closed, not open again */
	assert_string_equal(rules_call_status(&opens, &repeat, utc(2026, 10, 25, 0, 29, 59)), "open");
	assert_string_equal(rules_call_status(&opens, &repeat, utc(2026, 10, 25, 0, 30, 0)), "closed");
	assert_string_equal(rules_call_status(&opens, &repeat, utc(2026, 10, 25, 1, 15, 0)), "closed");
}

static void
test_from_utc_across_switches(void **state)
{
	static const struct {
		int uy, umo, ud, uh, umi, us;  /* UTC */
		int y, mo, d, h, mi, s;        /* Oslo */
		int offset;
	} cases[] = {
		{ 2026, 1, 15, 12, 0, 0, 2026, 1, 15, 13, 0, 0, 3600 },
		{ 2026, 7, 15, 12, 0, 0, 2026, 7, 15, 14, 0, 0, 7200 },
		{ 2026, 3, 29, 0, 59, 59, 2026, 3, 29, 1, 59, 59, 3600 },
		{ 2026, 3, 29, 1, 0, 0, 2026, 3, 29, 3, 0, 0, 7200 },   /* 02:00 becomes 03:00 */
		{ 2026, 10, 25, 0, 59, 59, 2026, 10, 25, 2, 59, 59, 7200 },
		{ 2026, 10, 25, 1, 0, 0, 2026, 10, 25, 2, 0, 0, 3600 },  /* 03:00 becomes 02:00 */
		{ 2026, 12, 31, 23, 30, 0, 2027, 1, 1, 0, 30, 0, 3600 }, /* new year in Oslo first */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		time_t t = utc(cases[i].uy, cases[i].umo, cases[i].ud, cases[i].uh, cases[i].umi, cases[i].us);
		struct valid_datetime got, want = { cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi, cases[i].s };
		rules_oslo_from_utc(t, &got);
		if (rules_datetime_cmp(&got, &want) != 0)
			fail_msg("case %zu: %04d-%02d-%02dT%02d:%02d:%02d", i, got.year, got.month, got.day, got.hour, got.minute,
			    got.second);
		assert_int_equal(rules_oslo_offset(t), cases[i].offset);
	}
}

static void
test_to_utc_across_switches(void **state)
{
	static const struct {
		struct valid_datetime dt;      /* Oslo */
		int uy, umo, ud, uh, umi, us;  /* UTC */
	} cases[] = {
		{ { 2026, 3, 29, 1, 59, 59 }, 2026, 3, 29, 0, 59, 59 },
		{ { 2026, 3, 29, 3, 0, 0 }, 2026, 3, 29, 1, 0, 0 },
		{ { 2026, 3, 29, 23, 59, 0 }, 2026, 3, 29, 21, 59, 0 },
		{ { 2026, 10, 25, 1, 59, 59 }, 2026, 10, 24, 23, 59, 59 },
		{ { 2026, 10, 25, 2, 0, 0 }, 2026, 10, 25, 0, 0, 0 },   /* the first 02:00 */
		{ { 2026, 10, 25, 2, 59, 59 }, 2026, 10, 25, 0, 59, 59 },
		{ { 2026, 10, 25, 3, 0, 0 }, 2026, 10, 25, 2, 0, 0 },
		{ { 2026, 1, 1, 0, 0, 0 }, 2025, 12, 31, 23, 0, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		time_t t = 0, want = utc(cases[i].uy, cases[i].umo, cases[i].ud, cases[i].uh, cases[i].umi, cases[i].us);
		assert_int_equal(rules_oslo_to_utc(&cases[i].dt, &t), 0);
		if (t != want)
			fail_msg("case %zu: %lld s from the expected instant", i, (long long)(t - want));
	}
	/* 02:30 on 2026-03-29 never happens in Oslo: either reading (+02:00 or +01:00) is acceptable */
	{
		struct valid_datetime gap = local(2026, 3, 29, 2, 30);
		time_t t = 0;
		assert_int_equal(rules_oslo_to_utc(&gap, &t), 0);
		assert_true(t == utc(2026, 3, 29, 0, 30, 0) || t == utc(2026, 3, 29, 1, 30, 0));
	}
}

static void
test_format_across_switches(void **state)
{
	static const struct {
		struct valid_datetime dt;
		const char *want;
	} cases[] = {
		{ { 2026, 3, 29, 1, 59, 0 }, "2026-03-29T01:59:00+01:00" },
		{ { 2026, 3, 29, 3, 0, 0 }, "2026-03-29T03:00:00+02:00" },
		{ { 2026, 10, 25, 1, 59, 0 }, "2026-10-25T01:59:00+02:00" },
		{ { 2026, 10, 25, 2, 30, 0 }, "2026-10-25T02:30:00+02:00" }, /* the first 02:30 */
		{ { 2026, 10, 25, 3, 0, 0 }, "2026-10-25T03:00:00+01:00" },
		{ { 2026, 12, 31, 23, 59, 59 }, "2026-12-31T23:59:59+01:00" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[32];
		rules_format_oslo(&cases[i].dt, out, sizeof(out));
		assert_string_equal(out, cases[i].want);
	}
}

static void
test_datetime_cmp(void **state)
{
	static const struct {
		struct valid_datetime a, b;
		int sign;
	} cases[] = {
		{ { 2026, 1, 1, 0, 0, 0 }, { 2026, 1, 1, 0, 0, 0 }, 0 },
		{ { 2025, 12, 31, 23, 59, 59 }, { 2026, 1, 1, 0, 0, 0 }, -1 },
		{ { 2026, 2, 1, 0, 0, 0 }, { 2026, 1, 31, 23, 59, 59 }, 1 },
		{ { 2026, 1, 2, 0, 0, 0 }, { 2026, 1, 1, 23, 0, 0 }, 1 },
		{ { 2026, 1, 1, 10, 0, 0 }, { 2026, 1, 1, 9, 59, 59 }, 1 },
		{ { 2026, 1, 1, 10, 0, 0 }, { 2026, 1, 1, 10, 1, 0 }, -1 },
		{ { 2026, 1, 1, 10, 0, 1 }, { 2026, 1, 1, 10, 0, 0 }, 1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = rules_datetime_cmp(&cases[i].a, &cases[i].b), back = rules_datetime_cmp(&cases[i].b, &cases[i].a);
		if ((got > 0) - (got < 0) != cases[i].sign || (back > 0) - (back < 0) != -cases[i].sign)
			fail_msg("case %zu: cmp %d / %d, want sign %d", i, got, back, cases[i].sign);
	}
}

static void
test_subgoal_names(void **state)
{
	(void)state;
	assert_string_equal(rules_subgoal_name('A'), "Fellesskap, tillit og tilhørighet");
	assert_string_equal(rules_subgoal_name('B'), "Kunnskap om samfunnet og kvalifisering for arbeid");
	assert_string_equal(rules_subgoal_name('C'),
	    "Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse");
	assert_string_equal(rules_subgoal_name('D'), "Mot rasisme og diskriminering, for mangfold");
	assert_null(rules_subgoal_name('a'));
	assert_null(rules_subgoal_name('E'));
	assert_null(rules_subgoal_name('\0'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_winter_and_summer), cmocka_unit_test(test_deadline_across_switches),
		cmocka_unit_test(test_conversion_and_offset), cmocka_unit_test(test_format), cmocka_unit_test(test_call_status),
		cmocka_unit_test(test_deadline_repeat_hour_monotonic), cmocka_unit_test(test_from_utc_across_switches),
		cmocka_unit_test(test_to_utc_across_switches), cmocka_unit_test(test_format_across_switches),
		cmocka_unit_test(test_datetime_cmp), cmocka_unit_test(test_subgoal_names),
	};
	return cmocka_run_group_tests_name("rules", tests, setup, NULL);
}
