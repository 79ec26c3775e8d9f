/*
 * h_cases.c - casework for a tenant's staff: the inbox, one case, assignment, impartiality, the
 * review, the recommendation and the decision, and a call's budget. Each handler parses the
 * request, calls the use case (svc/case_steps.h, svc/case_views.h) and renders its outcome. The
 * dispatcher has checked the staff role in the tenant of the URL; every use case filters by it.
 */
#include "domain/casestate.h"
#include "api/h_casework.h"
#include "svc/case_views.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/jw.h"
#include "domain/valid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the sort names, in the order of enum case_inbox_sort */
static const char *const h_sorts[CASE_SORT__COUNT + 1] = { "-submitted", "submitted", "amount", "-amount", "title", "-title",
	"organisation", "-organisation", NULL };

/* The inbox's query (checked by the dispatcher against the operation's parameters) into f; its
 * strings are borrowed from req. */
static void
h_inbox_query(struct http_req *req, struct case_inbox_query *f)
{
	const char *v;
	size_t i;

	f->call_id = params_int(req, "call", 0);
	f->status = params_get(req, "status");
	f->sub_goal = params_get(req, "sub_goal");
	if ((v = params_get(req, "assignee")) != NULL)
		f->assignee = strcmp(v, "me") == 0 ? req->user_id : strcmp(v, "none") == 0 ? 0 : strtoll(v, NULL, 10);
	f->min_amount = params_int(req, "min_amount", -1);
	f->max_amount = params_int(req, "max_amount", -1);
	f->text = params_get(req, "q");
	for (i = 0; (v = params_get(req, "sort")) != NULL && h_sorts[i] && strcmp(h_sorts[i], v) != 0; i++)
		;
	if (v && h_sorts[i])
		f->sort = (enum case_inbox_sort)i;
	f->page = params_int(req, "page", 1);
	f->per_page = params_int(req, "per_page", 50);
}

void
h_inbox(struct http_req *req)
{
	struct case_inbox_query f = { .tenant_id = req->tenant_id, .assignee = -1, .min_amount = -1, .max_amount = -1,
		.page = 1, .per_page = 50 };
	struct buf b = { 0 };
	struct jw w;
	int64_t total = 0;
	enum case_outcome o;

	h_inbox_query(req, &f);
	/* the page's rows and the counts go straight from the database into the response */
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	if ((o = case_inbox(&f, &w, &total)) == CO_OK) {
		jw_int(&w, "total", total);
		jw_int(&w, "page", f.page);
		jw_int(&w, "per_page", f.per_page);
	}
	h_case_jw_send(req, o, &w, &b, 1);
}

void
h_case_get(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;
	int64_t id = 0;

	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_case_jw_send(req, case_view_staff(req->tenant_id, id, req->user_id, &w), &w, &b, 1);
}

void
h_case_assign(struct http_req *req)
{
	int64_t case_id = 0, user_id = 0;
	struct h_field f[] = { H_FIELD(assignCase, user_id, .i = &user_id) };
	json_t *doc;
	enum case_outcome o;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &case_id);
	o = case_assign(req->tenant_id, case_id, req->user_id, user_id);
	if (o == CO_INVALID)
		h_invalid(req, "user_id", "Personen er ikke saksbehandler hos denne forvalteren.");
	else if (o != CO_OK)
		h_case_outcome_send(req, o);
	else
		json_send(req, 200, json_pack("{s:I, s:I}", "id", (json_int_t)case_id, "assignee_id", (json_int_t)user_id));
	json_decref(doc);
}

/* ---- impartiality, review, recommendation and decision -------------------------------------- */

/* Runs the step on the case of the URL and answers 200 {id, status} (also for a repeat under the
 * same Idempotency-Key). */
