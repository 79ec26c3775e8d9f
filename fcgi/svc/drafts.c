/*
 * drafts.c - creating, reading, saving and withdrawing an application, its receipt and its
 * timeline (see drafts.h).
 */
#include "svc/drafts.h"
#include "domain/casestate.h"
#include "svc/idem_db.h"
#include "svc/svc_db.h"
#include "db/db_apps.h"
#include "db/db_calladmin.h"
#include "db/db_schemes.h"
#include "domain/rules.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "YYYY-MM-DD HH:MM:SS" (UTC) as ISO 8601; "" for none */
static void
drafts_iso(const char *dbtime, char *out, size_t len)
{
	if (dbtime == NULL || strlen(dbtime) < 19) {
		out[0] = '\0';
		return;
	}
	snprintf(out, len, "%.10sT%.8sZ", dbtime, dbtime + 11);
}

/* the text, or null for none */
static json_t *
drafts_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* What the call's scheme asks of the form (docs/domain.md, "The three schemes"). */
static void
drafts_scheme_json(json_t *call, const struct db_scheme_call *sc)
{
	json_object_set_new(call, "scheme", json_string(sc->kind[0] ? sc->kind : "voluntary"));
	json_object_set_new(call, "form", json_pack("{s:b, s:b, s:b, s:o, s:b, s:s, s:I, s:s}",
	    "national_reach", sc->requires_national_reach, "local_members", sc->requires_local_members,
	    "own_contribution", sc->requires_own_contribution,
	    "min_participants", sc->min_participants > 0 ? json_integer(sc->min_participants) : json_null(),
	    "joint_applications", sc->joint_applications, "budget_rule", sc->budget_rule[0] ? sc->budget_rule : "file_or_form",
	    "max_years", (json_int_t)sc->max_years, "county_only", sc->county_only));
}

/* The application as the form sees it. */
static json_t *
drafts_json(const struct db_app *a, const struct db_call_rules *r, const struct db_scheme_call *sc)
{
	char sub[32], upd[32], cre[32], wd[32], deadline[40];
	json_t *data = json_loads(a->data, 0, NULL), *o;
	if (data == NULL)
		data = json_object();
	drafts_iso(a->submitted_at, sub, sizeof(sub));
	drafts_iso(a->updated_at, upd, sizeof(upd));
	drafts_iso(a->created_at, cre, sizeof(cre));
	drafts_iso(a->withdrawn_at, wd, sizeof(wd));
	rules_format_oslo(&r->deadline, deadline, sizeof(deadline));
	o = json_pack("{s:I, s:I, s:s, s:I, s:{s:I, s:s, s:I, s:s, s:{s:s, s:s}, s:s, s:I, s:I, s:s, s:b, s:s},"
	              " s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
	    "id", (json_int_t)a->id, "organisation_id", (json_int_t)a->org_id, "status", a->status, "version",
	    (json_int_t)a->version, "call", "id", (json_int_t)r->id, "title", r->title, "year", (json_int_t)r->year,
	    "deadline", deadline, "tenant", "slug", a->tenant_slug, "name", a->tenant_name, "sub_goals", r->sub_goals,
	    "min_amount", (json_int_t)r->min_amount, "max_amount", (json_int_t)r->max_amount, "status",
	    rules_call_status(&r->opens, &r->deadline, time(NULL)), "one_project_per_application", r->one_project,
	    "required_attachments", r->requires_budget ? (r->requires_tax_certificate ? "budget,tax_certificate" : "budget") :
	                                                 (r->requires_tax_certificate ? "tax_certificate" : ""),
	    "data", data, "budget", app_budget_json(data), "reference", drafts_str(a->reference[0] ? a->reference : NULL),
	    "submitted_at", drafts_str(sub[0] ? sub : NULL), "submitted_by",
	    drafts_str(a->submitted_by[0] ? a->submitted_by : NULL), "created_at", cre, "updated_at", upd);
	if (wd[0])
		json_object_set_new(o, "withdrawn_at", json_string(wd));
	drafts_scheme_json(json_object_get(o, "call"), sc);
	return o;
}

/* Loads the application, its call's rules and, when sc is not NULL, what its scheme asks of the
 * form (*a is to be freed only on DB_OK). */
