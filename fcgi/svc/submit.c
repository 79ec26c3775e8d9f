/*
 * submit.c - checking and submitting an application (see submit.h).
 */
#include "svc/submit.h"
#include "svc/idem_db.h"
#include "svc/svc_db.h"
#include "db/db_apps.h"
#include "db/db_calladmin.h"
#include "db/db_users.h"
#include "db/db_casework.h"
#include "db/db_schemes.h"
#include "domain/scheme.h"
#include "domain/register.h"
#include "domain/rules.h"
#include "core/jw.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What the rules need to know about the application, its organisation and its call. */
struct submit_facts {
	struct db_app a;
	struct db_call_rules r;
	struct db_org_flags of;
	struct db_scheme_call sc;
	struct db_scheme_org so;
	struct app_context c;
	char municipality[TEXT_CAP(128)]; /* the tenant's name without " kommune" */
};

/* What the call's scheme demands, and what it needs to know of the organisation. */
static enum db_status
submit_scheme(struct submit_facts *f)
{
	struct app_context *c = &f->c;
	int64_t n = 0;
	enum db_status s;

	if ((s = db_scheme_call(f->a.call_id, &f->sc)) != DB_OK || (s = db_scheme_org(f->a.org_id, &f->so)) != DB_OK ||
	    (s = db_att_count_kind(f->a.id, "annual_accounts", &n)) != DB_OK)
		return s;
	c->has_accounts_attachment = n > 0;
	if (f->sc.one_per_org && (s = db_scheme_same_year(f->a.org_id, f->a.call_id, f->a.id, &c->same_year_applications)) != DB_OK)
		return s;
	c->scheme_kind = (int)scheme_kind_parse(f->sc.kind);
	c->org_kind = f->so.kind;
	c->org_municipality = f->so.municipality;
	c->applicant_kinds = f->sc.applicant_kinds;
	c->requires_volunteer_register = f->sc.requires_volunteer_register;
	c->requires_local_activity = f->sc.requires_local_activity;
	c->requires_local_members = f->sc.requires_local_members;
	c->requires_national_reach = f->sc.requires_national_reach;
	c->requires_own_contribution = f->sc.requires_own_contribution;
	c->joint_applications = f->sc.joint_applications;
	c->one_per_org = f->sc.one_per_org;
	c->min_participants = f->sc.min_participants;
	c->budget_rule = (int)scheme_budget_parse(f->sc.budget_rule);
	c->max_years = (int)f->sc.max_years;
	c->county_only_goals = f->sc.county_only;
	return DB_OK;
}

static enum db_status
submit_context(struct submit_facts *f)
{
	static const char suffix[] = " kommune";
	struct app_context *c = &f->c;
	enum db_status s;
	int64_t bytes;
	size_t n;

	memset(c, 0, sizeof(*c));
	if ((s = db_org_flags(f->a.org_id, &f->of)) != DB_OK ||
	    (s = db_att_totals(f->a.id, &bytes, &c->has_budget_attachment, &c->has_tax_certificate)) != DB_OK)
		return s;
	utf8_copy(f->municipality, f->r.tenant_name, sizeof(f->municipality));
	n = strlen(f->municipality);
	if (n > sizeof(suffix) - 1 && strcmp(f->municipality + n - (sizeof(suffix) - 1), suffix) == 0)
		f->municipality[n - (sizeof(suffix) - 1)] = '\0';
	c->call_sub_goals = f->r.sub_goals;
	c->min_amount = f->r.min_amount;
	c->max_amount = f->r.max_amount;
	c->one_project = f->r.one_project;
	c->municipal = f->r.municipal;
	c->municipality = f->municipality;
	c->org_volunteer_register = f->of.volunteer_register;
	c->org_business_register = f->of.business_register;
	c->requires_business_register = f->r.requires_business_register;
	c->org_has_employees = f->of.has_employees;
	c->requires_budget_attachment = f->r.requires_budget;
	c->requires_tax_certificate = f->r.requires_tax_certificate;
	c->call_year = (int)f->r.year;
	return submit_scheme(f);
}

