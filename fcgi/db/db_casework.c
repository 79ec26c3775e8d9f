/*
 * db_casework.c - assessment, comments, letters, payments, appeals, reports, change requests and
 * reminders (see db_casework.h).
 */
#include "db/db_casework.h"

#include "db/db_apps.h"
#include "db/db_rows.h"
#include "core/jw.h"
#include "core/util.h"
#include "core/utf8.h"

#include <string.h>

struct db_detail {
	struct jw *w;
	struct db_case_times *t;
	bool staff, found;
};

#define DB_DETAIL(name) DB_COL(CASE_DETAIL, name)

/* An object of some columns of the row under key, each under its own key; null when the column
 * present is NULL. */
struct db_sub {
	const char *key;
	unsigned col;
};

static void
db_detail_sub(struct jw *w, const char *key, unsigned present, const struct db_row *row, const struct db_sub *sub,
    size_t n)
{
	size_t i;
	if (db_row_isnull(row, present)) {
		jw_null(w, key);
		return;
	}
	jw_obj(w, key);
	for (i = 0; i < n; i++)
		db_row_jw(w, sub[i].key, row, sub[i].col);
	jw_end(w);
}

/* the recommendation and the decision (null before there is one), and the call's criteria (an
 * array: empty when the call has none) (staff only) */
static void
db_detail_staff(struct jw *w, const struct db_row *row)
{
	static const struct db_sub rec[] = {
		{ "by_id", DB_DETAIL(recommended_by) }, { "by", DB_DETAIL(recommended_by_name) },
		{ "amount", DB_DETAIL(recommended_amount) }, { "reasons", DB_DETAIL(recommendation) },
		{ "outcome", DB_DETAIL(recommended_outcome) },
	};
	static const struct db_sub dec[] = {
		{ "by", DB_DETAIL(decided_by_name) }, { "amount", DB_DETAIL(granted_amount) },
		{ "reasons", DB_DETAIL(decision_reasons) }, { "decided_at", DB_DETAIL(decided_at) },
		{ "outcome", DB_DETAIL(decision_outcome) },
	};
	db_detail_sub(w, "recommendation", DB_DETAIL(recommended_by), row, rec, sizeof(rec) / sizeof(rec[0]));
	db_detail_sub(w, "decision", DB_DETAIL(decided_at), row, dec, sizeof(dec) / sizeof(dec[0]));
	/* a JSON array by the calls table's CHECK, or NULL */
	if (db_row_isnull(row, DB_DETAIL(criteria))) {
		jw_arr(w, "criteria");
		jw_end(w);
	} else {
		db_row_jw(w, NULL, row, DB_DETAIL(criteria));
	}
}

static int
db_detail_row(void *arg, const struct db_row *row)
{
	struct db_detail *d = arg;

	if (d->found)
		return 0;
	d->found = true;
	db_row_into(row, d->t);
	d->t->granted_amount = db_row_isnull(row, DB_DETAIL(granted_amount)) ? -1 :
	    db_row_int(row, DB_DETAIL(granted_amount));
	db_row_jw(d->w, NULL, row, DB_DETAIL(granted_amount));
	db_row_jw(d->w, NULL, row, DB_DETAIL(report_due));
	db_row_jw(d->w, NULL, row, DB_DETAIL(reclaim_amount));
	db_row_jw(d->w, NULL, row, DB_DETAIL(accepted_at));
	if (d->staff)
		db_detail_staff(d->w, row);
	return 0;
}

/* the lists of the case, each under its key (one: an object or null) */
struct db_part {
	const char *key;
	enum db_stmt stmt;
	bool one, staff_only;
};

enum db_status
db_case_extras(int64_t case_id, bool staff, struct jw *w, struct db_case_times *t)
{
	static const struct db_part parts[] = {
		{ "letters", DB_STMT_LETTER_LIST, false, false },
		{ "payments", DB_STMT_PAYMENT_LIST, false, false },
		{ "appeals", DB_STMT_APPEAL_LIST, false, false },
		{ "change_requests", DB_STMT_CR_LIST, false, false },
		{ "report", DB_STMT_REPORT_GET, true, false },
		{ "assessment", DB_STMT_ASSESSMENT_GET, true, true },
		{ "comments", DB_STMT_COMMENT_LIST, false, true },
		{ "impartiality", DB_STMT_IMPARTIAL_LIST, false, true },
	};
	struct db_param p[] = { DB_INT(case_id) };
	struct db_detail d = { w, t, staff, false };
	enum db_status s;
	size_t i;

	memset(t, 0, sizeof(*t));
	if ((s = db_query(DB_STMT_CASE_DETAIL, p, 1, db_detail_row, &d)) != DB_OK)
		return s;
	if (!d.found)
		return DB_NOTFOUND;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].staff_only && !staff)
			continue;
		s = parts[i].one ? db_query_jw_one(parts[i].stmt, p, 1, w, parts[i].key) :
		    db_query_jw_arr(parts[i].stmt, p, 1, w, parts[i].key);
		if (s != DB_OK)
			return s;
	}
	return DB_OK;
}

