/*
 * db_calls.c - reads tenants and calls into typed structs.
 */
#include "db/db_calls.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
db_fmt_datetime(const struct valid_datetime *dt, char *out, size_t len)
{
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d:%02d", dt->year, dt->month, dt->day, dt->hour, dt->minute,
	    dt->second);
}

static void
db_copy(char *dst, size_t len, const char *src)
{
	utf8_copy(dst, src ? src : "", len);
}

static int
db_tenant_row(void *arg, const struct db_row *row)
{
	struct db_tenant_list *l = arg;
	struct db_tenant *t;

	l->items = util_realloc(l->items, (l->n + 1) * sizeof(*l->items));
	t = &l->items[l->n++];
	memset(t, 0, sizeof(*t));
	db_copy(t->slug, sizeof(t->slug), db_row_str(row, 0));
	db_copy(t->name, sizeof(t->name), db_row_str(row, 1));
	db_copy(t->kind, sizeof(t->kind), db_row_str(row, 2));
	t->open_calls = db_row_int(row, 3);
	return 0;
}

enum db_status
db_tenants_list(const struct valid_datetime *now, struct db_tenant_list *out)
{
	char ts[32];
	enum db_status s;

	memset(out, 0, sizeof(*out));
	db_fmt_datetime(now, ts, sizeof(ts));
	struct db_param p[] = { DB_STR(ts), DB_STR(ts) };
	if ((s = db_query(DB_STMT_TENANTS_LIST, p, 2, db_tenant_row, out)) != DB_OK)
		db_tenant_list_free(out);
	return s;
}

void
db_tenant_list_free(struct db_tenant_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* Fills c from a row of DB_CALL_COLUMNS. */
static void
db_call_from_row(struct db_call *c, const struct db_row *row)
{
	const char *s;

	memset(c, 0, sizeof(*c));
	c->id = db_row_int(row, 0);
	db_copy(c->tenant.slug, sizeof(c->tenant.slug), db_row_str(row, 1));
	db_copy(c->tenant.name, sizeof(c->tenant.name), db_row_str(row, 2));
	db_copy(c->tenant.kind, sizeof(c->tenant.kind), db_row_str(row, 3));
	db_copy(c->scheme_code, sizeof(c->scheme_code), db_row_str(row, 4));
	db_copy(c->scheme_name, sizeof(c->scheme_name), db_row_str(row, 5));
	c->year = db_row_int(row, 6);
	db_copy(c->title, sizeof(c->title), db_row_str(row, 7));
	c->description = util_strdup(db_row_str(row, 8) ? db_row_str(row, 8) : "");
	db_row_datetime(row, 9, &c->opens);
	db_row_datetime(row, 10, &c->deadline);
	c->min_amount = db_row_int(row, 11);
	c->max_amount = db_row_int(row, 12);
	if ((s = db_row_str(row, 13)) != NULL) {
		size_t k = 0;
		for (; *s && k < sizeof(c->sub_goals) - 1; s++)
			if (*s >= 'A' && *s <= 'D')
				c->sub_goals[k++] = *s;
		c->sub_goals[k] = '\0';
	}
	c->one_project = db_row_int(row, 14) != 0;
	c->has_frame = !db_row_isnull(row, 15);
	c->budget_frame = db_row_int(row, 15);
	c->has_report_due = db_row_datetime(row, 16, &c->report_due);
	c->split_threshold = db_row_int(row, 17);
	c->audit_threshold = db_row_int(row, 18);
	c->appeal_days = db_row_int(row, 19);
	c->criteria_json = db_row_str(row, 20) ? util_strdup(db_row_str(row, 20)) : NULL;
	s = db_row_str(row, 22);
	c->requires_budget = s && strstr(s, "budget") != NULL;
	c->requires_tax_certificate = s && strstr(s, "tax_certificate") != NULL;
	c->requires_business_register = db_row_int(row, 23) != 0;
	if ((s = db_row_str(row, 21)) != NULL) {
		/* "B:15000000,C:100000" */
		while (*s && c->n_earmarks < 4) {
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
}

static int
db_call_row(void *arg, const struct db_row *row)
{
	struct db_call_list *l = arg;
	l->items = util_realloc(l->items, (l->n + 1) * sizeof(*l->items));
	db_call_from_row(&l->items[l->n++], row);
	return 0;
}

static int
db_count_row(void *arg, const struct db_row *row)
{
	*(int64_t *)arg = db_row_int(row, 0);
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
		DB_INT((int64_t)f->status), DB_STR(ts), DB_STR(ts), DB_STR(ts), DB_STR(ts),
		DB_INT(f->per_page), DB_INT((f->page - 1) * f->per_page),
	};
	if ((s = db_query(DB_STMT_CALLS_LIST, p, 11, db_call_row, out)) != DB_OK)
		goto out;
	if (f->page == 1 && (int64_t)out->n < f->per_page)
		out->total = (int64_t)out->n; /* the whole result fits on the first page */
	else
		s = db_query(DB_STMT_CALLS_COUNT, p, 9, db_count_row, &out->total);
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
db_call_get(int64_t id, struct db_call *out)
{
	struct db_call_list l = { 0 };
	enum db_status s;
	struct db_param p[] = { DB_INT(id) };

	memset(out, 0, sizeof(*out));
	if ((s = db_query(DB_STMT_CALL_GET, p, 1, db_call_row, &l)) != DB_OK)
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
