/*
 * test_scheme.c - the three schemes' submission rules (domain/scheme.c through app_submit_check)
 * and a call's payment terms (rules_payment_schedule).
 */
#include "domain/application.h"
#include "domain/rules.h"
#include "domain/scheme.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

/* A context whose every generic rule is met: only the scheme's rules can refuse. */
static struct app_context
ctx(enum scheme_kind kind)
{
	struct app_context c;
	memset(&c, 0, sizeof(c));
	c.call_sub_goals = kind == SCHEME_PUBLIC ? "1245" : "ABC";
	c.min_amount = 5000;
	c.max_amount = 1000000;
	c.municipality = "Bergen";
	c.org_volunteer_register = true;
	c.requires_volunteer_register = kind != SCHEME_PUBLIC;
	c.has_budget_attachment = true;
	c.has_accounts_attachment = true;
	c.call_year = 2026;
	c.scheme_kind = (int)kind;
	c.max_years = 1;
	c.county_only_goals = "4";
	c.applicant_kinds = kind == SCHEME_PUBLIC ? "municipality,county" : kind == SCHEME_OPERATING ? "immigrant" :
	    "voluntary,immigrant,foundation";
	c.org_kind = kind == SCHEME_PUBLIC ? "county" : "immigrant";
	c.org_municipality = "Bergen";
	return c;
}

/* Whether submitting d under c names field. */
static bool
names(const char *json, const struct app_context *c, const char *field)
{
	struct app_errors e = { 0 };
	json_t *d = json_loads(json, 0, NULL);
	size_t i;
	bool found = false;
	assert_non_null(d);
	app_submit_check(d, c, &e);
	for (i = 0; i < e.n; i++)
		if (strcmp(e.e[i].field, field) == 0)
			found = true;
	json_decref(d);
	return found;
}

static void
test_applicant(void **state)
{
	struct app_context c = ctx(SCHEME_VOLUNTARY);
	(void)state;
	assert_true(scheme_kind_allowed("voluntary,immigrant", "immigrant"));
	assert_false(scheme_kind_allowed("voluntary,immigrant", "migrant"));
	assert_false(scheme_kind_allowed("municipality,county", "count"));
	assert_false(scheme_kind_allowed(NULL, "county"));
	assert_false(names("{}", &c, "organisation.kind"));
	c.org_kind = "municipality"; /* public bodies cannot apply in the voluntary scheme */
	assert_true(names("{}", &c, "organisation.kind"));
	c = ctx(SCHEME_VOLUNTARY);
	c.org_volunteer_register = false;
	assert_true(names("{}", &c, "organisation.volunteer_register"));
	c.requires_volunteer_register = false;
	assert_false(names("{}", &c, "organisation.volunteer_register"));
	c.requires_local_activity = true;
	c.org_municipality = "Bergen";
	assert_false(names("{}", &c, "organisation.municipality"));
	c.org_municipality = "Askøy";
	assert_true(names("{}", &c, "organisation.municipality"));
	c.requires_national_reach = true;
	assert_true(names("{}", &c, "national_reach"));
	assert_false(names("{\"national_reach\":true}", &c, "national_reach"));
	/* most members in the municipality: more than half */
	c.requires_local_members = true;
	assert_true(names("{\"members_total\":30,\"members_local\":15}", &c, "members_local"));
	assert_false(names("{\"members_total\":30,\"members_local\":16}", &c, "members_local"));
	assert_true(names("{\"members_local\":16}", &c, "members_total"));
	assert_true(names("{\"members_total\":10,\"members_local\":16}", &c, "members_local"));
}

static void
test_period_and_budget(void **state)
{
	struct app_context c = ctx(SCHEME_VOLUNTARY);
	(void)state;
	assert_true(names("{\"period\":{\"start_year\":2026,\"years\":2}}", &c, "period.years"));
	c.max_years = 3;
	assert_false(names("{\"period\":{\"start_year\":2026,\"years\":2}}", &c, "period.years"));
	/* file or form: either is enough */
	assert_false(names("{}", &c, "budget.costs"));
	c.has_budget_attachment = false;
	assert_true(names("{}", &c, "budget.costs"));
	assert_false(names("{\"budget\":{\"costs\":[{\"text\":\"a\",\"amount\":1}]}}", &c, "budget.costs"));
	c.budget_rule = SCHEME_BUDGET_FILE;
	assert_true(names("{\"budget\":{\"costs\":[{\"text\":\"a\",\"amount\":1}]}}", &c, "attachments.budget"));
	c.budget_rule = SCHEME_BUDGET_FORM;
	c.has_budget_attachment = true;
	assert_true(names("{}", &c, "budget.costs"));
	/* a budget given only as a file is not held against the amount */
	c.budget_rule = SCHEME_BUDGET_FILE_OR_FORM;
	assert_false(names("{\"applied_amount\":50000}", &c, "applied_amount"));
	assert_true(names("{\"applied_amount\":50000,\"budget\":{\"costs\":[{\"text\":\"a\",\"amount\":1}]}}", &c,
	    "applied_amount"));
}

