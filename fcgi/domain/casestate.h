/*
 * casestate.h - the one state machine of a case (an application after submission), as pure code.
 *
 *   submitted -> in_review -> recommended -> granted | partly_granted | rejected | dismissed -> letter_sent
 *   letter_sent -> accepted | declined (grants only) ; letter_sent -> appealed (within the window)
 *   accepted -> partly_paid -> paid (one or two terms) -> report_due -> report_received
 *   paid -> report_received (a report filed before the reminder)
 *   report_received -> report_approved | changes_asked ; changes_asked -> report_received
 *   report_approved -> closed ; declined -> closed ; letter_sent (rejected, dismissed) -> closed
 *   appealed -> recommended (the first instance changes it) | appeal_forwarded (upheld, sent on)
 *   appeal_forwarded -> recommended (the appeal body changes it) | letter_sent (upheld)
 *   submitted | in_review | recommended -> withdrawn (before a decision)
 *   paid | report_due | report_received | report_approved -> reclaim -> closed
 *
 * case_next() answers whether an event is allowed in a state and where it leads; the caller
 * records the transition and its audit record in one transaction, and answers 409 naming the
 * current state when the event is not allowed. case_allows() answers the same for the steps that
 * leave the state as it is (an assessment, a comment, a change request and its decision).
 *
 * A dismissal (avvisning) is a decision of its own: the application fails a formal requirement
 * and is not assessed on its merits. It grants nothing, and it can be appealed like a rejection.
 */
#ifndef PORTAL_CASESTATE_H
#define PORTAL_CASESTATE_H

#include <stdbool.h>

enum case_state {
	CASE_SUBMITTED = 0,
	CASE_IN_REVIEW,
	CASE_RECOMMENDED,
	CASE_GRANTED,
	CASE_PARTLY_GRANTED,
	CASE_REJECTED,
	CASE_LETTER_SENT,
	CASE_ACCEPTED,
	CASE_DECLINED,
	CASE_PARTLY_PAID,
	CASE_PAID,
	CASE_REPORT_DUE,
	CASE_REPORT_RECEIVED,
	CASE_CHANGES_ASKED,
	CASE_REPORT_APPROVED,
	CASE_CLOSED,
	CASE_WITHDRAWN,
	CASE_APPEALED,
	CASE_APPEAL_FORWARDED,
	CASE_RECLAIM,
	CASE_DISMISSED,        /* decided: dismissed on a formal requirement (last, as in the db enum) */
	CASE__COUNT,
};

enum case_event {
	EV_START_REVIEW = 0,
	EV_RECOMMEND,
	EV_GRANT,
	EV_GRANT_PARTLY,
	EV_REJECT,
	EV_SEND_LETTER,
	EV_ACCEPT,
	EV_DECLINE,
	EV_PAY_TERM,
	EV_REPORT_DUE,
	EV_RECEIVE_REPORT,
	EV_APPROVE_REPORT,
	EV_ASK_CHANGES,
	EV_CLOSE,
	EV_WITHDRAW,
	EV_APPEAL,
	EV_APPEAL_CHANGE,      /* the first instance (or the appeal body) changes the decision */
	EV_APPEAL_FORWARD,     /* the first instance upholds it and sends the appeal on */
	EV_APPEAL_UPHOLD,      /* the appeal body upholds it */
	EV_RECLAIM,
	EV_DISMISS,            /* the decision maker dismisses the application */
	EV__COUNT,
};

/* What the rules need besides the state. */
struct case_context {
	bool granted;          /* the decision granted money (in full or in part) */
	int terms_total;       /* payment terms of the plan: 1 or 2 */
	int terms_paid;        /* terms paid before this event */
	bool no_appeal;        /* the call's appeal rule allows no appeal against this decision (a grant
	                        * or rejection under "dismissal and reactions"): EV_APPEAL is refused */
};

/* Whether the call's appeal rule ("all" or "dismissal_and_reactions") bars an appeal against the
 * decision (outcome: grant, grant_partly, reject or dismiss): under "dismissal_and_reactions" only
 * a dismissal may be appealed (forvaltningsloven § 3 first paragraph and § 28). */
bool case_appeal_barred(const char *appeal_rule, const char *decision_outcome);

/* The state after event in state, or -1 when the event is not allowed there. */
int case_next(enum case_state state, enum case_event event, const struct case_context *ctx);

/* What may be done to a case without moving it to another state. */
enum case_activity {
	CA_ASSESS = 0,         /* record the assessment: in_review */
	CA_COMMENT,            /* an internal comment: any state */
	CA_REQUEST_CHANGE,     /* the organisation asks to change the grant: while it is in force */
	CA_DECIDE_CHANGE,      /* staff decide a change request: any state (the request is pending or not) */
	CA__COUNT,
};

/* Whether the activity may be done in state. */
bool case_allows(enum case_state state, enum case_activity activity);

/* An appeal's status (appeals.status): filed, then changed or forwarded, then upheld or reversed. */
enum appeal_status {
	APPEAL_FILED = 0,
	APPEAL_CHANGED,
	APPEAL_FORWARDED,
	APPEAL_UPHELD,
	APPEAL_REVERSED,
	APPEAL__COUNT,
};

/* Names as stored in the database ("forwarded"); NULL when out of range; -1 when unknown. */
const char *appeal_status_name(enum appeal_status s);
int appeal_status_parse(const char *name);

/* Names as stored in the database and sent in the API ("in_review"); NULL when out of range. */
const char *case_state_name(enum case_state s);
const char *case_event_name(enum case_event e);
/* Parses a name; -1 when unknown. */
int case_state_parse(const char *name);
int case_event_parse(const char *name);

#endif
