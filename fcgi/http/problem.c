/*
 * problem.c - RFC 9457 problem+json responses.
 */
#include "http/problem.h"
#include "db/db.h"
#include "http/http.h"
#include "http/json.h"

#include <stdio.h>

json_t *
problem_build(int status, const char *slug, const char *title, const char *detail,
    const struct problem_field *fields, size_t n)
{
	char type[256];
	json_t *p;
	size_t i;

	snprintf(type, sizeof(type), "%s%s", PROBLEM_BASE, slug);
	p = json_object();
	json_object_set_new(p, "type", json_string(type));
	json_object_set_new(p, "title", json_string(title));
	json_object_set_new(p, "status", json_integer(status));
	if (detail)
		json_object_set_new(p, "detail", json_string(detail));
	if (n > 0) {
		json_t *errs = json_array();
		for (i = 0; i < n; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "field", json_string(fields[i].field));
			json_object_set_new(e, "detail", json_string(fields[i].detail));
			json_array_append_new(errs, e);
		}
		json_object_set_new(p, "errors", errs);
	}
	return p;
}

void
problem_send_fields(struct http_req *req, int status, const char *slug, const char *title, const char *detail,
    const struct problem_field *fields, size_t n)
{
	json_send_as(req, status, "application/problem+json", problem_build(status, slug, title, detail, fields, n));
}

void
problem_send(struct http_req *req, int status, const char *slug, const char *title, const char *detail)
{
	problem_send_fields(req, status, slug, title, detail, NULL, 0);
}

void
problem_not_found(struct http_req *req)
{
	problem_send(req, 404, "not-found", "Fant ikke ressursen", "Ingen ressurs finnes på denne adressen.");
}

void
problem_unavailable(struct http_req *req)
{
	http_add_header(req, "Retry-After", "5");
	if (db_request_changed())
		problem_send(req, 503, "answer-lost", "Svaret gikk tapt",
		    "Endringen kan være lagret, men svaret kom ikke fram. Det er trygt å sende den på nytt om litt: "
		    "den blir ikke lagret to ganger.");
	else
		problem_send(req, 503, "service-unavailable", "Tjenesten er midlertidig utilgjengelig",
		    "Databasen svarer ikke akkurat nå. Ingenting er lagret; prøv igjen om litt.");
}

void
problem_internal(struct http_req *req)
{
	problem_send(req, 500, "internal-error", "Intern feil",
	    db_request_changed() ? "Noe gikk galt hos oss etter at endringen ble lagret. Last siden på nytt for å se den." :
	                           "Noe gikk galt hos oss. Ingenting er lagret.");
}

void
problem_bad_param(struct http_req *req, const char *field, const char *detail)
{
	struct problem_field f = { field, detail };
	problem_send_fields(req, 400, "invalid-query", "Ugyldig forespørsel", "En parameter i adressen er ugyldig.",
	    &f, 1);
}
