/*
 * calls.c - tenants and calls as the public sees them (see calls.h).
 */
#include "svc/calls.h"
#include "svc/svc_db.h"
#include "svc/calladmin_db.h"
#include "core/jw.h"
#include "db/db_calladmin.h"
#include "db/db_calls.h"
#include "domain/rules.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

_Static_assert((int)CALLS_OPEN == (int)DB_CALLS_OPEN && (int)CALLS_CLOSED == (int)DB_CALLS_CLOSED &&
    (int)CALLS_UPCOMING == (int)DB_CALLS_UPCOMING && (int)CALLS_ANY == (int)DB_CALLS_ANY, "the calls' statuses");

/* A tenant's slug, name and kind, into the object open on w (the tenants list and each call's tenant). */
static void
calls_write_tenant(struct jw *w, const struct db_tenant *t)
{
	jw_str(w, "slug", t->slug);
	jw_str(w, "name", t->name);
	jw_str(w, "kind", t->kind);
}

/* The call's full part: description, earmarks and criteria (a JSON array: the database checks
 * that the column holds one, so its text is written as it is; none is []). */
static void
calls_write_full(struct jw *w, const struct db_call *c)
{
	size_t i;

	jw_str(w, "description", c->description ? c->description : "");
	jw_arr(w, "earmarks");
	for (i = 0; i < c->n_earmarks; i++) {
		char code[2] = { c->earmarks[i].sub_goal, '\0' };
		jw_obj(w, NULL);
		jw_str(w, "sub_goal", code);
		jw_int(w, "amount", c->earmarks[i].amount);
		jw_end(w);
	}
	jw_end(w);
	if (c->criteria_json && c->criteria_json[0]) {
		jw_raw(w, "criteria", c->criteria_json, strlen(c->criteria_json));
	} else {
		jw_arr(w, "criteria");
		jw_end(w);
	}
}

/* The sub-goals with their names, and the attachments the call requires. */
static void
calls_write_rules(struct jw *w, const struct db_call *c)
{
	size_t i;

	jw_arr(w, "sub_goals");
	for (i = 0; c->sub_goals[i]; i++) {
		char code[2] = { c->sub_goals[i], '\0' };
		jw_obj(w, NULL);
		jw_str(w, "code", code);
		jw_str(w, "name", rules_subgoal_name(c->sub_goals[i]));
		jw_end(w);
	}
	jw_end(w);
	jw_bool(w, "one_project_per_application", c->one_project);
	if (c->has_frame)
		jw_int(w, "budget_frame", c->budget_frame);
	else
		jw_null(w, "budget_frame");
}

/* One call as the API gives it (full: with description, earmarks and criteria), left open for the
 * caller to close. */
static void
calls_write(struct jw *w, const struct db_call *c, time_t now, bool full)
{
	char opens[40], deadline[40], local[24], due[16];

	rules_format_oslo(&c->opens, opens, sizeof(opens));
	rules_format_oslo(&c->deadline, deadline, sizeof(deadline));
	snprintf(local, sizeof(local), "%04d-%02d-%02dT%02d:%02d", c->deadline.year, c->deadline.month,
	    c->deadline.day, c->deadline.hour, c->deadline.minute);
	jw_obj(w, NULL);
	jw_int(w, "id", c->id);
	jw_obj(w, "tenant");
	calls_write_tenant(w, &c->tenant);
	jw_end(w);
	jw_obj(w, "scheme");
	jw_str(w, "code", c->scheme_code);
	jw_str(w, "name", c->scheme_name);
	jw_end(w);
	jw_int(w, "year", c->year);
	jw_str(w, "title", c->title);
	jw_str(w, "opens_at", opens);
	jw_str(w, "deadline", deadline);
	jw_str(w, "deadline_local", local);
	jw_str(w, "status", rules_call_status(&c->opens, &c->deadline, now));
	jw_int(w, "min_amount", c->min_amount);
	jw_int(w, "max_amount", c->max_amount);
	calls_write_rules(w, c);
	if (c->has_report_due) {
		snprintf(due, sizeof(due), "%04d-%02d-%02d", c->report_due.year, c->report_due.month, c->report_due.day);
		jw_str(w, "report_due", due);
	} else {
		jw_null(w, "report_due");
	}
	jw_int(w, "payment_split_threshold", c->split_threshold);
	jw_int(w, "audit_threshold", c->audit_threshold);
	jw_int(w, "appeal_window_days", c->appeal_days);
	jw_bool(w, "requires_business_register", c->requires_business_register);
	jw_arr(w, "required_attachments");
	if (c->requires_budget)
		jw_str(w, NULL, "budget");
	if (c->requires_tax_certificate)
		jw_str(w, NULL, "tax_certificate");
	jw_end(w);
	if (full)
		calls_write_full(w, c);
}

