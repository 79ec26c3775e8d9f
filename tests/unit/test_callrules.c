/*
 * test_callrules.c - a call's rules: each scheme's defaults pass the checks; every check names
 * its field (dates that do not exist in Oslo, a deadline before the opening, min over max, earmarks
 * off the offered codes or over the frame, codes of another scheme's kind, public bodies in the
 * voluntary scheme); what freezes; the changed fields; the copy a year later.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/callrules.h"
#include "domain/rules.h"

/* Whether errs names field. */
static bool
names(const struct app_errors *errs, const char *field)
{
	size_t i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return true;
	return false;
}

/* The checks of the defaults of kind with key set to v (taken); the errors into errs. */
static bool
check_with(enum callrules_kind kind, const char *key, json_t *v, struct app_errors *errs)
{
	json_t *c = callrules_defaults(kind, 2027, "Tilskudd 2027");
	bool ok;

	if (key)
		json_object_set_new(c, key, v);
	memset(errs, 0, sizeof(*errs));
	ok = callrules_check(c, kind, errs);
	json_decref(c);
	return ok;
}

static void
test_defaults(void **state)
{
	struct app_errors e;
	json_t *c = callrules_defaults(CALLRULES_VOLUNTARY, 2027, "Tilskudd 2027");
	(void)state;

	assert_true(check_with(CALLRULES_VOLUNTARY, NULL, NULL, &e));
	assert_true(check_with(CALLRULES_OPERATING, NULL, NULL, &e));
	assert_true(check_with(CALLRULES_PUBLIC, NULL, NULL, &e));
	assert_int_equal(json_array_size(json_object_get(c, "criteria")), 11);
	assert_int_equal(json_array_size(json_object_get(c, "reception_criteria")), 3);
	assert_string_equal(json_string_value(json_object_get(c, "opens_local")), "2027-01-01T00:00");
	json_decref(c);
	c = callrules_defaults(CALLRULES_PUBLIC, 2027, "Utvikling 2027");
	assert_string_equal(json_string_value(json_object_get(c, "payment_rule")), "two_terms");
	assert_string_equal(json_string_value(json_object_get(c, "appeal_rule")), "dismissal_and_reactions");
	assert_int_equal(json_integer_value(json_object_get(c, "min_participants")), 10);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "sub_goals"), 0)), "1");
	json_decref(c);
	assert_int_equal(callrules_kind_of("operating"), CALLRULES_OPERATING);
	assert_int_equal(callrules_kind_of("annet"), CALLRULES_KIND_UNKNOWN);
}

static void
test_times(void **state)
{
	struct app_errors e;
	(void)state;

	assert_false(check_with(CALLRULES_VOLUNTARY, "deadline_local", json_string("2026-12-31T12:00"), &e));
	assert_true(names(&e, "deadline_local"));
	/* 02:30 on the last Sunday of March 2027 does not exist in Oslo */
	assert_false(check_with(CALLRULES_VOLUNTARY, "opens_local", json_string("2027-03-28T02:30"), &e));
	assert_true(names(&e, "opens_local"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "opens_local", json_string("2027-02-30T08:00"), &e));
	assert_true(names(&e, "opens_local"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "deadline_local", json_string("2027-03-01 12:00"), &e));
	assert_true(names(&e, "deadline_local"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "spring_due", json_string("2026-05-01"), &e));
	assert_true(names(&e, "spring_due"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "report_due", json_string("2027-02-01"), &e));
	assert_true(names(&e, "report_due"));
}

static void
test_money(void **state)
{
	struct app_errors e;
	json_t *c;
	(void)state;

	assert_false(check_with(CALLRULES_VOLUNTARY, "min_amount", json_integer(2000000), &e));
	assert_true(names(&e, "min_amount"));
	/* earmarks: within the frame, on offered codes, once each, and only with a frame */
	assert_false(check_with(CALLRULES_VOLUNTARY, "earmarks", json_pack("[{s:s, s:i}]", "sub_goal", "B", "amount", 5), &e));
	assert_true(names(&e, "earmarks"));
	c = callrules_defaults(CALLRULES_VOLUNTARY, 2027, "T");
	json_object_set_new(c, "budget_frame", json_integer(1000000));
	json_object_set_new(c, "sub_goals", json_pack("[ss]", "A", "B"));
	json_object_set_new(c, "earmarks", json_pack("[{s:s, s:i}, {s:s, s:i}]", "sub_goal", "B", "amount", 600000,
	    "sub_goal", "C", "amount", 500000));
	memset(&e, 0, sizeof(e));
	assert_false(callrules_check(c, CALLRULES_VOLUNTARY, &e));
	assert_true(names(&e, "earmarks[1].sub_goal"));
	assert_true(names(&e, "earmarks"));
	json_object_set_new(c, "earmarks", json_pack("[{s:s, s:i}]", "sub_goal", "B", "amount", 1000000));
	memset(&e, 0, sizeof(e));
	assert_true(callrules_check(c, CALLRULES_VOLUNTARY, &e));
	json_decref(c);
}

