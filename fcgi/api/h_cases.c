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
#include <string.h>

/* the sort names, in the order of enum case_inbox_sort */
static const char *const h_sorts[CASE_SORT__COUNT + 1] = { "-submitted", "submitted", "amount", "-amount", "title", "-title",
	"organisation", "-organisation", NULL };

/* The inbox's query into f, its strings borrowed from q (which must outlive f); answers 400
 * naming the parameter and returns -1 when one is bad. */
static int
h_inbox_query(struct http_req *req, struct query *q, struct case_inbox_query *f)
{
	static const char *const allowed[] = { "call", "status", "sub_goal", "assignee", "min_amount", "max_amount", "q",
		"sort", "page", "per_page", NULL };
	const char *v;
	size_t i;

	if (h_parse_query(req, q, allowed) != 0)
		return -1;
	if ((v = query_get(q, "call")) && !valid_int64(v, 1, INT32_MAX, &f->call_id)) {
		problem_bad_param(req, "call", "Utlysningen oppgis med nummeret sitt.");
		return -1;
	}
	if ((v = query_get(q, "status")) && case_state_parse(v) < 0) {
		problem_bad_param(req, "status", "Ukjent status.");
		return -1;
	}
	f->status = v;
	if ((v = query_get(q, "sub_goal")) && !valid_subgoal(v)) {
		problem_bad_param(req, "sub_goal", "Delmål er A, B, C eller D.");
		return -1;
	}
	f->sub_goal = v;
	if ((v = query_get(q, "assignee"))) {
		if (strcmp(v, "me") == 0)
			f->assignee = req->user_id;
		else if (strcmp(v, "none") == 0)
			f->assignee = 0;
		else if (!valid_int64(v, 1, INT64_MAX, &f->assignee)) {
			problem_bad_param(req, "assignee", "Oppgi me, none eller en saksbehandlers nummer.");
			return -1;
		}
	}
	if ((v = query_get(q, "min_amount")) && !valid_amount(v, &f->min_amount)) {
		problem_bad_param(req, "min_amount", "Beløpet oppgis i hele kroner.");
		return -1;
	}
	if ((v = query_get(q, "max_amount")) && !valid_amount(v, &f->max_amount)) {
		problem_bad_param(req, "max_amount", "Beløpet oppgis i hele kroner.");
		return -1;
	}
	if ((v = query_get(q, "q")) && (strlen(v) == 0 || strlen(v) > 100)) {
		problem_bad_param(req, "q", "Søketeksten må ha 1 til 100 tegn.");
		return -1;
	}
	f->text = v;
	if ((v = query_get(q, "sort"))) {
		for (i = 0; h_sorts[i] && strcmp(h_sorts[i], v) != 0; i++)
			;
		if (h_sorts[i] == NULL) {
			problem_bad_param(req, "sort", "Sorter etter submitted, amount, title eller organisation (- for synkende).");
			return -1;
		}
		f->sort = (enum case_inbox_sort)i;
	}
	if ((v = query_get(q, "page")) && !valid_int64(v, 1, 100000, &f->page)) {
		problem_bad_param(req, "page", "Siden må være et tall fra 1 til 100000.");
		return -1;
	}
	if ((v = query_get(q, "per_page")) && !valid_int64(v, 1, 200, &f->per_page)) {
		problem_bad_param(req, "per_page", "Antall per side må være fra 1 til 200.");
		return -1;
	}
	return 0;
}

void
h_inbox(struct http_req *req)
{
	struct case_inbox_query f = { .tenant_id = req->tenant_id, .assignee = -1, .min_amount = -1, .max_amount = -1,
		.page = 1, .per_page = 50 };
	struct buf b = { 0 };
	struct jw w;
	json_t *counts = NULL;
	int64_t total = 0;
	struct query q;
	enum case_outcome o;

	if (h_inbox_query(req, &q, &f) != 0)
		return;
	/* the page's rows go straight from the database into the response */
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_arr(&w, "items");
	if ((o = case_inbox(&f, &w, &counts, &total)) != CO_OK) {
		buf_free(&b);
		h_case_outcome_send(req, o);
		return;
	}
	jw_end(&w);
	jw_json(&w, "counts", counts);
	jw_int(&w, "total", total);
	jw_int(&w, "page", f.page);
	jw_int(&w, "per_page", f.per_page);
	jw_end(&w);
	jw_send(req, 200, "application/json", &w);
	json_decref(counts);
	buf_free(&b);
}

