/*
 * http.h - one request and its response over FastCGI: parameters, bounded body reading,
 * response headers and the request log line.
 *
 * The request owns its body buffer and extra response headers; http_req_free releases them.
 * The FCGX_Request is borrowed.
 */
#ifndef PORTAL_HTTP_H
#define PORTAL_HTTP_H

#include "http/auth.h"
#include "http/query.h"
#include "http/router.h"
#include "core/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <fcgiapp.h>

/* No request body anywhere may exceed this, whatever a route says (nginx enforces the same). */
#define HTTP_BODY_HARD_MAX ((size_t)26 * 1024 * 1024)
#define HTTP_PATH_MAX 1024

struct http_req {
	FCGX_Request *fcgx;          /* borrowed */
	enum http_method method;
	char path[HTTP_PATH_MAX + 1]; /* raw path, without the query string */
	const char *query;           /* raw query string; borrowed from the FastCGI params; never NULL */
	struct query q;              /* the query parsed and checked by the dispatcher (params.h) */
	const char *content_type;    /* borrowed; may be NULL */
	const char *content_length;  /* borrowed; may be NULL */
	const char *remote_addr;     /* borrowed; may be NULL */
	const char *cookie;          /* borrowed; may be NULL */
	const char *https;           /* "on" when nginx terminated TLS; may be NULL */
	struct buf body;             /* owned; filled by http_read_body */
	const struct route *route;   /* the matched route, or NULL */
	struct route_params params;
	int64_t start_us;
	int status;                  /* the status sent, 0 before */
	size_t sent_bytes;
	int64_t user_id;             /* 0 = anonymous; set by the dispatcher from the session */
	char tenant[33];             /* tenant slug of a tenant route, "" = none */
	struct auth_session session; /* valid when user_id != 0 */
	int64_t tenant_id;           /* ROUTE_TENANT: the tenant of the URL, checked */
	unsigned tenant_roles;       /* ROUTE_TENANT: the user's roles there */
	int64_t org_id;              /* ROUTE_ORG: the organisation of the URL; ROUTE_APP: the application's */
	unsigned org_roles;          /* ROUTE_ORG, ROUTE_APP: the user's roles there */
	int64_t app_id;              /* ROUTE_APP: the application of the URL, checked */
	char set_cookie[256];        /* the session Set-Cookie value sent with the response, "" = none */
	struct buf headers;          /* owned; extra response header lines */
};

enum http_body_check {
	HTTP_BODY_OK = 0,
	HTTP_BODY_TOO_LARGE,  /* Content-Length above the limit */
	HTTP_BODY_BAD_LENGTH, /* Content-Length not a decimal number */
};

/* Fills req from the FastCGI request (which it borrows). */
void http_req_init(struct http_req *req, FCGX_Request *fcgx);
void http_req_free(struct http_req *req);

/* A FastCGI parameter, or NULL. Borrowed. */
const char *http_param(const struct http_req *req, const char *name);

/* Pure: checks a Content-Length header value against limit; *len gets the length (0 when absent). */
enum http_body_check http_body_check(const char *content_length, size_t limit, int64_t *len);

/* Pure: does the Content-Type header name this media type (ignoring case and parameters)? */
bool http_content_type_is(const char *header, const char *media_type);

/* Reads exactly Content-Length bytes (already checked against the route) into req->body. Returns 0 or -1. */
int http_read_body(struct http_req *req, int64_t len);

/* Adds a response header line ("Name: value"); call before http_respond. */
void http_add_header(struct http_req *req, const char *name, const char *value);

/*
 * Sends the whole response: status, Content-Type, Content-Length, the extra headers, and the
 * body (not for HEAD). API responses default to Cache-Control: no-store unless a
 * Cache-Control header was added.
 */
void http_respond(struct http_req *req, int status, const char *content_type, const void *body, size_t len);

/* An HTTP request header by its CGI name ("HTTP_ORIGIN"), or NULL. Borrowed. */
#define http_header(req, cgi_name) http_param((req), (cgi_name))

/* True for GET, HEAD and OPTIONS. */
bool http_method_safe(enum http_method m);

/* Writes the request log line (one write). */
void http_log(const struct http_req *req);

#endif
