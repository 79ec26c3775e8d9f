/*
 * router.h - the static route table and path matching.
 *
 * A route is {method, pattern, operation, handler, auth, body limit, body type, roles}. Patterns are literal
 * segments and typed placeholders: {id} and {*_id} (a positive decimal integer below 2^53), {slug}
 * (valid_slug, at most 32 characters), {year} (2000 to 2100) and any other {name} (1..64 of
 * [A-Za-z0-9._-]).
 * The router answers 404 and 405 itself; the dispatcher answers 413/415/401/403 from the
 * matched route before any handler runs.
 */
#ifndef PORTAL_ROUTER_H
#define PORTAL_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "domain/roles.h" /* the role bits a route names */

struct http_req;

enum http_method {
	HTTP_GET = 0,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_OTHER,
};

enum route_auth {
	ROUTE_PUBLIC = 0, /* anyone */
	ROUTE_USER,       /* any logged-in user */
	ROUTE_ORG,        /* one of roles in the organisation {id} of the URL */
	ROUTE_TENANT,     /* one of roles in the tenant {slug} of the URL */
	ROUTE_APP,        /* one of roles in the organisation that owns application {id} */
};

typedef void (*route_handler)(struct http_req *req);

struct api_op; /* http/shape.h: the operation's query parameters and body shape */

struct route {
	enum http_method method;
	const char *pattern;
	const struct api_op *op; /* NULL = no query parameters, no body shape */
	route_handler handler;
	enum route_auth auth;
	size_t body_max;         /* 0 = the route takes no body */
	const char *body_type;   /* required media type of a body, e.g. "application/json"; NULL = any */
	unsigned roles;          /* ROUTE_ORG / ROUTE_TENANT: any of these role bits */
};

#define ROUTE_MAX_PARAMS 4
#define ROUTE_PARAM_MAX 64

struct route_params {
	size_t n;
	struct {
		char name[16];
		char value[ROUTE_PARAM_MAX + 1];
	} p[ROUTE_MAX_PARAMS];
};

enum route_result {
	ROUTE_FOUND = 0,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD,
};

/*
 * Matches method and path (no query string) against table[0..n). On ROUTE_FOUND sets *out and
 * params; on ROUTE_BAD_METHOD writes the allowed methods ("GET, HEAD") into allow.
 * HEAD matches GET routes.
 */
enum route_result router_match(const struct route *table, size_t n, enum http_method method, const char *path,
    const struct route **out, struct route_params *params, char *allow, size_t allowlen);

/* The value of placeholder name, or NULL. Borrowed from params. */
const char *router_param(const struct route_params *params, const char *name);

/* The method's name, e.g. "GET". */
const char *router_method_name(enum http_method m);

/* Parses a method name; unknown ones give HTTP_OTHER. */
enum http_method router_method_parse(const char *s);

/* The portal's route table (routes.c). */
extern const struct route routes[];
extern const size_t routes_count;

#endif
