/*
 * test_letter.c - the grant and rejection letters made from a decision (amount, conditions, payment
 * plan, reporting and audit duty at 99 999 / 100 000, appeal to IMDi or the ministry), their email
 * text, CSV for Norwegian Excel (byte order mark, separators, quoting, formula guard), and whole
 * days between dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/csv.h"
#include "domain/letter.h"
#include "domain/rules.h"

static struct letter_facts
facts(bool granted, int64_t amount, const char *kind)
{
	struct letter_facts f = { .granted = granted, .reference = "OSL-2026-0007", .date = "2026-05-10",
		.tenant = "Oslo kommune", .tenant_kind = kind, .organisation = "Frivillig Fellesskap", .orgnr = "987654325",
		.title = "Språkkafé", .summary = "Ukentlige møteplasser", .applied_amount = 150000, .amount = amount,
		.reasons = granted ? NULL : "Ordinær drift dekkes ikke", .signed_by = "Beslutter", .split_threshold = 30000,
		.audit_threshold = 100000, .call_year = 2026, .report_due = "2027-02-01", .appeal_deadline = "2026-05-31",
		.appeal_days = 21 };
	return f;
}

static int64_t
plan_amount(json_t *l, size_t i)
{
	return json_integer_value(json_object_get(json_array_get(json_object_get(l, "payment_plan"), i), "amount"));
}

static void
test_grant_letter(void **state)
{
	struct letter_facts f = facts(true, 60001, "municipality");
	json_t *l;
	(void)state;
	l = letter_build(&f);
	assert_string_equal(json_string_value(json_object_get(l, "kind")), "grant");
	assert_int_equal(json_integer_value(json_object_get(l, "amount")), 60001);
	assert_string_equal(json_string_value(json_object_get(l, "purpose")), "Språkkafé: Ukentlige møteplasser");
	assert_int_equal(json_array_size(json_object_get(l, "payment_plan")), 2);
	assert_int_equal(plan_amount(l, 0), 30001);
	assert_int_equal(plan_amount(l, 1), 30000);
	assert_true(json_is_false(json_object_get(l, "audit_required")));
	assert_string_equal(json_string_value(json_object_get(l, "report_due")), "2027-02-01");
	assert_non_null(strstr(json_string_value(json_object_get(l, "appeal_to")), "IMDi"));
	assert_true(json_is_null(json_object_get(l, "reasons")));
	json_decref(l);

	/* 30 000 is one term */
	f.amount = 30000;
	l = letter_build(&f);
	assert_int_equal(json_array_size(json_object_get(l, "payment_plan")), 1);
	assert_int_equal(plan_amount(l, 0), 30000);
	json_decref(l);
}

static bool
mentions_auditor(json_t *l)
{
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(l, "conditions"), i, v)
		if (strstr(json_string_value(v), "revisor"))
			return true;
	return false;
}

static void
test_audit_threshold(void **state)
{
	struct letter_facts f = facts(true, 99999, "municipality");
	json_t *l;
	(void)state;
	l = letter_build(&f);
	assert_true(json_is_false(json_object_get(l, "audit_required")));
	assert_false(mentions_auditor(l));
	json_decref(l);
	f.amount = 100000;
	l = letter_build(&f);
	assert_true(json_is_true(json_object_get(l, "audit_required")));
	assert_true(mentions_auditor(l));
	json_decref(l);
}

static void
test_rejection_and_ministry(void **state)
{
	struct letter_facts f = facts(false, -1, "directorate");
	json_t *l;
	char *text;
	(void)state;
	l = letter_build(&f);
	assert_string_equal(json_string_value(json_object_get(l, "kind")), "rejection");
	assert_int_equal(json_integer_value(json_object_get(l, "amount")), 0);
	assert_int_equal(json_array_size(json_object_get(l, "payment_plan")), 0);
	assert_int_equal(json_array_size(json_object_get(l, "conditions")), 0);
	assert_string_equal(json_string_value(json_object_get(l, "reasons")), "Ordinær drift dekkes ikke");
	assert_non_null(strstr(json_string_value(json_object_get(l, "appeal_to")), "departementet"));
	text = letter_text(l, "https://portal.example/min-sak.html?id=7");
	assert_non_null(strstr(text, "AVSLAG"));
	assert_non_null(strstr(text, "150\xc2\xa0" "000 kroner er avslått"));
	assert_non_null(strstr(text, "Begrunnelse: Ordinær drift dekkes ikke"));
	assert_non_null(strstr(text, "senest 2026-05-31"));
	assert_non_null(strstr(text, "https://portal.example/min-sak.html?id=7"));
	free(text);
	json_decref(l);
}

