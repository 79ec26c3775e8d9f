/*
 * test_case.c - the case state machine (every legal transition, and every other pair refused), and
 * the casework rules: payment terms at 30 000 / 30 001, audited accounts at 99 999 / 100 000, the
 * three-week appeal deadline across the DST change, and budget-frame arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "domain/casestate.h"
#include "domain/rules.h"

struct legal {
	enum case_state from;
	enum case_event ev;
	bool granted;
	int terms_total, terms_paid;
	enum case_state to;
};

/* Every allowed transition, with the context it needs. */
static const struct legal legal[] = {
	{ CASE_SUBMITTED, EV_START_REVIEW, 0, 0, 0, CASE_IN_REVIEW },
	{ CASE_IN_REVIEW, EV_RECOMMEND, 0, 0, 0, CASE_RECOMMENDED },
	{ CASE_RECOMMENDED, EV_GRANT, 0, 0, 0, CASE_GRANTED },
	{ CASE_RECOMMENDED, EV_GRANT_PARTLY, 0, 0, 0, CASE_PARTLY_GRANTED },
	{ CASE_RECOMMENDED, EV_REJECT, 0, 0, 0, CASE_REJECTED },
	{ CASE_GRANTED, EV_SEND_LETTER, 1, 0, 0, CASE_LETTER_SENT },
	{ CASE_PARTLY_GRANTED, EV_SEND_LETTER, 1, 0, 0, CASE_LETTER_SENT },
	{ CASE_REJECTED, EV_SEND_LETTER, 0, 0, 0, CASE_LETTER_SENT },
	{ CASE_RECOMMENDED, EV_DISMISS, 0, 0, 0, CASE_DISMISSED },
	{ CASE_DISMISSED, EV_SEND_LETTER, 0, 0, 0, CASE_LETTER_SENT },
	{ CASE_LETTER_SENT, EV_ACCEPT, 1, 0, 0, CASE_ACCEPTED },
	{ CASE_LETTER_SENT, EV_DECLINE, 1, 0, 0, CASE_DECLINED },
	{ CASE_LETTER_SENT, EV_APPEAL, 0, 0, 0, CASE_APPEALED },
	{ CASE_LETTER_SENT, EV_APPEAL, 1, 0, 0, CASE_APPEALED },
	{ CASE_LETTER_SENT, EV_CLOSE, 0, 0, 0, CASE_CLOSED },
	{ CASE_ACCEPTED, EV_PAY_TERM, 1, 1, 0, CASE_PAID },
	{ CASE_ACCEPTED, EV_PAY_TERM, 1, 2, 0, CASE_PARTLY_PAID },
	{ CASE_PARTLY_PAID, EV_PAY_TERM, 1, 2, 1, CASE_PAID },
	{ CASE_PAID, EV_REPORT_DUE, 1, 0, 0, CASE_REPORT_DUE },
	{ CASE_PAID, EV_RECEIVE_REPORT, 1, 0, 0, CASE_REPORT_RECEIVED },
	{ CASE_REPORT_DUE, EV_RECEIVE_REPORT, 1, 0, 0, CASE_REPORT_RECEIVED },
	{ CASE_CHANGES_ASKED, EV_RECEIVE_REPORT, 1, 0, 0, CASE_REPORT_RECEIVED },
	{ CASE_REPORT_RECEIVED, EV_APPROVE_REPORT, 1, 0, 0, CASE_REPORT_APPROVED },
	{ CASE_REPORT_RECEIVED, EV_ASK_CHANGES, 1, 0, 0, CASE_CHANGES_ASKED },
	{ CASE_REPORT_APPROVED, EV_CLOSE, 1, 0, 0, CASE_CLOSED },
	{ CASE_DECLINED, EV_CLOSE, 1, 0, 0, CASE_CLOSED },
	{ CASE_RECLAIM, EV_CLOSE, 1, 0, 0, CASE_CLOSED },
	{ CASE_SUBMITTED, EV_WITHDRAW, 0, 0, 0, CASE_WITHDRAWN },
	{ CASE_IN_REVIEW, EV_WITHDRAW, 0, 0, 0, CASE_WITHDRAWN },
	{ CASE_RECOMMENDED, EV_WITHDRAW, 0, 0, 0, CASE_WITHDRAWN },
	{ CASE_APPEALED, EV_APPEAL_CHANGE, 0, 0, 0, CASE_RECOMMENDED },
	{ CASE_APPEAL_FORWARDED, EV_APPEAL_CHANGE, 0, 0, 0, CASE_RECOMMENDED },
	{ CASE_APPEALED, EV_APPEAL_FORWARD, 0, 0, 0, CASE_APPEAL_FORWARDED },
	{ CASE_APPEAL_FORWARDED, EV_APPEAL_UPHOLD, 0, 0, 0, CASE_LETTER_SENT },
	{ CASE_PAID, EV_RECLAIM, 1, 0, 0, CASE_RECLAIM },
	{ CASE_REPORT_DUE, EV_RECLAIM, 1, 0, 0, CASE_RECLAIM },
	{ CASE_REPORT_RECEIVED, EV_RECLAIM, 1, 0, 0, CASE_RECLAIM },
	{ CASE_REPORT_APPROVED, EV_RECLAIM, 1, 0, 0, CASE_RECLAIM },
};
#define NLEGAL (sizeof(legal) / sizeof(legal[0]))

