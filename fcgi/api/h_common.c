/*
 * h_common.c - strict query parsing and db-status-to-problem mapping for handlers.
 */
#include "api/h_common.h"
#include "http/http.h"
#include "http/problem.h"
#include "http/json.h"
#include "domain/valid.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
h_parse_query(struct http_req *req, struct query *q, const char *const *allowed)
{
	const char *bad = NULL, *unknown;
	struct buf msg = { 0 };
	size_t i;

	switch (query_parse(q, req->query, &bad)) {
	case QUERY_OK:
		break;
	case QUERY_TOO_LONG:
		problem_bad_param(req, "query", "Adressens parametere er for lange.");
		return -1;
	case QUERY_TOO_MANY:
		problem_bad_param(req, "query", "For mange parametere i adressen.");
		return -1;
	case QUERY_DUPLICATE:
		problem_bad_param(req, bad ? bad : "query", "Parameteren er oppgitt mer enn én gang.");
		return -1;
	case QUERY_BAD_ENCODING:
		problem_bad_param(req, bad ? bad : "query", "Ugyldig tegnkoding (prosent-koding) i adressen.");
		return -1;
	}
	if ((unknown = query_unknown(q, allowed)) == NULL)
		return 0;
	if (allowed[0] == NULL) {
		buf_puts(&msg, "Denne adressen tar ingen parametere.");
	} else {
		buf_puts(&msg, "Ukjent parameter. Tillatt: ");
		for (i = 0; allowed[i] != NULL; i++)
			buf_printf(&msg, "%s%s", i ? ", " : "", allowed[i]);
		buf_puts(&msg, ".");
	}
	problem_bad_param(req, unknown, msg.data);
	buf_free(&msg);
	return -1;
}

int
h_no_query(struct http_req *req)
{
	static const char *const none[] = { NULL };
	struct query q;
	return h_parse_query(req, &q, none);
}

void
h_send_items(struct http_req *req, enum db_status st, json_t *items)
{
	if (st != DB_OK) {
		json_decref(items);
		h_db_error(req, st);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}

void
h_db_error(struct http_req *req, enum db_status st)
{
	switch (st) {
	case DB_NOTFOUND:
		problem_not_found(req);
		break;
	case DB_CONFLICT:
	case DB_RETRY:
		problem_send(req, 409, "conflict", "Konflikt", "Endringen kolliderte med en annen. Prøv igjen.");
		break;
	case DB_UNAVAILABLE:
		problem_unavailable(req);
		break;
	default:
		problem_internal(req);
		break;
	}
}


/* The field errors of one body, with their messages. */
struct h_errs {
	struct problem_field e[32];
	char msg[32][160];
	size_t n;
};

static void h_err(struct h_errs *e, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
h_err(struct h_errs *e, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->n >= 32)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg[e->n], sizeof(e->msg[e->n]), fmt, ap);
	va_end(ap);
	e->e[e->n].field = field;
	e->e[e->n].detail = e->msg[e->n];
	e->n++;
}

/* Checks one given (non-null) value against its field and stores it. */
static void
h_field_check(const struct h_field *f, json_t *v, struct h_errs *e)
{
	size_t len;

	switch (f->type) {
	case H_STR:
		if (!json_is_string(v)) {
			h_err(e, f->name, "Må være tekst.");
			break;
		}
		len = utf8_len(json_string_value(v));
		if (strlen(json_string_value(v)) != json_string_length(v))
			h_err(e, f->name, "Kan ikke inneholde NUL-tegn.");
		else if ((int64_t)len < f->min)
			h_err(e, f->name, "Må ha minst %lld tegn.", (long long)f->min);
		else if ((int64_t)len > f->max)
			h_err(e, f->name, "Kan ha høyst %lld tegn.", (long long)f->max);
		else if (f->s)
			*f->s = json_string_value(v);
		break;
	case H_INT:
		if (!json_is_integer(v))
			h_err(e, f->name, "Må være et heltall.");
		else if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			h_err(e, f->name, "Må være fra %lld til %lld.", (long long)f->min, (long long)f->max);
		else if (f->i)
			*f->i = json_integer_value(v);
		break;
	case H_BOOL:
		if (!json_is_boolean(v))
			h_err(e, f->name, "Må være true eller false.");
		else if (f->b)
			*f->b = json_is_true(v);
		break;
	}
}

json_t *
h_json_body(struct http_req *req, const struct h_field *fields, size_t n)
{
	struct h_errs e = { .n = 0 };
	json_error_t jerr;
	const char *key;
	json_t *doc, *v;
	size_t i;

	doc = json_loadb(req->body.data ? req->body.data : "", req->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL || !json_is_object(doc)) {
		json_decref(doc);
		problem_send(req, 400, "invalid-json", "Ugyldig JSON", "Innholdet må være et JSON-objekt.");
		return NULL;
	}
	json_object_foreach(doc, key, v) {
		for (i = 0; i < n && strcmp(fields[i].name, key) != 0; i++)
			;
		if (i == n)
			h_err(&e, key, "Ukjent felt."); /* key lives in doc until after the answer is sent */
	}
	for (i = 0; i < n; i++) {
		v = json_object_get(doc, fields[i].name);
		if (fields[i].present)
			*fields[i].present = v != NULL && !json_is_null(v);
		if (v != NULL && !json_is_null(v))
			h_field_check(&fields[i], v, &e);
		else if (fields[i].required)
			h_err(&e, fields[i].name, "Må fylles ut.");
	}
	if (e.n > 0) {
		problem_send_fields(req, 422, "validation-failed", "Noen felt må rettes",
		    "Rett feltene som er nevnt og prøv igjen. Ingenting er lagret.", e.e, e.n);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

int
h_email(struct http_req *req, const char *email, char *norm, size_t len, const char *detail)
{
	if (valid_email_ok(email) && valid_email_normalize(email, norm, len) == 0)
		return 0;
	h_invalid(req, "email", detail);
	return -1;
}

void
h_invalid(struct http_req *req, const char *field, const char *detail)
{
	struct problem_field f = { field, detail };
	problem_send_fields(req, 422, "validation-failed", "Noen felt må rettes",
	    "Rett feltene som er nevnt og prøv igjen. Ingenting er lagret.", &f, 1);
}

void
h_errors_add(struct h_errors *e, const char *detail, const char *field_fmt, ...)
{
	va_list ap;
	if (e->n >= sizeof(e->f) / sizeof(e->f[0]))
		return;
	va_start(ap, field_fmt);
	vsnprintf(e->names[e->n], sizeof(e->names[e->n]), field_fmt, ap);
	va_end(ap);
	utf8_copy(e->details[e->n], detail, sizeof(e->details[e->n]));
	e->f[e->n].field = e->names[e->n];
	e->f[e->n].detail = e->details[e->n];
	e->n++;
}

size_t
h_errors_send(struct http_req *req, const struct h_errors *e, const char *title)
{
	if (e->n > 0)
		problem_send_fields(req, 422, "validation-failed", title, "Rett feltene som er nevnt.", e->f, e->n);
	return e->n;
}

void
h_send_csv(struct http_req *req, const struct buf *b, const char *filename)
{
	char disp[200];
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
	http_add_header(req, "Content-Disposition", disp);
	http_add_header(req, "Cache-Control", "private, no-store");
	http_respond(req, 200, "text/csv; charset=utf-8", b->data, b->len);
}
