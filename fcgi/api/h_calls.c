/*
 * h_calls.c - public listing of tenants and calls: each handler parses the query strictly, calls
 * the use case (svc/calls.h) and renders its answer.
 */
#include "svc/calls.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/jw.h"
#include "http/query.h"
#include "domain/valid.h"

#include <string.h>

void
h_tenants_list(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	enum db_status st;
	struct query q;
	json_t *items;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((st = calls_tenants(&items)) != DB_OK) {
		h_db_error(req, st);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}

void
h_calls_list(struct http_req *req)
{
	static const char *const allowed[] = { "tenant", "year", "status", "page", "per_page", NULL };
	struct calls_filter f = { .status = CALLS_ANY, .page = 1, .per_page = 50 };
	enum db_status st;
	struct query q;
	const char *v;
	struct buf b = { 0 };
	struct jw w;
	int64_t total = 0;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((v = query_get(&q, "tenant")) != NULL) {
		if (!valid_slug(v, 32)) {
			problem_bad_param(req, "tenant", "Ugyldig forvalter: bruk kortnavnet, f.eks. «oslo» eller «imdi».");
			return;
		}
		f.tenant = v;
	}
	if ((v = query_get(&q, "year")) != NULL && !valid_int64(v, 2000, 2100, &f.year)) {
		problem_bad_param(req, "year", "Året må være et tall fra 2000 til 2100.");
		return;
	}
	if ((v = query_get(&q, "status")) != NULL) {
		if (strcmp(v, "open") == 0)
			f.status = CALLS_OPEN;
		else if (strcmp(v, "closed") == 0)
			f.status = CALLS_CLOSED;
		else if (strcmp(v, "upcoming") == 0)
			f.status = CALLS_UPCOMING;
		else if (strcmp(v, "all") == 0)
			f.status = CALLS_ANY;
		else {
			problem_bad_param(req, "status", "Status må være open, closed, upcoming eller all.");
			return;
		}
	}
	if ((v = query_get(&q, "page")) != NULL && !valid_int64(v, 1, 10000, &f.page)) {
		problem_bad_param(req, "page", "Siden må være et tall fra 1 til 10000.");
		return;
	}
	if ((v = query_get(&q, "per_page")) != NULL && !valid_int64(v, 1, 100, &f.per_page)) {
		problem_bad_param(req, "per_page", "Antall per side må være et tall fra 1 til 100.");
		return;
	}
	/* the page's calls are written straight into the response */
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_arr(&w, "items");
	if ((st = calls_list(&f, &w, &total)) != DB_OK) {
		buf_free(&b);
		h_db_error(req, st);
		return;
	}
	jw_end(&w);
	jw_int(&w, "total", total);
	jw_int(&w, "page", f.page);
	jw_int(&w, "per_page", f.per_page);
	jw_end(&w);
	jw_send(req, 200, "application/json", &w);
	buf_free(&b);
}

void
h_call_get(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	enum db_status st;
	struct query q;
	struct buf b = { 0 };
	struct jw w;
	int64_t id = 0;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &id);
	jw_init(&w, &b);
	if ((st = calls_get(id, &w)) != DB_OK)
		h_db_error(req, st);
	else
		jw_send(req, 200, "application/json", &w);
	buf_free(&b);
}