static void
test_kinds(void **state)
{
	struct app_errors e;
	(void)state;

	assert_false(check_with(CALLRULES_VOLUNTARY, "sub_goals", json_pack("[s]", "1"), &e));
	assert_true(names(&e, "sub_goals[0]"));
	assert_false(check_with(CALLRULES_PUBLIC, "sub_goals", json_pack("[s]", "A"), &e));
	assert_true(names(&e, "sub_goals[0]"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "sub_goals", json_pack("[ss]", "A", "A"), &e));
	assert_true(names(&e, "sub_goals[1]"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "applicant_kinds", json_pack("[ss]", "voluntary", "municipality"), &e));
	assert_true(names(&e, "applicant_kinds"));
	assert_false(check_with(CALLRULES_PUBLIC, "applicant_kinds", json_pack("[s]", "voluntary"), &e));
	assert_true(names(&e, "applicant_kinds"));
	assert_false(check_with(CALLRULES_OPERATING, "applicant_kinds", json_pack("[s]", "voluntary"), &e));
	assert_true(names(&e, "applicant_kinds"));
	assert_false(check_with(CALLRULES_OPERATING, "required_attachments", json_pack("[s]", "budget"), &e));
	assert_true(names(&e, "required_attachments"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "title", json_string("   "), &e));
	assert_true(names(&e, "title"));
	assert_false(check_with(CALLRULES_VOLUNTARY, "contacts", json_pack("[{s:s, s:s, s:s}]", "name", "Kari",
	    "email", "kari@", "phone", "12-34"), &e));
	assert_true(names(&e, "contacts[0].email"));
	assert_true(names(&e, "contacts[0].phone"));
}

static void
test_frozen_and_changed(void **state)
{
	json_t *a = callrules_defaults(CALLRULES_VOLUNTARY, 2027, "T"), *b = json_deep_copy(a);
	const char *n[8];
	(void)state;

	assert_true(callrules_frozen("max_amount"));
	assert_true(callrules_frozen("opens_local"));
	assert_false(callrules_frozen("title"));
	assert_false(callrules_frozen("deadline_local"));
	assert_false(callrules_frozen("contacts"));
	assert_int_equal(callrules_changed(a, b, n, 8), 0);
	json_object_set_new(b, "title", json_string("Ny tittel"));
	json_object_set_new(b, "max_amount", json_integer(5));
	assert_int_equal(callrules_changed(a, b, n, 8), 2);
	json_decref(a);
	json_decref(b);
}

static void
test_next_year(void **state)
{
	json_t *c = callrules_defaults(CALLRULES_VOLUNTARY, 2027, "Tilskudd 2027 – Oslo");
	(void)state;

	json_object_set_new(c, "deadline_local", json_string("2028-02-29T12:00"));
	callrules_move_years(c, 1);
	assert_int_equal(json_integer_value(json_object_get(c, "year")), 2028);
	assert_string_equal(json_string_value(json_object_get(c, "title")), "Tilskudd 2028 – Oslo");
	assert_string_equal(json_string_value(json_object_get(c, "opens_local")), "2028-01-01T00:00");
	assert_string_equal(json_string_value(json_object_get(c, "deadline_local")), "2029-02-28T12:00");
	assert_string_equal(json_string_value(json_object_get(c, "report_due")), "2029-02-01");
	assert_true(json_is_null(json_object_get(c, "spring_due")));
	callrules_move_years(c, 3);
	assert_string_equal(json_string_value(json_object_get(c, "autumn_due")), "2031-09-01");
	assert_string_equal(json_string_value(json_object_get(c, "title")), "Tilskudd 2031 – Oslo");
	json_decref(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_frozen_and_changed),
		cmocka_unit_test(test_next_year),
	};
	rules_init();
	return cmocka_run_group_tests_name("callrules", tests, NULL, NULL);
}
