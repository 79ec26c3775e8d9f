/*
 * calladmin.c - a tenant's call administration (see calladmin.h). A change runs in one
 * transaction: the call row FOR UPDATE first (so what is read next is read after any submission
 * that holds it in share mode has committed), then the checks, the change and its log entry.
 */
#include "svc/calladmin.h"
#include "svc/calladmin_db.h"
#include "svc/idem_db.h"
#include "svc/svc_db.h"
#include "db/db_calladmin.h"
#include "db/db_users.h"
#include "domain/callrules.h"
#include "domain/rules.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CA_MAX_CONTACTS 50

/* What a use case's transaction works on; reset at each attempt (db_tx may run it again). */
struct ca_tx {
	const struct ca_input *in;
	struct ca_result *out;
	enum ca_outcome outcome;
	struct db_ca_call row;
	json_t *before, *after;
	enum callrules_kind kind;
};

static void
ca_tx_free(struct ca_tx *t)
{
	db_ca_call_free(&t->row);
	json_decref(t->before);
	json_decref(t->after);
	t->before = t->after = NULL;
}

static void
ca_tx_reset(struct ca_tx *t)
{
	ca_tx_free(t);
	memset(&t->row, 0, sizeof(t->row));
	memset(&t->out->errs, 0, sizeof(t->out->errs));
	t->outcome = CA_OK;
}

/* A refusal naming field: the transaction rolls back. */
static enum db_status
ca_refuse(struct ca_tx *t, enum ca_outcome o, const char *field, const char *detail)
{
	app_errors_add(&t->out->errs, field, "%s", detail);
	t->outcome = o;
	return DB_CONFLICT;
}

static int
ca_contact_add(void *arg, const struct db_contact *c)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s}", "name", c->name, "role", c->role, "email",
	    c->email, "phone", c->phone));
	return 0;
}

/* The call's (or, call_id 0, the tenant's) contacts as a new array in *out. */
static enum db_status
ca_contacts_json(int64_t tenant_id, int64_t call_id, json_t **out)
{
	enum db_status s;

	*out = json_array();
	if ((s = db_ca_contacts_each(tenant_id, call_id, ca_contact_add, *out)) != DB_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return s;
}

/* The tenant's call with its form (*doc, new reference); lock: FOR UPDATE. */
static enum db_status
ca_load(int64_t tenant_id, int64_t id, bool lock, struct db_ca_call *row, json_t **doc)
{
	json_t *contacts = NULL;
	enum db_status s;

	*doc = NULL;
	if ((s = db_ca_call_get(tenant_id, id, lock, row)) != DB_OK ||
	    (s = ca_contacts_json(tenant_id, id, &contacts)) != DB_OK)
		return s;
	*doc = ca_doc_of(row, contacts);
	return DB_OK;
}

static int
ca_goal_add(void *arg, const char *code, const char *name)
{
	json_object_set_new(arg, code, json_string(name));
	return 0;
}

/* The call as the API gives it into out->call. */
static enum svc_status
ca_answer(int64_t tenant_id, int64_t id, json_t **out)
{
	struct db_ca_call row;
	json_t *doc = NULL, *names = json_object();
	enum db_status s;

	*out = NULL;
	if ((s = ca_load(tenant_id, id, false, &row, &doc)) == DB_OK && (s = db_ca_goals(ca_goal_add, names)) == DB_OK)
		*out = ca_render(&row, doc, names);
	json_decref(doc);
	json_decref(names);
	db_ca_call_free(&row);
	return svc_status_of(s);
}

enum svc_status
calladmin_get(int64_t tenant_id, int64_t call_id, json_t **out)
{
	return ca_answer(tenant_id, call_id, out);
}

struct ca_list {
	json_t *items, *names;
	int64_t tenant_id;
	enum db_status s;
};

static int
ca_list_row(void *arg, const struct db_ca_call *c)
{
	struct ca_list *l = arg;
	json_t *doc = ca_doc_of(c, NULL); /* the contacts come after the list (ca_list_contacts) */

	json_array_append_new(l->items, ca_render(c, doc, l->names));
	json_decref(doc);
	return 0;
}

/* The contacts of each call of the list, read after it (a tenant has a few calls a year). */
static enum db_status
ca_list_contacts(struct ca_list *l)
{
	size_t i;
	json_t *c;
	enum db_status s = DB_OK;

	json_array_foreach(l->items, i, c) {
		json_t *contacts = NULL;
		if ((s = ca_contacts_json(l->tenant_id, json_integer_value(json_object_get(c, "id")), &contacts)) != DB_OK)
			break;
		json_object_set_new(c, "contacts", contacts);
	}
	return s;
}

enum svc_status
calladmin_list(int64_t tenant_id, int64_t year, json_t **out)
{
	struct ca_list l = { .items = json_array(), .names = json_object(), .tenant_id = tenant_id };
	enum db_status s;

	*out = NULL;
	if ((s = db_ca_goals(ca_goal_add, l.names)) == DB_OK &&
	    (s = db_ca_calls_each(tenant_id, year, ca_list_row, &l)) == DB_OK && (s = ca_list_contacts(&l)) == DB_OK)
		*out = json_pack("{s:o}", "items", l.items);
	else
		json_decref(l.items);
	json_decref(l.names);
	return svc_status_of(s);
}

/* ---- the form and its checks --------------------------------------------------------------- */

/* The keys of the body over the form; null only where null is a value (no frame, no date). */
static void
ca_merge(json_t *doc, const json_t *body)
{
	static const char *const nullable[] = { "budget_frame", "min_participants", "spring_due", "autumn_due",
		"report_due", "status_report_due", NULL };
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)body, key, v) {
		size_t i;
		bool can_null = false;
		if (strcmp(key, "copy_from") == 0)
			continue;
		for (i = 0; nullable[i]; i++)
			can_null = can_null || strcmp(nullable[i], key) == 0;
		if (!json_is_null(v) || can_null)
			json_object_set_new(doc, key, json_deep_copy(v));
	}
}

