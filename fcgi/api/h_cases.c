/*
 * h_cases.c - casework for a tenant's staff: the inbox. The dispatcher has checked the staff role
 * in the tenant of the URL; every query filters by that tenant in SQL.
 */
#include "domain/casestate.h"
#include "db/db_casework.h"
#include "api/h_casework.h"
#include "db/db_apps.h"
#include "db/db_cases.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "domain/rules.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

/* the sort names, in the order of enum db_inbox_sort */
static const char *const h_sorts[DB_INBOX_SORT__COUNT + 1] = { "-submitted", "submitted", "amount", "-amount", "title", "-title",
	"organisation", "-organisation", NULL };

void
h_inbox(struct http_req *req)
{
	static const char *const allowed[] = { "call", "status", "sub_goal", "assignee", "min_amount", "max_amount", "q",
		"sort", "page", "per_page", NULL };
	struct db_inbox_filter f = { .tenant_id = req->tenant_id, .assignee = -1, .min_amount = -1, .max_amount = -1,
		.page = 1, .per_page = 50 };
	json_t *items = NULL, *counts = NULL;
	int64_t total = 0;
	struct query q;
	enum db_status s;
	const char *v;
	size_t i;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((v = query_get(&q, "call")) && !valid_int64(v, 1, INT32_MAX, &f.call_id)) {
		problem_bad_param(req, "call", "Utlysningen oppgis med nummeret sitt.");
		return;
	}
	if ((v = query_get(&q, "status")) && case_state_parse(v) < 0) {
		problem_bad_param(req, "status", "Ukjent status.");
		return;
	}
	f.status = v;
	if ((v = query_get(&q, "sub_goal")) && !valid_subgoal(v)) {
		problem_bad_param(req, "sub_goal", "Delmål er A, B, C eller D.");
		return;
	}
	f.sub_goal = v;
	if ((v = query_get(&q, "assignee"))) {
		if (strcmp(v, "me") == 0)
			f.assignee = req->user_id;
		else if (strcmp(v, "none") == 0)
			f.assignee = 0;
		else if (!valid_int64(v, 1, INT64_MAX, &f.assignee)) {
			problem_bad_param(req, "assignee", "Oppgi me, none eller en saksbehandlers nummer.");
			return;
		}
	}
	if ((v = query_get(&q, "min_amount")) && !valid_amount(v, &f.min_amount)) {
		problem_bad_param(req, "min_amount", "Beløpet oppgis i hele kroner.");
		return;
	}
	if ((v = query_get(&q, "max_amount")) && !valid_amount(v, &f.max_amount)) {
		problem_bad_param(req, "max_amount", "Beløpet oppgis i hele kroner.");
		return;
	}
	if ((v = query_get(&q, "q")) && (strlen(v) == 0 || strlen(v) > 100)) {
		problem_bad_param(req, "q", "Søketeksten må ha 1 til 100 tegn.");
		return;
	}
	f.text = v;
	if ((v = query_get(&q, "sort"))) {
		for (i = 0; h_sorts[i] && strcmp(h_sorts[i], v) != 0; i++)
			;
		if (h_sorts[i] == NULL) {
			problem_bad_param(req, "sort", "Sorter etter submitted, amount, title eller organisation (- for synkende).");
			return;
		}
		f.sort = (enum db_inbox_sort)i;
	}
	if ((v = query_get(&q, "page")) && !valid_int64(v, 1, 100000, &f.page)) {
		problem_bad_param(req, "page", "Siden må være et tall fra 1 til 100000.");
		return;
	}
	if ((v = query_get(&q, "per_page")) && !valid_int64(v, 1, 200, &f.per_page)) {
		problem_bad_param(req, "per_page", "Antall per side må være fra 1 til 200.");
		return;
	}
	if ((s = db_inbox(&f, &items, &counts, &total)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:o, s:o, s:I, s:I, s:I}", "items", items, "counts", counts, "total",
	    (json_int_t)total, "page", (json_int_t)f.page, "per_page", (json_int_t)f.per_page));
}

