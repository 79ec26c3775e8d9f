/*
 * routes.c - the portal's static route table: every URL the API answers, what it needs and
 * how large a body it takes. The dispatcher (worker.c) enforces all of it before a handler runs.
 */
#include "api/handlers.h"
#include "http/router.h"

#define H_JSON "application/json"
#define H_JSON_MAX (64 * 1024)
#define H_DRAFT_MAX (256 * 1024)
#define H_ATTACHMENT_MAX (10 * 1024 * 1024)
#define H_IMPORT_MAX (5 * 1024 * 1024)
/* who may change an organisation's applications */
#define H_WRITERS (ROLE_ORG_ADMIN | ROLE_ORG_SIGNER | ROLE_ORG_EDITOR)
/* who works on a tenant's cases */
#define H_STAFF (ROLE_CASEWORKER | ROLE_DECISION_MAKER | ROLE_TENANT_ADMIN)
/* who handles cases (a tenant admin administers, and does not handle cases) */
#define H_HANDLERS (ROLE_CASEWORKER | ROLE_DECISION_MAKER)

const struct route routes[] = {
	{ HTTP_GET, "/api/v1/ping", h_ping, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/health", h_health, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/openapi.json", h_openapi, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/tenants", h_tenants_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/calls", h_calls_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/calls/{id}", h_call_get, ROUTE_PUBLIC, 0, NULL, 0 },

	/* what is published: recipients and statistics of published years only */
	{ HTTP_GET, "/api/v1/published", h_published_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/recipients", h_recipients, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/recipients.csv", h_recipients_csv, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/statistics", h_statistics, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/statistics.csv", h_statistics_csv, ROUTE_PUBLIC, 0, NULL, 0 },

	/* accounts (nginx rate-limits /api/v1/auth/) */
	{ HTTP_POST, "/api/v1/auth/register", h_auth_register, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/verify", h_auth_verify, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/login", h_auth_login, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/logout", h_auth_logout, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/logout-everywhere", h_auth_logout_all, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/reset-request", h_auth_reset_request, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/reset", h_auth_reset, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_GET, "/api/v1/me", h_me, ROUTE_USER, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/session", h_session, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_POST, "/api/v1/me/password", h_me_password, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },

	/* the second factor: the login's second step and enrolment take the cookie of a login waiting for
	 * its second step (or, enrolment, a session), which only their handlers read */
	{ HTTP_POST, "/api/v1/auth/totp/verify", h_totp_verify, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/totp/enrolment", h_totp_enrol, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/auth/totp/confirm", h_totp_confirm, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_GET, "/api/v1/me/totp", h_totp_status, ROUTE_USER, 0, NULL, 0 },
	{ HTTP_POST, "/api/v1/me/totp/recovery-codes", h_totp_renew, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/me/totp/disable", h_totp_disable, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },

	/* organisations: a role in the organisation of the URL, or 404 */
	{ HTTP_POST, "/api/v1/organisations", h_org_register, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/organisations/access-requests", h_org_access_request, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_POST, "/api/v1/invitations/accept", h_invite_accept, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ HTTP_GET, "/api/v1/me/applications", h_app_list_mine, ROUTE_USER, 0, NULL, 0 },
	{ HTTP_PUT, "/api/v1/organisations/{id}", h_org_update, ROUTE_ORG, H_JSON_MAX, H_JSON, ROLE_ORG_ADMIN },
	{ HTTP_POST, "/api/v1/organisations/{id}/invitations", h_org_invite, ROUTE_ORG, H_JSON_MAX, H_JSON, ROLE_ORG_ADMIN },
	{ HTTP_GET, "/api/v1/organisations/{id}/applications", h_app_list_org, ROUTE_ORG, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_POST, "/api/v1/organisations/{id}/applications", h_app_create, ROUTE_ORG, H_JSON_MAX, H_JSON, H_WRITERS },
	{ HTTP_GET, "/api/v1/organisations/{id}", h_org_get, ROUTE_ORG, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_GET, "/api/v1/organisations/{id}/members", h_org_members, ROUTE_ORG, 0, NULL, ROLE_ORG_ADMIN },

	/* applications: a role in the organisation that owns the application, or 404 */
	{ HTTP_GET, "/api/v1/applications/{id}", h_app_get, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_PUT, "/api/v1/applications/{id}", h_app_put, ROUTE_APP, H_DRAFT_MAX, H_JSON, H_WRITERS },
	{ HTTP_GET, "/api/v1/applications/{id}/problems", h_app_problems, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_POST, "/api/v1/applications/{id}/submit", h_app_submit, ROUTE_APP, H_JSON_MAX, H_JSON, ROLE_ORG_SIGNER },
	{ HTTP_POST, "/api/v1/applications/{id}/withdraw", h_app_withdraw, ROUTE_APP, H_JSON_MAX, H_JSON,
	    ROLE_ORG_SIGNER | ROLE_ORG_ADMIN },
	{ HTTP_GET, "/api/v1/applications/{id}/receipt", h_app_receipt, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_GET, "/api/v1/applications/{id}/events", h_app_events, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_GET, "/api/v1/applications/{id}/attachments", h_att_list, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_POST, "/api/v1/applications/{id}/attachments", h_att_upload, ROUTE_APP, H_ATTACHMENT_MAX, NULL, H_WRITERS },
	{ HTTP_GET, "/api/v1/applications/{id}/attachments/{att_id}", h_att_download, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_DELETE, "/api/v1/applications/{id}/attachments/{att_id}", h_att_delete, ROUTE_APP, 0, NULL, H_WRITERS },
	{ HTTP_GET, "/api/v1/applications/{id}/case", h_app_case, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ HTTP_POST, "/api/v1/applications/{id}/accept", h_app_accept, ROUTE_APP, H_JSON_MAX, H_JSON, ROLE_ORG_SIGNER },
	{ HTTP_POST, "/api/v1/applications/{id}/appeals", h_app_appeal, ROUTE_APP, H_JSON_MAX, H_JSON,
	    ROLE_ORG_SIGNER | ROLE_ORG_ADMIN },
	{ HTTP_PUT, "/api/v1/applications/{id}/report", h_app_report, ROUTE_APP, H_JSON_MAX, H_JSON, H_WRITERS },
	{ HTTP_POST, "/api/v1/applications/{id}/change-requests", h_app_change_request, ROUTE_APP, H_JSON_MAX, H_JSON,
	    H_WRITERS },

	/* casework: staff of the tenant of the URL, or 404 */
	{ HTTP_GET, "/api/v1/tenants/{slug}/applications", h_inbox, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/calls/{call_id}/budget", h_call_budget, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/budgets", h_tenant_budgets, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/applications/{app_id}", h_case_get, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/assign", h_case_assign, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_STAFF },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/impartiality", h_case_impartiality, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, H_STAFF },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/review", h_case_review, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_CASEWORKER },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/recommend", h_case_recommend, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_CASEWORKER },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/decide", h_case_decide, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_DECISION_MAKER },
	{ HTTP_PUT, "/api/v1/tenants/{slug}/applications/{app_id}/assessment", h_case_assess, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_CASEWORKER },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/comments", h_case_comment, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, H_STAFF },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/letter", h_case_letter, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/payments", h_case_pay, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/appeal-decision", h_case_appeal_decision, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, ROLE_DECISION_MAKER },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/report-review", h_case_report_review, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, H_HANDLERS },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/change-requests/{cr_id}", h_case_change_decide,
	    ROUTE_TENANT, H_JSON_MAX, H_JSON, H_HANDLERS },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/close", h_case_close, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ HTTP_POST, "/api/v1/tenants/{slug}/applications/{app_id}/reclaim", h_case_reclaim, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_DECISION_MAKER },
	{ HTTP_GET, "/api/v1/tenants/{slug}/applications/{app_id}/log.csv", h_case_log_csv, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/payments", h_payments_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/payments.csv", h_payments_csv, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_GET, "/api/v1/tenants/{slug}/appeals", h_appeals_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ HTTP_POST, "/api/v1/tenants/{slug}/appeals/{appeal_id}/ruling", h_appeal_ruling, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_DECISION_MAKER },

	/* a tenant's administration: staff of the tenant of the URL, or 404 */
	{ HTTP_GET, "/api/v1/tenants/{slug}/staff", h_staff_list, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ HTTP_POST, "/api/v1/tenants/{slug}/staff", h_staff_add, ROUTE_TENANT, H_JSON_MAX, H_JSON, ROLE_TENANT_ADMIN },
	{ HTTP_DELETE, "/api/v1/tenants/{slug}/staff/{id}", h_staff_remove, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ HTTP_GET, "/api/v1/tenants/{slug}/security-log", h_security_log, ROUTE_TENANT, 0, NULL,
	    ROLE_TENANT_ADMIN | ROLE_NATIONAL_ADMIN },
	{ HTTP_GET, "/api/v1/tenants/{slug}/outbox", h_outbox_list, ROUTE_TENANT, 0, NULL, ROLE_NATIONAL_ADMIN },
	{ HTTP_POST, "/api/v1/tenants/{slug}/published-years", h_publish_year, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	{ HTTP_POST, "/api/v1/tenants/{slug}/imports", h_import, ROUTE_TENANT, H_IMPORT_MAX, "text/csv", ROLE_NATIONAL_ADMIN },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