enum db_status
db_assessment_set(int64_t case_id, const char *scores, const char *eligibility, int64_t user_id)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(scores), DB_STR(eligibility), DB_INT(user_id) };
	return db_exec(DB_STMT_ASSESSMENT_SET, p, 4, NULL, NULL);
}

struct db_crit {
	int (*fn)(void *arg, const char *criterion);
	void *arg;
};

static int
db_crit_rec(void *arg, const void *rec)
{
	const struct db_crit *c = arg;
	return c->fn(c->arg, ((const struct db_criterion *)rec)->name);
}

enum db_status
db_case_criteria(int64_t case_id, int (*fn)(void *arg, const char *criterion), void *arg)
{
	struct db_param p[] = { DB_INT(case_id) };
	struct db_crit c = { fn, arg };
	struct db_criterion rec;
	return db_query_each(DB_STMT_CASE_CRITERIA, p, 1, &rec, sizeof(rec), db_crit_rec, &c);
}

enum db_status
db_comment_add(int64_t case_id, int64_t user_id, const char *body, int64_t *id)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(user_id), DB_STR(body) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_COMMENT_INSERT, p, 3, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

static int
db_facts_row(void *arg, const struct db_row *row)
{
	struct db_letter_facts *f = arg;
	db_row_into(row, f);
	f->granted_amount = db_row_isnull(row, DB_COL(LETTER_FACTS, granted_amount)) ? -1 :
	    db_row_int(row, DB_COL(LETTER_FACTS, granted_amount));
	return 0;
}

enum db_status
db_letter_facts(int64_t case_id, struct db_letter_facts *out)
{
	struct db_param p[] = { DB_INT(case_id) };
	enum db_status s;
	memset(out, 0, sizeof(*out));
	if ((s = db_query(DB_STMT_LETTER_FACTS, p, 1, db_facts_row, out)) != DB_OK)
		return s;
	return out->reference[0] ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_letter_add(int64_t case_id, const char *kind, const char *content, int64_t user_id)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(kind), DB_STR(content), DB_ID_OR_NULL(user_id) };
	return db_exec(DB_STMT_LETTER_INSERT, p, 4, NULL, NULL);
}

enum db_status
db_case_letter_sent(int64_t case_id, const char *status)
{
	struct db_param p[] = { DB_STR(status), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_LETTER_SENT, p, 2, NULL, NULL);
}

enum db_status
db_org_notify(int64_t org_id, struct db_notify out[DB_NOTIFY_MAX], size_t *n)
{
	struct db_param p[] = { DB_INT(org_id) };
	return db_query_all(DB_STMT_ORG_NOTIFY, p, 1, out, sizeof(*out), DB_NOTIFY_MAX, n);
}

enum db_status
db_payment_add(int64_t case_id, int term, int64_t amount, const char *due_date)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(term), DB_INT(amount), DB_STR(due_date) };
	return db_exec(DB_STMT_PAYMENT_INSERT, p, 4, NULL, NULL);
}

enum db_status
db_payment_pay(int64_t case_id, int term, int64_t user_id, uint64_t *paid)
{
	struct db_param p[] = { DB_INT(user_id), DB_INT(case_id), DB_INT(term) };
	return db_exec(DB_STMT_PAYMENT_PAY, p, 3, paid, NULL);
}

enum db_status
db_case_accept(int64_t case_id, const char *status, bool accepted, const char *report_due)
{
	struct db_param p[] = { DB_STR(status), DB_INT(accepted), DB_STR_OR_NULL(report_due), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_ACCEPT, p, 4, NULL, NULL);
}

enum db_status
db_payments_tenant(int64_t tenant_id, int which, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(which), DB_INT(which), DB_INT(which) };
	return db_query_jw(DB_STMT_PAYMENTS_TENANT, p, 4, w);
}

enum db_status
db_payments_tenant_each(int64_t tenant_id, int which, db_rec_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(which), DB_INT(which), DB_INT(which) };
	struct db_payment rec;
	return db_query_each(DB_STMT_PAYMENTS_TENANT, p, 4, &rec, sizeof(rec), fn, arg);
}

