/*
 * h_apps.c - the applicant's journey: drafts (saved with ETag/If-Match), the submission rules,
 * signed submission with a gapless per-tenant reference and a receipt in the outbox (idempotent
 * with Idempotency-Key), withdrawal, the frozen copy of what was signed, the timeline, and
 * attachments checked by content. The dispatcher has checked the user's role in the organisation
 * that owns the application (ROUTE_APP) or the organisation of the URL (ROUTE_ORG).
 */
#include "domain/application.h"
#include "db/db_apps.h"
#include "db/db_users.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "svc/submit.h"
#include "domain/rules.h"
#include "core/util.h"
#include "core/utf8.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H_ATT_MAX ((int64_t)10 * 1024 * 1024)
#define H_ATT_TOTAL_MAX ((int64_t)25 * 1024 * 1024)

static void
h_app_errors(struct http_req *req, const struct app_errors *errs, const char *title, const char *detail)
{
	struct problem_field f[APP_MAX_ERRORS];
	size_t i;
	for (i = 0; i < errs->n; i++) {
		f[i].field = errs->e[i].field;
		f[i].detail = errs->e[i].detail;
	}
	problem_send_fields(req, 422, "validation-failed", title, detail, f, errs->n);
}

static json_t *
h_errors_json(const struct app_errors *errs)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < errs->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "field", errs->e[i].field, "detail", errs->e[i].detail));
	return a;
}

static void
h_iso(const char *dbtime, char *out, size_t len)
{
	if (dbtime == NULL || strlen(dbtime) < 19) {
		out[0] = '\0';
		return;
	}
	snprintf(out, len, "%.10sT%.8sZ", dbtime, dbtime + 11);
}

static void
h_etag(struct http_req *req, int64_t version)
{
	char etag[32];
	snprintf(etag, sizeof(etag), "\"v%lld\"", (long long)version);
	http_add_header(req, "ETag", etag);
}

/* The application as the form sees it. */
static json_t *
h_app_json(const struct db_app *a, const struct db_call_rules *r)
{
	char sub[32], upd[32], cre[32], wd[32], deadline[40];
	json_t *data = json_loads(a->data, 0, NULL), *o;
	if (data == NULL)
		data = json_object();
	h_iso(a->submitted_at, sub, sizeof(sub));
	h_iso(a->updated_at, upd, sizeof(upd));
	h_iso(a->created_at, cre, sizeof(cre));
	h_iso(a->withdrawn_at, wd, sizeof(wd));
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
	    "data", data, "budget", app_budget_json(data), "reference", json_string_or_null(a->reference[0] ? a->reference : NULL),
	    "submitted_at", json_string_or_null(sub[0] ? sub : NULL), "submitted_by",
	    json_string_or_null(a->submitted_by[0] ? a->submitted_by : NULL), "created_at", cre, "updated_at", upd);
	if (wd[0])
		json_object_set_new(o, "withdrawn_at", json_string(wd));
	return o;
}

/* Loads the application of the URL and its call's rules; answers itself on failure. */
static int
h_app_load(struct http_req *req, struct db_app *a, struct db_call_rules *r)
{
	enum db_status s;
	if ((s = db_app_get(req->app_id, a)) != DB_OK) {
		h_db_error(req, s);
		return -1;
	}
	if ((s = db_call_rules(a->call_id, r)) != DB_OK) {
		db_app_free(a);
		h_db_error(req, s);
		return -1;
	}
	return 0;
}

/* ---- create and list ---------------------------------------------------------------------- */

struct h_create_tx {
	struct http_req *req;
	int64_t call_id, id;
};

static enum db_status
h_create_run(void *arg)
{
	struct h_create_tx *t = arg;
	enum db_status s = db_app_insert(t->req->org_id, t->call_id, t->req->user_id, &t->id);
	if (s != DB_OK)
		return s;
	return db_event_add(t->id, t->req->user_id, "created", NULL);
}