/* Loads the application, its call and the rule context. */
static enum db_status
submit_load(int64_t app_id, struct submit_facts *f)
{
	enum db_status s;

	memset(f, 0, sizeof(*f));
	if ((s = db_app_get(app_id, &f->a)) != DB_OK)
		return s;
	if ((s = db_call_rules(f->a.call_id, &f->r)) != DB_OK)
		return s;
	return submit_context(f);
}

enum svc_status
submit_check(int64_t app_id, struct app_errors *errs, json_t **data)
{
	struct submit_facts f;
	enum db_status s = submit_load(app_id, &f);

	memset(errs, 0, sizeof(*errs));
	*data = NULL;
	if (s == DB_OK) {
		*data = json_loads(f.a.data, 0, NULL);
		app_submit_check(*data, &f.c, errs);
		if (rules_deadline_passed(&f.r.deadline, time(NULL)))
			app_errors_add(errs, "call", "Søknadsfristen er ute.");
	}
	db_app_free(&f.a);
	return svc_status_of(s);
}

/* The draft's sub-goals that the call has, as a SET value ("A,C"). */
static void
submit_sub_goals(const json_t *data, const char *call_goals, char set[16])
{
	json_t *goals = json_object_get(data, "sub_goals");
	size_t i, k = 0;

	set[0] = '\0';
	for (i = 0; i < json_array_size(goals) && k + 2 < 16; i++) {
		const char *g = json_string_value(json_array_get(goals, i));
		if (g && g[0] && strchr(call_goals, g[0])) {
			if (k)
				set[k++] = ',';
			set[k++] = g[0];
			set[k] = '\0';
		}
	}
}

/* Who signed: the signer, when and how their authority to sign was established (in words). */
struct submit_signature {
	struct db_user who;
	char at[32];                          /* ISO 8601, UTC */
	char authority[REGISTER_WORDS_MAX];
};

/*
 * The copy of what was signed, written with the JSON writer into w: the signature, the
 * organisation and the call as they are now, the application, its budget figures and the
 * attachments (their names cleaned, as they are listed and downloaded).
 */
static enum db_status
submit_copy(struct jw *w, const struct submit_input *in, const struct submit_facts *f, const json_t *data,
    const char *reference, const struct submit_signature *sig)
{
	json_t *budget = app_budget_json(data);
	enum db_status s;

	jw_obj(w, NULL);
	jw_str(w, "reference", reference);
	jw_str(w, "signed_at", sig->at);
	jw_obj(w, "signed_by");
	jw_int(w, "id", sig->who.id);
	jw_str(w, "name", sig->who.name);
	jw_str(w, "email", sig->who.email);
	jw_str(w, "authority", sig->authority);
	jw_end(w);
	jw_str(w, "ip", in->remote_addr ? in->remote_addr : "");
	jw_obj(w, "organisation");
	if ((s = db_org_write(f->a.org_id, w, NULL)) != DB_OK)
		goto out;
	jw_end(w);
	jw_obj(w, "call");
	jw_int(w, "id", f->r.id);
	jw_str(w, "title", f->r.title);
	jw_str(w, "tenant", f->r.tenant_name);
	jw_int(w, "year", f->r.year);
	jw_end(w);
	jw_json(w, "application", data);
	jw_json(w, "budget", budget);
	jw_arr(w, "attachments");
	if ((s = att_write_list(f->a.id, w)) != DB_OK)
		goto out;
	jw_end(w);
	jw_end(w);
	s = jw_ok(w) ? DB_OK : DB_ERROR;
out:
	json_decref(budget);
	return s;
}

/* a whole number of the draft at key (of obj), or -1 */
static int64_t
submit_figure(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 ? (int64_t)json_integer_value(v) : -1;
}

/* The schemes' figures as columns, for statistics and rules: members in the municipality, own
 * contribution, expected participants. */
