/*
 * case_views.h - the other use cases of a case: what the tenant's staff and the organisation read
 * (the inbox, one case with the actions allowed now and its deadlines, the budget, appeals and
 * payments), and the steps that are no state change (assigning a case, declaring impartiality).
 * Each answers an outcome (svc/case_steps.h); the handler renders it.
 */
#ifndef PORTAL_CASE_VIEWS_H
#define PORTAL_CASE_VIEWS_H

#include "svc/case_steps.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the orders of the inbox, in the order of its sort names */
enum case_inbox_sort {
	CASE_SORT_SUBMITTED_DESC = 0, /* -submitted, the default */
	CASE_SORT_SUBMITTED,
	CASE_SORT_AMOUNT,
	CASE_SORT_AMOUNT_DESC,
	CASE_SORT_TITLE,
	CASE_SORT_TITLE_DESC,
	CASE_SORT_ORG,
	CASE_SORT_ORG_DESC,
	CASE_SORT__COUNT
};

/* The inbox's filter (strings borrowed for the call). */
struct case_inbox_query {
	int64_t tenant_id;
	int64_t call_id;          /* 0 = any */
	const char *status;       /* a case state's name, or NULL = any */
	const char *sub_goal;     /* "A".."D" or NULL */
	int64_t assignee;         /* -1 = any, 0 = unassigned, else a user id */
	int64_t min_amount, max_amount;   /* -1 = no bound */
	const char *text;         /* NULL = any */
	enum case_inbox_sort sort;
	int64_t page, per_page;
};

struct jw;

/* One page ("items") and the counts per status ("counts": {"submitted": 12, ...}) written as keys
 * into the object open on w, and the total that matches. */
enum case_outcome case_inbox(const struct case_inbox_query *q, struct jw *w, int64_t *total);

/*
 * The reads of one case write into the object the caller has open on w (core/jw.h); the lists
 * write their rows as objects into the array the caller has open on w. On an outcome other than
 * CO_OK what was written is to be thrown away.
 */

/* One case of the tenant for its staff: what was signed, the casework, the events allowed now for
 * staff (actions), the user's declaration (my_impartiality) and the deadlines. CO_NOT_FOUND for
 * another tenant's case or a draft. */
enum case_outcome case_view_staff(int64_t tenant_id, int64_t case_id, int64_t user_id, struct jw *w);

/* The organisation's view of its case: the casework it sees, the status, the events allowed now
 * for the organisation and the deadlines. */
enum case_outcome case_view_org(int64_t app_id, struct jw *w);

/* One entry of the case log (strings borrowed for the call of fn; "" for none). */
struct case_log_entry {
	const char *at;           /* YYYY-MM-DDTHH:MM:SSZ */
	const char *event, *by, *detail;
};
typedef int (*case_log_fn)(void *arg, const struct case_log_entry *e);
#define CASE_REFERENCE_CAP TEXT_CAP(20)
/* The case log, oldest first, for its CSV export: fn for each entry, and the case's reference
 * ("" when it has none). CO_NOT_FOUND for another tenant's case or a draft. */
enum case_outcome case_log(int64_t tenant_id, int64_t case_id, char reference[CASE_REFERENCE_CAP], case_log_fn fn,
    void *arg);

/* Which of the n names are criteria of the case's call: known[i] for names[i] (all false when the
 * call has none or they cannot be read). */
void case_criteria_known(int64_t case_id, const char *const *names, size_t n, bool *known);

/* Assigns the case to one of the tenant's caseworkers and logs it. CO_INVALID on user_id
 * (INV_NOT_CASEWORKER) when the case is the tenant's and the person is not its caseworker. */
enum case_outcome case_assign(int64_t tenant_id, int64_t case_id, int64_t by_user, int64_t user_id);

/* Records the user's declaration on the tenant's case (impartial, or recused with reason) and logs it. */
enum case_outcome case_declare(int64_t tenant_id, int64_t case_id, int64_t user_id, bool impartial, const char *reason);

/* The budget of one of the tenant's calls (keys into the object open on w). */
enum case_outcome case_call_budget(int64_t tenant_id, int64_t call_id, struct jw *w);
/* The budgets of all the tenant's calls at once (into the array open on w). */
enum case_outcome case_tenant_budgets(int64_t tenant_id, struct jw *w);

/* The tenant's appeals (into the array open on w): open ones only, or all; at IMDi (a
 * directorate) also the municipal ones forwarded to it. */
enum case_outcome case_appeals(int64_t tenant_id, bool open_only, struct jw *w);

/* The tenant's payment terms: into the array open on w, or each given to fn (for the CSV). */
enum case_payments_which { CASE_PAYMENTS_ALL = 0, CASE_PAYMENTS_DUE = 1, CASE_PAYMENTS_PAID = 2 };
enum case_outcome case_payments(int64_t tenant_id, enum case_payments_which which, struct jw *w);
/* one term (strings borrowed for the call of fn) */
struct case_payment {
	int64_t application_id, term, amount;
	const char *reference, *organisation, *orgnr;
	const char *due_date;     /* YYYY-MM-DD */
	const char *paid_at;      /* YYYY-MM-DDTHH:MM:SSZ, "" when not paid */
};
typedef int (*case_payment_fn)(void *arg, const struct case_payment *p);
enum case_outcome case_payments_each(int64_t tenant_id, enum case_payments_which which, case_payment_fn fn, void *arg);

#endif
