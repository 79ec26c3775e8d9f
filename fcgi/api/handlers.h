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

/* h_auth.c */
void h_auth_register(struct http_req *req);
void h_auth_verify(struct http_req *req);
void h_auth_login(struct http_req *req);
void h_auth_logout(struct http_req *req);
void h_auth_logout_all(struct http_req *req);
void h_auth_reset_request(struct http_req *req);
void h_auth_reset(struct http_req *req);
void h_me(struct http_req *req);
void h_session(struct http_req *req);
void h_me_password(struct http_req *req);

/* h_totp.c */
void h_totp_verify(struct http_req *req);
void h_totp_enrol(struct http_req *req);
void h_totp_confirm(struct http_req *req);
void h_totp_status(struct http_req *req);
void h_totp_renew(struct http_req *req);
void h_totp_disable(struct http_req *req);

/* h_staff.c */
void h_staff_list(struct http_req *req);
void h_staff_add(struct http_req *req);
void h_staff_remove(struct http_req *req);
void h_security_log(struct http_req *req);
void h_outbox_list(struct http_req *req);

/* h_orgs.c */
void h_org_get(struct http_req *req);
void h_org_members(struct http_req *req);
void h_org_register(struct http_req *req);
void h_org_update(struct http_req *req);
void h_org_invite(struct http_req *req);
void h_invite_accept(struct http_req *req);
void h_org_access_request(struct http_req *req);

/* h_signers.c */
void h_register_lookup(struct http_req *req);
void h_signer_request(struct http_req *req);
void h_signer_confirm(struct http_req *req);
void h_signer_requests_list(struct http_req *req);
void h_signer_decide(struct http_req *req);

/* h_apps.c */
void h_app_create(struct http_req *req);
void h_app_list_org(struct http_req *req);
void h_app_list_mine(struct http_req *req);
void h_app_get(struct http_req *req);
void h_app_put(struct http_req *req);
void h_app_problems(struct http_req *req);
void h_app_submit(struct http_req *req);
void h_app_withdraw(struct http_req *req);
void h_app_receipt(struct http_req *req);
void h_app_events(struct http_req *req);
void h_att_upload(struct http_req *req);
void h_att_list(struct http_req *req);
void h_att_download(struct http_req *req);
void h_att_delete(struct http_req *req);

/* h_cases.c */
void h_inbox(struct http_req *req);
void h_case_get(struct http_req *req);
void h_case_assign(struct http_req *req);
void h_case_impartiality(struct http_req *req);
void h_case_review(struct http_req *req);
void h_case_recommend(struct http_req *req);
void h_case_decide(struct http_req *req);
void h_call_budget(struct http_req *req);
void h_tenant_budgets(struct http_req *req);

/* h_casework.c: a case after the decision, for the tenant's staff */
void h_case_assess(struct http_req *req);
void h_case_comment(struct http_req *req);
void h_case_letter(struct http_req *req);
void h_case_pay(struct http_req *req);
void h_case_appeal_decision(struct http_req *req);
void h_case_report_review(struct http_req *req);
void h_case_change_decide(struct http_req *req);
void h_case_close(struct http_req *req);
void h_case_reclaim(struct http_req *req);
void h_case_log_csv(struct http_req *req);
void h_appeal_ruling(struct http_req *req);
void h_appeals_list(struct http_req *req);
void h_payments_list(struct http_req *req);
void h_payments_csv(struct http_req *req);

/* h_alloc.c: IMDi's allocations, the administration costs, the statistics import */
void h_alloc_list(struct http_req *req);
void h_alloc_set(struct http_req *req);
void h_admin_cost_list(struct http_req *req);
void h_admin_cost_record(struct http_req *req);
void h_admin_cost_decide(struct http_req *req);
void h_stat_import(struct http_req *req);

/* h_publish.c: recipients, statistics, publishing a year, the historical import */
void h_published_list(struct http_req *req);
void h_recipients(struct http_req *req);
void h_recipients_csv(struct http_req *req);
void h_statistics(struct http_req *req);
void h_statistics_csv(struct http_req *req);
void h_publish_year(struct http_req *req);
/* the publication page: preview, withdrawal with a reason, the tenant's published years and log */
void h_publish_preview(struct http_req *req);
void h_unpublish_year(struct http_req *req);
void h_publication_log(struct http_req *req);
void h_import(struct http_req *req);

/* h_followup.c: the organisation's side of its case */
void h_app_case(struct http_req *req);
void h_app_accept(struct http_req *req);
void h_app_appeal(struct http_req *req);
void h_app_report(struct http_req *req);
void h_app_change_request(struct http_req *req);

/* h_calladmin.c: a tenant's own calls and contact persons (tenant_admin, national_admin) */
void h_calladmin_list(struct http_req *req);
void h_calladmin_create(struct http_req *req);
void h_calladmin_get(struct http_req *req);
void h_calladmin_update(struct http_req *req);
void h_calladmin_delete(struct http_req *req);
void h_calladmin_publish(struct http_req *req);
void h_calladmin_deadline(struct http_req *req);
void h_contacts_get(struct http_req *req);
void h_contacts_put(struct http_req *req);

#endif
