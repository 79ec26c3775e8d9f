/*
 * h_publish.c - the public side: published recipients per tenant and year (JSON and CSV), the
 * statistics of published years (per tenant, nationally per municipality, per sub-goal, year over
 * year; JSON and CSV), a tenant publishing a year, and IMDi's historical import. Nothing of a year
 * that is not published is ever shown, and nothing but organisation, project and amount. Each
 * handler parses the request, calls the use case (svc/publish.h, svc/grantimport.h) and renders it.
 */
#include "domain/csv.h"
#include "svc/publish.h"
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

/* The recipients of a published year, or an answer (404) and -1. */
static int
h_recipients_get(struct http_req *req, const char **tenant, int *year, json_t **doc)
{
	struct publish_recipients r;
	char msg[sizeof(r.tenant_name) + 64];

	h_pub_query(req, tenant, year);
	switch (publish_recipients(*tenant, *year, &r)) {
	case PUBLISH_OK:
		break;
	case PUBLISH_NOT_PUBLISHED:
		snprintf(msg, sizeof(msg), "%s har ikke publisert tildelingene for %d.", r.tenant_name, *year);
		problem_send(req, 404, "not-published", "Ikke publisert", msg);
		return -1;
	case PUBLISH_DB:
		h_db_error(req, r.db);
		return -1;
	}
	*doc = json_pack("{s:s, s:s, s:i, s:s, s:o, s:I, s:I}", "tenant", *tenant, "tenant_name", r.tenant_name, "year",
	    *year, "published_at", r.published_at, "items", r.items, "total", (json_int_t)r.total, "count",
	    (json_int_t)json_array_size(r.items));
	return 0;
}

void
h_recipients(struct http_req *req)
{
	const char *tenant;
	int year;
	json_t *doc;
	if (h_recipients_get(req, &tenant, &year, &doc) == 0) {
		http_add_header(req, "Cache-Control", "public, max-age=60");
		json_send(req, 200, doc);
	}
}

void
h_recipients_csv(struct http_req *req)
{
	const char *tenant;
	char name[96];
	int year;
	json_t *doc, *v;
	struct buf b = { 0 };
	size_t i;

	if (h_recipients_get(req, &tenant, &year, &doc) != 0)
		return;
	csv_begin(&b);
	csv_text(&b, "Mottaker");
	csv_text(&b, "Organisasjonsnummer");
	csv_text(&b, "Prosjekt");
	csv_text(&b, "Beløp i kroner");
	csv_text(&b, "Delmål");
	csv_end_row(&b);
	json_array_foreach(json_object_get(doc, "items"), i, v) {
		csv_text(&b, json_string_value(json_object_get(v, "organisation")));
		csv_text(&b, json_string_value(json_object_get(v, "orgnr")));
		csv_text(&b, json_string_value(json_object_get(v, "title")));
		csv_int(&b, json_integer_value(json_object_get(v, "amount")));
		csv_text(&b, json_string_value(json_object_get(v, "sub_goals")));
		csv_end_row(&b);
	}
	csv_text(&b, "Sum");
	csv_text(&b, NULL);
	csv_text(&b, NULL);
	csv_int(&b, json_integer_value(json_object_get(doc, "total")));
	csv_text(&b, NULL);
	csv_end_row(&b);
	snprintf(name, sizeof(name), "tilskuddsmottakere-%s-%d.csv", tenant, year);
	h_send_csv(req, &b, name);
	buf_free(&b);
	json_decref(doc);
}

/* sums the numeric measures of rows (null when no row has the measure, e.g. frame) */
static json_t *
h_stats_totals(json_t *rows)
{
	static const char *const keys[] = { "applications_received", "amount_applied", "applications_granted",
		"amount_granted", "operating_support_organisations", "operating_support_immigrant_organisations",
		"activity_support_organisations", "activity_support_immigrant_organisations", "frame", "unused", NULL };
	json_t *t = json_object(), *v;
	size_t i, k;
	for (k = 0; keys[k]; k++) {
		int64_t sum = 0;
		bool any = false;
		json_array_foreach(rows, i, v) {
			json_t *x = json_object_get(v, keys[k]);
			if (json_is_integer(x)) {
				sum += json_integer_value(x);
				any = true;
			}
		}
		json_object_set_new(t, keys[k], any ? json_integer(sum) : json_null());
	}
	return t;
}

