/*
 * case_views.c - what staff and the organisation read of a case, assignment and impartiality
 * declarations (see case_views.h).
 */
#include "svc/case_views.h"

#include "svc/case_db.h"
#include "db/db_apps.h"
#include "db/db_cases.h"
#include "db/db_casework.h"
#include "db/db_schemes.h"
#include "domain/rules.h"
#include "core/jw.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

_Static_assert((int)CASE_SORT__COUNT == (int)DB_INBOX_SORT__COUNT, "the inbox's sorts");
_Static_assert((int)CASE_SORT_ORG_DESC == (int)DB_INBOX_SORT_ORG_DESC, "the inbox's sorts in order");
_Static_assert((int)CASE_SORT_AMOUNT == (int)DB_INBOX_SORT_AMOUNT, "the inbox's sorts in order");

enum case_outcome
case_inbox(const struct case_inbox_query *q, struct jw *w, int64_t *total)
{
	struct db_inbox_filter f = { .tenant_id = q->tenant_id, .call_id = q->call_id, .status = q->status,
		.sub_goal = q->sub_goal, .assignee = q->assignee, .min_amount = q->min_amount, .max_amount = q->max_amount,
		.text = q->text, .sort = (enum db_inbox_sort)q->sort, .page = q->page, .per_page = q->per_page };
	return case_outcome_of(db_inbox(&f, w, total));
}

/* The events allowed now (actions: an array of event names), the state machine's context from
 * the case's decision and payment plan. staff false: the organisation's own (accept, decline,
 * appeal, receive_report), true: the rest. */
static void
case_actions(struct jw *w, const struct db_case_times *t, bool staff)
{
	static const enum case_event org[] = { EV_ACCEPT, EV_DECLINE, EV_APPEAL, EV_RECEIVE_REPORT };
	struct case_context ctx = { t->granted_amount > 0, t->terms_total, t->terms_paid,
		case_appeal_barred(t->appeal_rule, t->decision_outcome) };
	int state = case_state_parse(t->status);
	int e;
	size_t i;

	jw_arr(w, "actions");
	for (e = 0; state >= 0 && e < EV__COUNT; e++) {
		bool own = false;
		for (i = 0; i < sizeof(org) / sizeof(org[0]); i++)
			own = own || org[i] == (enum case_event)e;
		/* the organisation withdraws through its own route; the reminder job makes a report due */
		if (own != !staff || e == EV_WITHDRAW || e == EV_REPORT_DUE)
			continue;
		if (case_next((enum case_state)state, (enum case_event)e, &ctx) >= 0)
			jw_str(w, NULL, case_event_name((enum case_event)e));
	}
	jw_end(w);
}

/* appeal_deadline (ISO UTC, or null before a letter) and audit_required, measured as the letter
 * and the report check measure it (db_scheme_audit_base) */
