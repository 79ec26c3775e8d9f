/*
 * test_case_steps.c - the table of case steps (svc/case_steps.c), where it is pure: every step is
 * in its place, its event is allowed from at least one state (or its activity in at least one),
 * its roles are not empty and of its side, it has an effect and a log text, its impartiality
 * matches docs/domain.md (a declaration for the review, the assessment, the recommendation and
 * the decision; the organisation's steps and the appeal body's ruling check none; a comment is
 * open to one who has recused themselves), the four-eyes rule is on the decision only, and a
 * notification names its subject and kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/casestate.h"
#include "domain/roles.h"
#include "svc/case_steps.h"

static bool
allowed_somewhere(const struct case_step *st)
{
	int s, g, total, paid;
	for (s = 0; s < CASE__COUNT; s++) {
		if (!st->transition) {
			if (case_allows((enum case_state)s, st->activity))
				return true;
			continue;
		}
		for (g = 0; g < 2; g++)
			for (total = 0; total <= 2; total++)
				for (paid = 0; paid <= total; paid++) {
					struct case_context c = { g == 1, total, paid, false };
					if (case_next((enum case_state)s, st->event, &c) >= 0)
						return true;
				}
	}
	return false;
}

static void
test_every_step_in_place(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++) {
		const struct case_step *st = case_step_get((enum case_step_id)i);
		assert_non_null(st);
		assert_int_equal(st->id, i);
		assert_non_null(st->effect);
		assert_non_null(st->log);
		assert_true(st->log[0] != '\0');
	}
	assert_null(case_step_get(STEP__COUNT));
}

static void
test_every_step_allowed_somewhere(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++)
		if (!allowed_somewhere(case_step_get((enum case_step_id)i)))
			fail_msg("step %d is allowed in no state", i);
}

static void
test_roles(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++) {
		const struct case_step *st = case_step_get((enum case_step_id)i);
		unsigned any = st->side == SIDE_STAFF ? ROLE_TENANT_ANY : ROLE_ORG_ANY;
		assert_int_not_equal(st->roles, 0);
		assert_int_equal(st->roles & ~any, 0);
		/* nobody outside the tenant's casework takes a step; viewers and national admins take none */
		if (st->side == SIDE_STAFF)
			assert_int_equal(st->roles & ROLE_NATIONAL_ADMIN, 0);
		else
			assert_int_equal(st->roles & ROLE_ORG_VIEWER, 0);
	}
	/* the decision and the handling of appeals are the decision maker's */
	assert_int_equal(case_step_get(STEP_GRANT)->roles, ROLE_DECISION_MAKER);
	assert_int_equal(case_step_get(STEP_APPEAL_FORWARD)->roles, ROLE_DECISION_MAKER);
	assert_int_equal(case_step_get(STEP_RULING_UPHOLD)->roles, ROLE_DECISION_MAKER);
	assert_int_equal(case_step_get(STEP_RECLAIM)->roles, ROLE_DECISION_MAKER);
	/* review, assessment and recommendation the caseworker's */
	assert_int_equal(case_step_get(STEP_START_REVIEW)->roles, ROLE_CASEWORKER);
	assert_int_equal(case_step_get(STEP_RECOMMEND)->roles, ROLE_CASEWORKER);
	assert_int_equal(case_step_get(STEP_ACCEPT)->roles, ROLE_ORG_SIGNER);
}

static void
test_impartiality_as_documented(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++) {
		const struct case_step *st = case_step_get((enum case_step_id)i);
		enum case_impartiality want;
		switch (st->id) {
		case STEP_START_REVIEW:
		case STEP_ASSESS:
		case STEP_RECOMMEND:
		case STEP_GRANT:
		case STEP_GRANT_PARTLY:
		case STEP_REJECT:
		case STEP_DISMISS:
			want = IMP_DECLARED;
			break;
		case STEP_COMMENT:
		case STEP_RULING_CHANGE:
		case STEP_RULING_UPHOLD:
			want = IMP_NONE;
			break;
		default:
			want = st->side == SIDE_ORG ? IMP_NONE : IMP_NOT_RECUSED;
		}
		if (st->impartiality != want)
			fail_msg("step %d (%s): impartiality %d, expected %d", i, st->log, st->impartiality, want);
		assert_int_equal(st->four_eyes, st->transition && (st->event == EV_GRANT || st->event == EV_GRANT_PARTLY ||
		    st->event == EV_REJECT || st->event == EV_DISMISS));
	}
}

static void
test_notifications(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++) {
		const struct case_step *st = case_step_get((enum case_step_id)i);
		if (st->notify == NOTIFY_NONE)
			continue;
		assert_non_null(st->mail_kind);
		assert_int_equal(st->side, SIDE_STAFF);
		if (st->notify == NOTIFY_ORG)
			assert_non_null(st->subject);
	}
	assert_int_equal(case_step_get(STEP_SEND_LETTER)->notify, NOTIFY_LETTER);
	assert_int_equal(case_step_get(STEP_ASK_CHANGES)->notify, NOTIFY_ORG);
	assert_int_equal(case_step_get(STEP_APPROVE_REPORT)->notify, NOTIFY_NONE);
}

/* A transition's log is its event's name (the case log and the timeline show those). */
static void
test_logs_of_transitions(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < STEP__COUNT; i++) {
		const struct case_step *st = case_step_get((enum case_step_id)i);
		if (st->transition)
			assert_string_equal(st->log, case_event_name(st->event));
	}
}

static void
test_activities(void **state)
{
	int s;
	(void)state;
	for (s = 0; s < CASE__COUNT; s++) {
		assert_int_equal(case_allows((enum case_state)s, CA_ASSESS), s == CASE_IN_REVIEW);
		assert_true(case_allows((enum case_state)s, CA_COMMENT));
	}
	assert_true(case_allows(CASE_ACCEPTED, CA_REQUEST_CHANGE));
	assert_true(case_allows(CASE_CHANGES_ASKED, CA_REQUEST_CHANGE));
	assert_false(case_allows(CASE_REPORT_RECEIVED, CA_REQUEST_CHANGE));
	assert_false(case_allows(CASE_LETTER_SENT, CA_REQUEST_CHANGE));
	assert_false(case_allows(CASE__COUNT, CA_COMMENT));
	assert_int_equal(appeal_status_parse("forwarded"), APPEAL_FORWARDED);
	assert_int_equal(appeal_status_parse("nope"), -1);
	assert_string_equal(appeal_status_name(APPEAL_REVERSED), "reversed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_step_in_place),
		cmocka_unit_test(test_every_step_allowed_somewhere),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_impartiality_as_documented),
		cmocka_unit_test(test_notifications),
		cmocka_unit_test(test_logs_of_transitions),
		cmocka_unit_test(test_activities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
