/*
 * h_publish.c - the public side: published recipients per tenant and year (JSON and CSV), the
 * statistics of published years (per tenant, nationally per municipality, per sub-goal, year over
 * year; JSON and CSV), a tenant publishing a year (its preview, its withdrawal with a reason and
 * the log), and IMDi's historical import. Nothing of a year
 * that is not published is ever shown, and nothing but organisation, project and amount. Each
 * handler parses the request, calls the use case (svc/publish.h, svc/grantimport.h) and renders it.
 */
#include "domain/csv.h"
#include "svc/publish.h"
#include "svc/publication.h"
#include "svc/grantimport.h"
#include "api/h_common.h"
#include "core/jw.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdbool.h>
#include <string.h>

/* tenant and year from the query (checked by the dispatcher; the operation says which are
 * required); tenant is borrowed from req, year 0 when not given */
static void
h_pub_query(struct http_req *req, const char **tenant, int *year)
{
	*tenant = params_get(req, "tenant");
	*year = (int)params_int(req, "year", 0);
}

void
h_published_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, publish_list(&w), &w, &b);
}

/* Whether the tenant has published the year of the query; if not, answers (404) and returns -1. */
static int
h_recipients_find(struct http_req *req, const char **tenant, struct publish_recipients *r)
{
	char msg[sizeof(r->tenant_name) + 64];
	int year;

	h_pub_query(req, tenant, &year);
	switch (publish_recipients(*tenant, year, r)) {
	case PUBLISH_OK:
		return 0;
	case PUBLISH_NOT_PUBLISHED:
		snprintf(msg, sizeof(msg), "%s har ikke publisert tildelingene for %d.", r->tenant_name, year);
		problem_send(req, 404, "not-published", "Ikke publisert", msg);
		return -1;
	case PUBLISH_DB:
		break;
	}
	h_svc_error(req, r->status);
	return -1;
}

/* what a recipient without an amount shows in place of it */
#define H_AMOUNT_NOT_GIVEN "beløp ikke oppgitt"

static int
h_recipient_jw(void *arg, const struct pub_recipient *r)
{
	struct jw *w = arg;

	jw_obj(w, NULL);
	jw_str(w, "organisation", r->organisation);
	jw_str(w, "orgnr", r->has_orgnr ? r->orgnr : NULL);
	jw_str(w, "title", r->title);
	if (r->amount_known)
		jw_int(w, "amount", r->amount);
	else
		jw_null(w, "amount"); /* beløp ikke oppgitt */
	jw_str(w, "sub_goals", r->sub_goals);
	jw_str(w, "scheme", r->scheme);
	jw_str(w, "scheme_name", r->scheme_name);
	jw_end(w);
	return 0;
}

/* {tenant, tenant_name, year, published_at, items, total, count, amounts_unknown}: the items written as
 * they are read; total sums the known amounts */
void
h_recipients(struct http_req *req)
{
	struct publish_recipients r;
	const char *tenant;
	struct buf b = { 0 };
	struct jw w;
	enum svc_status s;

	if (h_recipients_find(req, &tenant, &r) != 0)
		return;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_str(&w, "tenant", tenant);
	jw_str(&w, "tenant_name", r.tenant_name);
	jw_int(&w, "year", r.year);
	jw_str(&w, "published_at", r.published_at);
	jw_arr(&w, "items");
	s = publish_recipients_each(&r, h_recipient_jw, &w);
	jw_end(&w);
	jw_int(&w, "total", r.total);
	jw_int(&w, "count", r.count);
	jw_int(&w, "amounts_unknown", r.unknown);
	jw_end(&w);
	if (s != SVC_OK) {
		h_svc_error(req, s);
	} else {
		http_add_header(req, "Cache-Control", "public, max-age=60");
		jw_send(req, 200, "application/json", &w);
	}
	buf_free(&b);
}

static int
h_recipient_csv(void *arg, const struct pub_recipient *r)
{
	struct buf *b = arg;

	csv_text(b, r->organisation);
	csv_text(b, r->orgnr);
	csv_text(b, r->title);
	if (r->amount_known)
		csv_int(b, r->amount);
	else
		csv_text(b, H_AMOUNT_NOT_GIVEN);
	csv_text(b, r->sub_goals);
	csv_text(b, r->scheme_name);
	csv_end_row(b);
	return 0;
}