static int
calls_tenant_row(void *arg, const struct db_tenant *t)
{
	struct jw *w = arg;

	jw_obj(w, NULL);
	calls_write_tenant(w, t);
	jw_int(w, "open_calls", t->open_calls);
	jw_end(w);
	return 0;
}

enum svc_status
calls_tenants(struct jw *items)
{
	struct valid_datetime now;

	rules_oslo_from_utc(time(NULL), &now);
	return svc_status_of(db_tenants_each(&now, calls_tenant_row, items));
}

enum svc_status
calls_list(const struct calls_filter *f, struct jw *items, int64_t *total)
{
	struct db_call_filter df = { .tenant = f->tenant, .year = f->year, .status = (enum db_call_status)f->status,
		.page = f->page, .per_page = f->per_page };
	struct db_call_list l = { 0 };
	struct valid_datetime nowdt;
	time_t now = time(NULL);
	enum db_status st;
	size_t i;

	*total = 0;
	rules_oslo_from_utc(now, &nowdt);
	if ((st = db_calls_list(&df, &nowdt, &l)) != DB_OK)
		return svc_status_of(st);
	for (i = 0; i < l.n; i++) {
		calls_write(items, &l.items[i], now, false);
		jw_end(items);
	}
	*total = l.total;
	db_call_list_free(&l);
	return SVC_OK;
}

/* The rules of the call the administration sets, beside the public call's own keys: who may apply
 * and what they must meet, the budget, periods, payment, report, audit and appeal rules, written
 * from the same document the call form reads (ca_doc_of). */
static enum db_status
calls_rules(int64_t id, struct jw *out)
{
	static const char *const keys[] = { "applicant_kinds", "requires_volunteer_register", "requires_local_activity",
		"requires_local_members", "requires_national_reach", "requires_own_contribution", "min_participants",
		"joint_applications", "one_per_org", "budget_rule", "max_years", "payment_rule", "spring_due", "autumn_due",
		"status_report_due", "audit_scope", "appeal_rule", "reception_criteria" };
	struct db_ca_call ca;
	enum db_status st;
	json_t *d;
	size_t i;

	if ((st = db_ca_call_any(id, &ca)) != DB_OK)
		goto out;
	if (!(d = ca_doc_of(&ca, NULL))) {
		st = DB_ERROR;
		goto out;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		jw_json(out, keys[i], json_object_get(d, keys[i]));
	json_decref(d);
out:
	db_ca_call_free(&ca);
	return st;
}

enum svc_status
calls_get(int64_t id, struct jw *out)
{
	struct valid_datetime nowdt;
	time_t now = time(NULL);
	struct db_call c;
	enum db_status st;

	rules_oslo_from_utc(now, &nowdt);
	if ((st = db_call_get(id, &nowdt, &c)) != DB_OK)
		return svc_status_of(st);
	calls_write(out, &c, now, true);
	if ((st = calls_rules(id, out)) != DB_OK)
		goto done;
	/* its contact persons: its own, or its tenant's */
	st = db_ca_contacts_public(id, out, "contacts");
done:
	jw_end(out);
	db_call_free(&c);
	return svc_status_of(st);
}

enum svc_status
calls_health(void)
{
	return svc_status_of(db_ping());
}
