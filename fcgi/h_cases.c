/*
 * h_cases.c - casework for a tenant's staff: the inbox. The dispatcher has checked the staff role
 * in the tenant of the URL; every query filters by that tenant in SQL.
 */
#include "casestate.h"
#include "db_cases.h"
#include "h_common.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

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