/* The scheme the form names into the row (its id, code, name and kind), when it is another. */
static enum db_status
ca_scheme_of(struct ca_tx *t, const json_t *doc)
{
	const char *code = json_string_value(json_object_get(doc, "scheme"));
	enum db_status s;

	if (code && strcmp(code, t->row.scheme_code) != 0) {
		s = db_ca_scheme(code, &t->row.scheme_id, t->row.scheme_kind, t->row.scheme_name);
		if (s == DB_NOTFOUND)
			return ca_refuse(t, CA_INVALID, "scheme", "Ordningen finnes ikke.");
		if (s != DB_OK)
			return s;
		utf8_copy(t->row.scheme_code, code, sizeof(t->row.scheme_code));
	}
	t->kind = callrules_kind_of(t->row.scheme_kind);
	return DB_OK;
}

/* The form's own rules, every field at fault named. */
static enum db_status
ca_check(struct ca_tx *t)
{
	if (!callrules_check(t->after, t->kind, &t->out->errs)) {
		t->outcome = CA_INVALID;
		return DB_CONFLICT;
	}
	return DB_OK;
}

/* IMDi's allocation to the tenant for the scheme and year, when one is set: the frames of the
 * tenant's calls of that scheme and year must fit in it. */
static enum db_status
ca_allocation(struct ca_tx *t)
{
	int64_t amount = 0, others = 0, frame = t->row.no_frame ? 0 : t->row.budget_frame;
	bool has = false;
	enum db_status s;
	char detail[200];

	if ((s = db_ca_allocation(t->row.tenant_id, t->row.scheme_id, t->row.year, t->row.id, &has, &amount, &others)) != DB_OK)
		return s;
	if (!has || others + frame <= amount)
		return DB_OK;
	snprintf(detail, sizeof(detail), "Rammen går ut over tildelingen fra IMDi for året: %lld kroner er igjen til denne utlysningen.",
	    (long long)(amount - others > 0 ? amount - others : 0));
	return ca_refuse(t, CA_REFUSED, "budget_frame", detail);
}

/* The log entry's detail: {"fields": [names]} (or other keys), as JSON text (owned). */
static char *
ca_detail_fields(const char **names, size_t n)
{
	json_t *a = json_array(), *o;
	char *text;
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(names[i]));
	o = json_pack("{s:o}", "fields", a);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

