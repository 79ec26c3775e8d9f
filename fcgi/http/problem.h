/*
 * problem.h - RFC 9457 problem details (application/problem+json) for every error sent to clients.
 *
 * type is a stable URI made from a short slug ("not-found" -> PROBLEM_BASE "not-found"); title is
 * a human summary in Norwegian; validation problems list the fields at fault in "errors".
 * No stack traces, SQL text or internal paths ever go into a problem.
 */
#ifndef PORTAL_PROBLEM_H
#define PORTAL_PROBLEM_H

#include <jansson.h>
#include <stddef.h>

#define PROBLEM_BASE "https://tilskudd.example/problems/"

struct http_req;

struct problem_field {
	const char *field;   /* the input at fault, e.g. "year" or "budget.lines[2].amount" */
	const char *detail;  /* what is wrong with it and what to do */
};

/* Builds the problem object; returns a new reference. detail may be NULL; fields may be NULL when n == 0. */
json_t *problem_build(int status, const char *slug, const char *title, const char *detail,
    const struct problem_field *fields, size_t n);

/* Sends a problem response. */
void problem_send(struct http_req *req, int status, const char *slug, const char *title, const char *detail);

/* Sends a problem response listing the fields at fault. */
void problem_send_fields(struct http_req *req, int status, const char *slug, const char *title,
    const char *detail, const struct problem_field *fields, size_t n);

/* Shorthands for the common ones. */
void problem_not_found(struct http_req *req);
/* 503 with Retry-After. Before the request changed anything (db_request_changed): the database
 * is not answering and nothing was saved. After a commit, or one whose answer was lost: type
 * answer-lost, saying the change may be saved and that sending it again is safe (creates and case
 * steps honour Idempotency-Key, and a step already taken is not taken twice). */
void problem_unavailable(struct http_req *req);
/* 500; it says nothing was saved only when nothing was (db_request_changed). */
void problem_internal(struct http_req *req);
void problem_bad_param(struct http_req *req, const char *field, const char *detail);

#endif
