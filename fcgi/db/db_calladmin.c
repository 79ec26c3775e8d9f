/*
 * db_calladmin.c - a tenant's calls with every rule, their earmarks, contacts and log, the
 * tenant's contacts, allocations and the submission's share lock (see db_calladmin.h).
 */
#include "db/db_calladmin.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
db_ca_call_free(struct db_ca_call *c)
{
	if (!c)
		return;
	free(c->description);
	free(c->criteria);
	free(c->reception_criteria);
	c->description = c->criteria = c->reception_criteria = NULL;
}

struct db_ca_scheme_out {
	int64_t *id;
	char *kind, *name;
};

static int
db_ca_scheme_row(void *arg, const struct db_row *row)
{
	struct db_ca_scheme_out *o = arg;
	const char *k = db_row_str(row, DB_COL(CA_SCHEME, kind)), *n = db_row_str(row, DB_COL(CA_SCHEME, name));

	*o->id = db_row_int(row, DB_COL(CA_SCHEME, id));
	utf8_copy(o->kind, k ? k : "", 16);
	utf8_copy(o->name, n ? n : "", TEXT_CAP(255));
	return 0;
}

enum db_status
db_ca_scheme(const char *code, int64_t *id, char kind[16], char name[TEXT_CAP(255)])
{
	struct db_param p[] = { DB_STR(code) };
	struct db_ca_scheme_out o = { id, kind, name };
	enum db_status s;

	*id = 0;
	if ((s = db_query(DB_STMT_CA_SCHEME, p, 1, db_ca_scheme_row, &o)) != DB_OK)
		return s;
	return *id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_ca_call_get(int64_t tenant_id, int64_t id, bool lock, struct db_ca_call *out)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(id) };
	enum db_status s;
	int64_t found = 0;

	memset(out, 0, sizeof(*out));
	if (lock) {
		if ((s = db_query_int(DB_STMT_CA_CALL_LOCK, p, 2, &found)) != DB_OK)
			return s;
		if (found == 0)
			return DB_NOTFOUND;
	}
	return db_query_one(DB_STMT_CA_CALL_GET, p, 2, out);
}

enum db_status
db_ca_call_any(int64_t id, struct db_ca_call *out)
{
	struct db_param p[] = { DB_INT(id) };
	int64_t tenant_id = 0;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = db_query_int(DB_STMT_CA_CALL_TENANT, p, 1, &tenant_id)) != DB_OK)
		return s;
	return tenant_id ? db_ca_call_get(tenant_id, id, false, out) : DB_NOTFOUND;
}

struct db_ca_each {
	db_ca_call_fn fn;
	void *arg;
};

static int
db_ca_each_rec(void *arg, const void *rec)
{
	struct db_ca_each *e = arg;
	struct db_ca_call *c = (struct db_ca_call *)rec;
	int r = e->fn(e->arg, c);

	db_ca_call_free(c);
	return r;
}

enum db_status
db_ca_calls_each(int64_t tenant_id, int64_t year, db_ca_call_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_ID_OR_NULL(year), DB_ID_OR_NULL(year) };
	struct db_ca_each e = { fn, arg };
	struct db_ca_call rec;

	return db_query_each(DB_STMT_CA_CALL_LIST, p, 3, &rec, sizeof(rec), db_ca_each_rec, &e);
}

/* "YYYY-MM-DDTHH:MM" as the DATETIME "YYYY-MM-DD HH:MM:00" into out (20 bytes). */
static const char *
db_ca_datetime(const char *local, char out[20])
{
	snprintf(out, 20, "%.10s %.5s:00", local, strlen(local) >= 16 ? local + 11 : "00:00");
	return out;
}

#define DB_CA_STR_OR_NULL(s) ((s)[0] ? DB_STR(s) : DB_NULLP)

