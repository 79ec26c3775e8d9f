/*
 * h_followup.c - the organisation's side of a case after submission: its view of the case (letters,
 * payments, appeals, report, change requests, what it may do now), accepting or declining the
 * grant (which makes the payment plan), appeals (late ones recorded and marked late), the report
 * (audited accounts required from the audit threshold) and change requests. Each handler parses
 * the request, runs the step (svc/case_steps.c) and renders the outcome. The dispatcher has
 * checked the role in the organisation that owns the application (req->app_id).
 */
#include "api/h_casework.h"

#include "svc/case_views.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/json.h"
#include "http/problem.h"
#include "domain/valid.h"
#include "core/jw.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
h_app_case(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_case_jw_send(req, case_view_org(req->app_id, &w), &w, &b, 1);
}

/* Runs the step on the application of the URL and answers {id, status} (with late for an appeal
 * or a report), or 201 with the new appeal's or change request's id (200 for a repeat under the
 * same Idempotency-Key). */
static void
h_fu_do(struct http_req *req, struct case_step_input *in, bool created)
{
	struct case_step_result r;
	struct idem key;
	json_t *doc;

	if (h_idem(req, &key) != 0)
		return;
	in->idem = &key;
	in->tenant_id = 0;
	in->case_id = req->app_id;
	in->user_id = req->user_id;
	in->roles = req->org_roles;
	case_step_run(in, &r);
	if (r.outcome != CO_OK) {
		h_case_refusal_send(req, &r);
		case_step_result_free(&r);
		return;
	}
	doc = json_pack("{s:I, s:s}", "id", (json_int_t)req->app_id, "status", case_state_name(r.state));
	if (in->step == STEP_APPEAL || in->step == STEP_RECEIVE_REPORT)
		json_object_set_new(doc, "late", json_boolean(r.late));
	if (created)
		json_object_set_new(doc, in->step == STEP_APPEAL ? "appeal_id" : "change_request_id", json_integer(r.new_id));
	json_send(req, created && !r.replayed ? 201 : 200, doc);
	case_step_result_free(&r);
}

void
h_app_accept(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_ACCEPT };
	bool accept = false;
	struct h_field f[] = { H_FIELD(accept, accept, .b = &accept) };
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	in.step = accept ? STEP_ACCEPT : STEP_DECLINE;
	h_fu_do(req, &in, false);
	json_decref(doc);
}

void
h_app_appeal(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_APPEAL };
	struct h_field f[] = { H_FIELD(appeal, reasons, .s = &in.text) };
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	h_fu_do(req, &in, true);
	json_decref(doc);
}

void
h_app_change_request(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_REQUEST_CHANGE };
	struct h_field f[] = {
		H_FIELD(changeRequest, kind, .s = &in.kind),
		H_FIELD(changeRequest, description, .s = &in.text),
	};
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	h_fu_do(req, &in, true);
	json_decref(doc);
}

/* PUT .../report {goals_reached, participants, activities, accounts: [{item, budget, actual}], unused}:
 * its whole shape is the operation's */
void
h_app_report(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_RECEIVE_REPORT };
	char *report;
	json_t *doc;

	if ((doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	if (json_object_get(doc, "unused") == NULL)
		json_object_set_new(doc, "unused", json_integer(0));
	in.report = report = json_dumps(doc, JSON_COMPACT);
	h_fu_do(req, &in, false);
	free(report);
	json_decref(doc);
}