/* Writes the form's rules, earmarks and contacts to the call t->row.id. */
static enum db_status
ca_write_parts(struct ca_tx *t, bool earmarks, bool contacts)
{
	struct db_contact c[CA_MAX_CONTACTS];
	enum db_status s = DB_OK;
	size_t n;

	if (earmarks)
		s = db_ca_set_earmarks(t->row.id, t->row.earmarks);
	if (s == DB_OK && contacts) {
		n = ca_contacts_of(json_object_get(t->after, "contacts"), c, CA_MAX_CONTACTS);
		s = db_ca_set_contacts(t->row.tenant_id, t->row.id, c, n);
	}
	return s;
}

/* ---- create -------------------------------------------------------------------------------- */

/* The new call's form: a copy of another call of the tenant a year later, or the scheme's defaults. */
static enum db_status
ca_create_form(struct ca_tx *t)
{
	const json_t *body = t->in->body, *from = json_object_get(body, "copy_from");
	const char *code = json_string_value(json_object_get(body, "scheme"));
	json_int_t year = json_integer_value(json_object_get(body, "year"));
	char title[TEXT_CAP(255) + 16];
	enum db_status s;

	if (json_is_integer(from)) {
		s = ca_load(t->in->tenant_id, json_integer_value(from), false, &t->row, &t->after);
		if (s == DB_NOTFOUND)
			return ca_refuse(t, CA_INVALID, "copy_from", "Finner ikke utlysningen som skal kopieres.");
		if (s != DB_OK)
			return s;
		t->row.copied_from = t->row.id;
		/* a year later, or as many as the year given says */
		callrules_move_years(t->after, year ? (int)(year - t->row.year) : 1);
		return DB_OK;
	}
	if (!code)
		return ca_refuse(t, CA_INVALID, "scheme", "Velg ordningen utlysningen gjelder, eller en utlysning å kopiere.");
	if (!year)
		return ca_refuse(t, CA_INVALID, "year", "Oppgi året utlysningen gjelder.");
	s = db_ca_scheme(code, &t->row.scheme_id, t->row.scheme_kind, t->row.scheme_name);
	if (s == DB_NOTFOUND)
		return ca_refuse(t, CA_INVALID, "scheme", "Ordningen finnes ikke.");
	if (s != DB_OK)
		return s;
	utf8_copy(t->row.scheme_code, code, sizeof(t->row.scheme_code));
	snprintf(title, sizeof(title), "%s %lld", t->row.scheme_name, (long long)year);
	t->after = callrules_defaults(callrules_kind_of(t->row.scheme_kind), (int)year, title);
	json_object_set_new(t->after, "scheme", json_string(code));
	return DB_OK;
}

static enum db_status
ca_create_run(void *arg)
{
	struct ca_tx *t = arg;
	char *detail = NULL;
	enum db_status s;

	ca_tx_reset(t);
	if ((s = ca_create_form(t)) != DB_OK)
		return s;
	ca_merge(t->after, t->in->body);
	if ((s = ca_scheme_of(t, t->after)) != DB_OK || (s = ca_check(t)) != DB_OK)
		return s;
	ca_row_of(t->after, &t->row);
	t->row.id = 0;
	t->row.tenant_id = t->in->tenant_id;
	if ((s = ca_allocation(t)) != DB_OK)
		return s;
	if ((s = db_ca_insert(&t->row)) == DB_CONFLICT)
		return ca_refuse(t, CA_REFUSED, "year", "Forvalteren har allerede en utlysning for denne ordningen og dette året.");
	if (s != DB_OK || (s = ca_write_parts(t, true, true)) != DB_OK)
		return s;
	if (t->row.copied_from) {
		json_t *d = json_pack("{s:I}", "copied_from", (json_int_t)t->row.copied_from);
		detail = json_dumps(d, JSON_COMPACT);
		json_decref(d);
	}
	s = db_ca_event(t->row.id, t->row.tenant_id, t->row.copied_from ? "copied" : "created", detail, t->in->user_id);
	free(detail);
	return s;
}

/* what a create answered, kept with its Idempotency-Key */
static json_t *
ca_create_saved(void *arg)
{
	const struct ca_tx *t = arg;
	return json_pack("{s:I}", "id", (json_int_t)t->row.id);
}