/* The casework after submission, what may be done now, and the deadlines. */
static enum db_status
h_case_more(struct http_req *req, int64_t id, json_t *c)
{
	struct db_case_times t;
	struct case_context ctx = { false, 0, 0 };
	json_t *v;
	size_t i;
	int declared;
	enum db_status s;

	if ((s = db_case_extras(id, true, c, &t)) != DB_OK || (s = db_impartiality(id, req->user_id, &declared)) != DB_OK)
		return s;
	ctx.granted = t.granted_amount > 0;
	json_array_foreach(json_object_get(c, "payments"), i, v) {
		ctx.terms_total++;
		ctx.terms_paid += json_is_string(json_object_get(v, "paid_at"));
	}
	json_object_set_new(c, "actions", h_case_actions(t.status, &ctx, true));
	json_object_set_new(c, "my_impartiality", declared < 0 ? json_null() : json_boolean(declared == 1));
	h_case_deadlines(c, &t);
	return DB_OK;
}

void
h_case_get(struct http_req *req)
{
	json_t *c = NULL;
	int64_t id = 0;
	enum db_status s;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	if ((s = db_case_get(req->tenant_id, id, &c)) != DB_OK || (s = h_case_more(req, id, c)) != DB_OK) {
		json_decref(c);
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, c);
}

struct h_assign_tx {
	struct http_req *req;
	int64_t case_id, user_id;
};

static enum db_status
h_assign_run(void *arg)
{
	struct h_assign_tx *t = arg;
	char detail[48];
	enum db_status s = db_case_assign(t->req->tenant_id, t->case_id, t->user_id);
	if (s != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "to user %lld", (long long)t->user_id);
	return db_event_add(t->case_id, t->req->user_id, "assigned", detail);
}

void
h_case_assign(struct http_req *req)
{
	struct h_assign_tx t = { .req = req };
	struct h_field f[] = { { .name = "user_id", .type = H_INT, .required = true, .min = 1, .max = INT64_MAX, .i = &t.user_id } };
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &t.case_id);
	s = db_tx(h_assign_run, &t);
	if (s == DB_NOTFOUND) {
		json_t *c = NULL;
		/* the case is the tenant's: then it is the person who is not one of its caseworkers */
		if (db_case_get(req->tenant_id, t.case_id, &c) == DB_OK)
			h_invalid(req, "user_id", "Personen er ikke saksbehandler hos denne forvalteren.");
		else
			problem_not_found(req);
		json_decref(c);
	} else if (s != DB_OK) {
		h_db_error(req, s);
	} else {
		json_send(req, 200, json_pack("{s:I, s:I}", "id", (json_int_t)t.case_id, "assignee_id", (json_int_t)t.user_id));
	}
	json_decref(doc);
}

/* ---- impartiality, review, recommendation and decision -------------------------------------- */

enum h_act { ACT_REVIEW, ACT_RECOMMEND, ACT_DECIDE };

struct h_case_tx {
	struct http_req *req;
	enum h_act act;
	int64_t case_id, amount;
	const char *reasons, *outcome;
	enum h_refusal refusal;
	char state[24], detail[200], new_state[24];
};