static void
test_every_legal_transition(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < NLEGAL; i++) {
		struct case_context c = { legal[i].granted, legal[i].terms_total, legal[i].terms_paid, false };
		int to = case_next(legal[i].from, legal[i].ev, &c);
		if (to != (int)legal[i].to)
			fail_msg("%s --%s--> %d, expected %s", case_state_name(legal[i].from), case_event_name(legal[i].ev), to,
			    case_state_name(legal[i].to));
	}
}

/* Every (state, event) pair that is not in the table is refused, in both contexts. */
static void
test_every_illegal_transition(void **state)
{
	int s, e, g;
	size_t i, refused = 0;
	(void)state;
	for (s = 0; s < CASE__COUNT; s++)
		for (e = 0; e < EV__COUNT; e++)
			for (g = 0; g < 2; g++) {
				struct case_context c = { g == 1, 2, 0, false };
				bool listed = false;
				for (i = 0; i < NLEGAL; i++)
					if ((int)legal[i].from == s && (int)legal[i].ev == e && legal[i].granted == (g == 1))
						listed = true;
				if (listed || e == EV_PAY_TERM)
					continue;
				/* only letter_sent's accept, decline and close depend on the decision; other
				 * transitions are listed once, with either context */
				for (i = 0; i < NLEGAL; i++)
					if ((int)legal[i].from == s && (int)legal[i].ev == e &&
					    !(s == CASE_LETTER_SENT && (e == EV_ACCEPT || e == EV_DECLINE || e == EV_CLOSE)))
						listed = true;
				if (listed)
					continue;
				if (case_next((enum case_state)s, (enum case_event)e, &c) != -1)
					fail_msg("%s --%s--> allowed (granted=%d)", case_state_name((enum case_state)s),
					    case_event_name((enum case_event)e), g);
				refused++;
			}
	assert_true(refused > 730);
	/* a rejection cannot be accepted or declined; a grant cannot be closed straight from its letter */
	{
		struct case_context rejected = { false, 0, 0, false }, granted = { true, 1, 0, false };
		assert_int_equal(case_next(CASE_LETTER_SENT, EV_ACCEPT, &rejected), -1);
		assert_int_equal(case_next(CASE_LETTER_SENT, EV_DECLINE, &rejected), -1);
		assert_int_equal(case_next(CASE_LETTER_SENT, EV_CLOSE, &granted), -1);
	}
}

/* Under the appeal rule "dismissal and reactions", a grant or rejection cannot be appealed; a
 * dismissal can (the caller says which through no_appeal). */
static void
test_appeal_rule_in_the_machine(void **state)
{
	struct case_context final = { false, 0, 0, true }, open = { false, 0, 0, false };
	(void)state;
	assert_int_equal(case_next(CASE_LETTER_SENT, EV_APPEAL, &final), -1);
	assert_int_equal(case_next(CASE_LETTER_SENT, EV_APPEAL, &open), CASE_APPEALED);
	/* it touches nothing else: the letter can still be closed, a grant accepted */
	assert_int_equal(case_next(CASE_LETTER_SENT, EV_CLOSE, &final), CASE_CLOSED);
	final.granted = true;
	final.terms_total = 1;
	assert_int_equal(case_next(CASE_LETTER_SENT, EV_ACCEPT, &final), CASE_ACCEPTED);
	assert_string_equal(case_state_name(CASE_DISMISSED), "dismissed");
	assert_false(case_appeal_barred("all", "reject"));
	assert_false(case_appeal_barred("dismissal_and_reactions", "dismiss"));
	assert_true(case_appeal_barred("dismissal_and_reactions", "reject"));
	assert_true(case_appeal_barred("dismissal_and_reactions", "grant"));
	assert_true(case_appeal_barred("dismissal_and_reactions", "grant_partly"));
	assert_false(case_appeal_barred(NULL, NULL));
	assert_int_equal(case_event_parse("dismiss"), EV_DISMISS);
}