static enum db_status
submit_figures(int64_t app_id, const json_t *data)
{
	return db_scheme_app_figures(app_id, submit_figure(data, "members_local"),
	    submit_figure(json_object_get(data, "budget"), "own_contribution"), submit_figure(data, "expected_participants"));
}

/* The frozen copy of what was signed: later changes to the organisation do not touch it. */
static enum db_status
submit_freeze(const struct submit_input *in, const struct submit_facts *f, const json_t *data, const char *reference,
    const struct submit_signature *sig)
{
	struct buf text = { 0 };
	struct jw w;
	char set[16];
	enum db_status s;

	jw_init(&w, &text);
	if ((s = submit_copy(&w, in, f, data, reference, sig)) == DB_OK) {
		submit_sub_goals(data, f->r.sub_goals, set);
		s = db_app_submit(f->a.id, reference, in->user_id, in->remote_addr,
		    in->idem && in->idem->key[0] ? in->idem->key : NULL, text.data, set);
	}
	if (s == DB_OK)
		s = submit_figures(f->a.id, data);
	buf_free(&text);
	return s;
}

/* What the schemes' forms add, in words, for the receipt: members, own contribution, participants,
 * the partners of a joint application. */
static void
submit_scheme_words(const json_t *data, struct buf *b)
{
	const json_t *partners = json_object_get(data, "co_applicants"), *p;
	int64_t v;
	size_t i;

	if ((v = submit_figure(data, "members_local")) >= 0)
		buf_printf(b, "Medlemmer i kommunen: %lld av %lld.\n", (long long)v, (long long)submit_figure(data, "members_total"));
	if ((v = submit_figure(json_object_get(data, "budget"), "own_contribution")) > 0)
		buf_printf(b, "Egenandel: %lld kroner.\n", (long long)v);
	if ((v = submit_figure(data, "expected_participants")) >= 0)
		buf_printf(b, "Forventede deltakere: %lld.\n", (long long)v);
	json_array_foreach(partners, i, p)
		buf_printf(b, "%s %s (org.nr. %s).\n", i == 0 ? "Søker sammen med" : "og",
		    json_string_value(json_object_get(p, "name")) ? json_string_value(json_object_get(p, "name")) : "",
		    json_string_value(json_object_get(p, "orgnr")) ? json_string_value(json_object_get(p, "orgnr")) : "");
}

/* The receipt to the signer, through the outbox (sent after the commit). */
static enum db_status
submit_receipt(const struct submit_facts *f, const json_t *data, const char *reference,
    const struct submit_signature *sig)
{
	struct buf body = { 0 };
	enum db_status s;

	buf_printf(&body,
	    "Hei %s,\n\nSøknaden «%s» fra %s er sendt inn til %s og har fått referansenummer %s.\n"
	    "Signert elektronisk av %s %s (UTC).\n%s\n\nUtlysning: %s\n\nDu finner kvitteringen og en kopi av søknaden "
	    "under «Mine søknader» i Tilskuddsportalen.\n",
	    sig->who.name, json_string_value(json_object_get(data, "title")), f->of.name, f->r.tenant_name, reference,
	    sig->who.name, sig->at, sig->authority, f->r.title);
	submit_scheme_words(data, &body);
	s = db_outbox_add(sig->who.email, "Kvittering for innsendt søknad – Tilskuddsportalen", body.data, "receipt",
	    f->r.tenant_id);
	buf_free(&body);
	return s;
}

/* Whether the application may be submitted now; SUBMIT_OK to go on. */
static enum submit_outcome
submit_admissible(const struct submit_input *in, struct submit_result *out, enum db_status *s)
{
	struct db_app_lock lock;

	if ((*s = db_app_lock(in->app_id, &lock)) != DB_OK)
		return SUBMIT_DB;
	if (strcmp(lock.status, "draft") == 0)
		return SUBMIT_OK;
	utf8_copy(out->reference, lock.reference, sizeof(out->reference));
	*s = DB_CONFLICT;
	if (strcmp(lock.status, "submitted") != 0)
		return SUBMIT_NOT_DRAFT;
	return SUBMIT_ALREADY; /* the same submission under its key again is answered by idem_tx */
}

