/*
 * h_calladmin.c - a tenant's administration of its own calls and contact persons: parse, call the
 * use case (svc/calladmin.h), render. The dispatcher has checked the tenant of the URL, the role
 * and the body's shape (the OpenAPI document's CallInput, CallCreate, ...).
 */
#include "svc/calladmin.h"
#include "svc/idem.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "domain/valid.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/router.h"

#include <stdio.h>

/* The answer to a use case's outcome; ok is the status of success (201, 200; 204 without a body). */
static void
h_ca_send(struct http_req *req, enum ca_outcome o, struct ca_result *r, int ok)
{
	struct problem_field f[APP_MAX_ERRORS];
	size_t i;

	for (i = 0; i < r->errs.n; i++) {
		f[i].field = r->errs.e[i].field;
		f[i].detail = r->errs.e[i].detail;
	}
	switch (o) {
	case CA_OK:
		if (ok == 204) {
			json_decref(r->call);
			http_respond(req, 204, NULL, NULL, 0);
		} else {
			json_send(req, ok, r->call);
		}
		break;
	case CA_INVALID:
		problem_send_fields(req, 422, "validation-failed", "Noen felt må rettes", "Ingenting er lagret.", f, r->errs.n);
		break;
	case CA_FROZEN:
		problem_send_fields(req, 409, "call-frozen", "Utlysningen har innsendte søknader",
		    "Reglene for hvem som kan søke, beløp og utbetaling kan ikke endres lenger. Tekster og kontaktpersoner kan endres.",
		    f, r->errs.n);
		break;
	case CA_REFUSED:
		problem_send_fields(req, 409, "conflict", "Kan ikke gjøres nå", r->errs.n ? f[0].detail : NULL, f, r->errs.n);
		break;
	case CA_KEY_REUSED:
		h_idem_reused(req);
		break;
	default:
		h_svc_error(req, r->status);
		break;
	}
}

/* The use case's input from the request: the tenant, the person, the call of the URL. */
static struct ca_input
h_ca_input(const struct http_req *req, const json_t *body)
{
	struct ca_input in = { .tenant_id = req->tenant_id, .user_id = req->user_id, .body = body };

	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &in.call_id);
	return in;
}

/* A change with a JSON body: the body (its shape checked), the use case, the answer. */
static void
h_ca_change(struct http_req *req, enum ca_outcome (*uc)(const struct ca_input *, struct ca_result *), int ok)
{
	struct ca_result r;
	json_t *doc = NULL;
	struct ca_input in;

	if (req->body.len > 0 && (doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	in = h_ca_input(req, doc);
	if (!doc)
		in.body = doc = json_object();
	h_ca_send(req, uc(&in, &r), &r, ok);
	json_decref(doc);
}

/* A read's answer: 200 with out, or the status's problem. */
static void
h_ca_read(struct http_req *req, enum svc_status s, json_t *out)
{
	if (s == SVC_OK)
		json_send(req, 200, out);
	else
		h_svc_error(req, s);
}

void
h_calladmin_list(struct http_req *req)
{
	json_t *out = NULL;
	enum svc_status s = calladmin_list(req->tenant_id, params_int(req, "year", 0), &out);

	h_ca_read(req, s, out);
}

void
h_calladmin_create(struct http_req *req)
{
	struct ca_result r;
	struct idem key;
	struct ca_input in;
	json_t *doc;

	if ((doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	if (h_idem(req, &key) != 0)
		goto out;
	in = h_ca_input(req, doc);
	in.idem = &key;
	h_ca_send(req, calladmin_create(&in, &r), &r, 201);
out:
	json_decref(doc);
}

void
h_calladmin_get(struct http_req *req)
{
	struct ca_input in = h_ca_input(req, NULL);
	json_t *out = NULL;
	enum svc_status s = calladmin_get(req->tenant_id, in.call_id, &out);

	h_ca_read(req, s, out);
}

void
h_calladmin_update(struct http_req *req)
{
	h_ca_change(req, calladmin_update, 200);
}

void
h_calladmin_delete(struct http_req *req)
{
	h_ca_change(req, calladmin_delete, 204);
}

void
h_calladmin_publish(struct http_req *req)
{
	h_ca_change(req, calladmin_publish, 200);
}

void
h_calladmin_deadline(struct http_req *req)
{
	h_ca_change(req, calladmin_deadline, 200);
}

void
h_contacts_get(struct http_req *req)
{
	json_t *out = NULL;
	enum svc_status s = calladmin_contacts(req->tenant_id, &out);

	h_ca_read(req, s, out);
}

void
h_contacts_put(struct http_req *req)
{
	h_ca_change(req, calladmin_contacts_put, 200);
}