enum db_status
db_appeal_add(int64_t case_id, int64_t tenant_id, int64_t user_id, const char *reasons, bool late, int64_t *id)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(tenant_id), DB_INT(user_id), DB_STR(reasons), DB_INT(late) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_APPEAL_INSERT, p, 5, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_appeal_open(int64_t case_id, int64_t *id)
{
	struct db_param p[] = { DB_INT(case_id) };
	enum db_status s;
	*id = 0;
	if ((s = db_query_int(DB_STMT_APPEAL_OPEN, p, 1, id)) != DB_OK)
		return s;
	return *id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_appeal_handle(int64_t id, const char *status, const char *body, int64_t user_id, const char *reasons)
{
	struct db_param p[] = { DB_STR(status), DB_STR_OR_NULL(body), DB_INT(user_id), DB_STR_OR_NULL(reasons), DB_INT(id) };
	return db_exec(DB_STMT_APPEAL_HANDLE, p, 5, NULL, NULL);
}

enum db_status
db_appeal_lock(int64_t id, struct db_appeal_lock *out)
{
	struct db_param p[] = { DB_INT(id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_APPEAL_LOCK, p, 1, out);
}

enum db_status
db_appeal_rule(int64_t id, const char *status, int64_t user_id, const char *reasons)
{
	struct db_param p[] = { DB_STR(status), DB_INT(user_id), DB_STR_OR_NULL(reasons), DB_INT(id) };
	return db_exec(DB_STMT_APPEAL_RULE, p, 4, NULL, NULL);
}

enum db_status
db_appeals_tenant(int64_t tenant_id, bool directorate, bool open_only, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(tenant_id), DB_INT(directorate), DB_INT(open_only) };
	return db_query_jw(DB_STMT_APPEALS_TENANT, p, 4, w);
}

enum db_status
db_case_reopen(int64_t case_id)
{
	struct db_param p[] = { DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_REOPEN, p, 1, NULL, NULL);
}

enum db_status
db_report_upsert(int64_t case_id, const char *data, int64_t user_id, bool late)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(data), DB_INT(user_id), DB_INT(late) };
	return db_exec(DB_STMT_REPORT_UPSERT, p, 4, NULL, NULL);
}

enum db_status
db_report_review(int64_t case_id, const char *review, int64_t user_id, const char *comment, int64_t payback)
{
	struct db_param p[] = { DB_STR(review), DB_INT(user_id), DB_STR_OR_NULL(comment),
		payback >= 0 ? DB_INT(payback) : DB_NULLP, DB_INT(case_id) };
	return db_exec(DB_STMT_REPORT_REVIEW, p, 5, NULL, NULL);
}

enum db_status
db_att_count_kind(int64_t case_id, const char *kind, int64_t *n)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(kind) };
	*n = 0;
	return db_query_int(DB_STMT_ATT_HAS_KIND, p, 2, n);
}

enum db_status
db_cr_add(int64_t case_id, const char *kind, const char *description, int64_t user_id, int64_t *id)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(kind), DB_STR(description), DB_INT(user_id) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_CR_INSERT, p, 4, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_cr_decide(int64_t cr_id, int64_t case_id, const char *status, int64_t user_id, const char *response, uint64_t *changed)
{
	struct db_param p[] = { DB_STR(status), DB_INT(user_id), DB_STR_OR_NULL(response), DB_INT(cr_id), DB_INT(case_id) };
	return db_exec(DB_STMT_CR_DECIDE, p, 5, changed, NULL);
}

enum db_status
db_case_reclaim(int64_t case_id, const char *status, int64_t amount)
{
	struct db_param p[] = { DB_STR(status), DB_INT(amount), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_RECLAIM, p, 3, NULL, NULL);
}

enum db_status
db_reminders_due(const char *today, struct db_reminder *out, size_t max, size_t *n)
{
	struct db_param p[] = { DB_STR(today), DB_STR(today) };
	return db_query_all(DB_STMT_REMINDERS_DUE, p, 2, out, sizeof(*out), max, n);
}

enum db_status
db_reminded(int64_t case_id, int64_t sent)
{
	struct db_param p[] = { DB_INT(sent), DB_INT(case_id) };
	return db_exec(DB_STMT_REMINDED, p, 2, NULL, NULL);
}

static int
db_kind_row(void *arg, const struct db_row *row)
{
	const char *kind = db_row_str(row, DB_COL(TENANT_KIND, kind));
	utf8_copy(arg, kind ? kind : "", 16);
	return 0;
}

enum db_status
db_tenant_kind(int64_t tenant_id, char out[16])
{
	struct db_param p[] = { DB_INT(tenant_id) };
	enum db_status s;
	out[0] = '\0';
	if ((s = db_query(DB_STMT_TENANT_KIND, p, 1, db_kind_row, out)) != DB_OK)
		return s;
	return out[0] ? DB_OK : DB_NOTFOUND;
}
