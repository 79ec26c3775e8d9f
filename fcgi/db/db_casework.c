/*
 * db_casework.c - assessment, comments, letters, payments, appeals, reports, change requests and
 * reminders (see db_casework.h).
 */
#include "db/db_casework.h"

#include "db/db_apps.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

/* the first row of a one-row query as an object, or null when there is none */
static json_t *
db_first_or_null(json_t *rows)
{
	json_t *o = json_array_size(rows) > 0 ? json_incref(json_array_get(rows, 0)) : json_null();
	json_decref(rows);
	return o;
}

struct db_detail {
	json_t *c;
	struct db_case_times *t;
	bool staff, found;
};

static void
db_set_str(json_t *o, const char *key, const struct db_row *row, unsigned col)
{
	json_object_set_new(o, key, db_row_isnull(row, col) ? json_null() : json_stringn(db_row_str(row, col),
	    db_row_len(row, col)));
}

static void
db_set_int(json_t *o, const char *key, const struct db_row *row, unsigned col)
{
	json_object_set_new(o, key, db_row_isnull(row, col) ? json_null() : json_integer(db_row_int(row, col)));
}

static void
db_set_time(json_t *o, const char *key, const struct db_row *row, unsigned col)
{
	struct valid_datetime dt;
	char iso[32];
	if (!db_row_datetime(row, col, &dt)) {
		json_object_set_new(o, key, json_null());
		return;
	}
	snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second);
	json_object_set_new(o, key, json_string(iso));
}

#define DB_DETAIL(name) DB_COL(CASE_DETAIL, name)

/* the call's criteria (a JSON array) from a row of CASE_DETAIL: an empty array when there are none */
static json_t *
db_criteria(const struct db_row *row)
{
	unsigned col = DB_DETAIL(criteria);
	json_t *crit = db_row_isnull(row, col) ? NULL : json_loadb(db_row_str(row, col), db_row_len(row, col), 0, NULL);
	if (json_is_array(crit))
		return crit;
	json_decref(crit);
	return json_array();
}

/* the recommendation and the decision (staff only) */
static void
db_detail_staff(json_t *c, const struct db_row *row)
{
	json_t *r;
	if (db_row_isnull(row, DB_DETAIL(recommended_by))) {
		json_object_set_new(c, "recommendation", json_null());
	} else {
		r = json_object();
		db_set_int(r, "by_id", row, DB_DETAIL(recommended_by));
		db_set_str(r, "by", row, DB_DETAIL(recommended_by_name));
		db_set_int(r, "amount", row, DB_DETAIL(recommended_amount));
		db_set_str(r, "reasons", row, DB_DETAIL(recommendation));
		json_object_set_new(c, "recommendation", r);
	}
	if (db_row_isnull(row, DB_DETAIL(decided_at))) {
		json_object_set_new(c, "decision", json_null());
	} else {
		r = json_object();
		db_set_str(r, "by", row, DB_DETAIL(decided_by_name));
		db_set_int(r, "amount", row, DB_DETAIL(granted_amount));
		db_set_str(r, "reasons", row, DB_DETAIL(decision_reasons));
		db_set_time(r, "decided_at", row, DB_DETAIL(decided_at));
		json_object_set_new(c, "decision", r);
	}
	json_object_set_new(c, "criteria", db_criteria(row));
}

static int
db_detail_row(void *arg, const struct db_row *row)
{
	struct db_detail *d = arg;
	json_t *c = d->c;

	d->found = true;
	db_row_into(row, d->t);
	d->t->granted_amount = db_row_isnull(row, DB_DETAIL(granted_amount)) ? -1 :
	    db_row_int(row, DB_DETAIL(granted_amount));
	db_set_int(c, "granted_amount", row, DB_DETAIL(granted_amount));
	db_set_str(c, "report_due", row, DB_DETAIL(report_due));
	db_set_int(c, "reclaim_amount", row, DB_DETAIL(reclaim_amount));
	db_set_time(c, "accepted_at", row, DB_DETAIL(accepted_at));
	if (d->staff)
		db_detail_staff(c, row);
	return 0;
}

