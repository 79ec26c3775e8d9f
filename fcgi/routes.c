/*
 * routes.c - the portal's static route table: every URL the API answers, what it needs and
 * how large a body it takes. The dispatcher (worker.c) enforces all of it before a handler runs.
 */
#include "handlers.h"
#include "router.h"

const struct route routes[] = {
	{ HTTP_GET, "/api/v1/ping", h_ping, ROUTE_PUBLIC, 0, NULL },
	{ HTTP_GET, "/api/v1/health", h_health, ROUTE_PUBLIC, 0, NULL },
	{ HTTP_GET, "/api/v1/openapi.json", h_openapi, ROUTE_PUBLIC, 0, NULL },
	{ HTTP_GET, "/api/v1/tenants", h_tenants_list, ROUTE_PUBLIC, 0, NULL },
	{ HTTP_GET, "/api/v1/calls", h_calls_list, ROUTE_PUBLIC, 0, NULL },
	{ HTTP_GET, "/api/v1/calls/{id}", h_call_get, ROUTE_PUBLIC, 0, NULL },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
