/*
 * casestate.c - the case state machine (see casestate.h).
 */
#include "domain/casestate.h"

#include <string.h>

static const char *const case_states[CASE__COUNT] = {
	[CASE_SUBMITTED] = "submitted", [CASE_IN_REVIEW] = "in_review", [CASE_RECOMMENDED] = "recommended",
	[CASE_GRANTED] = "granted", [CASE_PARTLY_GRANTED] = "partly_granted", [CASE_REJECTED] = "rejected",
	[CASE_LETTER_SENT] = "letter_sent", [CASE_ACCEPTED] = "accepted", [CASE_DECLINED] = "declined",
	[CASE_PARTLY_PAID] = "partly_paid", [CASE_PAID] = "paid", [CASE_REPORT_DUE] = "report_due",
	[CASE_REPORT_RECEIVED] = "report_received", [CASE_CHANGES_ASKED] = "changes_asked",
	[CASE_REPORT_APPROVED] = "report_approved", [CASE_CLOSED] = "closed", [CASE_WITHDRAWN] = "withdrawn",
	[CASE_APPEALED] = "appealed", [CASE_APPEAL_FORWARDED] = "appeal_forwarded", [CASE_RECLAIM] = "reclaim",
	[CASE_DISMISSED] = "dismissed",
};

static const char *const case_events[EV__COUNT] = {
	[EV_START_REVIEW] = "start_review", [EV_RECOMMEND] = "recommend", [EV_GRANT] = "grant",
	[EV_GRANT_PARTLY] = "grant_partly", [EV_REJECT] = "reject", [EV_SEND_LETTER] = "send_letter",
	[EV_ACCEPT] = "accept", [EV_DECLINE] = "decline", [EV_PAY_TERM] = "pay_term", [EV_REPORT_DUE] = "report_due",
	[EV_RECEIVE_REPORT] = "receive_report", [EV_APPROVE_REPORT] = "approve_report", [EV_ASK_CHANGES] = "ask_changes",
	[EV_CLOSE] = "close", [EV_WITHDRAW] = "withdraw", [EV_APPEAL] = "appeal", [EV_APPEAL_CHANGE] = "appeal_change",
	[EV_APPEAL_FORWARD] = "appeal_forward", [EV_APPEAL_UPHOLD] = "appeal_uphold", [EV_RECLAIM] = "reclaim",
	[EV_DISMISS] = "dismiss",
};

static const char *const appeal_statuses[APPEAL__COUNT] = {
	[APPEAL_FILED] = "filed", [APPEAL_CHANGED] = "changed", [APPEAL_FORWARDED] = "forwarded",
	[APPEAL_UPHELD] = "upheld", [APPEAL_REVERSED] = "reversed",
};