enum db_status
db_case_extras(int64_t case_id, bool staff, json_t *c, struct db_case_times *t)
{
	struct db_param p[] = { DB_INT(case_id) };
	struct db_detail d = { c, t, staff, false };
	json_t *v = NULL;
	enum db_status s;

	memset(t, 0, sizeof(*t));
	if ((s = db_query(DB_STMT_CASE_DETAIL, p, 1, db_detail_row, &d)) != DB_OK)
		return s;
	if (!d.found)
		return DB_NOTFOUND;
#define DB_ADD(key, stmt)                                         \
	do {                                                      \
		if ((s = db_query_json(stmt, p, 1, &v)) != DB_OK) \
			return s;                                 \
		json_object_set_new(c, key, v);                   \
	} while (0)
	DB_ADD("letters", DB_STMT_LETTER_LIST);
	DB_ADD("payments", DB_STMT_PAYMENT_LIST);
	DB_ADD("appeals", DB_STMT_APPEAL_LIST);
	DB_ADD("change_requests", DB_STMT_CR_LIST);
	if ((s = db_query_json(DB_STMT_REPORT_GET, p, 1, &v)) != DB_OK)
		return s;
	json_object_set_new(c, "report", db_first_or_null(v));
	if (!staff)
		return DB_OK;
	if ((s = db_query_json(DB_STMT_ASSESSMENT_GET, p, 1, &v)) != DB_OK)
		return s;
	json_object_set_new(c, "assessment", db_first_or_null(v));
	DB_ADD("comments", DB_STMT_COMMENT_LIST);
	DB_ADD("impartiality", DB_STMT_IMPARTIAL_LIST);
#undef DB_ADD
	return DB_OK;
}

enum db_status
db_assessment_set(int64_t case_id, const char *scores, const char *eligibility, int64_t user_id)
{
	struct db_param p[] = { DB_INT(case_id), DB_STR(scores), DB_STR(eligibility), DB_INT(user_id) };
	return db_exec(DB_STMT_ASSESSMENT_SET, p, 4, NULL, NULL);
}

static int
db_criteria_row(void *arg, const struct db_row *row)
{
	json_t **out = arg;
	json_decref(*out);
	*out = db_criteria(row);
	return 0;
}

enum db_status
db_case_criteria(int64_t case_id, json_t **out)
{
	struct db_param p[] = { DB_INT(case_id) };
	*out = NULL;
	enum db_status s = db_query(DB_STMT_CASE_DETAIL, p, 1, db_criteria_row, out);
	if (s == DB_OK && *out == NULL)
		s = DB_NOTFOUND;
	if (s != DB_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return s;
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

static int
db_email_row(void *arg, const struct db_row *row)
{
	const char *email = db_row_str(row, DB_COL(ORG_NOTIFY, email));
	if (email)
		json_array_append_new((json_t *)arg, json_string(email));
	return 0;
}

enum db_status
db_org_notify(int64_t org_id, json_t **out)
{
	struct db_param p[] = { DB_INT(org_id) };
	enum db_status s;
	*out = json_array();
	if ((s = db_query(DB_STMT_ORG_NOTIFY, p, 1, db_email_row, *out)) != DB_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return s;
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
db_payments_tenant(int64_t tenant_id, int which, json_t **out)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(which), DB_INT(which), DB_INT(which) };
	return db_query_json(DB_STMT_PAYMENTS_TENANT, p, 4, out);
}

static int
db_paid_row(void *arg, const struct db_row *row)
{
	int64_t *paid = arg;
	paid[0] = db_row_int(row, DB_COL(CALL_PAID, paid));
	paid[1] = db_row_int(row, DB_COL(CALL_PAID, paid_A));
	paid[2] = db_row_int(row, DB_COL(CALL_PAID, paid_B));
	paid[3] = db_row_int(row, DB_COL(CALL_PAID, paid_C));
	paid[4] = db_row_int(row, DB_COL(CALL_PAID, paid_D));
	return 0;
}

enum db_status
db_call_paid(int64_t call_id, int64_t paid[5])
{
	struct db_param p[] = { DB_INT(call_id) };
	memset(paid, 0, 5 * sizeof(*paid));
	return db_query(DB_STMT_CALL_PAID, p, 1, db_paid_row, paid);
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
db_appeals_tenant(int64_t tenant_id, bool directorate, bool open_only, json_t **out)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(tenant_id), DB_INT(directorate), DB_INT(open_only) };
	return db_query_json(DB_STMT_APPEALS_TENANT, p, 4, out);
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

struct db_rem {
	struct db_reminder *out;
	size_t max, n;
};

static int
db_reminder_row(void *arg, const struct db_row *row)
{
	struct db_rem *r = arg;
	struct db_reminder *m;
	if (r->n >= r->max)
		return 0;
	m = &r->out[r->n++];
	memset(m, 0, sizeof(*m));
	db_row_into(row, m);
	return 0;
}

enum db_status
db_reminders_due(const char *today, struct db_reminder *out, size_t max, size_t *n)
{
	struct db_param p[] = { DB_STR(today), DB_STR(today) };
	struct db_rem r = { out, max, 0 };
	enum db_status s = db_query(DB_STMT_REMINDERS_DUE, p, 2, db_reminder_row, &r);
	*n = r.n;
	return s;
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
