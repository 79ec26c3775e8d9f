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

static int
db_first_int(void *arg, const struct db_row *row)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return 0;
}

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

static int
db_detail_row(void *arg, const struct db_row *row)
{
	struct db_detail *d = arg;
	json_t *c = d->c;

	d->found = true;
	d->t->letter_sent = db_row_int(row, 8);
	d->t->granted_amount = db_row_isnull(row, 5) ? -1 : db_row_int(row, 5);
	d->t->audit_threshold = db_row_int(row, 11);
	d->t->appeal_days = db_row_int(row, 12);
	utf8_copy(d->t->report_due, db_row_str(row, 9) ? db_row_str(row, 9) : "", sizeof(d->t->report_due));
	utf8_copy(d->t->status, db_row_str(row, 15) ? db_row_str(row, 15) : "", sizeof(d->t->status));
	db_set_int(c, "granted_amount", row, 5);
	db_set_str(c, "report_due", row, 9);
	db_set_int(c, "reclaim_amount", row, 13);
	db_set_time(c, "accepted_at", row, 14);
	if (!d->staff)
		return 0;
	if (db_row_isnull(row, 0)) {
		json_object_set_new(c, "recommendation", json_null());
	} else {
		json_t *r = json_object();
		db_set_int(r, "by_id", row, 0);
		db_set_str(r, "by", row, 1);
		db_set_int(r, "amount", row, 2);
		db_set_str(r, "reasons", row, 3);
		json_object_set_new(c, "recommendation", r);
	}
	if (db_row_isnull(row, 7)) {
		json_object_set_new(c, "decision", json_null());
	} else {
		json_t *r = json_object();
		db_set_str(r, "by", row, 4);
		db_set_int(r, "amount", row, 5);
		db_set_str(r, "reasons", row, 6);
		db_set_time(r, "decided_at", row, 7);
		json_object_set_new(c, "decision", r);
	}
	{
		json_t *crit = db_row_isnull(row, 10) ? NULL : json_loadb(db_row_str(row, 10), db_row_len(row, 10), 0, NULL);
		json_object_set_new(c, "criteria", json_is_array(crit) ? crit : json_array());
		if (crit && !json_is_array(crit))
			json_decref(crit);
	}
	return 0;
}

enum db_status
db_case_extras(int64_t case_id, bool staff, json_t *c, struct db_case_times *t)
{
	static const char *const letter_keys[] = { "id", "kind", "sent_at", "content", NULL };
	static const char *const pay_keys[] = { "term", "amount", "due_date", "paid_at", NULL };
	static const char *const appeal_keys[] = { "id", "filed_at", "reasons", "late", "status", "appeal_body", "handled_at",
		"handled_reasons", "ruled_at", "ruling_reasons", NULL };
	static const char *const report_keys[] = { "data", "submitted_at", "late", "review", "review_comment",
		"payback_amount", NULL };
	static const char *const cr_keys[] = { "id", "kind", "description", "requested_at", "status", "response",
		"decided_at", NULL };
	static const char *const assess_keys[] = { "scores", "eligibility", "assessed_by", "assessed_at", NULL };
	static const char *const comment_keys[] = { "id", "author", "body", "created_at", NULL };
	static const char *const imp_keys[] = { "user_id", "user", "impartial", "reason", "declared_at", NULL };
	struct db_param p[] = { DB_INT(case_id) };
	struct db_detail d = { c, t, staff, false };
	json_t *v = NULL;
	enum db_status s;

	memset(t, 0, sizeof(*t));
	if ((s = db_query(DB_STMT_CASE_DETAIL, p, 1, db_detail_row, &d)) != DB_OK)
		return s;
	if (!d.found)
		return DB_NOTFOUND;
#define DB_ADD(key, stmt, keys, types)                                        \
	do {                                                                  \
		if ((s = db_query_json(stmt, p, 1, keys, types, &v)) != DB_OK) \
			return s;                                             \
		json_object_set_new(c, key, v);                               \
	} while (0)
	DB_ADD("letters", DB_STMT_LETTER_LIST, letter_keys, "istj");
	DB_ADD("payments", DB_STMT_PAYMENT_LIST, pay_keys, "iist");
	DB_ADD("appeals", DB_STMT_APPEAL_LIST, appeal_keys, "itsbsststs");
	DB_ADD("change_requests", DB_STMT_CR_LIST, cr_keys, "isstsst");
	if ((s = db_query_json(DB_STMT_REPORT_GET, p, 1, report_keys, "jtbssi", &v)) != DB_OK)
		return s;
	json_object_set_new(c, "report", db_first_or_null(v));
	if (!staff)
		return DB_OK;
	if ((s = db_query_json(DB_STMT_ASSESSMENT_GET, p, 1, assess_keys, "jjst", &v)) != DB_OK)
		return s;
	json_object_set_new(c, "assessment", db_first_or_null(v));
	DB_ADD("comments", DB_STMT_COMMENT_LIST, comment_keys, "isst");
	DB_ADD("impartiality", DB_STMT_IMPARTIAL_LIST, imp_keys, "isbst");
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
	json_t *crit = db_row_isnull(row, 10) ? NULL : json_loadb(db_row_str(row, 10), db_row_len(row, 10), 0, NULL);
	json_decref(*out);
	*out = json_is_array(crit) ? crit : json_array();
	if (crit && !json_is_array(crit))
		json_decref(crit);
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

static void
db_copy(char *dst, size_t len, const struct db_row *row, unsigned col)
{
	utf8_copy(dst, db_row_str(row, col) ? db_row_str(row, col) : "", len);
}

static int
db_facts_row(void *arg, const struct db_row *row)
{
	struct db_letter_facts *f = arg;
	db_copy(f->reference, sizeof(f->reference), row, 0);
	db_copy(f->tenant, sizeof(f->tenant), row, 1);
	db_copy(f->tenant_kind, sizeof(f->tenant_kind), row, 2);
	db_copy(f->organisation, sizeof(f->organisation), row, 3);
	db_copy(f->orgnr, sizeof(f->orgnr), row, 4);
	db_copy(f->title, sizeof(f->title), row, 5);
	f->applied_amount = db_row_int(row, 6);
	f->granted_amount = db_row_isnull(row, 7) ? -1 : db_row_int(row, 7);
	db_copy(f->reasons, sizeof(f->reasons), row, 8);
	db_copy(f->signed_by, sizeof(f->signed_by), row, 9);
	db_copy(f->summary, sizeof(f->summary), row, 10);
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
	if (db_row_str(row, 0))
		json_array_append_new((json_t *)arg, json_string(db_row_str(row, 0)));
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
	static const char *const keys[] = { "application_id", "reference", "organisation", "orgnr", "term", "amount",
		"due_date", "paid_at", NULL };
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(which), DB_INT(which), DB_INT(which) };
	return db_query_json(DB_STMT_PAYMENTS_TENANT, p, 4, keys, "isssiist", out);
}

