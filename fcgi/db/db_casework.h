/*
 * db_casework.h - the rest of a case after submission (db_cases.h has the inbox and the decision):
 * assessment, comments, letters, payments, appeals, the report, change requests, reclaim and
 * the report reminders. Every function runs one prepared statement (or a few reads) and belongs
 * inside the caller's transaction where it writes.
 */
#ifndef PORTAL_DB_CASEWORK_H
#define PORTAL_DB_CASEWORK_H

#include "db/db.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jw;

/* What the use cases compute from besides what is written. */
struct db_case_times {
	int64_t letter_sent;       /* unix time, 0 = none */
	int64_t appeal_days, audit_threshold, granted_amount; /* granted -1 = none */
	char report_due[11];       /* "" = none */
	char status[24];
	int terms_total, terms_paid;   /* the payment plan's terms, and how many are paid */
	char decision_outcome[16];     /* grant, grant_partly, reject, dismiss; "" before a decision */
	char appeal_rule[32];          /* the call's: "all" or "dismissal_and_reactions" */
};

/*
 * Writes the casework of case_id as keys into the object open on w: letters, payments, appeals,
 * report and change requests; with staff also criteria, assessment, comments, impartiality,
 * recommendation and decision. Fills *t. DB_NOTFOUND (nothing written) when there is no case.
 */
enum db_status db_case_extras(int64_t case_id, bool staff, struct jw *w, struct db_case_times *t);

/* scores and eligibility are JSON text. */
enum db_status db_assessment_set(int64_t case_id, const char *scores, const char *eligibility, int64_t user_id);
/* The call's criteria of the case: fn is called with each (none when the call has none). */
enum db_status db_case_criteria(int64_t case_id, int (*fn)(void *arg, const char *criterion), void *arg);
enum db_status db_comment_add(int64_t case_id, int64_t user_id, const char *body, int64_t *id);

/* The facts a letter is made from (strings owned by the struct). */
struct db_letter_facts {
	char reference[24], tenant[TEXT_CAP(128)], tenant_kind[16], organisation[TEXT_CAP(200)], orgnr[12];
	char title[TEXT_CAP(200)], summary[TEXT_CAP(2000)], reasons[TEXT_CAP(4000)], signed_by[TEXT_CAP(200)];
	int64_t applied_amount, granted_amount; /* granted -1 = rejected */
};
enum db_status db_letter_facts(int64_t case_id, struct db_letter_facts *out);
enum db_status db_letter_add(int64_t case_id, const char *kind, const char *content, int64_t user_id);
enum db_status db_case_letter_sent(int64_t case_id, const char *status);
/* The email addresses of the organisation's admins and signers (at most DB_NOTIFY_MAX). */
#define DB_NOTIFY_MAX 20
struct db_notify {
	char email[TEXT_CAP(254)];
};
enum db_status db_org_notify(int64_t org_id, struct db_notify out[DB_NOTIFY_MAX], size_t *n);

enum db_status db_payment_add(int64_t case_id, int term, int64_t amount, const char *due_date);
/* *paid: 1 when the term was unpaid and is now paid. */
enum db_status db_payment_pay(int64_t case_id, int term, int64_t user_id, uint64_t *paid);
/* accepted false: declined (report_due NULL). */
enum db_status db_case_accept(int64_t case_id, const char *status, bool accepted, const char *report_due);
/* The tenant's payment terms, which: 0 all, 1 due, 2 paid; written as objects into the array
 * open on w, or each given to fn as a struct db_payment. */
enum db_status db_payments_tenant(int64_t tenant_id, int which, struct jw *w);
struct db_payment {
	int64_t application_id, term, amount;
	char reference[TEXT_CAP(20)], organisation[TEXT_CAP(200)], orgnr[TEXT_CAP(9)];
	char due_date[11];             /* YYYY-MM-DD */
	char paid_at[32];              /* YYYY-MM-DDTHH:MM:SSZ, "" = not paid */
};
enum db_status db_payments_tenant_each(int64_t tenant_id, int which, db_rec_fn fn, void *arg);

enum db_status db_appeal_add(int64_t case_id, int64_t tenant_id, int64_t user_id, const char *reasons, bool late,
    int64_t *id);
/* The newest appeal still waiting for the first instance; DB_NOTFOUND when none. */
enum db_status db_appeal_open(int64_t case_id, int64_t *id);
enum db_status db_appeal_handle(int64_t id, const char *status, const char *body, int64_t user_id, const char *reasons);
struct db_appeal_lock {
	int64_t case_id, tenant_id;
	char status[16], body[16];
};
enum db_status db_appeal_lock(int64_t id, struct db_appeal_lock *out);
enum db_status db_appeal_rule(int64_t id, const char *status, int64_t user_id, const char *reasons);
/* The appeals of the tenant (and at the directorate those forwarded to it) as objects into the
 * array open on w. */
enum db_status db_appeals_tenant(int64_t tenant_id, bool directorate, bool open_only, struct jw *w);
/* Back to recommended, the decision cleared (an appeal changed it). */
enum db_status db_case_reopen(int64_t case_id);

enum db_status db_report_upsert(int64_t case_id, const char *data, int64_t user_id, bool late);
enum db_status db_report_review(int64_t case_id, const char *review, int64_t user_id, const char *comment,
    int64_t payback);
enum db_status db_att_count_kind(int64_t case_id, const char *kind, int64_t *n);

enum db_status db_cr_add(int64_t case_id, const char *kind, const char *description, int64_t user_id, int64_t *id);
/* *changed: 1 when the request was pending on this case and is now decided. */
enum db_status db_cr_decide(int64_t cr_id, int64_t case_id, const char *status, int64_t user_id, const char *response,
    uint64_t *changed);
enum db_status db_case_reclaim(int64_t case_id, const char *status, int64_t amount);

/* Report reminders due on the Oslo date today: one per case; fn is called for each row. */
struct db_reminder {
	int64_t case_id, org_id, tenant_id, sent;
	char reference[24], report_due[11];
};
enum db_status db_reminders_due(const char *today, struct db_reminder *out, size_t max, size_t *n);
enum db_status db_reminded(int64_t case_id, int64_t sent);

/* "directorate" or "municipality" into out[16]. */
enum db_status db_tenant_kind(int64_t tenant_id, char out[16]);

#endif