static void
test_payment_terms_in_the_machine(void **state)
{
	struct case_context c = { true, 2, 2, false };
	(void)state;
	assert_int_equal(case_next(CASE_PARTLY_PAID, EV_PAY_TERM, &c), -1); /* nothing left to pay */
	c.terms_paid = 1;
	assert_int_equal(case_next(CASE_ACCEPTED, EV_PAY_TERM, &c), -1);    /* the books disagree */
	c.terms_total = 0;
	c.terms_paid = 0;
	assert_int_equal(case_next(CASE_ACCEPTED, EV_PAY_TERM, &c), -1);
	assert_int_equal(case_next(CASE_PAID, EV_PAY_TERM, &c), -1);
}

static void
test_names(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < CASE__COUNT; i++)
		assert_int_equal(case_state_parse(case_state_name((enum case_state)i)), i);
	for (i = 0; i < EV__COUNT; i++)
		assert_int_equal(case_event_parse(case_event_name((enum case_event)i)), i);
	assert_int_equal(case_state_parse("draft"), -1);
	assert_int_equal(case_event_parse("approve"), -1);
	assert_null(case_state_name(CASE__COUNT));
}

static void
test_payment_terms_and_audit(void **state)
{
	(void)state;
	assert_int_equal(rules_payment_terms(30000, 30000), 1);
	assert_int_equal(rules_payment_terms(30001, 30000), 2);
	assert_int_equal(rules_payment_terms(10000, 30000), 1);
	assert_false(rules_audit_required(99999, 100000));
	assert_true(rules_audit_required(100000, 100000));
}

static void
test_payment_plan(void **state)
{
	struct rules_term t[2];
	(void)state;
	/* 30 000 is one term, due on acceptance */
	assert_int_equal(rules_payment_plan(30000, 30000, 2026, 2026, 5, 10, t), 1);
	assert_int_equal(t[0].amount, 30000);
	assert_int_equal(t[0].month * 100 + t[0].day, 510);
	/* 30 001 is two: the odd krone goes to spring, autumn is 1 September */
	assert_int_equal(rules_payment_plan(30001, 30000, 2026, 2026, 5, 10, t), 2);
	assert_int_equal(t[0].amount, 15001);
	assert_int_equal(t[1].amount, 15000);
	assert_int_equal(t[0].amount + t[1].amount, 30001);
	assert_int_equal(t[1].year * 10000 + t[1].month * 100 + t[1].day, 20260901);
	/* accepted late in the year: autumn falls 30 days after acceptance, across the new year */
	assert_int_equal(rules_payment_plan(100000, 30000, 2026, 2026, 12, 15, t), 2);
	assert_int_equal(t[1].year * 10000 + t[1].month * 100 + t[1].day, 20270114);
	/* accepted 2 August: 1 September is the later date, so it stays */
	rules_payment_plan(100000, 30000, 2026, 2026, 8, 2, t);
	assert_int_equal(t[1].month * 100 + t[1].day, 901);
	/* accepted 3 August: 30 days later is 2 September */
	rules_payment_plan(100000, 30000, 2026, 2026, 8, 3, t);
	assert_int_equal(t[1].month * 100 + t[1].day, 902);
}

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

static void
test_appeal_deadline_across_dst(void **state)
{
	(void)state;
	rules_init();
	/* sent 10 October (summer time): the last day is 31 October, after the change, 23:59:59 CET */
	assert_true(rules_appeal_deadline(utc(2026, 10, 10, 9, 0, 0), 21) == utc(2026, 10, 31, 22, 59, 59));
	/* sent 20 March (winter time): the last day is 10 April, 23:59:59 CEST */
	assert_true(rules_appeal_deadline(utc(2026, 3, 20, 9, 0, 0), 21) == utc(2026, 4, 10, 21, 59, 59));
	/* sent at 00:30 Oslo on 1 December (23:30 UTC on 30 November): counted from the Oslo date */
	assert_true(rules_appeal_deadline(utc(2026, 11, 30, 23, 30, 0), 21) == utc(2026, 12, 22, 22, 59, 59));
}

static void
test_frame(void **state)
{
	(void)state;
	assert_true(rules_frame_overrun(41480000, 41000000, 480000) == 0);
	assert_true(rules_frame_overrun(41480000, 41000000, 480001) == 1);
	assert_true(rules_frame_overrun(15000000, 14900000, 250000) == 150000);
	assert_true(rules_frame_overrun(0, 0, 0) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_legal_transition), cmocka_unit_test(test_every_illegal_transition),
		cmocka_unit_test(test_payment_terms_in_the_machine), cmocka_unit_test(test_names),
		cmocka_unit_test(test_appeal_rule_in_the_machine),
		cmocka_unit_test(test_payment_terms_and_audit), cmocka_unit_test(test_payment_plan), cmocka_unit_test(test_appeal_deadline_across_dst),
		cmocka_unit_test(test_frame),
	};
	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
