/*
 * test_application.c - the application rules as pure functions: draft shape and bounds, every
 * submission rule with the field it names, and budget totals (file types: test_filetype.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/application.h"

static const char *const VALID =
    "{\"title\":\"Språkkafé\",\"summary\":\"Møteplass\",\"goals\":\"Mål\",\"adaptation\":\"Tilpasset\","
    "\"volunteers\":\"Frivillige\",\"sub_goals\":[\"A\"],\"target_groups\":[\"refugees\"],\"project_count\":1,"
    "\"result_goals\":[{\"text\":\"40 deltar\",\"measure\":\"Lister\"}],"
    "\"milestones\":[{\"date\":\"2027-03-01\",\"text\":\"Start\"}],"
    "\"budget\":{\"costs\":[{\"text\":\"Lokaler\",\"amount\":60000}],\"own_contribution\":6000,"
    "\"other_funding\":[{\"source\":\"Bank\",\"amount\":4000}]},\"applied_amount\":50000,"
    "\"period\":{\"start_year\":2027,\"years\":1},\"children_youth\":false,\"expected_participants\":40,"
    "\"location\":{\"municipality\":\"Oslo\",\"place\":\"Biblioteket\"},"
    "\"other_funding_declaration\":{\"has_other\":false}}";

static struct app_context
ctx(void)
{
	struct app_context c;
	memset(&c, 0, sizeof(c));
	c.call_sub_goals = "ABCD";
	c.min_amount = 10000;
	c.max_amount = 1000000;
	c.municipal = true;
	c.municipality = "Oslo";
	c.org_volunteer_register = true;
	c.requires_volunteer_register = true;
	c.applicant_kinds = "voluntary,immigrant,foundation";
	c.org_kind = "voluntary";
	c.org_business_register = true;
	c.call_year = 2027;
	return c;
}

static json_t *
draft_with(const char *key, json_t *value)
{
	json_t *d = json_loads(VALID, 0, NULL);
	assert_non_null(d);
	if (key)
		json_object_set_new(d, key, value);
	return d;
}

/* Asserts the submission check fails naming field (and nothing else when only is true). */
static void
expect_field(json_t *d, const struct app_context *c, const char *field, bool only)
{
	struct app_errors e = { 0 };
	size_t i;
	bool found = false;
	assert_false(app_submit_check(d, c, &e));
	for (i = 0; i < e.n; i++)
		if (strcmp(e.e[i].field, field) == 0)
			found = true;
	if (!found)
		fail_msg("no error for %s (first: %s)", field, e.n ? e.e[0].field : "-");
	if (only)
		assert_int_equal(e.n, 1);
	json_decref(d);
}

static void
test_valid_draft_passes(void **state)
{
	struct app_context c = ctx();
	struct app_errors e = { 0 };
	json_t *d = draft_with(NULL, NULL);
	struct app_budget b;
	(void)state;
	assert_true(app_draft_check(d, &e));
	assert_true(app_submit_check(d, &c, &e));
	assert_int_equal(e.n, 0);
	app_budget(d, &b);
	assert_int_equal(b.costs, 60000);
	assert_int_equal(b.own_contribution, 6000);
	assert_int_equal(b.other_funding, 4000);
	assert_int_equal(b.deficit, 50000);
	json_decref(d);
}