/* After the transaction: the outcome, and on success the call as the API gives it. */
static enum ca_outcome
ca_finish(struct ca_tx *t, enum db_status s, int64_t id)
{
	enum ca_outcome o = t->outcome;

	ca_tx_free(t);
	if (s != DB_OK && o != CA_OK)
		return o;
	if (s != DB_OK) {
		t->out->status = svc_status_of(s);
		return CA_DB;
	}
	if (id && (t->out->status = ca_answer(t->in->tenant_id, id, &t->out->call)) != SVC_OK)
		return CA_DB;
	return CA_OK;
}

/* A use case of one transaction (fn) on the call of the URL; answers the call id (0: none). */
static enum ca_outcome
ca_run(const struct ca_input *in, struct ca_result *out, db_tx_fn fn, int64_t id)
{
	struct ca_tx t = { .in = in, .out = out };

	memset(out, 0, sizeof(*out));
	return ca_finish(&t, db_tx(fn, &t), id);
}

enum ca_outcome
calladmin_create(const struct ca_input *in, struct ca_result *out)
{
	struct ca_tx t = { .in = in, .out = out };
	enum idem_state is = IDEM_FRESH;
	json_t *replay = NULL;
	enum db_status s;
	int64_t id;

	memset(out, 0, sizeof(*out));
	s = idem_tx(in->idem, ca_create_run, ca_create_saved, &t, &is, &replay);
	if (is == IDEM_MISMATCH) {
		ca_tx_free(&t);
		return CA_KEY_REUSED;
	}
	id = is == IDEM_REPLAY ? (int64_t)json_integer_value(json_object_get(replay, "id")) : t.row.id;
	json_decref(replay);
	return ca_finish(&t, s, id);
}

/* ---- change, publish, delete ---------------------------------------------------------------- */

/* Locks and loads the call of the URL into t->row and t->before (t->after a copy). */
static enum db_status
ca_lock(struct ca_tx *t)
{
	enum db_status s;

	ca_tx_reset(t);
	if ((s = ca_load(t->in->tenant_id, t->in->call_id, true, &t->row, &t->before)) != DB_OK)
		return s;
	t->after = json_deep_copy(t->before);
	t->kind = callrules_kind_of(t->row.scheme_kind);
	return DB_OK;
}

/* Refuses the changed fields that are frozen, naming each. */
static enum db_status
ca_frozen(struct ca_tx *t, const char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (callrules_frozen(names[i]))
			app_errors_add(&t->out->errs, names[i], "%s",
			    "Kan ikke endres etter at en søknad er sendt inn: feltet avgjør hvem som kan søke, beløp eller utbetaling.");
	if (t->out->errs.n == 0)
		return DB_OK;
	t->outcome = CA_FROZEN;
	return DB_CONFLICT;
}