void
h_app_create(struct http_req *req)
{
	struct h_create_tx t = { .req = req };
	struct h_field f[] = { { .name = "call_id", .type = H_INT, .required = true, .min = 1, .max = INT32_MAX, .i = &t.call_id } };
	struct db_call_rules r;
	char loc[64];
	enum db_status s;
	json_t *doc;

	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	if ((s = db_call_rules(t.call_id, &r)) == DB_NOTFOUND) {
		h_invalid(req, "call_id", "Utlysningen finnes ikke.");
		goto out;
	} else if (s != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	if (strcmp(rules_call_status(&r.opens, &r.deadline, time(NULL)), "closed") == 0) {
		problem_send(req, 409, "deadline-passed", "Søknadsfristen er ute",
		    "Fristen for denne utlysningen har gått ut; det kan ikke lages nye søknader til den.");
		goto out;
	}
	if ((s = db_tx(h_create_run, &t)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/api/v1/applications/%lld", (long long)t.id);
	http_add_header(req, "Location", loc);
	h_etag(req, 1);
	json_send(req, 201, json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)t.id, "call_id", (json_int_t)t.call_id,
	    "status", "draft", "version", (json_int_t)1));
out:
	json_decref(doc);
}

void
h_app_list_org(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = db_app_list_org(req->org_id, &items);
	h_send_items(req, st, items);
}

void
h_app_list_mine(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = db_app_list_user(req->user_id, &items);
	h_send_items(req, st, items);
}

/* ---- read and save the draft --------------------------------------------------------------- */

void
h_app_get(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct db_call_rules r;
	struct db_app a;
	struct query q;

	if (h_parse_query(req, &q, allowed) != 0 || h_app_load(req, &a, &r) != 0)
		return;
	h_etag(req, a.version);
	json_send(req, 200, h_app_json(&a, &r));
	db_app_free(&a);
}

/* The version in an If-Match header ("v12" in quotes, W/ allowed); -1 when absent or malformed. */
static int64_t
h_if_match(struct http_req *req)
{
	const char *v = http_header(req, "HTTP_IF_MATCH");
	char digits[24];
	int64_t n;
	size_t len;

	if (v == NULL)
		return -1;
	if (strncmp(v, "W/", 2) == 0)
		v += 2;
	len = strlen(v);
	if (len < 4 || len > 22 || v[0] != '"' || v[1] != 'v' || v[len - 1] != '"')
		return -1;
	memcpy(digits, v + 2, len - 3);
	digits[len - 3] = '\0';
	return valid_int64(digits, 1, INT32_MAX, &n) ? n : -1;
}

void
h_app_put(struct http_req *req)
{
	struct app_errors errs = { 0 };
	struct db_call_rules r;
	struct db_app a;
	json_error_t jerr;
	json_t *draft = NULL, *title, *amount;
	char *text = NULL;
	int64_t version;
	enum db_status s;

	if ((version = h_if_match(req)) < 0) {
		problem_send(req, 428, "precondition-required", "If-Match mangler",
		    "Send ETag-verdien fra siste henting i If-Match, så ingen endringer går tapt.");
		return;
	}
	draft = json_loadb(req->body.data ? req->body.data : "", req->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (draft == NULL || !json_is_object(draft)) {
		problem_send(req, 400, "invalid-json", "Ugyldig JSON", "Utkastet må være et JSON-objekt.");
		goto out;
	}
	if (!app_draft_check(draft, &errs)) {
		h_app_errors(req, &errs, "Noen felt må rettes", "Utkastet er ikke lagret. Rett feltene som er nevnt.");
		goto out;
	}
	title = json_object_get(draft, "title");
	amount = json_object_get(draft, "applied_amount");
	text = json_dumps(draft, JSON_COMPACT);
	s = db_app_update(req->app_id, version, text, json_is_string(title) ? json_string_value(title) : "",
	    json_is_integer(amount) ? json_integer_value(amount) : 0, json_is_integer(amount), req->user_id);
	if (s == DB_CONFLICT) {
		if (h_app_load(req, &a, &r) != 0)
			goto out;
		if (strcmp(a.status, "draft") != 0) {
			problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn",
			    "En innsendt søknad kan ikke endres; det som ble signert står fast.");
		} else {
			/* someone saved first: answer with their version, so nothing is overwritten silently */
			json_t *p = problem_build(412, "edit-conflict", "Søknaden er endret et annet sted",
			    "Noen lagret en nyere versjon mens du skrev. Her er den; slå sammen og lagre på nytt.", NULL, 0);
			json_object_set_new(p, "current", h_app_json(&a, &r));
			h_etag(req, a.version);
			json_send_as(req, 412, "application/problem+json", p);
		}
		db_app_free(&a);
		goto out;
	}
	if (s != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	h_etag(req, version + 1);
	json_send(req, 200, json_pack("{s:I, s:o}", "version", (json_int_t)(version + 1), "budget", app_budget_json(draft)));
out:
	free(text);
	json_decref(draft);
}

/* ---- the rules ------------------------------------------------------------------------------ */

void
h_app_problems(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct app_errors errs;
	struct query q;
	enum db_status s;
	json_t *data = NULL;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((s = submit_check(req->app_id, &errs, &data)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:b, s:o, s:o}", "ready", errs.n == 0, "problems", h_errors_json(&errs), "budget",
	    app_budget_json(data)));
	json_decref(data);
}

/* ---- submit ------------------------------------------------------------------------------- */

static bool
h_key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n < 8 || n > 64)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '-' || *k == '_'))
			return false;
	return true;
}

