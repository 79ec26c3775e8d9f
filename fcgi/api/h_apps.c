/*
 * h_apps.c - the applicant's journey: drafts (saved with ETag/If-Match), the submission rules,
 * signed submission with a gapless per-tenant reference and a receipt in the outbox (idempotent
 * with Idempotency-Key), withdrawal, the frozen copy of what was signed, the timeline, and
 * attachments checked by content. The dispatcher has checked the user's role in the organisation
 * that owns the application (ROUTE_APP) or the organisation of the URL (ROUTE_ORG). Each handler
 * parses the request, calls the use case (svc/drafts.h, svc/submit.h, svc/attachments.h) and
 * renders its outcome.
 */
#include "domain/application.h"
#include "svc/attachments.h"
#include "svc/drafts.h"
#include "api/h_common.h"
#include "core/jw.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "svc/submit.h"
#include "domain/valid.h"
#include "core/utf8.h"
#include "core/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
h_etag(struct http_req *req, int64_t version)
{
	char etag[32];
	snprintf(etag, sizeof(etag), "\"v%lld\"", (long long)version);
	http_add_header(req, "ETag", etag);
}

/* ---- create and list ---------------------------------------------------------------------- */

/* 422 for a quota that is reached: the field it concerns, and the limit itself in "limit". */
static void
h_quota(struct http_req *req, const char *slug, const char *title, const char *detail, const char *field,
    const char *field_detail, int64_t limit)
{
	struct problem_field f = { field, field_detail };
	json_t *p = problem_build(422, slug, title, detail, &f, 1);

	json_object_set_new(p, "limit", json_integer((json_int_t)limit));
	json_send_as(req, 422, "application/problem+json", p);
}

void
h_app_create(struct http_req *req)
{
	int64_t call_id = 0;
	struct h_field f[] = { H_FIELD(createApplication, call_id, .i = &call_id) };
	const struct config *cfg = worker_config();
	int64_t max_open = cfg ? cfg->drafts_per_call : CONFIG_DRAFTS_PER_CALL;
	struct draft_result r;
	struct idem key;
	char loc[64], detail[300], fdetail[100];
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_idem(req, &key) != 0)
		goto out;
	switch (drafts_create(req->org_id, call_id, req->user_id, max_open, &key, &r)) {
	case DRAFT_OK:
		snprintf(loc, sizeof(loc), "/api/v1/applications/%lld", (long long)r.id);
		http_add_header(req, "Location", loc);
		h_etag(req, 1);
		json_send(req, r.replayed ? 200 : 201, json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)r.id, "call_id",
		    (json_int_t)call_id, "status", "draft", "version", (json_int_t)1));
		break;
	case DRAFT_NO_CALL:
		h_invalid(req, "call_id", "Utlysningen finnes ikke.");
		break;
	case DRAFT_CLOSED:
		problem_send(req, 409, "deadline-passed", "Søknadsfristen er ute",
		    "Fristen for denne utlysningen har gått ut; det kan ikke lages nye søknader til den.");
		break;
	case DRAFT_LIMIT:
		snprintf(detail, sizeof(detail), "Organisasjonen har allerede %lld utkast til denne utlysningen, som er det "
		    "høyeste tillatte. Arbeid videre med et av dem, eller send det inn, før dere starter et nytt.",
		    (long long)max_open);
		snprintf(fdetail, sizeof(fdetail), "Høyst %lld utkast per organisasjon og utlysning.", (long long)max_open);
		h_quota(req, "draft-limit", "For mange utkast", detail, "call_id", fdetail, max_open);
		break;
	case DRAFT_KEY_REUSED:
		h_idem_reused(req);
		break;
	default:
		h_svc_error(req, r.status);
		break;
	}
out:
	json_decref(doc);
}

void
h_app_list_org(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, drafts_list_org(req->org_id, &w), &w, &b);
}

void
h_app_list_mine(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, drafts_list_user(req->user_id, &w), &w, &b);
}

/* ---- read and save the draft --------------------------------------------------------------- */

void
h_app_get(struct http_req *req)
{
	int64_t version = 0;
	enum svc_status s;
	json_t *app;

	if ((s = drafts_get(req->app_id, &app, &version)) != SVC_OK) {
		h_svc_error(req, s);
		return;
	}
	h_etag(req, version);
	json_send(req, 200, app);
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

/* Answers a save that did not take. */
static void
h_app_put_refused(struct http_req *req, enum draft_outcome o, struct draft_result *r)
{
	json_t *p;

	switch (o) {
	case DRAFT_INVALID:
		h_app_errors(req, &r->errs, "Noen felt må rettes", "Utkastet er ikke lagret. Rett feltene som er nevnt.");
		break;
	case DRAFT_NOT_DRAFT:
		problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn",
		    "En innsendt søknad kan ikke endres; det som ble signert står fast.");
		break;
	case DRAFT_STALE:
		/* someone saved first: answer with their version, so nothing is overwritten silently */
		p = problem_build(412, "edit-conflict", "Søknaden er endret et annet sted",
		    "Noen lagret en nyere versjon mens du skrev. Her er den; slå sammen og lagre på nytt.", NULL, 0);
		json_object_set(p, "current", r->current);
		h_etag(req, r->version);
		json_send_as(req, 412, "application/problem+json", p);
		break;
	default:
		h_svc_error(req, r->status);
		break;
	}
}