static int
db_paid_row(void *arg, const struct db_row *row)
{
	int64_t *paid = arg;
	unsigned i;
	for (i = 0; i < 5; i++)
		paid[i] = db_row_int(row, i);
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
	if ((s = db_query(DB_STMT_APPEAL_OPEN, p, 1, db_first_int, id)) != DB_OK)
		return s;
	return *id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_appeal_handle(int64_t id, const char *status, const char *body, int64_t user_id, const char *reasons)
{
	struct db_param p[] = { DB_STR(status), DB_STR_OR_NULL(body), DB_INT(user_id), DB_STR_OR_NULL(reasons), DB_INT(id) };
	return db_exec(DB_STMT_APPEAL_HANDLE, p, 5, NULL, NULL);
}

static int
db_appeal_lock_row(void *arg, const struct db_row *row)
{
	struct db_appeal_lock *a = arg;
	a->case_id = db_row_int(row, 0);
	a->tenant_id = db_row_int(row, 1);
	db_copy(a->status, sizeof(a->status), row, 2);
	db_copy(a->body, sizeof(a->body), row, 3);
	return 0;
}

enum db_status
db_appeal_lock(int64_t id, struct db_appeal_lock *out)
{
	struct db_param p[] = { DB_INT(id) };
	enum db_status s;
	memset(out, 0, sizeof(*out));
	if ((s = db_query(DB_STMT_APPEAL_LOCK, p, 1, db_appeal_lock_row, out)) != DB_OK)
		return s;
	return out->case_id ? DB_OK : DB_NOTFOUND;
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
	static const char *const keys[] = { "id", "application_id", "reference", "tenant", "tenant_slug", "organisation",
		"title", "filed_at", "late", "status", "appeal_body", "reasons", "applied_amount", "granted_amount",
		"decision_reasons", "handled_reasons", "own", NULL };
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(tenant_id), DB_INT(directorate), DB_INT(open_only) };
	return db_query_json(DB_STMT_APPEALS_TENANT, p, 4, keys, "iissssstbsssiissb", out);
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
	return db_query(DB_STMT_ATT_HAS_KIND, p, 2, db_first_int, n);
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
	m->case_id = db_row_int(row, 0);
	db_copy(m->reference, sizeof(m->reference), row, 1);
	db_copy(m->report_due, sizeof(m->report_due), row, 2);
	m->org_id = db_row_int(row, 3);
	m->tenant_id = db_row_int(row, 4);
	m->sent = db_row_int(row, 5);
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
	utf8_copy(arg, db_row_str(row, 0) ? db_row_str(row, 0) : "", 16);
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
