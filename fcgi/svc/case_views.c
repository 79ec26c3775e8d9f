/*
 * case_views.c - what staff and the organisation read of a case, assignment and impartiality
 * declarations (see case_views.h).
 */
#include "svc/case_views.h"

#include "svc/case_db.h"
#include "db/db_apps.h"
#include "db/db_cases.h"
#include "db/db_casework.h"
#include "domain/rules.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

_Static_assert((int)CASE_SORT__COUNT == (int)DB_INBOX_SORT__COUNT, "the inbox's sorts");
_Static_assert((int)CASE_SORT_ORG_DESC == (int)DB_INBOX_SORT_ORG_DESC, "the inbox's sorts in order");
_Static_assert((int)CASE_SORT_AMOUNT == (int)DB_INBOX_SORT_AMOUNT, "the inbox's sorts in order");

enum case_outcome
case_inbox(const struct case_inbox_query *q, struct jw *items, json_t **counts, int64_t *total)
{
	struct db_inbox_filter f = { .tenant_id = q->tenant_id, .call_id = q->call_id, .status = q->status,
		.sub_goal = q->sub_goal, .assignee = q->assignee, .min_amount = q->min_amount, .max_amount = q->max_amount,
		.text = q->text, .sort = (enum db_inbox_sort)q->sort, .page = q->page, .per_page = q->per_page };
	return case_outcome_of(db_inbox(&f, items, counts, total));
}

/* The events allowed now (an array of event names). staff false: the organisation's own (accept,
 * decline, appeal, receive_report), true: the rest. */
static json_t *
case_actions(const char *status, const struct case_context *ctx, bool staff)
{
	static const enum case_event org[] = { EV_ACCEPT, EV_DECLINE, EV_APPEAL, EV_RECEIVE_REPORT };
	int state = case_state_parse(status);
	json_t *a = json_array();
	int e;
	size_t i;

	if (state < 0)
		return a;
	for (e = 0; e < EV__COUNT; e++) {
		bool own = false;
		for (i = 0; i < sizeof(org) / sizeof(org[0]); i++)
			own = own || org[i] == (enum case_event)e;
		/* the organisation withdraws through its own route; the reminder job makes a report due */
		if (own != !staff || e == EV_WITHDRAW || e == EV_REPORT_DUE)
			continue;
		if (case_next((enum case_state)state, (enum case_event)e, ctx) >= 0)
			json_array_append_new(a, json_string(case_event_name((enum case_event)e)));
	}
	return a;
}

/* The state machine's context from the case's payments. */
static struct case_context
case_ctx_of(const json_t *c, const struct db_case_times *t)
{
	struct case_context ctx = { t->granted_amount > 0, 0, 0 };
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(c, "payments"), i, v) {
		ctx.terms_total++;
		ctx.terms_paid += json_is_string(json_object_get(v, "paid_at"));
	}
	return ctx;
}