void
h_app_put(struct http_req *req)
{
	struct draft_result r;
	enum draft_outcome o;
	json_error_t jerr;
	json_t *draft = NULL;
	int64_t version;

	if ((version = h_if_match(req)) < 0) {
		problem_send(req, 428, "precondition-required", "If-Match mangler",
		    "Send ETag-verdien fra siste henting i If-Match, så ingen endringer går tapt.");
		return;
	}
	draft = json_loadb(req->body.data ? req->body.data : "", req->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (draft == NULL || !json_is_object(draft)) {
		problem_send(req, 400, "invalid-json", "Ugyldig JSON", "Utkastet må være et JSON-objekt.");
		json_decref(draft);
		return;
	}
	if ((o = drafts_save(req->app_id, version, draft, req->user_id, &r)) == DRAFT_OK) {
		h_etag(req, r.version);
		json_send(req, 200, json_pack("{s:I, s:O}", "version", (json_int_t)r.version, "budget", r.budget));
	} else {
		h_app_put_refused(req, o, &r);
	}
	draft_result_free(&r);
	json_decref(draft);
}

/* ---- the rules ------------------------------------------------------------------------------ */

void
h_app_problems(struct http_req *req)
{
	struct app_errors errs;
	enum svc_status s;
	json_t *data = NULL;

	if ((s = submit_check(req->app_id, &errs, &data)) != SVC_OK) {
		h_svc_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:b, s:o, s:o}", "ready", errs.n == 0, "problems", h_errors_json(&errs), "budget",
	    app_budget_json(data)));
	json_decref(data);
}

/* ---- submit ------------------------------------------------------------------------------- */

void
h_app_submit(struct http_req *req)
{
	struct submit_input in = { .app_id = req->app_id, .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct submit_result r;
	struct idem key;
	enum submit_outcome o;
	enum svc_status s;
	json_t *doc;
	char d[160];

	if (h_idem(req, &key) != 0)
		return;
	in.idem = &key;
	switch ((o = submit_application(&in, &r))) {
	case SUBMIT_OK:
	case SUBMIT_SAME_KEY:
		break;
	case SUBMIT_KEY_REUSED:
		h_idem_reused(req);
		return;
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
		h_svc_error(req, r.status);
		return;
	}
	if ((s = drafts_submitted(req->app_id, &doc)) != SVC_OK) {
		h_svc_error(req, s);
		return;
	}
	json_send(req, o == SUBMIT_SAME_KEY ? 200 : 201, doc);
}

/* ---- withdraw, receipt, events -------------------------------------------------------------- */

void
h_app_withdraw(struct http_req *req)
{
	struct draft_result r;
	enum draft_outcome o = drafts_withdraw(req->app_id, req->user_id, &r);
	if (o == DRAFT_NOT_SUBMITTED)
		problem_send(req, 409, "not-submitted", "Kan ikke trekkes",
		    "Bare en innsendt søknad uten vedtak kan trekkes.");
	else if (o != DRAFT_OK)
		h_svc_error(req, r.status);
	else
		json_send(req, 200, json_pack("{s:s}", "status", "withdrawn"));
}

void
h_app_receipt(struct http_req *req)
{
	struct draft_result r;
	json_t *copy;

	switch (drafts_receipt(req->app_id, &copy, &r)) {
	case DRAFT_OK:
		json_send(req, 200, copy);
		break;
	case DRAFT_NOT_SUBMITTED:
		problem_send(req, 409, "not-submitted", "Ikke sendt inn", "Søknaden har ingen kvittering før den er sendt inn.");
		break;
	default:
		h_svc_error(req, r.status);
		break;
	}
}

void
h_app_events(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, drafts_events(req->app_id, &w), &w, &b);
}

/* ---- attachments -------------------------------------------------------------------------- */

static const char h_filename_help[] = "Oppgi filnavnet (1–200 tegn, uten / og \\).";

/* The name as given: 1 to 200 characters of UTF-8, not a path (control and bidirectional
 * characters are cleaned out when it is stored: svc/attachments.h). */
static bool
h_filename_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || !utf8_valid(s, n) || utf8_len(s) > FILETYPE_NAME_MAX || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	return strpbrk(s, "/\\\"") == NULL;
}