void
h_recipients_csv(struct http_req *req)
{
	static const char *const heads[] = { "Mottaker", "Organisasjonsnummer", "Prosjekt", "Beløp i kroner", "Delmål",
		"Ordning", NULL };
	struct publish_recipients r;
	const char *tenant;
	char name[96];
	struct buf b = { 0 };
	enum svc_status s;
	size_t k;

	if (h_recipients_find(req, &tenant, &r) != 0)
		return;
	csv_begin(&b);
	for (k = 0; heads[k]; k++)
		csv_text(&b, heads[k]);
	csv_end_row(&b);
	if ((s = publish_recipients_each(&r, h_recipient_csv, &b)) != SVC_OK) {
		h_svc_error(req, s);
	} else {
		csv_text(&b, r.unknown ? "Sum av oppgitte beløp" : "Sum");
		csv_text(&b, NULL);
		if (r.unknown) {
			snprintf(name, sizeof(name), "%lld %s", (long long)r.unknown,
			    r.unknown == 1 ? "tildeling med beløp ikke oppgitt" : "tildelinger med beløp ikke oppgitt");
			csv_text(&b, name);
		} else {
			csv_text(&b, NULL);
		}
		csv_int(&b, r.total);
		csv_text(&b, NULL);
		csv_text(&b, NULL);
		csv_end_row(&b);
		snprintf(name, sizeof(name), "tilskuddsmottakere-%s-%d.csv", tenant, r.year);
		h_send_csv(req, &b, name);
	}
	buf_free(&b);
}

/* The keys of the measures (domain/publication.h) in JSON; a sub-goal has the first four. */
static const char *const h_measure_keys[PUB_NMEASURES] = {
	[PUB_RECEIVED] = "applications_received", [PUB_APPLIED] = "amount_applied",
	[PUB_GRANTED] = "applications_granted", [PUB_AMOUNT_GRANTED] = "amount_granted",
	[PUB_OPERATING_ORGS] = "operating_support_organisations",
	[PUB_OPERATING_IMMIGRANT] = "operating_support_immigrant_organisations",
	[PUB_ACTIVITY_ORGS] = "activity_support_organisations",
	[PUB_ACTIVITY_IMMIGRANT] = "activity_support_immigrant_organisations",
	[PUB_FRAME] = "frame", [PUB_UNUSED] = "unused", [PUB_AMOUNTS_UNKNOWN] = "amounts_unknown",
	[PUB_ALLOCATION] = "allocation", [PUB_OPERATING_MEMBERS] = "operating_support_members",
	[PUB_OPERATING_AMOUNT] = "operating_support_amount", [PUB_ACTIVITY_AMOUNT] = "activity_support_amount",
	[PUB_ADMIN_COSTS] = "admin_costs", [PUB_ADMIN_UNCONSENTED] = "admin_costs_without_consent",
};

/* every measure of m into the open object (null when unknown) */
static void
h_measures_jw(struct jw *w, const struct pub_measures *m)
{
	unsigned k;
	for (k = 0; k < PUB_NMEASURES; k++) {
		if (pub_known(m, (enum pub_measure)k))
			jw_int(w, h_measure_keys[k], m->v[k]);
		else
			jw_null(w, h_measure_keys[k]);
	}
}

/* The statistics answer while it is written: the rows go into w, their sub-goals into goals (an
 * array of its own, put into w after the rows). */
struct h_stats_out {
	struct jw *w;
	struct jw goals;
};

static int
h_stat_jw(void *arg, const struct pub_stat *s)
{
	struct h_stats_out *o = arg;
	char code[2] = { 'A', '\0' };
	unsigned g, k;

	jw_obj(o->w, NULL);
	jw_str(o->w, "tenant", s->tenant);
	jw_str(o->w, "tenant_name", s->tenant_name);
	jw_str(o->w, "tenant_kind", s->tenant_kind);
	jw_int(o->w, "year", s->year);
	h_measures_jw(o->w, &s->m);
	jw_bool(o->w, "imported", s->imported);
	jw_str(o->w, "source_name", s->imported ? s->source_name : NULL);
	jw_end(o->w);
	for (g = 0; g < 4 && !s->imported; g++, code[0]++) { /* an imported year has no sub-goals */
		jw_obj(&o->goals, NULL);
		jw_str(&o->goals, "tenant", s->tenant);
		jw_int(&o->goals, "year", s->year);
		jw_str(&o->goals, "sub_goal", code);
		jw_str(&o->goals, "name", s->goals[g].name);
		for (k = 0; k < PUB_GOAL_MEASURES; k++)
			jw_int(&o->goals, h_measure_keys[k], s->goals[g].v[k]);
		jw_end(&o->goals);
	}
	return 0;
}

