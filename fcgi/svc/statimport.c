/*
 * statimport.c - the statistics import (see statimport.h).
 */
#include "svc/statimport.h"
#include "svc/svc_db.h"
#include "db/db_alloc.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct statimport_tx {
	const struct stat_row *rows;
	const int64_t *tenant_ids;
	size_t n;
	int year;
	int64_t user_id;
	size_t imported, changed;
};

static enum db_status
statimport_put(void *arg)
{
	struct statimport_tx *t = arg;
	enum db_status s;
	size_t i;

	t->imported = t->changed = 0;
	for (i = 0; i < t->n; i++) {
		uint64_t affected = 0;
		if ((s = db_hist_stats_put(t->tenant_ids[i], t->year, t->rows[i].name, t->rows[i].v, t->rows[i].given,
		         t->user_id, &affected)) != DB_OK)
			return s;
		t->imported += affected == 1;
		t->changed += affected == 2;
	}
	return DB_OK;
}

/* Each row's municipality; faults for the unknown and the repeated. */
static enum db_status
statimport_tenants(const struct stat_row *rows, size_t n, int64_t *ids, struct statimport_result *r)
{
	struct csv_faults f = { r->errs, sizeof(r->errs) / sizeof(r->errs[0]), r->nerr };
	enum db_status s = DB_OK;
	size_t i, j;

	for (i = 0; i < n && s != DB_UNAVAILABLE && s != DB_ERROR; i++) {
		struct db_alloc_ref t;
		if (rows[i].name[0] == '\0')
			continue;
		if ((s = db_alloc_tenant_by_name(rows[i].name, &t)) == DB_NOTFOUND) {
			csv_fault_add(&f, rows[i].line, "kommune", "Ingen av de 20 kommunene heter «%s».", rows[i].name);
			continue;
		}
		ids[i] = t.id;
		for (j = 0; j < i && ids[j] != t.id; j++)
			;
		if (j < i)
			csv_fault_add(&f, rows[i].line, "kommune", "«%s» står også på linje %d.", rows[i].name, rows[j].line);
	}
	r->nerr = f.n;
	return s == DB_NOTFOUND ? DB_OK : s;
}

/* The printed total against the rows' sums, for each measure the total gives. */
static void
statimport_sums(const struct stat_row *rows, size_t n, const struct stat_row *sum, struct statimport_result *r)
{
	unsigned k;
	size_t i;

	for (k = 0; k < STAT_NCOLS; k++) {
		int64_t total = 0;
		if (!(sum->given & (1u << k)))
			continue;
		for (i = 0; i < n; i++)
			total += rows[i].v[k];
		if (total != sum->v[k]) {
			r->diffs[r->ndiff].col = (enum stat_col)k;
			r->diffs[r->ndiff].printed = sum->v[k];
			r->diffs[r->ndiff].computed = total;
			r->ndiff++;
		}
	}
}

enum svc_status
statimport_run(const char *data, size_t len, int year, int64_t user_id, struct statimport_result *r)
{
	struct statimport_tx t = { .year = year, .user_id = user_id };
	struct stat_row *rows = NULL, sum;
	int64_t *ids = NULL;
	bool has_sum = false;
	enum db_status s = DB_OK;

	memset(r, 0, sizeof(*r));
	if (statcsv_parse(data, len, &rows, &t.n, &sum, &has_sum, r->errs, sizeof(r->errs) / sizeof(r->errs[0]),
	        &r->nerr) != 0)
		s = DB_CONFLICT;
	r->rows = t.n;
	ids = util_calloc(t.n ? t.n : 1, sizeof(*ids));
	if (t.n > 0) {
		enum db_status ts = statimport_tenants(rows, t.n, ids, r);
		if (ts != DB_OK)
			s = ts;
	}
	if (s == DB_OK && r->nerr > 0)
		s = DB_CONFLICT;
	if (s != DB_OK)
		goto out;
	if (has_sum)
		statimport_sums(rows, t.n, &sum, r);
	t.rows = rows;
	t.tenant_ids = ids;
	if ((s = db_tx(statimport_put, &t)) == DB_OK) {
		r->imported = t.imported;
		r->changed = t.changed;
		r->unchanged = t.n - t.imported - t.changed;
	}
out:
	free(rows);
	free(ids);
	return svc_status_of(s);
}