void
h_app_submit(struct http_req *req)
{
	struct submit_input in = { .app_id = req->app_id, .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct submit_result r;
	enum submit_outcome o;
	struct db_app a;
	enum db_status s;
	char sub[32], d[160];

	in.key = http_header(req, "HTTP_IDEMPOTENCY_KEY");
	if (in.key && !h_key_ok(in.key)) {
		problem_bad_param(req, "Idempotency-Key", "8 til 64 tegn: bokstaver, sifre, - og _.");
		return;
	}
	switch ((o = submit_application(&in, &r))) {
	case SUBMIT_OK:
	case SUBMIT_SAME_KEY:
		break;
	case SUBMIT_INVALID:
		h_app_errors(req, &r.errs, "Søknaden kan ikke sendes inn ennå",
		    "Rett alt som er nevnt, så kan du signere og sende. Ingenting er sendt.");
		return;
	case SUBMIT_DEADLINE:
		problem_send(req, 409, "deadline-passed", "Søknadsfristen er ute",
		    "Fristen for utlysningen har gått ut, så søknaden kan ikke sendes inn. Utkastet er tatt vare på.");
		return;
	case SUBMIT_ALREADY:
		snprintf(d, sizeof(d), "Søknaden er allerede sendt inn med referanse %s.", r.reference);
		problem_send(req, 409, "already-submitted", "Allerede sendt inn", d);
		return;
	case SUBMIT_NOT_DRAFT:
		problem_send(req, 409, "not-a-draft", "Søknaden kan ikke sendes inn", "Søknaden er ikke et utkast.");
		return;
	case SUBMIT_DB:
		h_db_error(req, r.db);
		return;
	}
	if ((s = db_app_get(req->app_id, &a)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	h_iso(a.submitted_at, sub, sizeof(sub));
	json_send(req, o == SUBMIT_SAME_KEY ? 200 : 201,
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a.id, "status", a.status, "reference", a.reference,
	        "submitted_at", sub, "signed_by", a.submitted_by, "tenant", a.tenant_name));
	db_app_free(&a);
}

/* ---- withdraw, receipt, events -------------------------------------------------------------- */

struct h_withdraw_tx {
	struct http_req *req;
};

static enum db_status
h_withdraw_run(void *arg)
{
	struct h_withdraw_tx *t = arg;
	enum db_status s = db_app_withdraw(t->req->app_id);
	if (s != DB_OK)
		return s;
	return db_event_add(t->req->app_id, t->req->user_id, "withdrawn", NULL);
}

void
h_app_withdraw(struct http_req *req)
{
	struct h_withdraw_tx t = { req };
	enum db_status s = db_tx(h_withdraw_run, &t);
	if (s == DB_CONFLICT)
		problem_send(req, 409, "not-submitted", "Kan ikke trekkes",
		    "Bare en innsendt søknad uten vedtak kan trekkes.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 200, json_pack("{s:s}", "status", "withdrawn"));
}

void
h_app_receipt(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct db_call_rules r;
	struct db_app a;
	struct query q;
	json_t *copy;

	if (h_parse_query(req, &q, allowed) != 0 || h_app_load(req, &a, &r) != 0)
		return;
	if (a.signed_copy == NULL || (copy = json_loads(a.signed_copy, 0, NULL)) == NULL) {
		problem_send(req, 409, "not-submitted", "Ikke sendt inn", "Søknaden har ingen kvittering før den er sendt inn.");
	} else {
		json_object_set_new(copy, "status", json_string(a.status));
		json_send(req, 200, copy);
	}
	db_app_free(&a);
}

void
h_app_events(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = db_event_list(req->app_id, false, &items);
	h_send_items(req, st, items);
}

/* ---- attachments -------------------------------------------------------------------------- */

struct h_att_tx {
	struct http_req *req;
	const char *kind, *filename, *type;
	unsigned char sha[32];
	int64_t id, total;
	bool not_draft, too_much;
};

static bool
h_report_kind(const char *kind)
{
	return strcmp(kind, "audited_accounts") == 0 || strcmp(kind, "report") == 0;
}

/* the states in which a report (and its attachments) may be filed */
static bool
h_reporting(const char *status)
{
	static const char *const states[] = { "accepted", "partly_paid", "paid", "report_due", "changes_asked", NULL };
	size_t i;
	for (i = 0; states[i]; i++)
		if (strcmp(status, states[i]) == 0)
			return true;
	return false;
}

static enum db_status
h_att_run(void *arg)
{
	struct h_att_tx *t = arg;
	struct db_app_lock lock;
	bool b, x;
	enum db_status s;

	if ((s = db_app_lock(t->req->app_id, &lock)) != DB_OK)
		return s;
	/* the application's attachments while it is a draft; the report's once the grant is paid out */
	if (h_report_kind(t->kind) ? !h_reporting(lock.status) : strcmp(lock.status, "draft") != 0) {
		t->not_draft = true;
		return DB_CONFLICT;
	}
	if ((s = db_att_totals(t->req->app_id, &t->total, &b, &x)) != DB_OK)
		return s;
	if (t->total + (int64_t)t->req->body.len > H_ATT_TOTAL_MAX) {
		t->too_much = true;
		return DB_CONFLICT;
	}
	if ((s = db_att_insert(t->req->app_id, t->kind, t->filename, t->type, t->req->body.data, t->req->body.len, t->sha,
	         t->req->user_id, &t->id)) != DB_OK)
		return s;
	return db_event_add(t->req->app_id, t->req->user_id, "attachment_added", t->filename);
}

static bool
h_filename_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 200 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\' || *s == '"' || *s == 0x7f)
			return false;
	return true;
}

void
h_att_upload(struct http_req *req)
{
	static const char *const allowed[] = { "kind", "filename", NULL };
	struct h_att_tx t = { .req = req };
	struct query q;
	enum db_status s;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	t.kind = query_get(&q, "kind");
	t.filename = query_get(&q, "filename");
	if (t.kind == NULL || (strcmp(t.kind, "budget") != 0 && strcmp(t.kind, "tax_certificate") != 0 &&
	                          strcmp(t.kind, "other") != 0 && !h_report_kind(t.kind))) {
		problem_bad_param(req, "kind",
		    "Vedleggstypen må være budget, tax_certificate, other, audited_accounts eller report.");
		return;
	}
	if (t.filename == NULL || !h_filename_ok(t.filename)) {
		problem_bad_param(req, "filename", "Oppgi filnavnet (1–200 tegn, uten / og \\).");
		return;
	}
	if (req->body.len == 0) {
		h_invalid(req, "file", "Filen er tom.");
		return;
	}
	if ((t.type = app_sniff_type((const unsigned char *)req->body.data, req->body.len)) == NULL) {
		struct problem_field f = { "file", "Tillatte filtyper er PDF, PNG, JPEG, DOCX, XLSX, ODT og ODS." };
		problem_send_fields(req, 415, "unsupported-media-type", "Filtypen er ikke tillatt",
		    "Innholdet er ikke en av de tillatte filtypene. Ingenting er lagret.", &f, 1);
		return;
	}
	crypto_hash_sha256(t.sha, (const unsigned char *)req->body.data, req->body.len);
	s = db_tx(h_att_run, &t);
	if (s == DB_CONFLICT && t.not_draft && h_report_kind(t.kind)) {
		problem_send(req, 409, "not-reporting", "Rapporten kan ikke sendes nå",
		    "Vedlegg til rapporten kan lastes opp når tilskuddet er akseptert og rapporten ikke er godkjent.");
	} else if (s == DB_CONFLICT && t.not_draft) {
		problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn", "Vedlegg kan bare endres mens søknaden er et utkast.");
	} else if (s == DB_CONFLICT && t.too_much) {
		struct problem_field f = { "file", "En søknad kan ha vedlegg på til sammen høyst 25 MiB." };
		problem_send_fields(req, 413, "payload-too-large", "For mye vedlegg", "Ingenting er lagret.", &f, 1);
	} else if (s != DB_OK) {
		h_db_error(req, s);
	} else {
		json_send(req, 201, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)t.id, "kind", t.kind, "filename",
		    t.filename, "content_type", t.type, "size", (json_int_t)req->body.len));
	}
}