/* {tenant, year, rows, sub_goals, totals}: rows and sub-goals written as they are read */
void
h_statistics(struct http_req *req)
{
	const char *tenant;
	int year;
	struct buf b = { 0 }, gb = { 0 };
	struct jw w;
	struct h_stats_out o = { .w = &w };
	struct pub_measures totals;
	enum svc_status s;

	h_pub_query(req, &tenant, &year);
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_str(&w, "tenant", tenant);
	if (year)
		jw_int(&w, "year", year);
	else
		jw_null(&w, "year");
	jw_arr(&w, "rows");
	jw_init(&o.goals, &gb);
	jw_arr(&o.goals, NULL);
	s = publish_statistics(tenant, year, h_stat_jw, &o, &totals);
	jw_end(&w);
	jw_end(&o.goals);
	if (s == SVC_OK && !jw_ok(&o.goals))
		s = SVC_ERROR;
	jw_raw(&w, "sub_goals", gb.data, gb.len);
	jw_obj(&w, "totals");
	h_measures_jw(&w, &totals);
	jw_end(&w);
	jw_end(&w);
	if (s != SVC_OK) {
		h_svc_error(req, s);
	} else {
		http_add_header(req, "Cache-Control", "public, max-age=60");
		jw_send(req, 200, "application/json", &w);
	}
	buf_free(&b);
	buf_free(&gb);
}

static int
h_stat_csv(void *arg, const struct pub_stat *s)
{
	struct buf *b = arg;
	unsigned k;

	csv_int(b, s->year);
	csv_text(b, s->tenant_name);
	for (k = 0; k < PUB_NMEASURES; k++) {
		if (pub_known(&s->m, (enum pub_measure)k))
			csv_int(b, s->m.v[k]);
		else
			csv_text(b, NULL);
	}
	csv_end_row(b);
	return 0;
}

void
h_statistics_csv(struct http_req *req)
{
	static const char *const heads[] = { "År", "Forvalter", "Søknader mottatt", "Søkt beløp", "Søknader innvilget",
		"Tildelt beløp", "Organisasjoner med driftsstøtte", "… av dem innvandrerorganisasjoner",
		"Organisasjoner med aktivitetsstøtte", "… av dem innvandrerorganisasjoner", "Ramme", "Ubrukte midler",
		"Tildeling fra IMDi", "Medlemmer i organisasjoner med driftsstøtte", "Driftsstøtte i kroner",
		"Aktivitetsstøtte i kroner", "Administrasjonskostnader", "… av dem uten IMDis samtykke",
		"Tildelinger med beløp ikke oppgitt", NULL };
	const char *tenant;
	int year;
	struct buf b = { 0 };
	struct pub_measures totals;
	enum svc_status s;
	size_t k;

	h_pub_query(req, &tenant, &year);
	csv_begin(&b);
	for (k = 0; heads[k]; k++)
		csv_text(&b, heads[k]);
	csv_end_row(&b);
	if ((s = publish_statistics(tenant, year, h_stat_csv, &b, &totals)) != SVC_OK)
		h_svc_error(req, s);
	else
		h_send_csv(req, &b, "statistikk.csv");
	buf_free(&b);
}

void
h_publish_year(struct http_req *req)
{
	int64_t year = 0;
	struct h_field f[] = { H_FIELD(publishYear, year, .i = &year) };
	char at[32];
	json_t *body;
	enum svc_status s;

	if ((body = H_BODY(req, f)) == NULL)
		return;
	if ((s = publish_year(req->tenant_id, req->tenant, (int)year, req->user_id, at)) != SVC_OK)
		h_svc_error(req, s);
	else
		json_send(req, 201, json_pack("{s:s, s:I, s:s}", "tenant", req->tenant, "year", (json_int_t)year, "published_at", at));
	json_decref(body);
}

void
h_import(struct http_req *req)
{
	static struct grantimport_result r; /* large; one request at a time per worker */
	enum svc_status s;

	s = grantimport_run(req->body.data ? req->body.data : "", req->body.len, req->user_id, &r);
	if (s == SVC_CONFLICT && r.nerr > 0) { /* the file's faults (else another change collided) */
		h_file_faults_send(req, r.errs, r.nerr, sizeof(r.errs) / sizeof(r.errs[0]));
		return;
	}
	if (s != SVC_OK) {
		h_svc_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)r.rows, "imported",
	    (json_int_t)r.imported, "unchanged", (json_int_t)r.unchanged, "total", (json_int_t)r.total, "amounts_unknown",
	    (json_int_t)r.unknown));
}