int
case_next(enum case_state s, enum case_event e, const struct case_context *c)
{
	switch (e) {
	case EV_START_REVIEW:
		return s == CASE_SUBMITTED ? CASE_IN_REVIEW : -1;
	case EV_RECOMMEND:
		return s == CASE_IN_REVIEW ? CASE_RECOMMENDED : -1;
	case EV_GRANT:
		return s == CASE_RECOMMENDED ? CASE_GRANTED : -1;
	case EV_GRANT_PARTLY:
		return s == CASE_RECOMMENDED ? CASE_PARTLY_GRANTED : -1;
	case EV_REJECT:
		return s == CASE_RECOMMENDED ? CASE_REJECTED : -1;
	case EV_DISMISS:
		return s == CASE_RECOMMENDED ? CASE_DISMISSED : -1;
	case EV_SEND_LETTER:
		return s == CASE_GRANTED || s == CASE_PARTLY_GRANTED || s == CASE_REJECTED || s == CASE_DISMISSED ?
		    CASE_LETTER_SENT : -1;
	case EV_ACCEPT:
		return s == CASE_LETTER_SENT && c->granted ? CASE_ACCEPTED : -1;
	case EV_DECLINE:
		return s == CASE_LETTER_SENT && c->granted ? CASE_DECLINED : -1;
	case EV_PAY_TERM:
		if (s != CASE_ACCEPTED && s != CASE_PARTLY_PAID)
			return -1;
		if (c->terms_total < 1 || c->terms_paid >= c->terms_total)
			return -1;
		if (s == CASE_ACCEPTED && c->terms_paid != 0)
			return -1;
		return c->terms_paid + 1 == c->terms_total ? CASE_PAID : CASE_PARTLY_PAID;
	case EV_REPORT_DUE:
		return s == CASE_PAID ? CASE_REPORT_DUE : -1;
	case EV_RECEIVE_REPORT:
		/* an organisation may report as soon as everything is paid, before the reminder */
		return s == CASE_PAID || s == CASE_REPORT_DUE || s == CASE_CHANGES_ASKED ? CASE_REPORT_RECEIVED : -1;
	case EV_APPROVE_REPORT:
		return s == CASE_REPORT_RECEIVED ? CASE_REPORT_APPROVED : -1;
	case EV_ASK_CHANGES:
		return s == CASE_REPORT_RECEIVED ? CASE_CHANGES_ASKED : -1;
	case EV_CLOSE:
		if (s == CASE_REPORT_APPROVED || s == CASE_DECLINED || s == CASE_RECLAIM)
			return CASE_CLOSED;
		return s == CASE_LETTER_SENT && !c->granted ? CASE_CLOSED : -1;
	case EV_WITHDRAW:
		return s == CASE_SUBMITTED || s == CASE_IN_REVIEW || s == CASE_RECOMMENDED ? CASE_WITHDRAWN : -1;
	case EV_APPEAL:
		return s == CASE_LETTER_SENT && !c->no_appeal ? CASE_APPEALED : -1;
	case EV_APPEAL_CHANGE:
		return s == CASE_APPEALED || s == CASE_APPEAL_FORWARDED ? CASE_RECOMMENDED : -1;
	case EV_APPEAL_FORWARD:
		return s == CASE_APPEALED ? CASE_APPEAL_FORWARDED : -1;
	case EV_APPEAL_UPHOLD:
		return s == CASE_APPEAL_FORWARDED ? CASE_LETTER_SENT : -1;
	case EV_RECLAIM:
		return s == CASE_PAID || s == CASE_REPORT_DUE || s == CASE_REPORT_RECEIVED || s == CASE_REPORT_APPROVED ?
		    CASE_RECLAIM : -1;
	case EV__COUNT:
		break;
	}
	return -1;
}

bool
case_appeal_barred(const char *appeal_rule, const char *decision_outcome)
{
	if (appeal_rule == NULL || strcmp(appeal_rule, "dismissal_and_reactions") != 0)
		return false;
	return decision_outcome == NULL || strcmp(decision_outcome, "dismiss") != 0;
}

const char *
case_state_name(enum case_state s)
{
	return (unsigned)s < CASE__COUNT ? case_states[s] : NULL;
}

const char *
case_event_name(enum case_event e)
{
	return (unsigned)e < EV__COUNT ? case_events[e] : NULL;
}

int
case_state_parse(const char *name)
{
	int i;
	for (i = 0; name && i < CASE__COUNT; i++)
		if (strcmp(name, case_states[i]) == 0)
			return i;
	return -1;
}

int
case_event_parse(const char *name)
{
	int i;
	for (i = 0; name && i < EV__COUNT; i++)
		if (strcmp(name, case_events[i]) == 0)
			return i;
	return -1;
}

bool
case_allows(enum case_state s, enum case_activity a)
{
	if ((unsigned)s >= CASE__COUNT)
		return false;
	switch (a) {
	case CA_ASSESS:
		return s == CASE_IN_REVIEW;
	case CA_COMMENT:
	case CA_DECIDE_CHANGE:
		return true;
	case CA_REQUEST_CHANGE:
		/* while the grant is in force: accepted, and the report not yet approved */
		return s == CASE_ACCEPTED || s == CASE_PARTLY_PAID || s == CASE_PAID || s == CASE_REPORT_DUE ||
		    s == CASE_CHANGES_ASKED;
	case CA__COUNT:
		break;
	}
	return false;
}

const char *
appeal_status_name(enum appeal_status s)
{
	return (unsigned)s < APPEAL__COUNT ? appeal_statuses[s] : NULL;
}

int
appeal_status_parse(const char *name)
{
	int i;
	for (i = 0; name && i < APPEAL__COUNT; i++)
		if (strcmp(name, appeal_statuses[i]) == 0)
			return i;
	return -1;
}