static enum db_status
drafts_load(int64_t app_id, struct db_app *a, struct db_call_rules *r, struct db_scheme_call *sc)
{
	enum db_status s;
	if ((s = db_app_get(app_id, a)) != DB_OK)
		return s;
	if ((s = db_call_rules(a->call_id, r)) == DB_OK && sc)
		s = db_scheme_call(a->call_id, sc);
	if (s != DB_OK)
		db_app_free(a);
	return s;
}

/* ---- create and list ---------------------------------------------------------------------- */

struct drafts_create_tx {
	int64_t org_id, call_id, user_id, max_open, id;
	bool full;
};

static enum db_status
drafts_create_run(void *arg)
{
	struct drafts_create_tx *t = arg;
	int64_t open = 0;
	enum db_status s;

	t->full = false;
	if ((s = db_org_lock(t->org_id)) != DB_OK || (s = db_app_open_drafts(t->org_id, t->call_id, &open)) != DB_OK)
		return s;
	if (open >= t->max_open) {
		t->full = true;
		return DB_CONFLICT;
	}
	if ((s = db_app_insert(t->org_id, t->call_id, t->user_id, &t->id)) != DB_OK)
		return s;
	return db_event_add(t->id, t->user_id, "created", NULL);
}

/* what a create answered, kept with its Idempotency-Key */
static json_t *
drafts_create_saved(void *arg)
{
	const struct drafts_create_tx *t = arg;
	return json_pack("{s:I}", "id", (json_int_t)t->id);
}

enum draft_outcome
drafts_create(int64_t org_id, int64_t call_id, int64_t user_id, int64_t max_open, const struct idem *idem,
    struct draft_result *out)
{
	struct drafts_create_tx t = { .org_id = org_id, .call_id = call_id, .user_id = user_id, .max_open = max_open };
	struct db_call_rules r;
	enum idem_state is;
	json_t *replay = NULL;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	out->status = svc_status_of(s = db_call_rules(call_id, &r));
	if (s == DB_OK) /* an unpublished call is no call to its applicants */
		out->status = svc_status_of(s = db_ca_published(call_id));
	if (s == DB_NOTFOUND)
		return DRAFT_NO_CALL;
	if (s != DB_OK)
		return DRAFT_DB;
	if (strcmp(rules_call_status(&r.opens, &r.deadline, time(NULL)), "closed") == 0)
		return DRAFT_CLOSED;
	out->status = svc_status_of(s = idem_tx(idem, drafts_create_run, drafts_create_saved, &t, &is, &replay));
	if (is == IDEM_MISMATCH)
		return DRAFT_KEY_REUSED;
	if (s != DB_OK)
		return t.full && s == DB_CONFLICT ? DRAFT_LIMIT : DRAFT_DB;
	if (is == IDEM_REPLAY) {
		t.id = json_integer_value(json_object_get(replay, "id"));
		out->replayed = true;
		json_decref(replay);
	}
	out->id = t.id;
	out->version = 1;
	return DRAFT_OK;
}

enum svc_status
drafts_list_org(int64_t org_id, struct jw *items)
{
	return svc_status_of(db_app_list_org(org_id, items));
}

enum svc_status
drafts_list_user(int64_t user_id, struct jw *items)
{
	return svc_status_of(db_app_list_user(user_id, items));
}

/* ---- read and save ------------------------------------------------------------------------ */

enum svc_status
drafts_get(int64_t app_id, json_t **out, int64_t *version)
{
	struct db_call_rules r;
	struct db_scheme_call sc;
	struct db_app a;
	enum db_status s;

	*out = NULL;
	if ((s = drafts_load(app_id, &a, &r, &sc)) != DB_OK)
		return svc_status_of(s);
	*version = a.version;
	*out = drafts_json(&a, &r, &sc);
	db_app_free(&a);
	return SVC_OK;
}

