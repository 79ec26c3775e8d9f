/*
 * handlers.h - the request handlers named in the route table. Each is thin: it validates its
 * input into typed values, calls the db layer, and sends JSON or a problem.
 */
#ifndef PORTAL_HANDLERS_H
#define PORTAL_HANDLERS_H

struct http_req;

/* h_meta.c */
void h_ping(struct http_req *req);
void h_health(struct http_req *req);
void h_openapi(struct http_req *req);

/* h_calls.c */
void h_tenants_list(struct http_req *req);
void h_calls_list(struct http_req *req);
void h_call_get(struct http_req *req);

#endif
