/*
 * routes.c - the portal's static route table: every URL the API answers, what it needs and
 * how large a body it takes. The dispatcher (worker.c) enforces all of it before a handler runs.
 */
#include "handlers.h"
#include "router.h"

#define H_JSON "application/json"
#define H_JSON_MAX (64 * 1024)

const struct route routes[] = {
	{ HTTP_GET, "/api/v1/ping", h_ping, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/health", h_health, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/openapi.json", h_openapi, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/tenants", h_tenants_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/calls", h_calls_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/calls/{id}", h_call_get, ROUTE_PUBLIC, 0, NULL, 0 },

	/* accounts (nginx rate-limits /api/v1/auth/) */
	{ HTTP_POST, "/api/v1/auth/register", h_auth_register, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/verify", h_auth_verify, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/login", h_auth_login, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/logout", h_auth_logout, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/logout-everywhere", h_auth_logout_all, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/reset-request", h_auth_reset_request, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/reset", h_auth_reset, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_GET, "/api/v1/me", h_me, ROUTE_USER, 0, NULL, 0 },
	{ HTTP_POST, "/api/v1/me/password", h_me_password, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },

	/* organisations: a role in the organisation of the URL, or 404 */
	{ HTTP_GET, "/api/v1/organisations/{id}", h_org_get, ROUTE_ORG, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_GET, "/api/v1/organisations/{id}/members", h_org_members, ROUTE_ORG, 0, NULL, ROLE_ORG_ADMIN },

	/* a tenant's administration: staff of the tenant of the URL, or 404 */
	{ HTTP_GET, "/api/v1/tenants/{slug}/staff", h_staff_list, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ HTTP_POST, "/api/v1/tenants/{slug}/staff", h_staff_add, ROUTE_TENANT, H_JSON_MAX, H_JSON, ROLE_TENANT_ADMIN },
	{ HTTP_DELETE, "/api/v1/tenants/{slug}/staff/{id}", h_staff_remove, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ HTTP_GET, "/api/v1/tenants/{slug}/security-log", h_security_log, ROUTE_TENANT, 0, NULL,
	    ROLE_TENANT_ADMIN | ROLE_NATIONAL_ADMIN },
	{ HTTP_GET, "/api/v1/tenants/{slug}/outbox", h_outbox_list, ROUTE_TENANT, 0, NULL, ROLE_NATIONAL_ADMIN },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
