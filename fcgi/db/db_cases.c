/*
 * db_cases.c - the inbox (see db_cases.h).
 */
#include "db/db_cases.h"

#include "db/db_rows.h"
#include "core/jw.h"
#include "core/util.h"

#include <string.h>

/* The three count statements have the same columns: db_count_row reads them all. */
_Static_assert(DB_COL(INBOX_COUNTS_KEPT, n) == DB_COL(INBOX_COUNTS, n) &&
    DB_COL(INBOX_COUNTS_TEXT, n) == DB_COL(INBOX_COUNTS, n) &&
    DB_COL(INBOX_COUNTS_KEPT, status) == DB_COL(INBOX_COUNTS, status) &&
    DB_COL(INBOX_COUNTS_TEXT, status) == DB_COL(INBOX_COUNTS, status), "the inbox counts differ");

/* the counts: one key per status into the object open on w, and their sum */
struct db_counts {
	struct jw *w;
	int64_t total;
};

static int
db_count_row(void *arg, const struct db_row *row)
{
	struct db_counts *c = arg;
	const char *status = db_row_str(row, DB_COL(INBOX_COUNTS, status));
	int64_t n = db_row_int(row, DB_COL(INBOX_COUNTS, n));
	if (status) {
		jw_int(c->w, status, n);
		c->total += n;
	}
	return 0;
}

/* The search text for LIKE: '%', '_' and the escape character '!' each preceded by '!' (the
 * statements say ESCAPE '!'), so a text matches as written. NULL stays NULL; a text too long for
 * out is cut (the handler allows 100 bytes, which always fit). */
static const char *
db_like_escape(const char *text, char *out, size_t outlen)
{
	size_t n = 0;
	if (text == NULL)
		return NULL;
	for (; *text && n + 2 < outlen; text++) {
		if (*text == '%' || *text == '_' || *text == '!')
			out[n++] = '!';
		out[n++] = *text;
	}
	out[n] = '\0';
	return out;
}

enum db_status
db_inbox(const struct db_inbox_filter *f, struct jw *w, int64_t *total)
{
	char like[256];
	const char *text = db_like_escape(f->text, like, sizeof(like));
	/* each order has its statement */
	static const enum db_stmt stmts[DB_INBOX_SORT__COUNT] = {
		[DB_INBOX_SORT_SUBMITTED_DESC] = DB_STMT_INBOX_SUBMITTED_DESC, [DB_INBOX_SORT_SUBMITTED] = DB_STMT_INBOX_SUBMITTED,
		[DB_INBOX_SORT_AMOUNT] = DB_STMT_INBOX_AMOUNT, [DB_INBOX_SORT_AMOUNT_DESC] = DB_STMT_INBOX_AMOUNT_DESC,
		[DB_INBOX_SORT_TITLE] = DB_STMT_INBOX_TITLE, [DB_INBOX_SORT_TITLE_DESC] = DB_STMT_INBOX_TITLE_DESC,
		[DB_INBOX_SORT_ORG] = DB_STMT_INBOX_ORG, [DB_INBOX_SORT_ORG_DESC] = DB_STMT_INBOX_ORG_DESC,
	};
	enum db_stmt stmt = stmts[f->sort < DB_INBOX_SORT__COUNT ? f->sort : DB_INBOX_SORT_SUBMITTED_DESC];
	struct db_param p[19] = {
		DB_INT(f->tenant_id),
		f->call_id ? DB_INT(f->call_id) : DB_NULLP, f->call_id ? DB_INT(f->call_id) : DB_NULLP,
		DB_STR_OR_NULL(f->status), DB_STR_OR_NULL(f->status),
		DB_STR_OR_NULL(f->sub_goal), DB_STR_OR_NULL(f->sub_goal),
		f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP, f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP,
		f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP,
		f->min_amount >= 0 ? DB_INT(f->min_amount) : DB_NULLP, f->min_amount >= 0 ? DB_INT(f->min_amount) : DB_NULLP,
		f->max_amount >= 0 ? DB_INT(f->max_amount) : DB_NULLP, f->max_amount >= 0 ? DB_INT(f->max_amount) : DB_NULLP,
		DB_STR_OR_NULL(text), DB_STR_OR_NULL(text), DB_STR_OR_NULL(text),
	};
	struct db_counts c = { w, 0 };
	enum db_status s;

	p[17] = DB_INT(f->per_page);
	p[18] = DB_INT((f->page - 1) * f->per_page);
	*total = 0;
	if ((s = db_query_jw_arr(stmt, p, 19, w, "items")) != DB_OK)
		return s;
	jw_obj(w, "counts");
	if (f->text)
		s = db_query(DB_STMT_INBOX_COUNTS_TEXT, p, 17, db_count_row, &c);
	else if (f->sub_goal || f->assignee >= 0 || f->min_amount >= 0 || f->max_amount >= 0)
		s = db_query(DB_STMT_INBOX_COUNTS, p, 14, db_count_row, &c);
	else
		s = db_query(DB_STMT_INBOX_COUNTS_KEPT, p, 5, db_count_row, &c);
	if (s != DB_OK)
		return s;
	jw_end(w);
	*total = c.total;
	return DB_OK;
}