static void
h_case_act(struct http_req *req, struct case_step_input *in)
{
	struct case_step_result r;
	struct idem key;

	if (h_idem(req, &key) != 0)
		return;
	in->idem = &key;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &in->case_id);
	in->tenant_id = req->tenant_id;
	in->user_id = req->user_id;
	in->roles = req->tenant_roles;
	case_step_run(in, &r);
	if (r.outcome == CO_OK)
		json_send(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)r.case_id, "status", case_state_name(r.state)));
	else
		h_case_refusal_send(req, &r);
	case_step_result_free(&r);
}

void
h_case_review(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_START_REVIEW };
	json_t *doc = NULL;
	if (req->body.len > 0 && (doc = h_json_body(req, NULL, 0)) == NULL)
		return; /* an empty body, or an empty object */
	h_case_act(req, &in);
	json_decref(doc);
}

void
h_case_recommend(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_RECOMMEND };
	const char *outcome = NULL;
	bool has_amount = false;
	struct h_field f[] = {
		H_FIELD(recommend, amount, .i = &in.amount),
		H_FIELD(recommend, reasons, .s = &in.text),
		H_FIELD(recommend, outcome, .s = &outcome),
	};
	json_t *doc;

	f[0].present = &has_amount;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	/* outcome is grant (the default: an amount, 0 to reject) or dismiss (the operation's shape) */
	in.dismiss = outcome && strcmp(outcome, "dismiss") == 0;
	if (!in.dismiss && !has_amount)
		h_invalid(req, "amount", "Oppgi beløpet som innstilles (0 for avslag).");
	else
		h_case_act(req, &in);
	json_decref(doc);
}

void
h_case_decide(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_GRANT };
	const char *outcome = NULL;
	struct h_field f[] = {
		H_FIELD(decide, outcome, .s = &outcome),
		H_FIELD(decide, amount, .i = &in.amount),
		H_FIELD(decide, reasons, .s = &in.text),
	};
	bool has_amount = false;
	json_t *doc;

	f[1].present = &has_amount;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	/* outcome is grant, grant_partly, reject or dismiss (the operation's shape) */
	bool none = strcmp(outcome, "reject") == 0 || strcmp(outcome, "dismiss") == 0;
	if (!none && !has_amount) {
		h_invalid(req, "amount", "Oppgi beløpet som innvilges.");
	} else if (strcmp(outcome, "grant") != 0 && (in.text == NULL || in.text[0] == '\0')) {
		h_invalid(req, "reasons", "Et avslag, en avvisning eller et delvis tilskudd må begrunnes.");
	} else {
		in.step = strcmp(outcome, "reject") == 0 ? STEP_REJECT : strcmp(outcome, "dismiss") == 0 ? STEP_DISMISS :
		    strcmp(outcome, "grant") == 0 ? STEP_GRANT : STEP_GRANT_PARTLY;
		h_case_act(req, &in);
	}
	json_decref(doc);
}

void
h_case_impartiality(struct http_req *req)
{
	int64_t case_id = 0;
	bool impartial = false;
	const char *reason = NULL;
	struct h_field f[] = {
		H_FIELD(declareImpartiality, impartial, .b = &impartial),
		H_FIELD(declareImpartiality, reason, .s = &reason),
	};
	json_t *doc;
	enum case_outcome o;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &case_id);
	if (!impartial && (reason == NULL || reason[0] == '\0'))
		h_invalid(req, "reason", "Oppgi hvorfor du er inhabil.");
	else if ((o = case_declare(req->tenant_id, case_id, req->user_id, impartial, reason)) != CO_OK)
		h_case_outcome_send(req, o);
	else
		json_send(req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)case_id, "impartial", impartial));
	json_decref(doc);
}

void
h_call_budget(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;
	int64_t id = 0;

	valid_int64(router_param(&req->params, "call_id"), 1, INT64_MAX, &id);
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_case_jw_send(req, case_call_budget(req->tenant_id, id, &w), &w, &b, 1);
}

void
h_tenant_budgets(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_case_jw_send(req, case_tenant_budgets(req->tenant_id, &w), &w, &b, 2);
}