/* The save did not take: a submitted application, or a newer version saved by someone else. */
static enum draft_outcome
drafts_save_refused(int64_t app_id, struct draft_result *out)
{
	struct db_call_rules r;
	struct db_scheme_call sc;
	struct db_app a;
	enum draft_outcome o = DRAFT_NOT_DRAFT;

	if ((out->status = svc_status_of(drafts_load(app_id, &a, &r, &sc))) != SVC_OK)
		return DRAFT_DB;
	if (strcmp(a.status, "draft") == 0) {
		o = DRAFT_STALE;
		out->current = drafts_json(&a, &r, &sc);
		out->version = a.version;
	}
	db_app_free(&a);
	return o;
}

enum draft_outcome
drafts_save(int64_t app_id, int64_t version, const json_t *draft, int64_t user_id, struct draft_result *out)
{
	json_t *title, *amount;
	char *text;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if (!app_draft_check(draft, &out->errs))
		return DRAFT_INVALID;
	title = json_object_get(draft, "title");
	amount = json_object_get(draft, "applied_amount");
	text = json_dumps(draft, JSON_COMPACT);
	s = db_app_update(app_id, version, text, json_is_string(title) ? json_string_value(title) : "",
	    json_is_integer(amount) ? json_integer_value(amount) : 0, json_is_integer(amount), user_id);
	free(text);
	out->status = svc_status_of(s);
	if (s == DB_CONFLICT)
		return drafts_save_refused(app_id, out);
	if (s != DB_OK)
		return DRAFT_DB;
	out->version = version + 1;
	out->budget = app_budget_json(draft);
	return DRAFT_OK;
}

/* ---- withdraw, receipt, events -------------------------------------------------------------- */

struct drafts_withdraw_tx {
	int64_t app_id, user_id;
};

static enum db_status
drafts_withdraw_run(void *arg)
{
	struct drafts_withdraw_tx *t = arg;
	const struct case_context none = { false, 0, 0, false };
	struct db_app_lock l;
	int state;
	enum db_status s;

	/* the state machine says when a case may be withdrawn: before a decision */
	if ((s = db_app_lock(t->app_id, &l)) != DB_OK)
		return s;
	if ((state = case_state_parse(l.status)) < 0 || case_next((enum case_state)state, EV_WITHDRAW, &none) < 0)
		return DB_CONFLICT;
	if ((s = db_app_withdraw(t->app_id)) != DB_OK)
		return s;
	return db_event_add(t->app_id, t->user_id, "withdrawn", NULL);
}

enum draft_outcome
drafts_withdraw(int64_t app_id, int64_t user_id, struct draft_result *out)
{
	struct drafts_withdraw_tx t = { app_id, user_id };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	out->status = svc_status_of(s = db_tx(drafts_withdraw_run, &t));
	if (s == DB_CONFLICT)
		return DRAFT_NOT_SUBMITTED;
	return s == DB_OK ? DRAFT_OK : DRAFT_DB;
}

enum draft_outcome
drafts_receipt(int64_t app_id, json_t **out, struct draft_result *res)
{
	struct db_call_rules r;
	struct db_app a;
	enum draft_outcome o = DRAFT_OK;

	memset(res, 0, sizeof(*res));
	*out = NULL;
	if ((res->status = svc_status_of(drafts_load(app_id, &a, &r, NULL))) != SVC_OK)
		return DRAFT_DB;
	if (a.signed_copy == NULL || (*out = json_loads(a.signed_copy, 0, NULL)) == NULL)
		o = DRAFT_NOT_SUBMITTED;
	else
		json_object_set_new(*out, "status", json_string(a.status));
	db_app_free(&a);
	return o;
}

enum svc_status
drafts_submitted(int64_t app_id, json_t **out)
{
	struct db_app a;
	enum db_status s;
	char sub[32];

	*out = NULL;
	if ((s = db_app_get(app_id, &a)) != DB_OK)
		return svc_status_of(s);
	drafts_iso(a.submitted_at, sub, sizeof(sub));
	*out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a.id, "status", a.status, "reference",
	    a.reference, "submitted_at", sub, "signed_by", a.submitted_by, "tenant", a.tenant_name);
	db_app_free(&a);
	return SVC_OK;
}

enum svc_status
drafts_events(int64_t app_id, struct jw *w)
{
	return svc_status_of(db_event_list(app_id, w));
}

void
draft_result_free(struct draft_result *r)
{
	json_decref(r->current);
	json_decref(r->budget);
	r->current = r->budget = NULL;
}