static int
h_stats_get(struct http_req *req, const char **tenant, int *year, json_t **doc)
{
	json_t *rows = NULL, *goals = NULL;
	enum db_status s;
	h_pub_query(req, tenant, year);
	if ((s = publish_statistics(*tenant, *year, &rows, &goals)) != DB_OK) {
		h_db_error(req, s);
		return -1;
	}
	*doc = json_pack("{s:o, s:o, s:o, s:o, s:o}", "tenant", json_string_or_null(*tenant), "year",
	    *year ? json_integer(*year) : json_null(), "rows", rows, "sub_goals", goals, "totals", h_stats_totals(rows));
	return 0;
}

void
h_statistics(struct http_req *req)
{
	const char *tenant;
	int year;
	json_t *doc;
	if (h_stats_get(req, &tenant, &year, &doc) == 0) {
		http_add_header(req, "Cache-Control", "public, max-age=60");
		json_send(req, 200, doc);
	}
}

void
h_statistics_csv(struct http_req *req)
{
	static const char *const keys[] = { "applications_received", "amount_applied", "applications_granted",
		"amount_granted", "operating_support_organisations", "operating_support_immigrant_organisations",
		"activity_support_organisations", "activity_support_immigrant_organisations", "frame", "unused", NULL };
	static const char *const heads[] = { "År", "Forvalter", "Søknader mottatt", "Søkt beløp", "Søknader innvilget",
		"Tildelt beløp", "Organisasjoner med driftsstøtte", "… av dem innvandrerorganisasjoner",
		"Organisasjoner med aktivitetsstøtte", "… av dem innvandrerorganisasjoner", "Ramme", "Ubrukte midler", NULL };
	const char *tenant;
	int year;
	json_t *doc, *v;
	struct buf b = { 0 };
	size_t i, k;

	if (h_stats_get(req, &tenant, &year, &doc) != 0)
		return;
	csv_begin(&b);
	for (k = 0; heads[k]; k++)
		csv_text(&b, heads[k]);
	csv_end_row(&b);
	json_array_foreach(json_object_get(doc, "rows"), i, v) {
		csv_int(&b, json_integer_value(json_object_get(v, "year")));
		csv_text(&b, json_string_value(json_object_get(v, "tenant_name")));
		for (k = 0; keys[k]; k++) {
			json_t *x = json_object_get(v, keys[k]);
			if (json_is_integer(x))
				csv_int(&b, json_integer_value(x));
			else
				csv_text(&b, NULL);
		}
		csv_end_row(&b);
	}
	h_send_csv(req, &b, "statistikk.csv");
	buf_free(&b);
	json_decref(doc);
}

void
h_publish_year(struct http_req *req)
{
	int64_t year = 0;
	struct h_field f[] = { H_FIELD(publishYear, year, .i = &year) };
	char at[32];
	json_t *body;
	enum db_status s;

	if ((body = H_BODY(req, f)) == NULL)
		return;
	if ((s = publish_year(req->tenant_id, req->tenant, (int)year, req->user_id, at)) != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 201, json_pack("{s:s, s:I, s:s}", "tenant", req->tenant, "year", (json_int_t)year, "published_at", at));
	json_decref(body);
}

void
h_import(struct http_req *req)
{
	static struct grantimport_result r; /* large; one request at a time per worker */
	enum db_status s;

	s = grantimport_run(req->body.data ? req->body.data : "", req->body.len, req->user_id, &r);
	if (s == DB_CONFLICT) {
		struct h_errors e = { .n = 0 };
		size_t i;
		for (i = 0; i < r.nerr && i < sizeof(r.errs) / sizeof(r.errs[0]); i++)
			h_errors_add(&e, r.errs[i].detail, "lines[%d].%s", r.errs[i].line, r.errs[i].field);
		h_errors_send(req, &e, "Filen ble ikke importert");
		return;
	}
	if (s != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:I, s:I, s:I, s:I}", "rows", (json_int_t)r.rows, "imported", (json_int_t)r.imported,
	    "unchanged", (json_int_t)r.unchanged, "total", (json_int_t)r.total));
}
