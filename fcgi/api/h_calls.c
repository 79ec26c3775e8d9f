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
#include "domain/valid.h"

#include <string.h>

void
h_tenants_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, calls_tenants(&w), &w, &b);
}

void
h_calls_list(struct http_req *req)
{
	static const char *const statuses[] = { "all", "open", "closed", "upcoming", NULL };
	static const enum calls_status status_of[] = { CALLS_ANY, CALLS_OPEN, CALLS_CLOSED, CALLS_UPCOMING };
	struct calls_filter f = { .tenant = params_get(req, "tenant"), .year = params_int(req, "year", 0),
		.status = CALLS_ANY, .page = params_int(req, "page", 1), .per_page = params_int(req, "per_page", 50) };
	const char *v = params_get(req, "status");
	enum svc_status st;
	struct buf b = { 0 };
	struct jw w;
	int64_t total = 0;
	size_t i;

	for (i = 0; v && statuses[i] && strcmp(statuses[i], v) != 0; i++)
		;
	if (v && statuses[i])
		f.status = status_of[i];
	/* the page's calls are written straight into the response */
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_arr(&w, "items");
	if ((st = calls_list(&f, &w, &total)) != SVC_OK) {
		buf_free(&b);
		h_svc_error(req, st);
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
	enum svc_status st;
	struct buf b = { 0 };
	struct jw w;
	int64_t id = 0;

	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &id);
	jw_init(&w, &b);
	if ((st = calls_get(id, &w)) != SVC_OK)
		h_svc_error(req, st);
	else
		jw_send(req, 200, "application/json", &w);
	buf_free(&b);
}