/* Answers the upload's outcome. */
static void
h_att_added(struct http_req *req, const struct att_input *in, enum att_outcome o, const struct att_added *a,
    enum svc_status s)
{
	struct problem_field f = { "file", "En søknad kan ha vedlegg på til sammen høyst 25 MiB." };
	char detail[300], fdetail[100];

	switch (o) {
	case ATT_OK:
		json_send(req, 201, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)a->id, "kind", in->kind,
		    "filename", a->filename, "content_type", a->type, "size", (json_int_t)in->size));
		break;
	case ATT_BAD_TYPE:
		f.detail = "Tillatte filtyper er PDF, PNG, JPEG, DOCX, XLSX, ODT og ODS.";
		problem_send_fields(req, 415, "unsupported-media-type", "Filtypen er ikke tillatt",
		    "Innholdet er ikke en hel fil av en av de tillatte typene. Ingenting er lagret.", &f, 1);
		break;
	case ATT_BAD_NAME:
		problem_bad_param(req, "filename", h_filename_help);
		break;
	case ATT_NOT_REPORTING:
		problem_send(req, 409, "not-reporting", "Rapporten kan ikke sendes nå",
		    "Vedlegg til rapporten kan lastes opp når tilskuddet er akseptert og rapporten ikke er godkjent.");
		break;
	case ATT_NOT_DRAFT:
		problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn", "Vedlegg kan bare endres mens søknaden er et utkast.");
		break;
	case ATT_TOO_MUCH:
		problem_send_fields(req, 413, "payload-too-large", "For mye vedlegg", "Ingenting er lagret.", &f, 1);
		break;
	case ATT_ORG_FULL:
		snprintf(detail, sizeof(detail), "Organisasjonen kan lagre høyst %lld MiB vedlegg til sammen, og denne filen "
		    "ville gått over det. Ingenting er lagret.", (long long)(in->org_max >> 20));
		snprintf(fdetail, sizeof(fdetail), "Høyst %lld MiB vedlegg per organisasjon.", (long long)(in->org_max >> 20));
		h_quota(req, "storage-limit", "Lagringsplassen er brukt opp", detail, "file", fdetail, in->org_max);
		break;
	case ATT_DB:
		h_svc_error(req, s);
		break;
	}
}

void
h_att_upload(struct http_req *req)
{
	const struct config *cfg = worker_config();
	struct att_input in = { .app_id = req->app_id, .org_id = req->org_id, .user_id = req->user_id,
		.org_max = (int64_t)(cfg ? cfg->org_storage_mib : CONFIG_ORG_STORAGE_MIB) << 20,
		.content = req->body.data, .size = req->body.len, .kind = params_get(req, "kind"),
		.filename = params_get(req, "filename") };
	struct att_added added;
	enum att_outcome o;
	enum svc_status s;

	if (!h_filename_ok(in.filename)) {
		problem_bad_param(req, "filename", h_filename_help);
		return;
	}
	if (req->body.len == 0) {
		h_invalid(req, "file", "Filen er tom.");
		return;
	}
	o = att_add(&in, &added, &s);
	h_att_added(req, &in, o, &added, s);
}

void
h_att_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, att_list(req->app_id, &w), &w, &b);
}

void
h_att_download(struct http_req *req)
{
	/* every byte of the name may need %XX: enc holds the whole name, never a cut character */
	char filename[FILETYPE_NAME_CAP], type[101], enc[FILETYPE_NAME_CAP * 3], disp[sizeof(enc) + 64];
	const char *ext;
	char *content = NULL;
	size_t size = 0, i, k = 0;
	int64_t id = 0;
	enum svc_status s;

	valid_int64(router_param(&req->params, "att_id"), 1, INT64_MAX, &id);
	if ((s = att_get(id, req->app_id, filename, type, sizeof(type), &content, &size)) != SVC_OK) {
		h_svc_error(req, s);
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
	/* the plain name for old clients: ASCII, with the extension of the type */
	ext = filetype_ext(filetype_from_mime(type));
	snprintf(disp, sizeof(disp), "attachment; filename=\"vedlegg%s%s\"; filename*=UTF-8''%s", ext ? "." : "",
	    ext ? ext : "", enc);
	http_add_header(req, "Content-Disposition", disp);
	http_add_header(req, "Cache-Control", "private, no-store");
	http_respond(req, 200, type, content, size);
	free(content);
}

void
h_att_delete(struct http_req *req)
{
	enum att_outcome o;
	enum svc_status s;
	int64_t id = 0;
	valid_int64(router_param(&req->params, "att_id"), 1, INT64_MAX, &id);
	o = att_remove(req->app_id, id, req->user_id, &s);
	if (o == ATT_NOT_DRAFT)
		problem_send(req, 409, "not-a-draft", "Søknaden er sendt inn", "Vedlegg kan bare fjernes mens søknaden er et utkast.");
	else if (o != ATT_OK)
		h_svc_error(req, s);
	else
		http_respond(req, 204, NULL, NULL, 0);
}
