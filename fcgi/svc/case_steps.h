/*
 * case_steps.h - every step of a case after submission, as one table, and the one driver that
 * runs a step in one transaction.
 *
 * A step is a row of the table: the case_event it takes through the state machine
 * (domain/casestate.h) or, for the steps that leave the state as it is, the case_activity;
 * the side and the roles that may take it (domain/roles.h); whether the person must have declared
 * impartiality, or only must not have recused themselves; whether the four-eyes rule applies; a
 * guard (a rule beyond the state machine: the budget frame, a payment term in order, ...); an
 * effect (the db writes); the case-log event; and the notification (none, an email to the
 * organisation's admins and signers, or the letter).
 *
 * case_step_run() locks the case, checks the role, the impartiality declaration, the four-eyes
 * rule, the state (case_next() or case_allows()), then runs the guard, the effect, the case-log
 * entry and the notification, and commits them together. It answers with an outcome; the handler
 * turns it into HTTP (the texts are the handler's). docs/domain.md states the rules.
 */
#ifndef PORTAL_CASE_STEPS_H
#define PORTAL_CASE_STEPS_H

#include "domain/casestate.h"
#include "domain/roles.h"
#include "svc/idem.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum case_step_id {
	/* the tenant's staff */
	STEP_START_REVIEW = 0,
	STEP_ASSESS,
	STEP_RECOMMEND,
	STEP_GRANT,
	STEP_GRANT_PARTLY,
	STEP_REJECT,
	STEP_DISMISS,            /* a dismissal (avvisning): a formal requirement is not met */
	STEP_COMMENT,
	STEP_SEND_LETTER,
	STEP_PAY_TERM,
	STEP_APPEAL_CHANGE,      /* the first instance changes its decision */
	STEP_APPEAL_FORWARD,     /* the first instance upholds it and sends the appeal on */
	STEP_APPROVE_REPORT,
	STEP_ASK_CHANGES,
	STEP_CHANGE_APPROVE,     /* a change request approved */
	STEP_CHANGE_REFUSE,      /* a change request refused */
	STEP_CLOSE,
	STEP_RECLAIM,
	STEP_RULING_CHANGE,      /* the appeal body reverses the decision */
	STEP_RULING_UPHOLD,      /* the appeal body upholds it */
	/* the organisation */
	STEP_ACCEPT,
	STEP_DECLINE,
	STEP_APPEAL,
	STEP_RECEIVE_REPORT,
	STEP_REQUEST_CHANGE,
	STEP__COUNT,
};

enum case_side {
	SIDE_STAFF = 0,          /* the tenant's staff: roles are tenant roles (ROLE_CASEWORKER, ...) */
	SIDE_ORG,                /* the organisation: roles are organisation roles (ROLE_ORG_*) */
};

enum case_impartiality {
	IMP_NONE = 0,            /* not checked */
	IMP_NOT_RECUSED,         /* refused to one who has recused themselves */
	IMP_DECLARED,            /* needs a declaration of impartiality */
};

enum case_notify {
	NOTIFY_NONE = 0,
	NOTIFY_ORG,              /* an email to the organisation's admins and signers */
	NOTIFY_LETTER,           /* the letter, emailed to the organisation's admins and signers */
};

enum case_outcome {
	CO_OK = 0,
	CO_NOT_FOUND,            /* no such case (appeal, change request) here */
	CO_FORBIDDEN,            /* the role may not take the step */
	CO_RECUSED,              /* the person has recused themselves */
	CO_UNDECLARED,           /* no declaration of impartiality yet */
	CO_FOUR_EYES,            /* the one who recommended may not decide */
	CO_WRONG_STATE,          /* not in the current state (result.state, or result.draft) */
	CO_INVALID,              /* result.field is at fault, for result.invalid */
	CO_FRAME_EXCEEDED,       /* over what the grant may use (result.sub_goal: its earmark, 0: none), by result.over */
	CO_NOT_APPEALABLE,       /* the call's appeal rule allows no appeal against this decision */
	CO_CONFLICT,             /* the change collided with another: try again */
	CO_UNAVAILABLE,          /* the database cannot be reached */
	CO_KEY_REUSED,           /* the Idempotency-Key came with another request before */
	CO_ERROR,
};

