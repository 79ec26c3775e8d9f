/*
 * h_calls.c - public listing of tenants and calls.
 */
#include "db/db_calls.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/query.h"
#include "domain/rules.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static json_t *
h_tenant_json(const struct db_tenant *t)
{
	return json_pack("{s:s, s:s, s:s}", "slug", t->slug, "name", t->name, "kind", t->kind);
}

/* A call as JSON: the summary, and with full also description, criteria and earmarks. */
static json_t *
h_call_json(const struct db_call *c, time_t now, bool full)
{
	char opens[40], deadline[40], local[24], due[16];
	json_t *o, *goals, *marks, *criteria = NULL;
	size_t i;

	rules_format_oslo(&c->opens, opens, sizeof(opens));
	rules_format_oslo(&c->deadline, deadline, sizeof(deadline));
	snprintf(local, sizeof(local), "%04d-%02d-%02dT%02d:%02d", c->deadline.year, c->deadline.month,
	    c->deadline.day, c->deadline.hour, c->deadline.minute);
	goals = json_array();
	for (i = 0; c->sub_goals[i]; i++) {
		char code[2] = { c->sub_goals[i], '\0' };
		json_array_append_new(goals, json_pack("{s:s, s:s}", "code", code, "name",
		    rules_subgoal_name(c->sub_goals[i])));
	}
	if (c->has_report_due)
		snprintf(due, sizeof(due), "%04d-%02d-%02d", c->report_due.year, c->report_due.month, c->report_due.day);
	o = json_pack("{s:I, s:o, s:{s:s, s:s}, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:b, s:o, s:o,"
	              " s:I, s:I, s:I}",
	    "id", (json_int_t)c->id, "tenant", h_tenant_json(&c->tenant), "scheme", "code", c->scheme_code, "name",
	    c->scheme_name, "year", (json_int_t)c->year, "title", c->title, "opens_at", opens, "deadline", deadline,
	    "deadline_local", local, "status", rules_call_status(&c->opens, &c->deadline, now), "min_amount",
	    (json_int_t)c->min_amount, "max_amount", (json_int_t)c->max_amount, "sub_goals", goals,
	    "one_project_per_application", c->one_project, "budget_frame",
	    c->has_frame ? json_integer(c->budget_frame) : json_null(), "report_due",
	    c->has_report_due ? json_string(due) : json_null(), "payment_split_threshold",
	    (json_int_t)c->split_threshold, "audit_threshold", (json_int_t)c->audit_threshold, "appeal_window_days",
	    (json_int_t)c->appeal_days);
	json_object_set_new(o, "requires_business_register", json_boolean(c->requires_business_register));
	json_object_set_new(o, "required_attachments", json_pack("[]"));
	if (c->requires_budget)
		json_array_append_new(json_object_get(o, "required_attachments"), json_string("budget"));
	if (c->requires_tax_certificate)
		json_array_append_new(json_object_get(o, "required_attachments"), json_string("tax_certificate"));
	if (!full)
		return o;
	marks = json_array();
	for (i = 0; i < c->n_earmarks; i++) {
		char code[2] = { c->earmarks[i].sub_goal, '\0' };
		json_array_append_new(marks, json_pack("{s:s, s:I}", "sub_goal", code, "amount",
		    (json_int_t)c->earmarks[i].amount));
	}
	if (c->criteria_json) {
		criteria = json_loads(c->criteria_json, 0, NULL);
		if (criteria && !json_is_array(criteria)) {
			json_decref(criteria);
			criteria = NULL;
		}
	}
	json_object_set_new(o, "description", json_string(c->description ? c->description : ""));
	json_object_set_new(o, "earmarks", marks);
	json_object_set_new(o, "criteria", criteria ? criteria : json_array());
	return o;
}

void
h_tenants_list(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct db_tenant_list l = { 0 };
	struct valid_datetime now;
	enum db_status st;
	struct query q;
	json_t *items;
	size_t i;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	rules_oslo_from_utc(time(NULL), &now);
	if ((st = db_tenants_list(&now, &l)) != DB_OK) {
		h_db_error(req, st);
		return;
	}
	items = json_array();
	for (i = 0; i < l.n; i++) {
		json_t *t = h_tenant_json(&l.items[i]);
		json_object_set_new(t, "open_calls", json_integer(l.items[i].open_calls));
		json_array_append_new(items, t);
	}
	db_tenant_list_free(&l);
	json_send(req, 200, json_pack("{s:o}", "items", items));
}

void
h_calls_list(struct http_req *req)
{
	static const char *const allowed[] = { "tenant", "year", "status", "page", "per_page", NULL };
	struct db_call_filter f = { .status = DB_CALLS_ANY, .page = 1, .per_page = 50 };
	struct db_call_list l = { 0 };
	struct valid_datetime nowdt;
	enum db_status st;
	struct query q;
	const char *v;
	json_t *items;
	time_t now = time(NULL);
	size_t i;

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
			f.status = DB_CALLS_OPEN;
		else if (strcmp(v, "closed") == 0)
			f.status = DB_CALLS_CLOSED;
		else if (strcmp(v, "upcoming") == 0)
			f.status = DB_CALLS_UPCOMING;
		else if (strcmp(v, "all") == 0)
			f.status = DB_CALLS_ANY;
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
	rules_oslo_from_utc(now, &nowdt);
	if ((st = db_calls_list(&f, &nowdt, &l)) != DB_OK) {
		h_db_error(req, st);
		return;
	}
	items = json_array();
	for (i = 0; i < l.n; i++)
		json_array_append_new(items, h_call_json(&l.items[i], now, false));
	json_send(req, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)l.total, "page",
	    (json_int_t)f.page, "per_page", (json_int_t)f.per_page));
	db_call_list_free(&l);
}

void
h_call_get(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct db_call c;
	enum db_status st;
	struct query q;
	int64_t id = 0;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &id);
	if ((st = db_call_get(id, &c)) != DB_OK) {
		h_db_error(req, st);
		return;
	}
	json_send(req, 200, h_call_json(&c, time(NULL), true));
	db_call_free(&c);
}
