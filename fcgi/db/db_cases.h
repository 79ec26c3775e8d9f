/*
 * db_cases.h - a tenant's cases: the inbox of submitted applications with filters, sorting,
 * paging and counts per status. Every query is filtered by the tenant in SQL.
 */
#ifndef PORTAL_DB_CASES_H
#define PORTAL_DB_CASES_H

#include "db/db.h"
#include "core/utf8.h"
#include "domain/budget.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jw;

/* the orders of the inbox (h_cases.c parses the query's sort into one; its names are in this order) */
enum db_inbox_sort {
	DB_INBOX_SORT_SUBMITTED_DESC, /* -submitted, the default */
	DB_INBOX_SORT_SUBMITTED,
	DB_INBOX_SORT_AMOUNT,
	DB_INBOX_SORT_AMOUNT_DESC,
	DB_INBOX_SORT_TITLE,
	DB_INBOX_SORT_TITLE_DESC,
	DB_INBOX_SORT_ORG,
	DB_INBOX_SORT_ORG_DESC,
	DB_INBOX_SORT__COUNT
};

struct db_inbox_filter {
	int64_t tenant_id;
	int64_t call_id;          /* 0 = any */
	const char *status;       /* NULL = any (drafts are never shown) */
	const char *sub_goal;     /* "A".."D" or NULL */
	int64_t assignee;         /* -1 = any, 0 = unassigned, else a user id */
	int64_t min_amount, max_amount;   /* -1 = no bound */
	const char *text;         /* in the title or the organisation's name; NULL = any */
	enum db_inbox_sort sort;  /* the order; 0 (the default) is newest first */
	int64_t page, per_page;
};

/* One page of the inbox ("items": an array of cases) and the counts per status over all pages
 * ("counts": {"submitted": 12, ...}), written as keys into the object open on w; *total is the sum
 * of the counts that match. */
enum db_status db_inbox(const struct db_inbox_filter *f, struct jw *w, int64_t *total);

/* One case of the tenant written as keys into the object open on w: what was signed, status,
 * assignee, the possible duplicates (see docs/domain.md) and the case log. DB_NOTFOUND (nothing
 * written) for another tenant's case or a draft. */
enum db_status db_case_get(int64_t tenant_id, int64_t case_id, struct jw *w);

/* That the case is the tenant's and not a draft (else DB_NOTFOUND), with its reference and
 * assignee (0 = none). */
struct db_case_ref {
	char reference[TEXT_CAP(20)];
	int64_t assignee_id;
};
enum db_status db_case_ref(int64_t tenant_id, int64_t case_id, struct db_case_ref *out);

/* One entry of a case log (EVENT_LIST, stmt_apps.def); "" for a NULL column. */
struct db_event {
	char at[32];                   /* YYYY-MM-DDTHH:MM:SSZ */
	char event[TEXT_CAP(40)], by[TEXT_CAP(200)], detail[TEXT_CAP(255)];
};
/* The tenant's case log, oldest first, internal entries too: fn is called with each struct
 * db_event. DB_NOTFOUND for another tenant's case or a draft. */
enum db_status db_case_log(int64_t tenant_id, int64_t case_id, struct db_case_ref *ref, db_rec_fn fn, void *arg);

/* Assigns the case to a caseworker of the tenant. DB_NOTFOUND when the case is not the tenant's or
 * the person is not one of its caseworkers. */
enum db_status db_case_assign(int64_t tenant_id, int64_t case_id, int64_t user_id);

struct db_case_lock {
	char status[24];
	int64_t applied_amount, recommended_by, call_id;
	char sub_goals[16];
	int64_t granted_amount;        /* -1 when none (not decided, or rejected) */
	int64_t org_id, tenant_id, decided_by;
	int64_t letter_sent;           /* unix time, 0 = no letter yet */
	int64_t year, split_threshold, audit_threshold, appeal_days;
	char report_due[11];           /* the call's (YYYY-MM-DD) */
	char case_report_due[11];      /* set with the payment plan; "" before */
	int terms_total, terms_paid;
	char tenant_kind[16];          /* "directorate" or "municipality" */
	char appeal_rule[32];          /* the call's: "all" or "dismissal_and_reactions" */
	char decision_outcome[16];     /* grant, grant_partly, reject, dismiss; "" before a decision */
};

/* Locks the case row for the transaction: the tenant's case (tenant_id 0: whichever tenant, for
 * the organisation's routes, which the dispatcher has checked). DB_NOTFOUND for another tenant's
 * case or a draft. */
enum db_status db_case_lock(int64_t tenant_id, int64_t case_id, struct db_case_lock *out);

/* The user's declaration on the case: 1 impartial, 0 recused, -1 none. */
enum db_status db_impartiality(int64_t case_id, int64_t user_id, int *declared);
enum db_status db_impartiality_set(int64_t case_id, int64_t user_id, bool impartial, const char *reason);

enum db_status db_case_set_status(int64_t case_id, const char *status);
/* outcome: "grant" or "dismiss"; amount < 0 stores none (a dismissal). */
enum db_status db_case_recommend(int64_t case_id, const char *status, int64_t user_id, int64_t amount, const char *reasons,
    const char *outcome);
/* amount < 0 stores no granted amount (a rejection or a dismissal); outcome: the decide step's
 * (grant, grant_partly, reject, dismiss). */
enum db_status db_case_decide(int64_t case_id, const char *status, int64_t user_id, int64_t amount, const char *reasons,
    const char *outcome);

/* Locks the call's row (so decisions on one call are checked one at a time) and reads its budget
 * (domain/budget.h, without what is paid), finished, with locking reads that see every decision
 * committed before: what the decision's frame check uses. DB_NOTFOUND when there is no such call. */
enum db_status db_call_budget_lock(int64_t call_id, struct budget *out);

/* The budget of one of the tenant's calls written as keys into the object open on w: frame,
 * committed, paid and remaining, the free part, and per earmark its use (domain/budget.h, the
 * same arithmetic as the decision's check). DB_NOTFOUND (nothing written) for
 * another tenant's call. */
enum db_status db_call_budget(int64_t tenant_id, int64_t call_id, struct jw *w);
/* The budget of every call of the tenant (at most 100, in the order of the calls list), each with
 * its year, as objects into the array open on w, so the budget page needs one request. */
enum db_status db_tenant_budgets(int64_t tenant_id, struct jw *w);

#endif