void
h_case_get(struct http_req *req)
{
	json_t *c = NULL;
	int64_t id = 0;
	enum case_outcome o;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	if ((o = case_view_staff(req->tenant_id, id, req->user_id, &c)) != CO_OK) {
		h_case_outcome_send(req, o);
		return;
	}
	json_send(req, 200, c);
}

void
h_case_assign(struct http_req *req)
{
	int64_t case_id = 0, user_id = 0;
	struct h_field f[] = { { .name = "user_id", .type = H_INT, .required = true, .min = 1, .max = INT64_MAX, .i = &user_id } };
	json_t *doc;
	enum case_outcome o;

	if ((doc = h_json_body(req, f, 1)) == NULL)
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

/* Runs the step on the case of the URL and answers 200 {id, status}. */
static void
h_case_act(struct http_req *req, struct case_step_input *in)
{
	struct case_step_result r;

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
	struct h_field f[] = {
		{ .name = "amount", .type = H_INT, .required = true, .min = 0, .max = VALID_AMOUNT_MAX, .i = &in.amount },
		{ .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &in.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	h_case_act(req, &in);
	json_decref(doc);
}

void
h_case_decide(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_GRANT };
	const char *outcome = NULL;
	struct h_field f[] = {
		{ .name = "outcome", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &outcome },
		{ .name = "amount", .type = H_INT, .min = 0, .max = VALID_AMOUNT_MAX, .i = &in.amount },
		{ .name = "reasons", .type = H_STR, .min = 0, .max = 4000, .s = &in.text },
	};
	bool has_amount = false;
	json_t *doc;

	f[1].present = &has_amount;
	if ((doc = h_json_body(req, f, 3)) == NULL)
		return;
	if (strcmp(outcome, "grant") != 0 && strcmp(outcome, "grant_partly") != 0 && strcmp(outcome, "reject") != 0) {
		h_invalid(req, "outcome", "Vedtaket er grant, grant_partly eller reject.");
	} else if (strcmp(outcome, "reject") != 0 && !has_amount) {
		h_invalid(req, "amount", "Oppgi beløpet som innvilges.");
	} else if (strcmp(outcome, "grant") != 0 && (in.text == NULL || in.text[0] == '\0')) {
		h_invalid(req, "reasons", "Et avslag eller delvis tilskudd må begrunnes.");
	} else {
		in.step = strcmp(outcome, "reject") == 0 ? STEP_REJECT : strcmp(outcome, "grant") == 0 ? STEP_GRANT :
		    STEP_GRANT_PARTLY;
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
		{ .name = "impartial", .type = H_BOOL, .required = true, .b = &impartial },
		{ .name = "reason", .type = H_STR, .min = 0, .max = 500, .s = &reason },
	};
	json_t *doc;
	enum case_outcome o;

	if ((doc = h_json_body(req, f, 2)) == NULL)
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
	json_t *b = NULL;
	int64_t id = 0;
	enum case_outcome o;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "call_id"), 1, INT64_MAX, &id);
	if ((o = case_call_budget(req->tenant_id, id, &b)) != CO_OK) {
		json_decref(b);
		h_case_outcome_send(req, o);
		return;
	}
	json_send(req, 200, b);
}

void
h_tenant_budgets(struct http_req *req)
{
	json_t *b = NULL;
	enum case_outcome o;

	if (h_no_query(req) != 0)
		return;
	if ((o = case_tenant_budgets(req->tenant_id, &b)) != CO_OK) {
		h_case_outcome_send(req, o);
		return;
	}
	json_send(req, 200, b);
}