/* The rules in the order of SQL_CA_FIELDS, then last (tenant_id or id). */
static void
db_ca_params(const struct db_ca_call *c, int64_t last, char opens[20], char deadline[20], struct db_param *p)
{
	struct db_param v[] = {
		DB_INT(c->scheme_id), DB_INT(c->year), DB_STR(c->title), DB_STR(c->description ? c->description : ""),
		DB_STR_OR_NULL(c->criteria), DB_STR_OR_NULL(c->reception_criteria), DB_STR(db_ca_datetime(c->opens, opens)),
		DB_STR(db_ca_datetime(c->deadline, deadline)), DB_INT(c->min_amount), DB_INT(c->max_amount),
		c->no_frame ? DB_NULLP : DB_INT(c->budget_frame),
		c->no_min_participants ? DB_NULLP : DB_INT(c->min_participants), DB_STR(c->sub_goals),
		DB_STR(c->applicant_kinds), DB_STR(c->required_attachments), DB_INT(c->requires_volunteer_register),
		DB_INT(c->requires_business_register), DB_INT(c->requires_local_activity),
		DB_INT(c->requires_local_members), DB_INT(c->requires_national_reach),
		DB_INT(c->requires_own_contribution), DB_INT(c->joint_applications), DB_INT(c->one_per_org),
		DB_INT(c->one_project), DB_STR(c->budget_rule), DB_STR(c->payment_rule), DB_STR(c->audit_scope),
		DB_STR(c->appeal_rule), DB_INT(c->max_years), DB_INT(c->split_threshold), DB_INT(c->audit_threshold),
		DB_INT(c->appeal_days), DB_CA_STR_OR_NULL(c->spring_due), DB_CA_STR_OR_NULL(c->autumn_due),
		DB_CA_STR_OR_NULL(c->report_due), DB_CA_STR_OR_NULL(c->status_report_due),
		DB_STR(strcmp(c->scheme_kind, "operating") == 0 ? "operating" : "activity"), DB_ID_OR_NULL(c->copied_from),
		DB_INT(last),
	};
	_Static_assert(sizeof(v) / sizeof(v[0]) == SQL_CA_NFIELDS + 1, "the fields of a call");
	memcpy(p, v, sizeof(v));
}

enum db_status
db_ca_insert(struct db_ca_call *c)
{
	struct db_param p[SQL_CA_NFIELDS + 1];
	char opens[20], deadline[20];
	uint64_t id = 0;
	enum db_status s;

	db_ca_params(c, c->tenant_id, opens, deadline, p);
	if ((s = db_exec(DB_STMT_CA_INSERT, p, SQL_CA_NFIELDS + 1, NULL, &id)) == DB_OK)
		c->id = (int64_t)id;
	return s;
}

enum db_status
db_ca_update(const struct db_ca_call *c)
{
	struct db_param p[SQL_CA_NFIELDS + 1];
	char opens[20], deadline[20];

	db_ca_params(c, c->id, opens, deadline, p);
	return db_exec(DB_STMT_CA_UPDATE, p, SQL_CA_NFIELDS + 1, NULL, NULL);
}

enum db_status
db_ca_set_earmarks(int64_t call_id, const char *earmarks)
{
	struct db_param p[3] = { DB_INT(call_id) };
	enum db_status s;
	const char *e = earmarks;
	char code[2] = { 0 };

	if ((s = db_exec(DB_STMT_CA_EARMARKS_CLEAR, p, 1, NULL, NULL)) != DB_OK)
		return s;
	while (e && *e && s == DB_OK) {
		long long amount = 0;
		code[0] = e[0];
		if (e[1] != ':' || sscanf(e + 2, "%lld", &amount) != 1)
			return DB_ERROR;
		p[1] = DB_STR(code);
		p[2] = DB_INT((int64_t)amount);
		s = db_exec(DB_STMT_CA_EARMARK_ADD, p, 3, NULL, NULL);
		e = strchr(e, ',');
		e = e ? e + 1 : NULL;
	}
	return s;
}

enum db_status
db_ca_set_contacts(int64_t tenant_id, int64_t call_id, const struct db_contact *c, size_t n)
{
	struct db_param p[6] = { DB_INT(call_id ? call_id : tenant_id) };
	enum db_status s;
	size_t i;

	s = db_exec(call_id ? DB_STMT_CA_CONTACTS_CLEAR : DB_STMT_TC_CONTACTS_CLEAR, p, 1, NULL, NULL);
	for (i = 0; i < n && s == DB_OK; i++) {
		p[1] = DB_INT((int64_t)i);
		p[2] = DB_STR(c[i].name);
		p[3] = DB_STR(c[i].role ? c[i].role : "");
		p[4] = DB_STR(c[i].email ? c[i].email : "");
		p[5] = DB_STR(c[i].phone ? c[i].phone : "");
		s = db_exec(call_id ? DB_STMT_CA_CONTACT_ADD : DB_STMT_TC_CONTACT_ADD, p, 6, NULL, NULL);
	}
	return s;
}

struct db_ca_contacts {
	db_contact_fn fn;
	void *arg;
};

static int
db_ca_contact_rec(void *arg, const void *rec)
{
	const struct db_contact_row *r = rec;
	struct db_ca_contacts *e = arg;
	struct db_contact c = { r->name, r->role, r->email, r->phone };

	return e->fn(e->arg, &c);
}

enum db_status
db_ca_contacts_each(int64_t tenant_id, int64_t call_id, db_contact_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(call_id ? call_id : tenant_id) };
	struct db_ca_contacts e = { fn, arg };
	struct db_contact_row rec;

	return db_query_each(call_id ? DB_STMT_CA_CONTACTS : DB_STMT_TC_CONTACTS, p, 1, &rec, sizeof(rec),
	    db_ca_contact_rec, &e);
}

