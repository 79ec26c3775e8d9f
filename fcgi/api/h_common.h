/*
 * h_common.h - what every handler does the same way: read the JSON body checked against its
 * operation's shape, collect field errors, and turn a use case's status (svc/status.h) into the
 * right problem response.
 */
#ifndef PORTAL_H_COMMON_H
#define PORTAL_H_COMMON_H

#include "svc/status.h"
#include "http/problem.h"
#include "gen/api_ops.h"
#include "http/params.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct http_req;

/*
 * One top-level key of a JSON request body that a handler reads, and where its value goes. The
 * key's type and bounds are its operation's (the OpenAPI document's), checked before binding;
 * H_FIELD(op, key, target) names a key the document declares for op, or fails to compile.
 */
struct h_field {
	const char *name;
	const char **s;       /* a string: borrowed from the returned document */
	int64_t *i;           /* an integer */
	bool *b;              /* a boolean */
	bool *present;        /* optional: set when the key was given and not null */
};
#define H_FIELD(op, key, ...) { .name = API_##op##_BODY_##key, __VA_ARGS__ }

/*
 * Parses req->body as a JSON object and checks it against the body shape of req's operation
 * (every key, nested ones too), then stores the given fields. Answers 400 (not JSON) or 422
 * (naming every field at fault) itself and returns NULL; otherwise returns the document (new
 * reference: the caller decrefs it when done with the strings).
 */
json_t *h_json_body(struct http_req *req, const struct h_field *fields, size_t n);
/* h_json_body with every field of the array f */
#define H_BODY(req, f) h_json_body((req), (f), sizeof(f) / sizeof((f)[0]))

/* Answers 422 with one field error. */
void h_invalid(struct http_req *req, const char *field, const char *detail);

/* The "email" field normalised into norm (len bytes: valid_email_normalize, the one key of an
 * address); when it is not a plausible address, answers 422 naming the field with detail (or,
 * for characters outside ASCII, a text saying so) and returns -1. */
int h_email(struct http_req *req, const char *email, char *norm, size_t len, const char *detail);

/*
 * A list answer written straight into the response: h_items_open starts {"items": [ on w (over
 * b), the caller lets the use case write the rows, and h_items_send closes it and answers 200
 * when st is SVC_OK, else h_svc_error's answer; it frees b.
 */
struct jw;
struct buf;
void h_items_open(struct jw *w, struct buf *b);
void h_items_send(struct http_req *req, enum svc_status st, struct jw *w, struct buf *b);
/* What a use case wrote on w: when st is SVC_OK closes the levels still open (objects or arrays)
 * and answers 200, else throws it away and answers h_svc_error's answer; frees b. */
void h_jw_send(struct http_req *req, enum svc_status st, struct jw *w, struct buf *b, int levels);

/* The one answer to a use case's status other than SVC_OK: 404 (SVC_NOT_FOUND), 409 (SVC_CONFLICT),
 * 503 with Retry-After (SVC_UNAVAILABLE) or 500. */
void h_svc_error(struct http_req *req, enum svc_status st);

/* Answers 200 with a CSV document (see csv.h) as a download named filename. */
struct buf;
void h_send_csv(struct http_req *req, const struct buf *b, const char *filename);

/* Field errors collected while checking a nested JSON body (the first 16 are kept). */
struct h_errors {
	struct problem_field f[16];
	char names[16][64];
	char details[16][160];
	size_t n;
};
/* Adds an error; field is a printf format (e.g. "scores[%zu].score"). */
void h_errors_add(struct h_errors *e, const char *detail, const char *field_fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answers 422 naming every field, when there are errors; returns the count. */
size_t h_errors_send(struct http_req *req, const struct h_errors *e, const char *title);
/* Answers 422 naming an imported file's faults as lines[N].field: the first max of the n kept in f. */
struct csv_fault;
void h_file_faults_send(struct http_req *req, const struct csv_fault *f, size_t n, size_t max);

/* The request's Idempotency-Key into *k for the use case (svc/idem.h): k->key is "" when there is
 * none; otherwise 8 to 64 of A-Z a-z 0-9 - _, with the person's id and the SHA-256 of the method,
 * path and body. A malformed key answers 400 and returns -1. */
struct idem;
int h_idem(struct http_req *req, struct idem *k);
/* Answers the refusal of a key that came with another request before: 422 naming the header. */
void h_idem_reused(struct http_req *req);

#endif
