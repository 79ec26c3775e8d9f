/*
 * h_common.c - what handlers share: the checked JSON body, field errors, and a use case's status
 * turned into a problem answer.
 */
#include "api/h_common.h"
#include "domain/csvread.h"
#include "http/http.h"
#include "http/problem.h"
#include "http/json.h"
#include "http/router.h"
#include "http/shape.h"
#include "domain/valid.h"
#include "core/jw.h"
#include "core/util.h"
#include "core/utf8.h"
#include "http/router.h"
#include "svc/idem.h"

#include <sodium.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
h_items_open(struct jw *w, struct buf *b)
{
	jw_init(w, b);
	jw_obj(w, NULL);
	jw_arr(w, "items");
}

void
h_jw_send(struct http_req *req, enum svc_status st, struct jw *w, struct buf *b, int levels)
{
	if (st == SVC_OK) {
		while (levels-- > 0)
			jw_end(w);
		jw_send(req, 200, "application/json", w);
	} else {
		h_svc_error(req, st);
	}
	buf_free(b);
}

void
h_items_send(struct http_req *req, enum svc_status st, struct jw *w, struct buf *b)
{
	h_jw_send(req, st, w, b, 2);
}

void
h_svc_error(struct http_req *req, enum svc_status st)
{
	switch (st) {
	case SVC_NOT_FOUND:
		problem_not_found(req);
		break;
	case SVC_CONFLICT:
		problem_send(req, 409, "conflict", "Konflikt", "Endringen kolliderte med en annen. Prøv igjen.");
		break;
	case SVC_UNAVAILABLE:
		problem_unavailable(req);
		break;
	default:
		problem_internal(req);
		break;
	}
}


json_t *
h_json_body(struct http_req *req, const struct h_field *fields, size_t n)
{
	static const struct shape empty = { .type = SHAPE_OBJECT };
	const struct shape *shape = req->route && req->route->op && req->route->op->body ? req->route->op->body : &empty;
	struct problem_field pf[16];
	struct shape_errors e;
	json_t *doc, *v;
	size_t i;

	if ((doc = json_parse_object(req->body.data, req->body.len)) == NULL) {
		problem_send(req, 400, "invalid-json", "Ugyldig JSON", "Innholdet må være et JSON-objekt.");
		return NULL;
	}
	e.n = 0;
	if (!shape_check(shape, doc, "", &e)) {
		for (i = 0; i < e.n; i++)
			pf[i] = (struct problem_field){ e.field[i], e.detail[i] };
		problem_send_fields(req, 422, "validation-failed", "Noen felt må rettes",
		    "Rett feltene som er nevnt og prøv igjen. Ingenting er lagret.", pf, e.n);
		json_decref(doc);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		v = json_object_get(doc, fields[i].name);
		if (fields[i].present)
			*fields[i].present = v != NULL && !json_is_null(v);
		if (json_is_string(v) && fields[i].s)
			*fields[i].s = json_string_value(v);
		else if (json_is_integer(v) && fields[i].i)
			*fields[i].i = json_integer_value(v);
		else if (json_is_boolean(v) && fields[i].b)
			*fields[i].b = json_is_true(v);
	}
	return doc;
}

int
h_email(struct http_req *req, const char *email, char *norm, size_t len, const char *detail)
{
	switch (valid_email_normalize(email, norm, len)) {
	case VALID_EMAIL_OK:
		return 0;
	case VALID_EMAIL_NOT_ASCII:
		h_invalid(req, "email", "Portalen tar bare imot e-postadresser med bokstavene a–z (ikke æ, ø eller å), sifre "
		    "og vanlige tegn som . - _ +. Har domenet æ, ø eller å, skriv det i formen som begynner med xn--.");
		return -1;
	default:
		h_invalid(req, "email", detail);
		return -1;
	}
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
h_file_faults_send(struct http_req *req, const struct csv_fault *f, size_t n, size_t max)
{
	struct h_errors e = { .n = 0 };
	size_t i;

	for (i = 0; i < n && i < max; i++)
		h_errors_add(&e, f[i].detail, "lines[%d].%s", f[i].line, f[i].field);
	h_errors_send(req, &e, "Filen ble ikke importert");
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

int
h_idem(struct http_req *req, struct idem *k)
{
	const char *key = http_header(req, "HTTP_IDEMPOTENCY_KEY"), *p, *method = router_method_name(req->method);
	crypto_hash_sha256_state st;
	size_t n = key ? strlen(key) : 0;

	memset(k, 0, sizeof(*k));
	if (key == NULL)
		return 0;
	for (p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			break;
	if (n < 8 || n > IDEM_KEY_MAX || *p != '\0') {
		problem_bad_param(req, "Idempotency-Key", "8 til 64 tegn: bokstaver, sifre, - og _.");
		return -1;
	}
	memcpy(k->key, key, n + 1);
	k->user_id = req->user_id;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)method, strlen(method) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)req->path, strlen(req->path) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)(req->body.data ? req->body.data : ""), req->body.len);
	crypto_hash_sha256_final(&st, k->hash);
	return 0;
}

void
h_idem_reused(struct http_req *req)
{
	struct problem_field f = { "Idempotency-Key", "Nøkkelen er brukt til en annen forespørsel. Bruk en ny nøkkel." };
	problem_send_fields(req, 422, "idempotency-key-reused", "Nøkkelen er brukt før",
	    "Samme Idempotency-Key kom tidligere med en annen forespørsel. Ingenting er lagret.", &f, 1);
}