enum db_status
db_ca_contacts_public(int64_t call_id, struct jw *w, const char *key)
{
	struct db_param p[] = { DB_INT(call_id), DB_INT(call_id), DB_INT(call_id) };

	return db_query_jw_arr(DB_STMT_CA_PUBLIC_CONTACTS, p, 3, w, key);
}

enum db_status
db_ca_event(int64_t call_id, int64_t tenant_id, const char *kind, const char *detail, int64_t user_id)
{
	struct db_param p[] = { DB_INT(call_id), DB_INT(tenant_id), DB_STR(kind), DB_STR_OR_NULL(detail),
		DB_ID_OR_NULL(user_id) };

	return db_exec(DB_STMT_CA_EVENT, p, 5, NULL, NULL);
}

/* A statement that must change one row: DB_CONFLICT when it changed none. */
static enum db_status
db_ca_one(enum db_stmt id, const struct db_param *p, size_t n)
{
	uint64_t affected = 0;
	enum db_status s = db_exec(id, p, n, &affected, NULL);

	return s == DB_OK && affected == 0 ? DB_CONFLICT : s;
}

enum db_status
db_ca_publish(int64_t call_id, int64_t user_id)
{
	struct db_param p[] = { DB_ID_OR_NULL(user_id), DB_INT(call_id) };
	return db_ca_one(DB_STMT_CA_PUBLISH, p, 2);
}

enum db_status
db_ca_delete(int64_t call_id)
{
	struct db_param p[] = { DB_INT(call_id) };
	return db_ca_one(DB_STMT_CA_DELETE, p, 1);
}

enum db_status
db_ca_set_deadline(int64_t call_id, const char *deadline)
{
	char dt[20];
	struct db_param p[] = { DB_STR(db_ca_datetime(deadline, dt)), DB_INT(call_id) };

	return db_exec(DB_STMT_CA_DEADLINE, p, 2, NULL, NULL);
}

struct db_ca_alloc {
	bool *has;
	int64_t *amount, *others;
};

static int
db_ca_alloc_row(void *arg, const struct db_row *row)
{
	struct db_ca_alloc *a = arg;

	*a->has = !db_row_isnull(row, DB_COL(CA_ALLOCATION, amount));
	*a->amount = db_row_int(row, DB_COL(CA_ALLOCATION, amount));
	*a->others = db_row_int(row, DB_COL(CA_ALLOCATION, others));
	return 0;
}

enum db_status
db_ca_allocation(int64_t tenant_id, int64_t scheme_id, int64_t year, int64_t call_id, bool *has, int64_t *amount,
    int64_t *others)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(scheme_id), DB_INT(year), DB_INT(tenant_id),
		DB_INT(scheme_id), DB_INT(year), DB_INT(call_id) };
	struct db_ca_alloc a = { has, amount, others };

	*has = false;
	*amount = *others = 0;
	return db_query(DB_STMT_CA_ALLOCATION, p, 7, db_ca_alloc_row, &a);
}

/* Two string columns given to a function of two strings (the people, the goal names). */
struct db_ca_pair {
	int (*fn)(void *arg, const char *a, const char *b);
	void *arg;
};

static int
db_ca_pair_row(void *arg, const struct db_row *row)
{
	struct db_ca_pair *pr = arg;
	const char *a = db_row_str(row, 0), *b = db_row_str(row, 1);

	return pr->fn(pr->arg, a ? a : "", b ? b : "");
}

enum db_status
db_ca_draft_people(int64_t call_id, db_ca_email_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(call_id) };
	struct db_ca_pair pr = { fn, arg };

	return db_query(DB_STMT_CA_DRAFT_PEOPLE, p, 1, db_ca_pair_row, &pr);
}

enum db_status
db_ca_goals(db_ca_goal_fn fn, void *arg)
{
	struct db_ca_pair pr = { fn, arg };

	return db_query(DB_STMT_CA_GOALS, NULL, 0, db_ca_pair_row, &pr);
}

/* A statement of one id: DB_NOTFOUND when it gives none. */
static enum db_status
db_ca_exists(enum db_stmt id, int64_t v)
{
	struct db_param p[] = { DB_INT(v) };
	int64_t found = 0;
	enum db_status s = db_query_int(id, p, 1, &found);

	return s == DB_OK && found == 0 ? DB_NOTFOUND : s;
}

enum db_status
db_ca_submit_lock(int64_t app_id)
{
	return db_ca_exists(DB_STMT_CA_SUBMIT_LOCK, app_id);
}

enum db_status
db_ca_published(int64_t call_id)
{
	return db_ca_exists(DB_STMT_CA_PUBLISHED, call_id);
}
