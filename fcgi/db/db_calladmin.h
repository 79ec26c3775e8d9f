/*
 * db_calladmin.h - a tenant's calls as their administrators see them (every rule, drafts too),
 * their earmarks, contact persons and log, the tenant's contact persons, IMDi's allocation the
 * frames must fit in, and the share lock a submission takes on its call.
 *
 * Ownership: struct db_ca_call's char * fields are owned (db_ca_call_free, NULL-safe,
 * idempotent); inputs are borrowed for the call. Lists are given one by one to the caller's
 * function (borrowed for the call).
 */
#ifndef PORTAL_DB_CALLADMIN_H
#define PORTAL_DB_CALLADMIN_H

#include "db/db.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

/* One call with every rule; dates as "YYYY-MM-DD", times as Oslo "YYYY-MM-DDTHH:MM", "" for NULL;
 * SET columns as "A,B". */
struct db_ca_call {
	int64_t id, tenant_id, scheme_id, year, copied_from;
	char tenant_slug[33], tenant_name[TEXT_CAP(128)], tenant_kind[16];
	char scheme_code[65], scheme_name[TEXT_CAP(255)], scheme_kind[16];
	char title[TEXT_CAP(255)];
	char *description, *criteria, *reception_criteria;  /* owned; criteria: JSON arrays or NULL */
	char opens[20], deadline[20];
	int64_t min_amount, max_amount, budget_frame, min_participants;
	bool no_frame, no_min_participants;
	char sub_goals[32], applicant_kinds[64], required_attachments[32];
	bool requires_volunteer_register, requires_business_register, requires_local_activity;
	bool requires_local_members, requires_national_reach, requires_own_contribution;
	bool joint_applications, one_per_org, one_project;
	char budget_rule[16], payment_rule[16], audit_scope[16], appeal_rule[32];
	int64_t max_years, split_threshold, audit_threshold, appeal_days;
	char spring_due[11], autumn_due[11], report_due[11], status_report_due[11];
	char published_at[24], updated_at[24];  /* "YYYY-MM-DDTHH:MM:SSZ"; published_at "" for a draft */
	bool submitted;                         /* an application to it is submitted */
	char earmarks[200];                     /* "B:15000000,C:100000" */
};
void db_ca_call_free(struct db_ca_call *c);

/* The scheme of code: its id and kind ("voluntary", "operating", "public"); DB_NOTFOUND. */
enum db_status db_ca_scheme(const char *code, int64_t *id, char kind[16], char name[TEXT_CAP(255)]);

/* The tenant's call id; with lock, FOR UPDATE (in a transaction). DB_NOTFOUND when the call is
 * another tenant's or none. */
enum db_status db_ca_call_get(int64_t tenant_id, int64_t id, bool lock, struct db_ca_call *out);
/* The call by its id alone, whichever tenant it belongs to (the public call page; DB_NOTFOUND). */
enum db_status db_ca_call_any(int64_t id, struct db_ca_call *out);

/* Each of the tenant's calls (year 0: every year), newest year first; fn's non-zero stops (DB_ERROR). */
typedef int (*db_ca_call_fn)(void *arg, const struct db_ca_call *c);
enum db_status db_ca_calls_each(int64_t tenant_id, int64_t year, db_ca_call_fn fn, void *arg);

/* Inserts a draft (c->tenant_id, c->scheme_id, ... ; published_at NULL) and sets c->id; updates
 * every rule of the call c->id. DB_CONFLICT: a call of that tenant, scheme and year exists. */
enum db_status db_ca_insert(struct db_ca_call *c);
enum db_status db_ca_update(const struct db_ca_call *c);

/* Replaces the call's earmarks ("B:15000000,C:100000"). */
enum db_status db_ca_set_earmarks(int64_t call_id, const char *earmarks);

/* One contact person. */
struct db_contact {
	const char *name, *role, *email, *phone;
};
/* CA_CONTACTS, TC_CONTACTS: a row */
struct db_contact_row {
	char name[TEXT_CAP(200)], role[TEXT_CAP(200)], email[255], phone[TEXT_CAP(32)];
};
/* Replaces the call's (call_id) or the tenant's (call_id 0) contact persons, in the order given. */
enum db_status db_ca_set_contacts(int64_t tenant_id, int64_t call_id, const struct db_contact *c, size_t n);
/* Each contact person of the call (or, call_id 0, the tenant), in order. */
typedef int (*db_contact_fn)(void *arg, const struct db_contact *c);
enum db_status db_ca_contacts_each(int64_t tenant_id, int64_t call_id, db_contact_fn fn, void *arg);
/* The public call's contact persons as an array under key into the object open on w: its own, or
 * its tenant's when it has none. */
struct jw;
enum db_status db_ca_contacts_public(int64_t call_id, struct jw *w, const char *key);

/* Logs what happened to the call (kind of call_events; detail JSON text or NULL). */
enum db_status db_ca_event(int64_t call_id, int64_t tenant_id, const char *kind, const char *detail, int64_t user_id);

/* Publishes a draft (DB_CONFLICT when published already); deletes a draft (DB_CONFLICT when published). */
enum db_status db_ca_publish(int64_t call_id, int64_t user_id);
enum db_status db_ca_delete(int64_t call_id);
/* Sets the deadline (Oslo "YYYY-MM-DDTHH:MM"). */
enum db_status db_ca_set_deadline(int64_t call_id, const char *deadline);

/* IMDi's allocation to the tenant for the scheme and year (*has false when none is set), and the
 * frames of the tenant's other calls of that scheme and year (except call_id). */
enum db_status db_ca_allocation(int64_t tenant_id, int64_t scheme_id, int64_t year, int64_t call_id, bool *has,
    int64_t *amount, int64_t *others);

/* Each address of the members (admin, signer, editor) of organisations with a draft on the call. */
typedef int (*db_ca_email_fn)(void *arg, const char *email, const char *name);
enum db_status db_ca_draft_people(int64_t call_id, db_ca_email_fn fn, void *arg);

/* The names of the goal codes: code ("A", "1") and Norwegian name, each given to fn. */
typedef int (*db_ca_goal_fn)(void *arg, const char *code, const char *name);
enum db_status db_ca_goals(db_ca_goal_fn fn, void *arg);

/* In a submission's transaction: the application's call in share mode, so that no change of its
 * rules commits between the submission's reading and its commit. DB_NOTFOUND when the call is not
 * published. */
enum db_status db_ca_submit_lock(int64_t app_id);
/* Whether the call is published (DB_NOTFOUND when not, or no such call). */
enum db_status db_ca_published(int64_t call_id);

#endif