enum db_status
db_case_get(int64_t tenant_id, int64_t case_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(tenant_id) };
	struct db_param d[5];
	struct db_case_head h = { 0, 0, "" };
	enum db_status s;

	/* the signed copy is a JSON column: it comes as its value */
	if ((s = db_query_jw_fields(DB_STMT_CASE_GET, p, 2, w, &h)) != DB_OK)
		return s;
	d[0] = DB_INT(h.org_id);
	d[1] = DB_INT(case_id);
	d[2] = DB_INT(h.year);
	d[3] = DB_INT(tenant_id);
	d[4] = DB_STR(h.title);
	if ((s = db_query_jw_arr(DB_STMT_CASE_DUPLICATES, d, 5, w, "possible_duplicates")) != DB_OK)
		return s;
	/* the log with the internal entries: ?1 the case, p[0] */
	return db_query_jw_arr(DB_STMT_EVENT_LIST, p, 1, w, "log");
}

enum db_status
db_case_ref(int64_t tenant_id, int64_t case_id, struct db_case_ref *out)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(tenant_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_CASE_REF, p, 2, out);
}

enum db_status
db_case_log(int64_t tenant_id, int64_t case_id, struct db_case_ref *ref, db_rec_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(case_id) };
	struct db_event e;
	enum db_status s;

	if ((s = db_case_ref(tenant_id, case_id, ref)) != DB_OK)
		return s;
	return db_query_each(DB_STMT_EVENT_LIST, p, 1, &e, sizeof(e), fn, arg);
}

enum db_status
db_case_assign(int64_t tenant_id, int64_t case_id, int64_t user_id)
{
	struct db_param p[] = { DB_INT(user_id), DB_INT(case_id), DB_INT(tenant_id), DB_INT(user_id) };
	struct db_case_ref c;
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_CASE_ASSIGN, p, 4, &n, NULL);
	if (s != DB_OK || n > 0)
		return s;
	/* unchanged (already assigned to them) or refused: tell them apart */
	if ((s = db_case_ref(tenant_id, case_id, &c)) != DB_OK)
		return s;
	return c.assignee_id == user_id ? DB_OK : DB_NOTFOUND;
}

static int
db_lock_case_row(void *arg, const struct db_row *row)
{
	struct db_case_lock *l = arg;
	db_row_into(row, l);
	l->granted_amount = db_row_isnull(row, DB_COL(CASE_LOCK, granted_amount)) ? -1 :
	    db_row_int(row, DB_COL(CASE_LOCK, granted_amount));
	return 0;
}

enum db_status
db_case_lock(int64_t tenant_id, int64_t case_id, struct db_case_lock *out)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(tenant_id), DB_INT(tenant_id) };
	enum db_status s;
	memset(out, 0, sizeof(*out));
	if ((s = db_query(DB_STMT_CASE_LOCK, p, 3, db_lock_case_row, out)) != DB_OK)
		return s;
	return out->status[0] ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_impartiality(int64_t case_id, int64_t user_id, int *declared)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(user_id) };
	int64_t v = -1;
	enum db_status s = db_query_int(DB_STMT_IMPARTIAL_GET, p, 2, &v);
	*declared = (int)v;
	return s;
}