static enum db_status
h_case_run(void *arg)
{
	struct h_case_tx *t = arg;
	struct db_case_lock c;
	struct case_context ctx = { false, 0, 0 };
	enum case_event ev;
	char detail[120];
	int declared, next;
	enum db_status s;

	if ((s = db_case_lock(t->req->tenant_id, t->case_id, &c)) != DB_OK)
		return s;
	utf8_copy(t->state, c.status, sizeof(t->state));
	if ((s = db_impartiality(t->case_id, t->req->user_id, &declared)) != DB_OK)
		return s;
	if (declared == 0) {
		t->refusal = REF_RECUSED;
		return DB_CONFLICT;
	}
	if (declared < 0) {
		t->refusal = REF_UNDECLARED;
		return DB_CONFLICT;
	}
	if (t->act == ACT_REVIEW)
		ev = EV_START_REVIEW;
	else if (t->act == ACT_RECOMMEND)
		ev = EV_RECOMMEND;
	else
		ev = strcmp(t->outcome, "reject") == 0 ? EV_REJECT : strcmp(t->outcome, "grant") == 0 ? EV_GRANT : EV_GRANT_PARTLY;
	if (t->act == ACT_DECIDE && c.recommended_by == t->req->user_id) {
		t->refusal = REF_FOUR_EYES;
		return DB_CONFLICT;
	}
	if ((next = case_next((enum case_state)case_state_parse(c.status), ev, &ctx)) < 0) {
		t->refusal = REF_ILLEGAL;
		return DB_CONFLICT;
	}
	utf8_copy(t->new_state, case_state_name((enum case_state)next), sizeof(t->new_state));
	if ((t->act == ACT_RECOMMEND || ev == EV_GRANT || ev == EV_GRANT_PARTLY) && t->amount > c.applied_amount) {
		t->refusal = REF_AMOUNT;
		return DB_CONFLICT;
	}
	if (ev == EV_GRANT && t->amount != c.applied_amount) {
		t->refusal = REF_AMOUNT;
		snprintf(t->detail, sizeof(t->detail), "Et fullt tilskudd er lik søknadsbeløpet; bruk grant_partly for mindre.");
		return DB_CONFLICT;
	}
	if (ev == EV_GRANT || ev == EV_GRANT_PARTLY) {
		struct db_earmark_use marks[4];
		bool has_frame;
		int64_t frame, committed, over;
		size_t n, i;
		if ((s = db_call_frame(c.call_id, &has_frame, &frame, &committed)) != DB_OK)
			return s;
		if (has_frame && (over = rules_frame_overrun(frame, committed, t->amount)) > 0) {
			t->refusal = REF_FRAME;
			snprintf(t->detail, sizeof(t->detail), "Vedtaket ville gått %lld kr over utlysningens ramme.", (long long)over);
			return DB_CONFLICT;
		}
		if ((s = db_call_earmarks_use(c.call_id, marks, 4, &n)) != DB_OK)
			return s;
		for (i = 0; i < n; i++) {
			if (strchr(c.sub_goals, marks[i].sub_goal) == NULL)
				continue;
			if ((over = rules_frame_overrun(marks[i].amount, marks[i].committed, t->amount)) > 0) {
				t->refusal = REF_FRAME;
				snprintf(t->detail, sizeof(t->detail), "Vedtaket ville gått %lld kr over øremerkingen for delmål %c.",
				    (long long)over, marks[i].sub_goal);
				return DB_CONFLICT;
			}
		}
	}
	if (t->act == ACT_REVIEW)
		s = db_case_set_status(t->case_id, t->new_state);
	else if (t->act == ACT_RECOMMEND)
		s = db_case_recommend(t->case_id, t->new_state, t->req->user_id, t->amount, t->reasons);
	else
		s = db_case_decide(t->case_id, t->new_state, t->req->user_id, ev == EV_REJECT ? -1 : t->amount, t->reasons);
	if (s != DB_OK)
		return s;
	if (t->act == ACT_REVIEW)
		detail[0] = '\0';
	else
		snprintf(detail, sizeof(detail), "%s, %lld kr", t->new_state, (long long)(ev == EV_REJECT ? 0 : t->amount));
	return db_event_add(t->case_id, t->req->user_id, case_event_name(ev), detail[0] ? detail : NULL);
}

static void
h_case_act(struct http_req *req, struct h_case_tx *t)
{
	enum db_status s;

	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &t->case_id);
	t->req = req;
	s = db_tx(h_case_run, t);
	if (s == DB_OK) {
		json_send(req, 200, json_pack("{s:I, s:s}", "id", (json_int_t)t->case_id, "status", t->new_state));
		return;
	}
	if (s != DB_CONFLICT || t->refusal == REF_NONE) {
		h_db_error(req, s);
		return;
	}
	h_refusal_send(req, t->refusal, t->state, "amount", t->detail);
}

