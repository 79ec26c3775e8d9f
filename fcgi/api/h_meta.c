/*
 * h_meta.c - liveness and description of the API: ping (no database), health (checks the
 * database) and the OpenAPI document.
 */
#include "svc/calls.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"

#include <string.h>

/* Generated at build time from fcgi/openapi.json (see the Makefile). */
extern const unsigned char openapi_json[];
extern const unsigned long openapi_json_len;

void
h_ping(struct http_req *req)
{
	static const char body[] = "{\"status\":\"ok\"}";
	http_respond(req, 200, "application/json", body, sizeof(body) - 1);
}

void
h_health(struct http_req *req)
{
	static const char body[] = "{\"status\":\"ok\",\"database\":\"ok\"}";
	if (calls_health() != SVC_OK) {
		problem_unavailable(req);
		return;
	}
	http_respond(req, 200, "application/json", body, sizeof(body) - 1);
}

void
h_openapi(struct http_req *req)
{
	http_add_header(req, "Cache-Control", "public, max-age=300");
	http_respond(req, 200, "application/json", openapi_json, openapi_json_len);
}
