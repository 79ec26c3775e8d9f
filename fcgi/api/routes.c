/*
 * routes.c - the portal's static route table: every operation the API answers, who may call it
 * and how large a body it takes. An entry names the operation of the OpenAPI document; its method,
 * path, query parameters and body shape come from there (build/gen/api_ops.h). The dispatcher
 * (worker.c) enforces all of it before a handler runs.
 */
#include "api/handlers.h"
#include "gen/api_ops.h"
#include "http/router.h"

/* the method, path and shapes of operation id of the OpenAPI document */
#define API(id) API_##id##_METHOD, API_##id##_PATH, &api_op_##id

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
/* who administers a tenant's calls (IMDi's national schemes: IMDi's own administrators) */
#define H_CALL_ADMINS (ROLE_TENANT_ADMIN | ROLE_NATIONAL_ADMIN)

const struct route routes[] = {
	{ API(ping), h_ping, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(health), h_health, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(openapi), h_openapi, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(listTenants), h_tenants_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(listCalls), h_calls_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(getCall), h_call_get, ROUTE_PUBLIC, 0, NULL, 0 },

	/* what is published: recipients and statistics of published years only */
	{ API(published), h_published_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(recipients), h_recipients, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(recipientsCsv), h_recipients_csv, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(statistics), h_statistics, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(statisticsCsv), h_statistics_csv, ROUTE_PUBLIC, 0, NULL, 0 },

	/* accounts (nginx rate-limits /api/v1/auth/) */
	{ API(register), h_auth_register, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(verifyEmail), h_auth_verify, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(login), h_auth_login, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(logout), h_auth_logout, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(logoutEverywhere), h_auth_logout_all, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(resetRequest), h_auth_reset_request, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(reset), h_auth_reset, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(me), h_me, ROUTE_USER, 0, NULL, 0 },
	{ API(session), h_session, ROUTE_PUBLIC, 0, NULL, 0 },
	{ API(changePassword), h_me_password, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },

	/* the second factor: the login's second step and enrolment take the cookie of a login waiting for
	 * its second step (or, enrolment, a session), which only their handlers read */
	{ API(totpVerify), h_totp_verify, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(totpEnrol), h_totp_enrol, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(totpConfirm), h_totp_confirm, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(totpStatus), h_totp_status, ROUTE_USER, 0, NULL, 0 },
	{ API(totpRenewRecoveryCodes), h_totp_renew, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(totpDisable), h_totp_disable, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },

	/* organisations: a role in the organisation of the URL, or 404 */
	{ API(registerOrganisation), h_org_register, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(requestAccess), h_org_access_request, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(acceptInvitation), h_invite_accept, ROUTE_USER, H_JSON_MAX, H_JSON, 0 },
	{ API(registerLookup), h_register_lookup, ROUTE_USER, 0, NULL, 0 },
	/* the link to the organisation's e-mail address in the register: the token is the authority */
	{ API(confirmSigner), h_signer_confirm, ROUTE_PUBLIC, H_JSON_MAX, H_JSON, 0 },
	{ API(myApplications), h_app_list_mine, ROUTE_USER, 0, NULL, 0 },
	{ API(updateOrganisation), h_org_update, ROUTE_ORG, H_JSON_MAX, H_JSON, ROLE_ORG_ADMIN },
	{ API(invite), h_org_invite, ROUTE_ORG, H_JSON_MAX, H_JSON, ROLE_ORG_ADMIN },
	{ API(listOrgApplications), h_app_list_org, ROUTE_ORG, 0, NULL, ROLE_ORG_ANY },
	{ API(createApplication), h_app_create, ROUTE_ORG, H_JSON_MAX, H_JSON, H_WRITERS },
	{ API(getOrganisation), h_org_get, ROUTE_ORG, 0, NULL, ROLE_ORG_ANY },
	{ API(listMembers), h_org_members, ROUTE_ORG, 0, NULL, ROLE_ORG_ADMIN },
	{ API(requestSigning), h_signer_request, ROUTE_ORG, H_JSON_MAX, H_JSON, ROLE_ORG_ANY },

	/* applications: a role in the organisation that owns the application, or 404 */
	{ API(getApplication), h_app_get, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(saveDraft), h_app_put, ROUTE_APP, H_DRAFT_MAX, H_JSON, H_WRITERS },
	{ API(applicationProblems), h_app_problems, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(submit), h_app_submit, ROUTE_APP, H_JSON_MAX, H_JSON, ROLE_ORG_SIGNER },
	{ API(withdraw), h_app_withdraw, ROUTE_APP, H_JSON_MAX, H_JSON,
	    ROLE_ORG_SIGNER | ROLE_ORG_ADMIN },
	{ API(receipt), h_app_receipt, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(applicationEvents), h_app_events, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(listAttachments), h_att_list, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(uploadAttachment), h_att_upload, ROUTE_APP, H_ATTACHMENT_MAX, NULL, H_WRITERS },
	{ API(downloadAttachment), h_att_download, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(deleteAttachment), h_att_delete, ROUTE_APP, 0, NULL, H_WRITERS },
	{ API(appCase), h_app_case, ROUTE_APP, 0, NULL, ROLE_ORG_ANY },
	{ API(accept), h_app_accept, ROUTE_APP, H_JSON_MAX, H_JSON, ROLE_ORG_SIGNER },
	{ API(appeal), h_app_appeal, ROUTE_APP, H_JSON_MAX, H_JSON,
	    ROLE_ORG_SIGNER | ROLE_ORG_ADMIN },
	{ API(report), h_app_report, ROUTE_APP, H_JSON_MAX, H_JSON, H_WRITERS },
	{ API(changeRequest), h_app_change_request, ROUTE_APP, H_JSON_MAX, H_JSON,
	    H_WRITERS },

	/* casework: staff of the tenant of the URL, or 404 */
	{ API(inbox), h_inbox, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(callBudget), h_call_budget, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(tenantBudgets), h_tenant_budgets, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(getCase), h_case_get, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(assignCase), h_case_assign, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_STAFF },
	{ API(declareImpartiality), h_case_impartiality, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, H_STAFF },
	{ API(startReview), h_case_review, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_CASEWORKER },
	{ API(recommend), h_case_recommend, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_CASEWORKER },
	{ API(decide), h_case_decide, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_DECISION_MAKER },
	{ API(assess), h_case_assess, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_CASEWORKER },
	{ API(comment), h_case_comment, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, H_STAFF },
	{ API(sendLetter), h_case_letter, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ API(payTerm), h_case_pay, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ API(appealDecision), h_case_appeal_decision, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, ROLE_DECISION_MAKER },
	{ API(reviewReport), h_case_report_review, ROUTE_TENANT,
	    H_JSON_MAX, H_JSON, H_HANDLERS },
	{ API(decideChange), h_case_change_decide,
	    ROUTE_TENANT, H_JSON_MAX, H_JSON, H_HANDLERS },
	{ API(closeCase), h_case_close, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    H_HANDLERS },
	{ API(reclaim), h_case_reclaim, ROUTE_TENANT, H_JSON_MAX,
	    H_JSON, ROLE_DECISION_MAKER },
	{ API(caseLogCsv), h_case_log_csv, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(payments), h_payments_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(paymentsCsv), h_payments_csv, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(appeals), h_appeals_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(appealRuling), h_appeal_ruling, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_DECISION_MAKER },
	/* who may sign: the requests to the tenant's caseworkers to check it */
	{ API(signerRequests), h_signer_requests_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(decideSignerRequest), h_signer_decide, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_HANDLERS },

	/* a tenant's administration: staff of the tenant of the URL, or 404 */
	{ API(listStaff), h_staff_list, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ API(addStaff), h_staff_add, ROUTE_TENANT, H_JSON_MAX, H_JSON, ROLE_TENANT_ADMIN },
	{ API(removeStaff), h_staff_remove, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ API(securityLog), h_security_log, ROUTE_TENANT, 0, NULL,
	    ROLE_TENANT_ADMIN | ROLE_NATIONAL_ADMIN },
	{ API(outbox), h_outbox_list, ROUTE_TENANT, 0, NULL, ROLE_NATIONAL_ADMIN },
	{ API(publishYear), h_publish_year, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	/* the publication page: what publishing would show, withdrawing with a reason, the log */
	{ API(publicationLog), h_publication_log, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	{ API(previewYear), h_publish_preview, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	{ API(unpublishYear), h_unpublish_year, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	{ API(importGrants), h_import, ROUTE_TENANT, H_IMPORT_MAX, "text/csv", ROLE_NATIONAL_ADMIN },
	/* a tenant's calls and contact persons: its administrators, or 404 */
	{ API(adminListCalls), h_calladmin_list, ROUTE_TENANT, 0, NULL, H_CALL_ADMINS },
	{ API(adminCreateCall), h_calladmin_create, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_CALL_ADMINS },
	{ API(adminGetCall), h_calladmin_get, ROUTE_TENANT, 0, NULL, H_CALL_ADMINS },
	{ API(adminUpdateCall), h_calladmin_update, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_CALL_ADMINS },
	{ API(adminDeleteCall), h_calladmin_delete, ROUTE_TENANT, 0, NULL, H_CALL_ADMINS },
	{ API(adminPublishCall), h_calladmin_publish, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_CALL_ADMINS },
	{ API(adminCallDeadline), h_calladmin_deadline, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_CALL_ADMINS },
	{ API(tenantContacts), h_contacts_get, ROUTE_TENANT, 0, NULL, H_CALL_ADMINS },
	{ API(tenantContactsPut), h_contacts_put, ROUTE_TENANT, H_JSON_MAX, H_JSON, H_CALL_ADMINS },

	/* IMDi's allocation to the municipalities: every tenant's staff read (IMDi's all of them); IMDi's
	 * tenant admins set them and decide on the administration costs the municipalities record */
	{ API(listAllocations), h_alloc_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(setAllocation), h_alloc_set, ROUTE_TENANT, H_JSON_MAX, H_JSON, ROLE_TENANT_ADMIN },
	{ API(listAdminCosts), h_admin_cost_list, ROUTE_TENANT, 0, NULL, H_STAFF },
	{ API(recordAdminCost), h_admin_cost_record, ROUTE_TENANT, H_JSON_MAX, H_JSON,
	    ROLE_TENANT_ADMIN | ROLE_DECISION_MAKER },
	{ API(decideAdminCost), h_admin_cost_decide, ROUTE_TENANT, H_JSON_MAX, H_JSON, ROLE_TENANT_ADMIN },
	{ API(importStatistics), h_stat_import, ROUTE_TENANT, H_IMPORT_MAX, "text/csv", ROLE_NATIONAL_ADMIN },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