/* Sets appeal_deadline (ISO UTC, or null before a letter) and audit_required on the case object. */
static void
case_deadlines(json_t *c, const struct db_case_times *t)
{
	char iso[32];
	if (t->letter_sent > 0) {
		time_t d = rules_appeal_deadline((time_t)t->letter_sent, (int)t->appeal_days);
		struct tm tm;
		gmtime_r(&d, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(c, "appeal_deadline", json_string(iso));
	} else {
		json_object_set_new(c, "appeal_deadline", json_null());
	}
	json_object_set_new(c, "audit_required", json_boolean(t->granted_amount > 0 &&
	    rules_audit_required(t->granted_amount, t->audit_threshold)));
}

/* The casework after submission, what may be done now, and the deadlines. */
static enum db_status
case_more_staff(int64_t id, int64_t user_id, json_t *c)
{
	struct db_case_times t;
	struct case_context ctx;
	int declared;
	enum db_status s;

	if ((s = db_case_extras(id, true, c, &t)) != DB_OK || (s = db_impartiality(id, user_id, &declared)) != DB_OK)
		return s;
	ctx = case_ctx_of(c, &t);
	json_object_set_new(c, "actions", case_actions(t.status, &ctx, true));
	json_object_set_new(c, "my_impartiality", declared < 0 ? json_null() : json_boolean(declared == 1));
	case_deadlines(c, &t);
	return DB_OK;
}

enum case_outcome
case_view_staff(int64_t tenant_id, int64_t case_id, int64_t user_id, json_t **out)
{
	json_t *c = NULL;
	enum db_status s;

	*out = NULL;
	if ((s = db_case_get(tenant_id, case_id, &c)) != DB_OK || (s = case_more_staff(case_id, user_id, c)) != DB_OK) {
		json_decref(c);
		return case_outcome_of(s);
	}
	*out = c;
	return CO_OK;
}

enum case_outcome
case_view_org(int64_t app_id, json_t **out)
{
	struct db_case_times t;
	struct case_context ctx;
	json_t *c = json_pack("{s:I}", "id", (json_int_t)app_id);
	enum db_status s;

	*out = NULL;
	if ((s = db_case_extras(app_id, false, c, &t)) != DB_OK) {
		json_decref(c);
		return case_outcome_of(s);
	}
	json_object_set_new(c, "status", json_string(t.status));
	ctx = case_ctx_of(c, &t);
	json_object_set_new(c, "actions", case_actions(t.status, &ctx, false));
	case_deadlines(c, &t);
	*out = c;
	return CO_OK;
}

enum case_outcome
case_log(int64_t tenant_id, int64_t case_id, json_t **out)
{
	*out = NULL;
	return case_outcome_of(db_case_get(tenant_id, case_id, out));
}

json_t *
case_criteria(int64_t case_id)
{
	json_t *criteria = NULL;
	if (db_case_criteria(case_id, &criteria) != DB_OK)
		criteria = json_array();
	return criteria;
}

struct case_assign_tx {
	int64_t tenant_id, case_id, by_user, user_id;
};

static enum db_status
case_assign_tx(void *arg)
{
	struct case_assign_tx *t = arg;
	char detail[48];
	enum db_status s = db_case_assign(t->tenant_id, t->case_id, t->user_id);
	if (s != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "to user %lld", (long long)t->user_id);
	return db_event_add(t->case_id, t->by_user, "assigned", detail);
}

enum case_outcome
case_assign(int64_t tenant_id, int64_t case_id, int64_t by_user, int64_t user_id)
{
	struct case_assign_tx t = { tenant_id, case_id, by_user, user_id };
	enum db_status s = db_tx(case_assign_tx, &t);
	json_t *c = NULL;
	bool ours;

	if (s != DB_NOTFOUND)
		return case_outcome_of(s);
	/* the case is the tenant's: then it is the person who is not one of its caseworkers */
	ours = db_case_get(tenant_id, case_id, &c) == DB_OK;
	json_decref(c);
	return ours ? CO_INVALID : CO_NOT_FOUND;
}

struct case_declare_tx {
	int64_t tenant_id, case_id, user_id;
	bool impartial;
	const char *reason;
};

static enum db_status
case_declare_tx(void *arg)
{
	struct case_declare_tx *t = arg;
	struct db_case_lock c;
	enum db_status s;
	if ((s = db_case_lock(t->tenant_id, t->case_id, &c)) != DB_OK)
		return s;
	if ((s = db_impartiality_set(t->case_id, t->user_id, t->impartial, t->reason)) != DB_OK)
		return s;
	return db_event_add(t->case_id, t->user_id, t->impartial ? "declared_impartial" : "recused", t->reason);
}

enum case_outcome
case_declare(int64_t tenant_id, int64_t case_id, int64_t user_id, bool impartial, const char *reason)
{
	struct case_declare_tx t = { tenant_id, case_id, user_id, impartial, reason };
	return case_outcome_of(db_tx(case_declare_tx, &t));
}

enum case_outcome
case_call_budget(int64_t tenant_id, int64_t call_id, json_t **out)
{
	*out = NULL;
	return case_outcome_of(db_call_budget(tenant_id, call_id, out));
}

enum case_outcome
case_tenant_budgets(int64_t tenant_id, json_t **out)
{
	*out = NULL;
	return case_outcome_of(db_tenant_budgets(tenant_id, out));
}

enum case_outcome
case_appeals(int64_t tenant_id, bool open_only, json_t **out)
{
	char kind[16];
	enum db_status s;

	*out = NULL;
	if ((s = db_tenant_kind(tenant_id, kind)) == DB_OK)
		s = db_appeals_tenant(tenant_id, strcmp(kind, "directorate") == 0, open_only, out);
	return case_outcome_of(s);
}

enum case_outcome
case_payments(int64_t tenant_id, enum case_payments_which which, json_t **out)
{
	*out = NULL;
	return case_outcome_of(db_payments_tenant(tenant_id, (int)which, out));
}