struct submit_tx {
	const struct submit_input *in;
	struct submit_result *out;
	enum submit_outcome outcome;
};

static enum db_status
submit_run(void *arg)
{
	struct submit_tx *t = arg;
	struct submit_facts f;
	static struct submit_signature sig;
	json_t *data = NULL;
	int64_t number = 0;
	time_t now = time(NULL);
	struct tm tm;
	enum db_status s;

	memset(&t->out->errs, 0, sizeof(t->out->errs));
	if ((t->outcome = submit_admissible(t->in, t->out, &s)) != SUBMIT_OK)
		return s;
	/* the call in share mode before anything is read of it: its rules cannot change until this
	 * commits, and a change that committed first is what is read (svc/calladmin.c) */
	if ((s = db_ca_submit_lock(t->in->app_id)) != DB_OK) {
		t->outcome = SUBMIT_DB;
		return s;
	}
	if ((s = submit_load(t->in->app_id, &f)) != DB_OK)
		goto out;
	data = json_loads(f.a.data, 0, NULL);
	if (rules_deadline_passed(&f.r.deadline, now))
		t->outcome = SUBMIT_DEADLINE;
	else if (!app_submit_check(data, &f.c, &t->out->errs))
		t->outcome = SUBMIT_INVALID;
	if (t->outcome != SUBMIT_OK) {
		s = DB_CONFLICT;
		goto out;
	}
	if ((s = db_counter_next(f.r.tenant_id, f.r.year, &number)) != DB_OK ||
	    (s = db_user_by_id(t->in->user_id, &sig.who)) != DB_OK ||
	    (s = signers_words(f.a.org_id, t->in->user_id, sig.authority, sizeof(sig.authority))) != DB_OK)
		goto out;
	snprintf(t->out->reference, sizeof(t->out->reference), "%s-%04lld-%04lld", f.r.ref_prefix, (long long)f.r.year,
	    (long long)number);
	strftime(sig.at, sizeof(sig.at), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	if ((s = submit_freeze(t->in, &f, data, t->out->reference, &sig)) == DB_OK &&
	    (s = db_event_add(f.a.id, t->in->user_id, "submitted", t->out->reference)) == DB_OK)
		s = submit_receipt(&f, data, t->out->reference, &sig);
out:
	json_decref(data);
	db_app_free(&f.a);
	return s;
}

/* what a submission answered, kept with its Idempotency-Key */
static json_t *
submit_saved(void *arg)
{
	const struct submit_tx *t = arg;
	return json_pack("{s:s}", "reference", t->out->reference);
}

enum submit_outcome
submit_application(const struct submit_input *in, struct submit_result *out)
{
	struct submit_tx t = { .in = in, .out = out, .outcome = SUBMIT_DB };
	enum idem_state is;
	json_t *replay = NULL;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = idem_tx(in->idem, submit_run, submit_saved, &t, &is, &replay);
	out->status = svc_status_of(s);
	if (is == IDEM_MISMATCH)
		return SUBMIT_KEY_REUSED;
	if (s == DB_OK && is == IDEM_REPLAY) { /* the same submission again: the same receipt, nothing written */
		const char *ref = json_string_value(json_object_get(replay, "reference"));
		utf8_copy(out->reference, ref ? ref : "", sizeof(out->reference));
		json_decref(replay);
		return SUBMIT_SAME_KEY;
	}
	if (s == DB_OK)
		return t.outcome;
	if (s == DB_CONFLICT) /* a refusal, or a rule in the database said no: not a draft (any more) */
		return t.outcome == SUBMIT_OK || t.outcome == SUBMIT_DB ? SUBMIT_NOT_DRAFT : t.outcome;
	return SUBMIT_DB;
}