static bool
ca_named(const char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static enum db_status
ca_update_run(void *arg)
{
	struct ca_tx *t = arg;
	const char *names[64];
	char *detail;
	enum db_status s;
	size_t n;

	if ((s = ca_lock(t)) != DB_OK)
		return s;
	ca_merge(t->after, t->in->body);
	if ((n = callrules_changed(t->before, t->after, names, 64)) == 0)
		return DB_OK;
	if (t->row.published_at[0] && ca_named(names, n, "deadline_local"))
		return ca_refuse(t, CA_REFUSED, "deadline_local",
		    "Fristen for en publisert utlysning endres med fristendring (forlenge eller stenge), så søkerne blir varslet.");
	if ((t->row.submitted && (s = ca_frozen(t, names, n)) != DB_OK) || (s = ca_scheme_of(t, t->after)) != DB_OK ||
	    (s = ca_check(t)) != DB_OK)
		return s;
	ca_row_of(t->after, &t->row);
	if ((ca_named(names, n, "budget_frame") || ca_named(names, n, "year") || ca_named(names, n, "scheme")) &&
	    (s = ca_allocation(t)) != DB_OK)
		return s;
	if ((s = db_ca_update(&t->row)) == DB_CONFLICT)
		return ca_refuse(t, CA_REFUSED, "year", "Forvalteren har allerede en utlysning for denne ordningen og dette året.");
	if (s != DB_OK ||
	    (s = ca_write_parts(t, ca_named(names, n, "earmarks"), ca_named(names, n, "contacts"))) != DB_OK)
		return s;
	detail = ca_detail_fields(names, n);
	s = db_ca_event(t->row.id, t->row.tenant_id, "changed", detail, t->in->user_id);
	free(detail);
	return s;
}

enum ca_outcome
calladmin_update(const struct ca_input *in, struct ca_result *out)
{
	return ca_run(in, out, ca_update_run, in->call_id);
}

static enum db_status
ca_publish_run(void *arg)
{
	struct ca_tx *t = arg;
	enum db_status s;

	if ((s = ca_lock(t)) != DB_OK)
		return s;
	if (t->row.published_at[0])
		return ca_refuse(t, CA_REFUSED, "published", "Utlysningen er allerede publisert.");
	if ((s = ca_check(t)) != DB_OK || (s = ca_allocation(t)) != DB_OK ||
	    (s = db_ca_publish(t->row.id, t->in->user_id)) != DB_OK)
		return s;
	return db_ca_event(t->row.id, t->row.tenant_id, "published", NULL, t->in->user_id);
}

enum ca_outcome
calladmin_publish(const struct ca_input *in, struct ca_result *out)
{
	return ca_run(in, out, ca_publish_run, in->call_id);
}

static enum db_status
ca_delete_run(void *arg)
{
	struct ca_tx *t = arg;
	json_t *d;
	char *detail;
	enum db_status s;

	if ((s = ca_lock(t)) != DB_OK)
		return s;
	if (t->row.published_at[0])
		return ca_refuse(t, CA_REFUSED, "published", "En publisert utlysning kan ikke slettes. Du kan stenge den i stedet.");
	if ((s = db_ca_delete(t->row.id)) != DB_OK)
		return s;
	d = json_pack("{s:s, s:I}", "title", t->row.title, "year", (json_int_t)t->row.year);
	detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	s = db_ca_event(t->row.id, t->row.tenant_id, "deleted", detail, t->in->user_id);
	free(detail);
	return s;
}

enum ca_outcome
calladmin_delete(const struct ca_input *in, struct ca_result *out)
{
	return ca_run(in, out, ca_delete_run, 0);
}

/* ---- the deadline --------------------------------------------------------------------------- */

/* "YYYY-MM-DDTHH:MM" as people write it: "15.12.2026 kl. 12.00". */
static void
ca_when(const char *local, char *out, size_t len)
{
	if (strlen(local) < 16)
		utf8_copy(out, local, len);
	else
		snprintf(out, len, "%.2s.%.2s.%.4s kl. %.2s.%.2s", local + 8, local + 5, local, local + 11, local + 14);
}

struct ca_notice {
	const struct ca_tx *t;
	const char *old_deadline, *new_deadline, *reason;
	bool closed;
	enum db_status s;
};

/* One e-mail to a member of an organisation with a draft on the call. */
static int
ca_notify_one(void *arg, const char *email, const char *name)
{
	struct ca_notice *n = arg;
	char was[40], now[40], subject[TEXT_CAP(255) + 64];
	struct buf body = { 0 };

	ca_when(n->old_deadline, was, sizeof(was));
	ca_when(n->new_deadline, now, sizeof(now));
	snprintf(subject, sizeof(subject), "%s: %s", n->closed ? "Søknadsfristen er flyttet fram" : "Søknadsfristen er forlenget",
	    n->t->row.title);
	buf_printf(&body,
	    "Hei %s,\n\nSøknadsfristen for «%s» hos %s er endret fra %s til %s (norsk tid).\n%s%s%s\n"
	    "Organisasjonen din har et utkast til søknad på denne utlysningen. Husk å sende det inn før fristen.\n"
	    "Du finner utkastet under «Mine søknader» i Tilskuddsportalen.\n",
	    name, n->t->row.title, n->t->row.tenant_name, was, now, n->reason ? "\nBegrunnelse: " : "",
	    n->reason ? n->reason : "", n->reason ? "\n" : "");
	n->s = db_outbox_add(email, subject, body.data, "call_deadline", n->t->row.tenant_id);
	buf_free(&body);
	return n->s != DB_OK;
}

/* The new deadline: now (close) or the one given, after the opening and not in the past. */
static enum db_status
ca_new_deadline(struct ca_tx *t, char out[20])
{
	const char *given = json_string_value(json_object_get(t->in->body, "deadline_local"));
	struct valid_datetime now, opens, old, d;

	rules_oslo_from_utc(time(NULL), &now);
	now.second = 0;
	callrules_local(t->row.opens, &opens);
	callrules_local(t->row.deadline, &old);
	if (json_is_true(json_object_get(t->in->body, "close"))) {
		if (rules_datetime_cmp(&now, &opens) <= 0)
			return ca_refuse(t, CA_REFUSED, "close", "Utlysningen har ikke åpnet ennå. Endre åpningstidspunktet i stedet.");
		if (rules_datetime_cmp(&now, &old) >= 0)
			return ca_refuse(t, CA_REFUSED, "close", "Søknadsfristen er allerede ute.");
		snprintf(out, 20, "%04d-%02d-%02dT%02d:%02d", now.year, now.month, now.day, now.hour, now.minute);
	} else if (!given || !callrules_local(given, &d)) {
		return ca_refuse(t, CA_INVALID, "deadline_local", "Skriv den nye fristen som ÅÅÅÅ-MM-DDTTT:MM (norsk tid), eller steng nå.");
	} else if (rules_datetime_cmp(&d, &opens) <= 0 || rules_datetime_cmp(&d, &now) <= 0) {
		return ca_refuse(t, CA_INVALID, "deadline_local", "Den nye fristen må være etter åpningstidspunktet og fram i tid.");
	} else {
		utf8_copy(out, given, 20);
	}
	return DB_OK;
}

static enum db_status
ca_deadline_run(void *arg)
{
	struct ca_tx *t = arg;
	const char *reason = json_string_value(json_object_get(t->in->body, "reason"));
	char deadline[20], *detail;
	struct ca_notice n = { .t = t, .reason = reason && reason[0] ? reason : NULL, .s = DB_OK };
	json_t *d;
	enum db_status s;

	if ((s = ca_lock(t)) != DB_OK)
		return s;
	if (!t->row.published_at[0])
		return ca_refuse(t, CA_REFUSED, "deadline_local", "Utlysningen er ikke publisert: endre fristen i utlysningen.");
	if ((s = ca_new_deadline(t, deadline)) != DB_OK || strcmp(deadline, t->row.deadline) == 0)
		return s;
	n.old_deadline = t->row.deadline;
	n.new_deadline = deadline;
	n.closed = strcmp(deadline, t->row.deadline) < 0;
	if ((s = db_ca_set_deadline(t->row.id, deadline)) != DB_OK)
		return s;
	d = json_pack("{s:s, s:s, s:s?}", "from", t->row.deadline, "to", deadline, "reason", n.reason);
	detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	s = db_ca_event(t->row.id, t->row.tenant_id, n.closed ? "closed" : "extended", detail, t->in->user_id);
	free(detail);
	if (s == DB_OK && (s = db_ca_draft_people(t->row.id, ca_notify_one, &n)) == DB_ERROR && n.s != DB_OK)
		s = n.s;
	return s;
}

enum ca_outcome
calladmin_deadline(const struct ca_input *in, struct ca_result *out)
{
	return ca_run(in, out, ca_deadline_run, in->call_id);
}

/* ---- the tenant's contact persons ------------------------------------------------------------ */

enum svc_status
calladmin_contacts(int64_t tenant_id, json_t **out)
{
	json_t *items = NULL;
	enum db_status s = ca_contacts_json(tenant_id, 0, &items);

	*out = s == DB_OK ? json_pack("{s:o}", "items", items) : NULL;
	return svc_status_of(s);
}

static enum db_status
ca_contacts_run(void *arg)
{
	struct ca_tx *t = arg;
	struct db_contact c[CA_MAX_CONTACTS];
	size_t n = ca_contacts_of(json_object_get(t->in->body, "items"), c, CA_MAX_CONTACTS);

	return db_ca_set_contacts(t->in->tenant_id, 0, c, n);
}

enum ca_outcome
calladmin_contacts_put(const struct ca_input *in, struct ca_result *out)
{
	struct ca_tx t = { .in = in, .out = out };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	callrules_check_contacts(json_object_get(in->body, "items"), "items", &out->errs);
	if (out->errs.n > 0)
		return CA_INVALID;
	if ((s = db_tx(ca_contacts_run, &t)) != DB_OK || (out->status = calladmin_contacts(in->tenant_id, &out->call)) != SVC_OK) {
		if (s != DB_OK)
			out->status = svc_status_of(s);
		return CA_DB;
	}
	return CA_OK;
}