enum db_status
db_impartiality_set(int64_t case_id, int64_t user_id, bool impartial, const char *reason)
{
	struct db_param p[] = { DB_INT(case_id), DB_INT(user_id), DB_INT(impartial), DB_STR_OR_NULL(reason) };
	return db_exec(DB_STMT_IMPARTIAL_SET, p, 4, NULL, NULL);
}

enum db_status
db_case_set_status(int64_t case_id, const char *status)
{
	struct db_param p[] = { DB_STR(status), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_SET_STATUS, p, 2, NULL, NULL);
}

enum db_status
db_case_recommend(int64_t case_id, const char *status, int64_t user_id, int64_t amount, const char *reasons,
    const char *outcome)
{
	struct db_param p[] = { DB_STR(status), DB_INT(user_id), amount >= 0 ? DB_INT(amount) : DB_NULLP, DB_STR(reasons),
		DB_STR(outcome), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_RECOMMEND, p, 6, NULL, NULL);
}

enum db_status
db_case_decide(int64_t case_id, const char *status, int64_t user_id, int64_t amount, const char *reasons,
    const char *outcome)
{
	struct db_param p[] = { DB_STR(status), DB_INT(user_id), amount >= 0 ? DB_INT(amount) : DB_NULLP,
		DB_STR_OR_NULL(reasons), DB_STR(outcome), DB_INT(case_id) };
	return db_exec(DB_STMT_CASE_DECIDE, p, 6, NULL, NULL);
}

/* Reads CALL_BUDGETS' rows into one budget per call (domain/budget.c does the arithmetic), and
 * writes each into the response when w is set: one object per call, or with into the one call
 * into the object open on w. The tenant's list gives each its year, after the earmarks. */
struct db_budgets {
	struct jw *w;
	bool year, into;   /* year: the tenant's list; into: the one call, into the object open on w */
	int64_t call_id, call_year;
	char title[TEXT_CAP(255)];
	bool open, found;
	struct budget b;
};

#define DB_BUDGET(name) DB_COL(CALL_BUDGETS, name)

static void
db_budget_write_mark(struct jw *w, const struct budget *b, const struct budget_mark *m)
{
	char goal[2] = { m->goal, '\0' };
	jw_obj(w, NULL);
	jw_str(w, "sub_goal", goal);
	jw_int(w, "amount", m->amount);
	jw_int(w, "committed", m->committed);
	jw_int(w, "used", m->used);
	jw_int(w, "paid", m->paid);
	jw_int(w, "remaining", m->remaining);
	if (b->has_frame)
		jw_int(w, "available", m->available);
	else
		jw_null(w, "available");
	jw_end(w);
}

/* the budget of the call read so far, finished and written */
static void
db_budget_close(struct db_budgets *d)
{
	struct budget *b = &d->b;
	struct jw *w = d->w;
	size_t i;

	if (!d->open)
		return;
	d->open = false;
	budget_finish(b);
	if (w == NULL)
		return;
	if (!d->into)
		jw_obj(w, NULL);
	jw_int(w, "call_id", d->call_id);
	jw_str(w, "title", d->title);
	if (b->has_frame) {
		jw_int(w, "frame", b->frame);
	} else {
		jw_null(w, "frame");
	}
	jw_int(w, "committed", b->committed);
	jw_int(w, "paid", b->paid);
	if (b->has_frame) {
		jw_int(w, "remaining", b->remaining);
		jw_obj(w, "free");
		jw_int(w, "amount", b->free);
		jw_int(w, "committed", b->free_committed);
		jw_int(w, "remaining", b->free_remaining);
		jw_end(w);
	} else {
		jw_null(w, "remaining");
		jw_null(w, "free");
	}
	jw_arr(w, "earmarks");
	for (i = 0; i < b->n_marks; i++)
		db_budget_write_mark(w, b, &b->marks[i]);
	jw_end(w);
	if (d->year)
		jw_int(w, "year", d->call_year);
	if (!d->into)
		jw_end(w);
}

