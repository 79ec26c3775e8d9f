/*
 * h_cases.c - casework for a tenant's staff: the inbox. The dispatcher has checked the staff role
 * in the tenant of the URL; every query filters by that tenant in SQL.
 */
#include "casestate.h"
#include "db_apps.h"
#include "db_cases.h"
#include "h_common.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

#include <stdio.h>
#include <string.h>

static const char *const h_sorts[] = { "submitted", "-submitted", "amount", "-amount", "title", "-title", "organisation",
	"-organisation", NULL };

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
	}
	f.sort = v;
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

void
h_case_get(struct http_req *req)
{
	json_t *c = NULL;
	int64_t id = 0;
	enum db_status s;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	if ((s = db_case_get(req->tenant_id, id, &c)) != DB_OK) {
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
