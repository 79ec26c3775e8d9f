/*
 * h_common.h - what every handler does the same way: parse the query string strictly, and
 * turn a db status into the right problem response.
 */
#ifndef PORTAL_H_COMMON_H
#define PORTAL_H_COMMON_H

#include "db.h"
#include "query.h"

struct http_req;

/*
 * Parses req's query string into q, allowing only the keys in the NULL-terminated list allowed.
 * On a malformed query or an unknown key answers 400 naming the parameter and returns -1.
 */
int h_parse_query(struct http_req *req, struct query *q, const char *const *allowed);

/* Answers for a db status other than DB_OK: 404, 409, 503 or 500. */
void h_db_error(struct http_req *req, enum db_status st);

#endif