static int
db_budget_row(void *arg, const struct db_row *row)
{
	struct db_budgets *d = arg;
	const char *goals = db_row_str(row, DB_BUDGET(goals));
	int64_t kind = db_row_int(row, DB_BUDGET(kind));

	/* a call's earmarks and grants follow its own row; a call past the first 100 has none */
	if (kind != 0 && (!d->open || db_row_int(row, DB_BUDGET(call_id)) != d->call_id))
		return 0;
	switch (kind) {
	case 0:
		db_budget_close(d);
		d->found = d->open = true;
		d->call_id = db_row_int(row, DB_BUDGET(call_id));
		d->call_year = db_row_int(row, DB_BUDGET(year));
		utf8_copy(d->title, db_row_str(row, DB_BUDGET(title)), sizeof(d->title));
		budget_init(&d->b, !db_row_isnull(row, DB_BUDGET(frame)), db_row_int(row, DB_BUDGET(frame)));
		break;
	case 1:
		if (goals)
			budget_add_mark(&d->b, goals[0], db_row_int(row, DB_BUDGET(amount)));
		break;
	default:
		budget_add_grants(&d->b, goals, db_row_int(row, DB_BUDGET(amount)), db_row_int(row, DB_BUDGET(paid)));
		break;
	}
	return 0;
}

static int
db_lock_frame_row(void *arg, const struct db_row *row)
{
	struct db_budgets *d = arg;
	d->found = true;
	budget_init(&d->b, !db_row_isnull(row, DB_COL(CALL_FRAME_LOCK, budget_frame)),
	    db_row_int(row, DB_COL(CALL_FRAME_LOCK, budget_frame)));
	return 0;
}

static int
db_lock_mark_row(void *arg, const struct db_row *row)
{
	struct db_budgets *d = arg;
	const char *goal = db_row_str(row, DB_COL(CALL_EARMARKS_LOCKED, sub_goal));
	if (goal)
		budget_add_mark(&d->b, goal[0], db_row_int(row, DB_COL(CALL_EARMARKS_LOCKED, amount)));
	return 0;
}

static int
db_lock_grant_row(void *arg, const struct db_row *row)
{
	struct db_budgets *d = arg;
	budget_add_grants(&d->b, db_row_str(row, DB_COL(CALL_GRANTS_LOCKED, goals)),
	    db_row_int(row, DB_COL(CALL_GRANTS_LOCKED, committed)), 0);
	return 0;
}

enum db_status
db_call_budget_lock(int64_t call_id, struct budget *out)
{
	struct db_param p[] = { DB_INT(call_id) };
	struct db_budgets d = { .w = NULL };
	enum db_status s;

	if ((s = db_query(DB_STMT_CALL_FRAME_LOCK, p, 1, db_lock_frame_row, &d)) != DB_OK)
		return s;
	if (!d.found)
		return DB_NOTFOUND;
	if ((s = db_query(DB_STMT_CALL_EARMARKS_LOCKED, p, 1, db_lock_mark_row, &d)) != DB_OK ||
	    (s = db_query(DB_STMT_CALL_GRANTS_LOCKED, p, 1, db_lock_grant_row, &d)) != DB_OK)
		return s;
	budget_finish(&d.b);
	*out = d.b;
	return DB_OK;
}

enum db_status
db_call_budget(int64_t tenant_id, int64_t call_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(call_id), DB_INT(call_id), DB_INT(tenant_id), DB_INT(call_id),
		DB_INT(call_id), DB_INT(tenant_id), DB_INT(call_id), DB_INT(call_id) };
	struct db_budgets d = { .w = w, .year = false, .into = true };
	enum db_status s = db_query(DB_STMT_CALL_BUDGETS, p, 9, db_budget_row, &d);
	if (s != DB_OK)
		return s;
	db_budget_close(&d);
	return d.found ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_tenant_budgets(int64_t tenant_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_NULLP, DB_NULLP, DB_INT(tenant_id), DB_NULLP, DB_NULLP, DB_INT(tenant_id),
		DB_NULLP, DB_NULLP };
	struct db_budgets d = { .w = w, .year = true, .into = false };
	enum db_status s = db_query(DB_STMT_CALL_BUDGETS, p, 9, db_budget_row, &d);
	if (s == DB_OK)
		db_budget_close(&d);
	return s;
}
