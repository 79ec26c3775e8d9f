/*
 * db_apps.h - organisations (registration, changes, invitations) and applications (drafts,
 * submissions, numbering, events, attachments). Writes that belong together run in db_tx().
 * Listings are written into the response (core/jw.h) or given as typed rows.
 */
#ifndef PORTAL_DB_APPS_H
#define PORTAL_DB_APPS_H

#include "db/db.h"
#include "domain/valid.h"

#include <stdbool.h>
#include <stdint.h>
#include "core/utf8.h"

struct jw; /* core/jw.h: lists are written into the response through it */

struct db_org_input {
	const char *orgnr, *name, *municipality, *kind;
	bool volunteer_register, business_register, has_employees;
	const char *volunteer_since, *business_since;   /* YYYY-MM-DD or NULL */
};

/* DB_CONFLICT when the organisation number is registered already. */
enum db_status db_org_insert(const struct db_org_input *in, int64_t *id);
enum db_status db_org_update(int64_t id, const struct db_org_input *in);
/* DB_NOTFOUND when no organisation has the number. */
enum db_status db_org_by_orgnr(const char *orgnr, int64_t *id, char *name, size_t namelen);
/* The addresses of the organisation's admins (at most DB_ADMINS_MAX, by address). */
#define DB_ADMINS_MAX 50
struct db_org_admin {
	char email[TEXT_CAP(254)];
};
enum db_status db_org_admins(int64_t org_id, struct db_org_admin out[DB_ADMINS_MAX], size_t *n);
enum db_status db_org_member_add(int64_t org_id, int64_t user_id, const char *role);

struct db_org_flags {
	bool volunteer_register, business_register, has_employees;
	char name[TEXT_CAP(200)];
	char orgnr[10];
};
enum db_status db_org_flags(int64_t org_id, struct db_org_flags *out);

enum db_status db_invite_insert(int64_t org_id, const char *email_norm, const char *role, const unsigned char hash[32],
    int64_t by, int64_t lifetime);
/* An invitation as taken: its organisation, address, role and who sent it. */
struct db_invite_taken {
	int64_t org_id, invited_by;
	char email[255], role[16];
};
/* Finds an open invitation (locked) and marks it accepted. DB_NOTFOUND otherwise. In a tx. */
enum db_status db_invite_take(const unsigned char hash[32], struct db_invite_taken *out);

/* The application's organisation and the user's role bits there (0 = none or no such application). */
enum db_status db_app_auth(int64_t app_id, int64_t user_id, int64_t *org_id, unsigned *roles);

/* A new, empty draft of org for call; DB_NOTFOUND when there is no such call. */
enum db_status db_app_insert(int64_t org_id, int64_t call_id, int64_t user_id, int64_t *id);

struct db_app {
	int64_t id, org_id, call_id, version;
	char status[16];
	char *data;             /* owned: the draft JSON */
	char *signed_copy;      /* owned: the frozen submission JSON, or NULL */
	char reference[21];
	char submitted_at[20];  /* "YYYY-MM-DD HH:MM:SS" UTC or "" */
	char submitted_by[TEXT_CAP(200)];
	char created_at[20], updated_at[20], withdrawn_at[20];
	char call_title[TEXT_CAP(255)], tenant_slug[33], tenant_name[TEXT_CAP(128)];
};
enum db_status db_app_get(int64_t id, struct db_app *out);   /* DB_NOTFOUND */
void db_app_free(struct db_app *a);

/* Saves a draft if it is still at version; DB_CONFLICT when it is not (or no longer a draft). */
enum db_status db_app_update(int64_t id, int64_t version, const char *data, const char *title, int64_t amount,
    bool has_amount, int64_t user_id);

enum db_status db_app_list_org(int64_t org_id, struct jw *w);
/* The user's organisations' applications, newest first, each with its applicant timeline (events). */
enum db_status db_app_list_user(int64_t user_id, struct jw *w);

struct db_call_rules {
	int64_t id, tenant_id, year;
	bool municipal, one_project, requires_business_register, requires_budget, requires_tax_certificate;
	char tenant_name[TEXT_CAP(128)], ref_prefix[4], sub_goals[5], title[TEXT_CAP(255)];
	int64_t min_amount, max_amount;
	struct valid_datetime opens, deadline;
};
enum db_status db_call_rules(int64_t call_id, struct db_call_rules *out);   /* DB_NOTFOUND */

/* The next application number of tenant in year (row-locked until the transaction ends). In a tx. */
enum db_status db_counter_next(int64_t tenant_id, int64_t year, int64_t *number);

struct db_app_lock {
	char status[16];
	char submit_key[65];
	char reference[21];
	int64_t version;
};
/* Locks the application row for the transaction. */
enum db_status db_app_lock(int64_t id, struct db_app_lock *out);
/* sub_goals: the draft's sub-goals as a SET value, e.g. "A,C". */
enum db_status db_app_submit(int64_t id, const char *reference, int64_t user_id, const char *ip, const char *key,
    const char *signed_json, const char *sub_goals);
enum db_status db_app_withdraw(int64_t id);   /* DB_CONFLICT when decided or not submitted */

enum db_status db_event_add(int64_t app_id, int64_t user_id, const char *event, const char *detail);
/* The applicant's timeline, without the tenant's internal steps: each entry written as an object
 * {at, event, by, detail} into the array open on w. (The tenant's whole case log is db_case_log.) */
enum db_status db_event_list(int64_t app_id, struct jw *w);

enum db_status db_att_insert(int64_t app_id, const char *kind, const char *filename, const char *type,
    const void *content, size_t size, const unsigned char sha[32], int64_t user_id, int64_t *id);
/* One attachment as listed (ATT_LIST): the name as stored, the type as recognised at upload. */
struct db_att {
	int64_t id, size;
	char kind[24];
	char filename[TEXT_CAP(200)];
	char content_type[TEXT_CAP(100)];
	char created_at[32];          /* YYYY-MM-DDTHH:MM:SSZ */
};
/* The application's attachments, oldest first: fn is called with each struct db_att. */
enum db_status db_att_list(int64_t app_id, db_rec_fn fn, void *arg);
/* The attachment's name, type and content (owned by the caller: free *content). DB_NOTFOUND. */
enum db_status db_att_get(int64_t id, int64_t app_id, char *filename, size_t fnlen, char *type, size_t typelen,
    char **content, size_t *size);
enum db_status db_att_delete(int64_t id, int64_t app_id);   /* DB_NOTFOUND */
enum db_status db_att_totals(int64_t app_id, int64_t *bytes, bool *budget, bool *tax);

/* The quotas, in a tx: lock the organisation's row first (DB_NOTFOUND when there is none), so
 * two requests of one organisation check and use its quota one after the other. */
enum db_status db_org_lock(int64_t org_id);
enum db_status db_app_open_drafts(int64_t org_id, int64_t call_id, int64_t *n);
enum db_status db_org_att_bytes(int64_t org_id, int64_t *bytes);

#endif