static void
test_draft_shape(void **state)
{
	static const struct {
		const char *json, *field;
	} bad[] = {
		{ "{\"title\":5}", "title" },
		{ "{\"nope\":1}", "nope" },
		{ "{\"sub_goals\":[\"E\"]}", "sub_goals[0]" },
		{ "{\"sub_goals\":\"A\"}", "sub_goals" },
		{ "{\"applied_amount\":-1}", "applied_amount" },
		{ "{\"applied_amount\":1.5}", "applied_amount" },
		{ "{\"period\":{\"years\":4}}", "period.years" },
		{ "{\"period\":{\"years\":0}}", "period.years" },
		{ "{\"milestones\":[{\"date\":\"2026-02-29\"}]}", "milestones[0].date" },
		{ "{\"budget\":{\"costs\":[{\"amount\":\"10\"}]}}", "budget.costs[0].amount" },
		{ "{\"budget\":{\"costs\":[{\"x\":1}]}}", "budget.costs[0].x" },
		{ "{\"location\":[]}", "location" },
		{ "{\"partners\":[{\"kind\":\"company\"}]}", "partners[0].kind" },
		{ "{\"children_youth\":\"ja\"}", "children_youth" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct app_errors e = { 0 };
		json_t *d = json_loads(bad[i].json, 0, NULL);
		assert_non_null(d);
		assert_false(app_draft_check(d, &e));
		assert_int_equal(e.n, 1);
		assert_string_equal(e.e[0].field, bad[i].field);
		json_decref(d);
	}
	/* an empty draft and nulls are fine while drafting */
	{
		struct app_errors e = { 0 };
		json_t *d = json_loads("{\"title\":null,\"budget\":{}}", 0, NULL);
		assert_true(app_draft_check(d, &e));
		json_decref(d);
	}
	/* 200 characters (not bytes) of title: ø is two bytes */
	{
		struct app_errors e = { 0 };
		char t[420];
		json_t *d;
		size_t k;
		for (k = 0; k < 200; k++)
			memcpy(t + 2 * k, "ø", 2);
		t[400] = '\0';
		d = json_pack("{s:s}", "title", t);
		assert_true(app_draft_check(d, &e));
		json_decref(d);
	}
}

static void
test_amount_rules(void **state)
{
	struct app_context c = ctx();
	json_t *d;
	(void)state;
	/* below min and above max (with a budget that matches, so only the limit is wrong) */
	d = json_loads(VALID, 0, NULL);
	json_object_set_new(d, "applied_amount", json_integer(5000));
	json_object_set_new(d, "budget", json_pack("{s:[{s:s, s:i}], s:i, s:[]}", "costs", "text", "x", "amount", 5000,
	    "own_contribution", 0, "other_funding"));
	expect_field(d, &c, "applied_amount", true);
	c.max_amount = 40000;
	expect_field(draft_with(NULL, NULL), &c, "applied_amount", true);
	c = ctx();
	/* at the limits exactly it is fine */
	c.min_amount = 50000;
	c.max_amount = 50000;
	{
		struct app_errors e = { 0 };
		json_t *ok = draft_with(NULL, NULL);
		assert_true(app_submit_check(ok, &c, &e));
		json_decref(ok);
	}
	c = ctx();
	/* the applied amount must equal the deficit */
	expect_field(draft_with("applied_amount", json_integer(49999)), &c, "applied_amount", true);
	expect_field(draft_with("applied_amount", json_null()), &c, "applied_amount", true);
}

static void
test_call_rules(void **state)
{
	struct app_context c = ctx();
	(void)state;
	c.call_sub_goals = "ABC";
	expect_field(draft_with("sub_goals", json_pack("[s]", "D")), &c, "sub_goals[0]", true);
	expect_field(draft_with("sub_goals", json_array()), &c, "sub_goals", true);
	c = ctx();
	c.one_project = true;
	expect_field(draft_with("project_count", json_integer(2)), &c, "project_count", true);
	c = ctx();
	expect_field(draft_with("location", json_pack("{s:s, s:s}", "municipality", "Bergen", "place", "x")), &c,
	    "location.municipality", true);
	/* the municipality is compared without regard to case; IMDi's national calls take any place */
	{
		struct app_errors e = { 0 };
		json_t *d = draft_with("location", json_pack("{s:s, s:s}", "municipality", "oslo", "place", "x"));
		assert_true(app_submit_check(d, &c, &e));
		json_decref(d);
		c.municipal = false;
		d = draft_with("location", json_pack("{s:s, s:s}", "municipality", "Tromsø", "place", "x"));
		assert_true(app_submit_check(d, &c, &e));
		json_decref(d);
	}
	c = ctx();
	c.org_volunteer_register = false;
	expect_field(draft_with(NULL, NULL), &c, "organisation.volunteer_register", true);
	c = ctx();
	c.requires_business_register = true;
	c.org_business_register = false;
	expect_field(draft_with(NULL, NULL), &c, "organisation.business_register", true);
	c = ctx();
	c.requires_budget_attachment = true;
	expect_field(draft_with(NULL, NULL), &c, "attachments.budget", true);
	c.has_budget_attachment = true;
	c.requires_tax_certificate = true;
	c.org_has_employees = true;
	expect_field(draft_with(NULL, NULL), &c, "attachments.tax_certificate", true);
	c.org_has_employees = false; /* no employees: no tax certificate needed */
	{
		struct app_errors e = { 0 };
		json_t *d = draft_with(NULL, NULL);
		assert_true(app_submit_check(d, &c, &e));
		json_decref(d);
	}
	c = ctx();
	expect_field(draft_with("period", json_pack("{s:i, s:i}", "start_year", 2026, "years", 1)), &c, "period.start_year",
	    true);
	expect_field(draft_with("reception_centre", json_pack("{s:b}", "applies", 1)), &c,
	    "reception_centre.management_agreement", false);
	expect_field(draft_with("other_funding_declaration", json_pack("{s:b}", "has_other", 1)), &c,
	    "other_funding_declaration.details", true);
	expect_field(draft_with("title", json_string(" \n ")), &c, "title", true);
}

static void
test_all_at_once(void **state)
{
	struct app_context c = ctx();
	struct app_errors e = { 0 };
	json_t *d = json_object();
	(void)state;
	c.requires_budget_attachment = true;
	assert_false(app_submit_check(d, &c, &e));
	/* every missing part is named, not just the first */
	assert_true(e.n >= 15);
	json_decref(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_draft_passes),
		cmocka_unit_test(test_draft_shape),
		cmocka_unit_test(test_amount_rules),
		cmocka_unit_test(test_call_rules),
		cmocka_unit_test(test_all_at_once),
	};
	return cmocka_run_group_tests_name("application", tests, NULL, NULL);
}
