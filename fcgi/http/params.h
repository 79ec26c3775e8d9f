/*
 * params.h - a request's query string, parsed and checked against its operation's declared
 * query parameters (shape.h, generated from the OpenAPI document) before the handler runs.
 *
 * The dispatcher calls params_read once; handlers then read values that are known to be
 * declared and within their bounds. Values are borrowed from the request (req->q).
 */
#ifndef PORTAL_PARAMS_H
#define PORTAL_PARAMS_H

#include <stdint.h>

struct http_req;

/*
 * Parses req->query into req->q and checks it against req->route's operation: no key the
 * operation does not declare, every required one given, each value within its shape. On a fault
 * answers 400 naming the parameter and returns -1; otherwise 0.
 */
int params_read(struct http_req *req);

/* The value of parameter name, or NULL when not given. */
const char *params_get(const struct http_req *req, const char *name);

/* The value of integer parameter name (checked by params_read), or dflt when not given. */
int64_t params_int(const struct http_req *req, const char *name, int64_t dflt);

#endif