void
h_case_review(struct http_req *req)
{
	struct h_case_tx t = { .act = ACT_REVIEW };
	json_t *doc = NULL;
	if (req->body.len > 0 && (doc = h_json_body(req, NULL, 0)) == NULL)
		return; /* an empty body, or an empty object */
	h_case_act(req, &t);
	json_decref(doc);
}

void
h_case_recommend(struct http_req *req)
{
	struct h_case_tx t = { .act = ACT_RECOMMEND };
	struct h_field f[] = {
		{ .name = "amount", .type = H_INT, .required = true, .min = 0, .max = VALID_AMOUNT_MAX, .i = &t.amount },
		{ .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.reasons },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	h_case_act(req, &t);
	json_decref(doc);
}

void
h_case_decide(struct http_req *req)
{
	struct h_case_tx t = { .act = ACT_DECIDE };
	struct h_field f[] = {
		{ .name = "outcome", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &t.outcome },
		{ .name = "amount", .type = H_INT, .min = 0, .max = VALID_AMOUNT_MAX, .i = &t.amount },
		{ .name = "reasons", .type = H_STR, .min = 0, .max = 4000, .s = &t.reasons },
	};
	bool has_amount = false;
	json_t *doc;

	f[1].present = &has_amount;
	if ((doc = h_json_body(req, f, 3)) == NULL)
		return;
	if (strcmp(t.outcome, "grant") != 0 && strcmp(t.outcome, "grant_partly") != 0 && strcmp(t.outcome, "reject") != 0)
		h_invalid(req, "outcome", "Vedtaket er grant, grant_partly eller reject.");
	else if (strcmp(t.outcome, "reject") != 0 && !has_amount)
		h_invalid(req, "amount", "Oppgi beløpet som innvilges.");
	else if (strcmp(t.outcome, "grant") != 0 && (t.reasons == NULL || t.reasons[0] == '\0'))
		h_invalid(req, "reasons", "Et avslag eller delvis tilskudd må begrunnes.");
	else
		h_case_act(req, &t);
	json_decref(doc);
}

struct h_imp_tx {
	struct http_req *req;
	int64_t case_id;
	bool impartial;
	const char *reason;
};

static enum db_status
h_imp_run(void *arg)
{
	struct h_imp_tx *t = arg;
	struct db_case_lock c;
	enum db_status s;
	if ((s = db_case_lock(t->req->tenant_id, t->case_id, &c)) != DB_OK)
		return s;
	if ((s = db_impartiality_set(t->case_id, t->req->user_id, t->impartial, t->reason)) != DB_OK)
		return s;
	return db_event_add(t->case_id, t->req->user_id, t->impartial ? "declared_impartial" : "recused", t->reason);
}

void
h_case_impartiality(struct http_req *req)
{
	struct h_imp_tx t = { .req = req };
	struct h_field f[] = {
		{ .name = "impartial", .type = H_BOOL, .required = true, .b = &t.impartial },
		{ .name = "reason", .type = H_STR, .min = 0, .max = 500, .s = &t.reason },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &t.case_id);
	if (!t.impartial && (t.reason == NULL || t.reason[0] == '\0'))
		h_invalid(req, "reason", "Oppgi hvorfor du er inhabil.");
	else if ((s = db_tx(h_imp_run, &t)) != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)t.case_id, "impartial", t.impartial));
	json_decref(doc);
}

void
h_call_budget(struct http_req *req)
{
	json_t *b = NULL;
	int64_t id = 0;
	enum db_status s;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "call_id"), 1, INT64_MAX, &id);
	if ((s = db_call_budget(req->tenant_id, id, &b)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, b);
}