static enum db_status
case_deadlines(struct jw *w, int64_t case_id, const struct db_case_times *t)
{
	int64_t base = 0;
	enum db_status s;
	char iso[32];
	/* no deadline where the call's appeal rule gives no appeal against the decision */
	if (t->letter_sent > 0 && !case_appeal_barred(t->appeal_rule, t->decision_outcome)) {
		time_t d = rules_appeal_deadline((time_t)t->letter_sent, (int)t->appeal_days);
		struct tm tm;
		gmtime_r(&d, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		jw_str(w, "appeal_deadline", iso);
	} else {
		jw_null(w, "appeal_deadline");
	}
	if ((s = db_scheme_audit_base(case_id, t->granted_amount, &base)) != DB_OK)
		return s;
	jw_bool(w, "audit_required", t->granted_amount > 0 && rules_audit_required(base, t->audit_threshold));
	return DB_OK;
}

enum case_outcome
case_view_staff(int64_t tenant_id, int64_t case_id, int64_t user_id, struct jw *w)
{
	struct db_case_times t;
	int declared;
	enum db_status s;

	if ((s = db_case_get(tenant_id, case_id, w)) != DB_OK || (s = db_case_extras(case_id, true, w, &t)) != DB_OK ||
	    (s = db_impartiality(case_id, user_id, &declared)) != DB_OK)
		return case_outcome_of(s);
	case_actions(w, &t, true);
	if (declared < 0)
		jw_null(w, "my_impartiality");
	else
		jw_bool(w, "my_impartiality", declared == 1);
	return case_outcome_of(case_deadlines(w, case_id, &t));
}

enum case_outcome
case_view_org(int64_t app_id, struct jw *w)
{
	struct db_case_times t;
	enum db_status s;

	jw_int(w, "id", app_id);
	if ((s = db_case_extras(app_id, false, w, &t)) != DB_OK)
		return case_outcome_of(s);
	jw_str(w, "status", t.status);
	case_actions(w, &t, false);
	return case_outcome_of(case_deadlines(w, app_id, &t));
}

struct case_log_each {
	case_log_fn fn;
	void *arg;
};

static int
case_log_rec(void *arg, const void *rec)
{
	const struct case_log_each *l = arg;
	const struct db_event *e = rec;
	struct case_log_entry v = { e->at, e->event, e->by, e->detail };
	return l->fn(l->arg, &v);
}

enum case_outcome
case_log(int64_t tenant_id, int64_t case_id, char reference[CASE_REFERENCE_CAP], case_log_fn fn, void *arg)
{
	struct case_log_each l = { fn, arg };
	struct db_case_ref ref;
	enum db_status s = db_case_log(tenant_id, case_id, &ref, case_log_rec, &l);

	utf8_copy(reference, s == DB_OK ? ref.reference : "", CASE_REFERENCE_CAP);
	return case_outcome_of(s);
}

struct case_crit {
	const char *const *names;
	size_t n;
	bool *known;
};

static int
case_crit_row(void *arg, const char *criterion)
{
	struct case_crit *c = arg;
	size_t i;
	for (i = 0; i < c->n; i++)
		c->known[i] = c->known[i] || (c->names[i] && strcmp(c->names[i], criterion) == 0);
	return 0;
}

void
case_criteria_known(int64_t case_id, const char *const *names, size_t n, bool *known)
{
	struct case_crit c = { names, n, known };

	memset(known, 0, n * sizeof(*known));
	if (db_case_criteria(case_id, case_crit_row, &c) != DB_OK)
		memset(known, 0, n * sizeof(*known));
}

struct case_assign_tx {
	int64_t tenant_id, case_id, by_user, user_id;
};

static enum db_status
case_assign_tx(void *arg)
{
	struct case_assign_tx *t = arg;
	char detail[48];
	enum db_status s = db_case_assign(t->tenant_id, t->case_id, t->user_id);
	if (s != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "to user %lld", (long long)t->user_id);
	return db_event_add(t->case_id, t->by_user, "assigned", detail);
}

enum case_outcome
case_assign(int64_t tenant_id, int64_t case_id, int64_t by_user, int64_t user_id)
{
	struct case_assign_tx t = { tenant_id, case_id, by_user, user_id };
	enum db_status s = db_tx(case_assign_tx, &t);
	struct db_case_ref c;

	if (s != DB_NOTFOUND)
		return case_outcome_of(s);
	/* the case is the tenant's: then it is the person who is not one of its caseworkers */
	return db_case_ref(tenant_id, case_id, &c) == DB_OK ? CO_INVALID : CO_NOT_FOUND;
}

struct case_declare_tx {
	int64_t tenant_id, case_id, user_id;
	bool impartial;
	const char *reason;
};

static enum db_status
case_declare_tx(void *arg)
{
	struct case_declare_tx *t = arg;
	struct db_case_lock c;
	enum db_status s;
	if ((s = db_case_lock(t->tenant_id, t->case_id, &c)) != DB_OK)
		return s;
	if ((s = db_impartiality_set(t->case_id, t->user_id, t->impartial, t->reason)) != DB_OK)
		return s;
	return db_event_add(t->case_id, t->user_id, t->impartial ? "declared_impartial" : "recused", t->reason);
}

enum case_outcome
case_declare(int64_t tenant_id, int64_t case_id, int64_t user_id, bool impartial, const char *reason)
{
	struct case_declare_tx t = { tenant_id, case_id, user_id, impartial, reason };
	return case_outcome_of(db_tx(case_declare_tx, &t));
}

enum case_outcome
case_call_budget(int64_t tenant_id, int64_t call_id, struct jw *w)
{
	return case_outcome_of(db_call_budget(tenant_id, call_id, w));
}

enum case_outcome
case_tenant_budgets(int64_t tenant_id, struct jw *w)
{
	return case_outcome_of(db_tenant_budgets(tenant_id, w));
}

enum case_outcome
case_appeals(int64_t tenant_id, bool open_only, struct jw *w)
{
	char kind[16];
	enum db_status s;

	if ((s = db_tenant_kind(tenant_id, kind)) == DB_OK)
		s = db_appeals_tenant(tenant_id, strcmp(kind, "directorate") == 0, open_only, w);
	return case_outcome_of(s);
}

enum case_outcome
case_payments(int64_t tenant_id, enum case_payments_which which, struct jw *w)
{
	return case_outcome_of(db_payments_tenant(tenant_id, (int)which, w));
}

struct case_pay_each {
	case_payment_fn fn;
	void *arg;
};

static int
case_pay_rec(void *arg, const void *rec)
{
	const struct case_pay_each *e = arg;
	const struct db_payment *d = rec;
	struct case_payment v = { d->application_id, d->term, d->amount, d->reference, d->organisation, d->orgnr,
		d->due_date, d->paid_at };
	return e->fn(e->arg, &v);
}

enum case_outcome
case_payments_each(int64_t tenant_id, enum case_payments_which which, case_payment_fn fn, void *arg)
{
	struct case_pay_each e = { fn, arg };
	return case_outcome_of(db_payments_tenant_each(tenant_id, (int)which, case_pay_rec, &e));
}
