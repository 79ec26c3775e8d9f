/*
 * calls.c - tenants and calls as the public sees them (see calls.h).
 */
#include "svc/calls.h"
#include "db/db_calls.h"
#include "domain/rules.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

_Static_assert((int)CALLS_OPEN == (int)DB_CALLS_OPEN && (int)CALLS_CLOSED == (int)DB_CALLS_CLOSED &&
    (int)CALLS_UPCOMING == (int)DB_CALLS_UPCOMING && (int)CALLS_ANY == (int)DB_CALLS_ANY, "the calls' statuses");

static json_t *
calls_tenant_json(const struct db_tenant *t)
{
	return json_pack("{s:s, s:s, s:s}", "slug", t->slug, "name", t->name, "kind", t->kind);
}

/* A call as JSON: the summary, and with full also description, criteria and earmarks. */
static json_t *
calls_json(const struct db_call *c, time_t now, bool full)
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
	    "id", (json_int_t)c->id, "tenant", calls_tenant_json(&c->tenant), "scheme", "code", c->scheme_code, "name",
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

enum db_status
calls_tenants(json_t **items)
{
	struct db_tenant_list l = { 0 };
	struct valid_datetime now;
	enum db_status st;
	size_t i;

	*items = NULL;
	rules_oslo_from_utc(time(NULL), &now);
	if ((st = db_tenants_list(&now, &l)) != DB_OK)
		return st;
	*items = json_array();
	for (i = 0; i < l.n; i++) {
		json_t *t = calls_tenant_json(&l.items[i]);
		json_object_set_new(t, "open_calls", json_integer(l.items[i].open_calls));
		json_array_append_new(*items, t);
	}
	db_tenant_list_free(&l);
	return DB_OK;
}

enum db_status
calls_list(const struct calls_filter *f, json_t **items, int64_t *total)
{
	struct db_call_filter df = { .tenant = f->tenant, .year = f->year, .status = (enum db_call_status)f->status,
		.page = f->page, .per_page = f->per_page };
	struct db_call_list l = { 0 };
	struct valid_datetime nowdt;
	time_t now = time(NULL);
	enum db_status st;
	size_t i;

	*items = NULL;
	*total = 0;
	rules_oslo_from_utc(now, &nowdt);
	if ((st = db_calls_list(&df, &nowdt, &l)) != DB_OK)
		return st;
	*items = json_array();
	for (i = 0; i < l.n; i++)
		json_array_append_new(*items, calls_json(&l.items[i], now, false));
	*total = l.total;
	db_call_list_free(&l);
	return DB_OK;
}

enum db_status
calls_get(int64_t id, json_t **out)
{
	struct db_call c;
	enum db_status st;

	*out = NULL;
	if ((st = db_call_get(id, &c)) != DB_OK)
		return st;
	*out = calls_json(&c, time(NULL), true);
	db_call_free(&c);
	return DB_OK;
}

enum db_status
calls_health(void)
{
	return db_ping();
}