static void
test_operating(void **state)
{
	struct app_context c = ctx(SCHEME_OPERATING);
	const char *ok = "{\"title\":\"Drift\",\"members_total\":50,\"members_local\":40,\"activities\":\"Kurs\","
	    "\"applied_amount\":20000,\"other_funding_declaration\":{\"has_other\":false}}";
	struct app_errors e = { 0 };
	json_t *d = json_loads(ok, 0, NULL);
	(void)state;
	assert_true(app_submit_check(d, &c, &e));
	json_decref(d);
	/* no project: the project's fields are not asked for */
	assert_false(names(ok, &c, "sub_goals"));
	assert_false(names(ok, &c, "milestones"));
	assert_true(names("{\"title\":\"Drift\"}", &c, "activities"));
	assert_true(names("{\"title\":\"Drift\"}", &c, "members_local"));
	assert_true(names("{\"budget\":{\"costs\":[{\"text\":\"a\",\"amount\":1}]}}", &c, "budget"));
	assert_true(names("{\"applied_amount\":2000000}", &c, "applied_amount"));
	c.has_accounts_attachment = false;
	assert_true(names(ok, &c, "attachments.annual_accounts"));
	c = ctx(SCHEME_OPERATING);
	c.one_per_org = true;
	c.same_year_applications = 1;
	assert_true(names(ok, &c, "call"));
	c.org_kind = "voluntary";
	assert_true(names(ok, &c, "organisation.kind"));
}

static void
test_public(void **state)
{
	struct app_context c = ctx(SCHEME_PUBLIC);
	(void)state;
	assert_false(names("{\"sub_goals\":[\"4\"]}", &c, "sub_goals[0]"));
	c.org_kind = "municipality";
	assert_true(names("{\"sub_goals\":[\"1\",\"4\"]}", &c, "sub_goals[1]"));
	assert_false(names("{\"sub_goals\":[\"1\",\"4\"]}", &c, "sub_goals[0]"));
	assert_false(names("{}", &c, "volunteers"));
	c.min_participants = 10;
	assert_true(names("{\"expected_participants\":9}", &c, "expected_participants"));
	assert_false(names("{\"expected_participants\":10}", &c, "expected_participants"));
	c.requires_own_contribution = true;
	assert_true(names("{\"budget\":{\"own_contribution\":0}}", &c, "budget.own_contribution"));
	assert_false(names("{\"budget\":{\"own_contribution\":1}}", &c, "budget.own_contribution"));
	assert_true(names("{\"co_applicants\":[{\"name\":\"Stjørdal kommune\",\"orgnr\":\"964338531\"}]}", &c,
	    "co_applicants"));
	c.joint_applications = true;
	assert_false(names("{\"co_applicants\":[{\"name\":\"Stjørdal kommune\",\"orgnr\":\"964338531\"}]}", &c,
	    "co_applicants[0].orgnr"));
	assert_true(names("{\"co_applicants\":[{\"name\":\"Stjørdal kommune\",\"orgnr\":\"964338532\"}]}", &c,
	    "co_applicants[0].orgnr"));
}

static int
ymd(const struct rules_term *t)
{
	return t->year * 10000 + t->month * 100 + t->day;
}

static void
test_schedule(void **state)
{
	struct rules_pay p = { .split_threshold = 30000, .rule = RULES_PAY_TWO_TERMS, .call_year = 2026,
		.spring_due = "2026-03-01", .autumn_due = "2026-09-01" };
	struct rules_term t[2];
	(void)state;
	/* always two terms, also under the threshold; each on its date */
	assert_int_equal(rules_payment_schedule(20001, &p, 2026, 2, 10, t), 2);
	assert_int_equal(t[0].amount, 10001);
	assert_int_equal(t[1].amount, 10000);
	assert_int_equal(ymd(&t[0]), 20260301);
	assert_int_equal(ymd(&t[1]), 20260901);
	/* a date passed at acceptance is due at once */
	rules_payment_schedule(20000, &p, 2026, 5, 10, t);
	assert_int_equal(ymd(&t[0]), 20260510);
	assert_int_equal(ymd(&t[1]), 20260901);
	rules_payment_schedule(20000, &p, 2026, 10, 2, t);
	assert_int_equal(ymd(&t[1]), 20261002);
	/* one term always, on the spring date */
	p.rule = RULES_PAY_ONE_TERM;
	assert_int_equal(rules_payment_schedule(500000, &p, 2026, 1, 20, t), 1);
	assert_int_equal(t[0].amount, 500000);
	assert_int_equal(ymd(&t[0]), 20260301);
	/* by the threshold, without dates: as before */
	p = (struct rules_pay){ .split_threshold = 30000, .call_year = 2026 };
	assert_int_equal(rules_payment_schedule(30000, &p, 2026, 5, 10, t), 1);
	assert_int_equal(ymd(&t[0]), 20260510);
	assert_int_equal(rules_payment_schedule(30001, &p, 2026, 5, 10, t), 2);
	assert_int_equal(ymd(&t[1]), 20260901);
	assert_int_equal(rules_pay_rule_parse("two_terms"), RULES_PAY_TWO_TERMS);
	assert_int_equal(rules_pay_rule_parse("one_term"), RULES_PAY_ONE_TERM);
	assert_int_equal(rules_pay_rule_parse("x"), RULES_PAY_THRESHOLD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_applicant),
		cmocka_unit_test(test_period_and_budget),
		cmocka_unit_test(test_operating),
		cmocka_unit_test(test_public),
		cmocka_unit_test(test_schedule),
	};
	return cmocka_run_group_tests_name("scheme", tests, NULL, NULL);
}