/* Why a field is at fault (CO_INVALID). */
enum case_invalid {
	INV_NONE = 0,
	INV_OVER_APPLIED,        /* amount: more than applied for */
	INV_GRANT_NOT_APPLIED,   /* amount: a full grant is the applied amount */
	INV_TERM_PAID,           /* term: paid already (result.term) */
	INV_TERM_EARLY,          /* term: the one before (result.next_term) is not paid */
	INV_TERM_UNKNOWN,        /* term: not in the payment plan */
	INV_PAYBACK_OVER_GRANT,  /* payback_amount: more than the grant */
	INV_RECLAIM_OVER_GRANT,  /* amount: more than the grant */
	INV_AUDIT_MISSING,       /* audited_accounts: required from the audit threshold, not uploaded */
	INV_NOT_CASEWORKER,      /* user_id: not one of the tenant's caseworkers (case_assign) */
};

/* What the handler parsed from the request. Strings are borrowed for the call. */
struct case_step_input {
	enum case_step_id step;
	int64_t tenant_id;       /* SIDE_STAFF: the tenant of the URL; SIDE_ORG: 0 */
	int64_t case_id;         /* the rulings: 0 (the appeal names the case) */
	int64_t appeal_id;       /* the rulings */
	int64_t cr_id;           /* STEP_CHANGE_*: the change request */
	int64_t user_id;
	unsigned roles;          /* the person's role bits on the step's side */
	int64_t amount;          /* recommend, grant, grant_partly, reclaim; payback (report review) */
	bool has_amount;         /* report review: a payback amount was given */
	int64_t term;            /* pay_term: 1 or 2 */
	const char *text;        /* reasons, comment, response, description (may be NULL) */
	const char *kind;        /* request change: purpose, activities or budget */
	bool dismiss;            /* recommend: propose a dismissal (amount ignored) */
	const char *scores, *eligibility; /* assess: JSON text */
	const char *report;      /* receive report: JSON text */
	const char *base_url;    /* send letter: the portal's address, for the link in the email */
	const struct idem *idem; /* the request's Idempotency-Key (svc/idem.h); NULL: none */
};

struct case_step_result {
	enum case_outcome outcome;
	int64_t case_id;         /* the case (the rulings: found through the appeal) */
	enum case_state state;   /* CO_OK: the state now; CO_WRONG_STATE: the current one */
	bool draft;              /* CO_WRONG_STATE: the application is still a draft (no state) */
	const char *field;       /* CO_INVALID */
	enum case_invalid invalid;
	int64_t term, next_term; /* INV_TERM_PAID, INV_TERM_EARLY */
	int64_t over;            /* CO_FRAME_EXCEEDED: by how much */
	char sub_goal;           /* CO_FRAME_EXCEEDED: the earmark the grant is attributed to, 0: none */
	bool reserved;           /* CO_FRAME_EXCEEDED: the call has earmarks, reserved for their sub-goals */
	int64_t new_id;          /* comment, appeal, change request: the new row's id */
	bool late;               /* appeal, report: filed after the deadline */
	json_t *letter;          /* send letter: the letter sent (owned: case_step_result_free) */
	bool replayed;           /* CO_OK: the same request with the same key again, answered as then */
};

struct case_run;

/* One row of the table. */
struct case_step {
	enum case_step_id id;
	enum case_side side;
	bool transition;                 /* true: event moves the case; false: activity leaves it */
	enum case_event event;
	enum case_activity activity;
	unsigned roles;                  /* any of these role bits on side */
	enum case_impartiality impartiality;
	bool four_eyes;                  /* the one who recommended may not take it */
	enum case_outcome (*guard)(struct case_run *run);   /* NULL: none */
	enum case_outcome (*effect)(struct case_run *run);  /* the db writes */
	const char *log;                 /* the case-log event */
	enum case_notify notify;
	const char *subject;             /* NOTIFY_ORG: the email's subject */
	const char *mail_kind;           /* the outbox's kind */
};

/* The step's row; NULL when id is out of range. */
const struct case_step *case_step_get(enum case_step_id id);

/* Runs the step in one transaction and fills *out (free it with case_step_result_free). Under an
 * Idempotency-Key (in->idem), a repeat of the same request runs nothing and answers as the first
 * did (out->replayed); the key with another request is CO_KEY_REUSED. */
void case_step_run(const struct case_step_input *in, struct case_step_result *out);
void case_step_result_free(struct case_step_result *out);

#endif