void
h_att_list(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = db_att_list(req->app_id, &items);
	h_send_items(req, st, items);
}

void
h_att_download(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	/* every byte of the name may need %XX: enc holds the whole name, never a cut character */
	char filename[TEXT_CAP(200)], type[101], enc[TEXT_CAP(200) * 3], disp[sizeof(enc) + 64];
	char *content = NULL;
	size_t size = 0, i, k = 0;
	int64_t id = 0;
	struct query q;
	enum db_status s;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "att_id"), 1, INT64_MAX, &id);
	if ((s = db_att_get(id, req->app_id, filename, sizeof(filename), type, sizeof(type), &content, &size)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	/* RFC 6266/5987: always a download, the name percent-encoded */
	for (i = 0; filename[i] && k + 4 < sizeof(enc); i++) {
		unsigned char c = (unsigned char)filename[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')
			enc[k++] = (char)c;
		else
			k += (size_t)snprintf(enc + k, sizeof(enc) - k, "%%%02X", c);
	}
	enc[k] = '\0';
	snprintf(disp, sizeof(disp), "attachment; filename=\"vedlegg\"; filename*=UTF-8''%s", enc);
	http_add_header(req, "Content-Disposition", disp);
	http_add_header(req, "Cache-Control", "private, no-store");
	http_respond(req, 200, type, content, size);
	free(content);
}

struct h_attdel_tx {
	struct http_req *req;
	int64_t id;
	bool not_draft;
};

static enum db_status
h_attdel_run(void *arg)
{
	struct h_attdel_tx *t = arg;
	struct db_app_lock lock;
	enum db_status s;
	if ((s = db_app_lock(t->req->app_id, &lock)) != DB_OK)
		return s;
	if (strcmp(lock.status, "draft") != 0) {
		t->not_draft = true;
		return DB_CONFLICT;
	}
	if ((s = db_att_delete(t->id, t->req->app_id)) != DB_OK)
		return s;
	return db_event_add(t->req->app_id, t->req->user_id, "attachment_deleted", NULL);
}

void
h_att_delete(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct h_attdel_tx t = { .req = req };
	struct query q;
	enum db_status s;
	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "att_id"), 1, INT64_MAX, &t.id);
	s = db_tx(h_attdel_run, &t);
	if (s == DB_CONFLICT && t.not_draft)
		problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn", "Vedlegg kan bare fjernes mens søknaden er et utkast.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		http_respond(req, 204, NULL, NULL, 0);
}
