/*
 * db_calls.c - reads tenants and calls into typed structs.
 */
#include "db/db_calls.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
db_fmt_datetime(const struct valid_datetime *dt, char *out, size_t len)
{
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d:%02d", dt->year, dt->month, dt->day, dt->hour, dt->minute,
	    dt->second);
}

/* The reading of tenants: the caller's function. */
struct db_tenants_read {
	db_tenant_fn fn;
	void *arg;
};

static int
db_tenant_row(void *arg, const struct db_row *row)
{
	struct db_tenants_read *rd = arg;
	struct db_tenant t = { .open_calls = 0 };

	db_row_into(row, &t);
	return rd->fn(rd->arg, &t);
}

enum db_status
db_tenants_each(const struct valid_datetime *now, db_tenant_fn fn, void *arg)
{
	struct db_tenants_read rd = { fn, arg };
	char ts[32];

	db_fmt_datetime(now, ts, sizeof(ts));
	struct db_param p[] = { DB_STR(ts), DB_STR(ts) };
	return db_query(DB_STMT_TENANTS_LIST, p, 2, db_tenant_row, &rd);
}

/* The list and one call have the same columns (SQL_CALL_COLS): db_call_from_row reads both. */
_Static_assert(DB_NCOLS(CALLS_LIST) == DB_NCOLS(CALL_GET), "CALLS_LIST and CALL_GET differ");
#define DB_CALL_COL(name) DB_COL(CALL_GET, name)

/* "ABC" from a SET value such as "A,B,C" */
static void
db_sub_goals(char *dst, size_t cap, const char *s)
{
	size_t k = 0;
	for (; s && *s && k < cap - 1; s++)
		if ((*s >= 'A' && *s <= 'D') || (*s >= '1' && *s <= '9')) /* sub-goals, or priority areas */
			dst[k++] = *s;
	dst[k] = '\0';
}

/* "B:15000000,C:100000" */
static void
db_earmarks(struct db_call *c, const char *s)
{
	while (s && *s && c->n_earmarks < 4) {
		char *end;
		long long v;
		if (s[0] < 'A' || s[0] > 'D' || s[1] != ':')
			break;
		v = strtoll(s + 2, &end, 10);
		c->earmarks[c->n_earmarks].sub_goal = s[0];
		c->earmarks[c->n_earmarks].amount = v;
		c->n_earmarks++;
		s = *end == ',' ? end + 1 : end;
	}
}

/* Fills c from a row of SQL_CALL_COLS: the COLF columns, then what is more than a copy. */
static void
db_call_from_row(struct db_call *c, const struct db_row *row)
{
	const char *s;

	memset(c, 0, sizeof(*c));
	db_row_into(row, c);
	if (c->description == NULL)
		c->description = util_strdup("");
	db_sub_goals(c->sub_goals, sizeof(c->sub_goals), db_row_str(row, DB_CALL_COL(sub_goals)));
	c->has_frame = !db_row_isnull(row, DB_CALL_COL(budget_frame));
	c->has_report_due = db_row_datetime(row, DB_CALL_COL(report_due), &c->report_due);
	s = db_row_str(row, DB_CALL_COL(required_attachments));
	c->requires_budget = s && strstr(s, "budget") != NULL;
	c->requires_tax_certificate = s && strstr(s, "tax_certificate") != NULL;
	db_earmarks(c, db_row_str(row, DB_CALL_COL(earmarks)));
}

static int
db_call_row(void *arg, const struct db_row *row)
{
	struct db_call_list *l = arg;
	l->items = util_realloc(l->items, (l->n + 1) * sizeof(*l->items));
	db_call_from_row(&l->items[l->n++], row);
	return 0;
}

enum db_status
db_calls_list(const struct db_call_filter *f, const struct valid_datetime *now, struct db_call_list *out)
{
	char ts[32];
	enum db_status s;

	memset(out, 0, sizeof(*out));
	db_fmt_datetime(now, ts, sizeof(ts));
	struct db_param p[] = {
		f->tenant ? DB_STR(f->tenant) : DB_NULLP, f->tenant ? DB_STR(f->tenant) : DB_NULLP,
		f->year ? DB_INT(f->year) : DB_NULLP, f->year ? DB_INT(f->year) : DB_NULLP,
		DB_INT((int64_t)f->status), DB_STR(ts), DB_STR(ts), DB_STR(ts), DB_STR(ts), DB_STR(ts),
		DB_INT(f->per_page), DB_INT((f->page - 1) * f->per_page),
	};
	if ((s = db_query(DB_STMT_CALLS_LIST, p, 12, db_call_row, out)) != DB_OK)
		goto out;
	if (f->page == 1 && (int64_t)out->n < f->per_page)
		out->total = (int64_t)out->n; /* the whole result fits on the first page */
	else
		s = db_query_int(DB_STMT_CALLS_COUNT, p, 10, &out->total);
out:
	if (s != DB_OK)
		db_call_list_free(out);
	return s;
}

void
db_call_list_free(struct db_call_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		db_call_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

enum db_status
db_call_get(int64_t id, const struct valid_datetime *now, struct db_call *out)
{
	struct db_call_list l = { 0 };
	enum db_status s;
	char ts[32];
	struct db_param p[] = { DB_INT(id), DB_STR(ts) };

	memset(out, 0, sizeof(*out));
	db_fmt_datetime(now, ts, sizeof(ts));
	if ((s = db_query(DB_STMT_CALL_GET, p, 2, db_call_row, &l)) != DB_OK)
		return s;
	if (l.n == 0) {
		db_call_list_free(&l);
		return DB_NOTFOUND;
	}
	*out = l.items[0];
	free(l.items);
	return DB_OK;
}

void
db_call_free(struct db_call *c)
{
	free(c->description);
	free(c->criteria_json);
	c->description = NULL;
	c->criteria_json = NULL;
}