/* The year of the path ({year}: the router let only 2000 to 2100 through). */
static int
h_path_year(struct http_req *req)
{
	int64_t y = 0;
	valid_int64(router_param(&req->params, "year"), 2000, 2100, &y);
	return (int)y;
}

/* The preview's parts while they are read: the recipients' items, the statistics' rows and
 * their sub-goals, each written as the public routes write them. */
struct h_preview_out {
	struct jw items;
	struct h_stats_out stats;
};

/* {tenant, year, published, recipients, statistics}: recipients and statistics as the public
 * routes would answer them were the year published now */
void
h_publish_preview(struct http_req *req)
{
	struct buf b = { 0 }, ib = { 0 }, sb = { 0 }, gb = { 0 };
	struct jw w, rows;
	struct h_preview_out o = { .stats = { .w = &rows } };
	struct publication_preview p = { .tenant_id = req->tenant_id, .tenant = req->tenant, .year = h_path_year(req),
		.user_id = req->user_id, .recipient = h_recipient_jw, .recipient_arg = &o.items, .stat = h_stat_jw,
		.stat_arg = &o.stats };
	enum svc_status s;

	jw_init(&o.items, &ib);
	jw_arr(&o.items, NULL);
	jw_init(&rows, &sb);
	jw_arr(&rows, NULL);
	jw_init(&o.stats.goals, &gb);
	jw_arr(&o.stats.goals, NULL);
	s = publication_preview(&p);
	jw_end(&o.items);
	jw_end(&rows);
	jw_end(&o.stats.goals);
	if (s == SVC_OK && (!jw_ok(&o.items) || !jw_ok(&rows) || !jw_ok(&o.stats.goals)))
		s = SVC_ERROR;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_str(&w, "tenant", req->tenant);
	jw_int(&w, "year", p.year);
	jw_bool(&w, "published", p.published);
	jw_obj(&w, "recipients");
	jw_str(&w, "tenant", req->tenant);
	jw_str(&w, "tenant_name", p.tenant_name);
	jw_int(&w, "year", p.year);
	jw_str(&w, "published_at", p.published_at);
	jw_raw(&w, "items", ib.data, ib.len);
	jw_int(&w, "total", p.total);
	jw_int(&w, "count", p.count);
	jw_int(&w, "amounts_unknown", p.unknown);
	jw_end(&w);
	jw_obj(&w, "statistics");
	jw_str(&w, "tenant", req->tenant);
	jw_int(&w, "year", p.year);
	jw_raw(&w, "rows", sb.data, sb.len);
	jw_raw(&w, "sub_goals", gb.data, gb.len);
	jw_obj(&w, "totals");
	h_measures_jw(&w, &p.totals);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	if (s != SVC_OK) {
		h_svc_error(req, s);
	} else {
		http_add_header(req, "Cache-Control", "no-store");
		jw_send(req, 200, "application/json", &w);
	}
	buf_free(&b);
	buf_free(&ib);
	buf_free(&sb);
	buf_free(&gb);
}

/* Whether s holds nothing but spaces, tabs and line breaks. */
static bool
h_blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Withdraws a published year with a reason (logged): 204, or 409 when the year is not published. */
void
h_unpublish_year(struct http_req *req)
{
	const char *reason = NULL;
	struct h_field f[] = { H_FIELD(unpublishYear, reason, .s = &reason) };
	char msg[96];
	int year = h_path_year(req);
	json_t *body;
	enum svc_status s;

	if ((body = H_BODY(req, f)) == NULL)
		return;
	if (h_blank(reason)) {
		h_invalid(req, "reason", "Skriv hvorfor publiseringen trekkes tilbake.");
	} else if ((s = publication_unpublish(req->tenant_id, year, req->user_id, reason)) == SVC_NOT_FOUND) {
		snprintf(msg, sizeof(msg), "Tildelingene for %d er ikke publisert.", year);
		problem_send(req, 409, "not-published", "Ikke publisert", msg);
	} else if (s != SVC_OK) {
		h_svc_error(req, s);
	} else {
		http_respond(req, 204, NULL, NULL, 0);
	}
	json_decref(body);
}

/* {years: [{year, published_at}], events: [{year, kind, reason, by_name, at}]} of the tenant */
void
h_publication_log(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_jw_send(req, publication_log(req->tenant_id, &w), &w, &b, 1);
}