/* a dismissal letter: its own kind and words, the reasons, and the right to appeal the dismissal */
static void
test_dismissal(void **state)
{
	struct letter_facts f = facts(false, -1, "municipality");
	json_t *l;
	char *text;
	(void)state;
	f.dismissed = true;
	f.reasons = "Søknaden kom etter fristen";
	l = letter_build(&f);
	assert_string_equal(json_string_value(json_object_get(l, "kind")), "dismissal");
	assert_int_equal(json_integer_value(json_object_get(l, "amount")), 0);
	assert_true(json_is_true(json_object_get(l, "appealable")));
	assert_non_null(strstr(json_string_value(json_object_get(l, "appeal_text")), "klage på avvisningen"));
	assert_string_equal(json_string_value(json_object_get(l, "appeal_deadline")), "2026-05-31");
	text = letter_text(l, "L");
	assert_non_null(strstr(text, "AVVISNING"));
	assert_non_null(strstr(text, "er avvist"));
	assert_non_null(strstr(text, "Begrunnelse: Søknaden kom etter fristen"));
	assert_non_null(strstr(text, "senest 2026-05-31"));
	assert_non_null(strstr(text, "IMDi"));
	free(text);
	json_decref(l);
}

/* the appeal rule "dismissal and reactions": a grant or a rejection cannot be appealed, and the
 * letter says so and what can; a dismissal can, to the ministry, through IMDi */
static void
test_appeal_limited(void **state)
{
	struct letter_facts f = facts(true, 200000, "directorate");
	json_t *l;
	const char *t;
	char *text;
	(void)state;
	f.appeal_limited = true;
	l = letter_build(&f);
	assert_true(json_is_false(json_object_get(l, "appealable")));
	assert_string_equal(json_string_value(json_object_get(l, "appeal_deadline")), "");
	t = json_string_value(json_object_get(l, "appeal_text"));
	assert_non_null(strstr(t, "kan ikke påklages"));
	assert_non_null(strstr(t, "§ 3 første ledd og § 28"));
	assert_non_null(strstr(t, "avvisning"));
	assert_non_null(strstr(t, "tilbakebetaling"));
	assert_non_null(strstr(t, "Arbeids- og inkluderingsdepartementet"));
	text = letter_text(l, "L");
	assert_non_null(strstr(text, "kan ikke påklages"));
	assert_null(strstr(text, "senest"));
	free(text);
	json_decref(l);

	f = facts(false, -1, "directorate");
	f.appeal_limited = true;
	l = letter_build(&f);
	assert_true(json_is_false(json_object_get(l, "appealable")));
	json_decref(l);

	f.dismissed = true;
	l = letter_build(&f);
	assert_true(json_is_true(json_object_get(l, "appealable")));
	t = json_string_value(json_object_get(l, "appeal_to"));
	assert_non_null(strstr(t, "Arbeids- og inkluderingsdepartementet"));
	assert_non_null(strstr(t, "gjennom Integrerings- og mangfoldsdirektoratet (IMDi)"));
	json_decref(l);
}

static void
test_grant_text(void **state)
{
	struct letter_facts f = facts(true, 1269000, "municipality");
	json_t *l;
	char *text;
	(void)state;
	l = letter_build(&f);
	text = letter_text(l, "L");
	assert_non_null(strstr(text, "innvilget 1\xc2\xa0" "269\xc2\xa0" "000 kroner"));
	assert_non_null(strstr(text, "Termin 1: 634\xc2\xa0" "500 kroner"));
	assert_non_null(strstr(text, "Termin 2: 634\xc2\xa0" "500 kroner"));
	assert_non_null(strstr(text, "revisor"));
	free(text);
	json_decref(l);
}

static void
test_csv(void **state)
{
	struct buf b = { 0 };
	(void)state;
	csv_begin(&b);
	csv_text(&b, "Sak");
	csv_int(&b, -5);
	csv_end_row(&b);
	csv_text(&b, "Sier \"hei\"; og ha det");
	csv_text(&b, "=HYPERLINK(\"x\")");
	csv_text(&b, NULL);
	csv_text(&b, "Ærlig Østre Å");
	csv_end_row(&b);
	assert_string_equal(b.data, "\xef\xbb\xbf\"Sak\";-5\r\n\"Sier \"\"hei\"\"; og ha det\";\"'=HYPERLINK(\"\"x\"\")\";\"\";"
	    "\"Ærlig Østre Å\"\r\n");
	buf_free(&b);
}

static void
test_days_between(void **state)
{
	(void)state;
	assert_int_equal(rules_days_between("2026-01-02", "2026-02-01"), 30);
	assert_int_equal(rules_days_between("2026-03-28", "2026-03-30"), 2); /* across the spring switch */
	assert_int_equal(rules_days_between("2027-02-01", "2027-01-25"), -7);
	assert_int_equal(rules_days_between("2024-02-28", "2024-03-01"), 2); /* a leap year */
	assert_int_equal(rules_days_between("nonsense", "2024-03-01"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grant_letter), cmocka_unit_test(test_audit_threshold),
		cmocka_unit_test(test_rejection_and_ministry), cmocka_unit_test(test_grant_text), cmocka_unit_test(test_csv),
		cmocka_unit_test(test_days_between), cmocka_unit_test(test_dismissal), cmocka_unit_test(test_appeal_limited),
	};
	return cmocka_run_group_tests_name("letter", tests, NULL, NULL);
}
