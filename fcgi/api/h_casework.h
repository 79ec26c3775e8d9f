/*
 * h_casework.h - what the casework handlers share (h_cases.c, h_casework.c for the tenant's staff,
 * h_followup.c for the organisation): refusals and their answers, the state machine's context of
 * a locked case, the actions allowed now, and the email to an organisation.
 */
#ifndef PORTAL_H_CASEWORK_H
#define PORTAL_H_CASEWORK_H

#include "domain/casestate.h"
#include "db/db_cases.h"
#include "http/http.h"

#include <jansson.h>

enum h_refusal {
	REF_NONE = 0,
	REF_RECUSED,       /* the person has recused themselves: 403 */
	REF_UNDECLARED,    /* no declaration of impartiality yet: 409 */
	REF_FOUR_EYES,     /* the one who recommended may not decide: 403 */
	REF_ILLEGAL,       /* the state machine says no: 409 naming the state */
	REF_AMOUNT,        /* an amount out of bounds: 422 on "amount" (or the detail's field) */
	REF_FRAME,         /* over the frame or an earmark: 409 saying by how much */
	REF_FIELD,         /* 422 on field with detail */
	REF_NOTFOUND,      /* 404 */
};

/* Answers the refusal: state names the case's current state, field and detail what is wrong. */
void h_refusal_send(struct http_req *req, enum h_refusal r, const char *state, const char *field, const char *detail);

/* The state machine's view of a locked case. */
struct case_context h_case_ctx(const struct db_case_lock *c);

/* The events allowed now (new reference: an array of event names). staff false: the organisation's
 * own (accept, decline, appeal, receive_report), true: the rest. */
json_t *h_case_actions(const char *status, const struct case_context *ctx, bool staff);

struct db_case_times;
/* Sets appeal_deadline (ISO UTC, or null before a letter) and audit_required on the case object. */
void h_case_deadlines(json_t *c, const struct db_case_times *t);

/* Queues an email to the organisation's admins and signers (inside the caller's transaction). */
enum db_status h_notify_org(int64_t org_id, int64_t tenant_id, const char *subject, const char *body, const char *kind);

/* The Oslo date of t as YYYY-MM-DD into out[11]. */
void h_oslo_date(time_t t, char out[11]);

#endif
