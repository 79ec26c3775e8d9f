/*
 * grantimport.c - the historical import (see grantimport.h).
 */
#include "svc/grantimport.h"
#include "svc/svc_db.h"

#include "db/db_publish.h"
#include "core/util.h"
#include "core/utf8.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct grantimport_tx {
	struct grant_row *rows;
	int64_t *tenant_ids;
	size_t n;
	int64_t user_id;
	size_t imported;
};

/* the row's key: its values and how many identical rows came before it in the file */
static void
grantimport_key(const struct grant_row *g, unsigned occurrence, unsigned char key[32])
{
	crypto_hash_sha256_state st;
	char head[96];
	int n = snprintf(head, sizeof(head), "%s\x1f%d\x1f%s\x1f%lld\x1f%c\x1f%u\x1f", g->tenant, g->year, g->orgnr,
	    (long long)g->amount, g->sub_goal ? g->sub_goal : '-', occurrence);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)head, (unsigned long long)n);
	crypto_hash_sha256_update(&st, (const unsigned char *)g->organisation, strlen(g->organisation) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)g->title, strlen(g->title) + 1);
	crypto_hash_sha256_final(&st, key);
}

static bool
grantimport_same(const struct grant_row *a, const struct grant_row *b)
{
	return strcmp(a->tenant, b->tenant) == 0 && a->year == b->year && strcmp(a->orgnr, b->orgnr) == 0 &&
	    strcmp(a->organisation, b->organisation) == 0 && strcmp(a->title, b->title) == 0 && a->amount == b->amount &&
	    a->sub_goal == b->sub_goal;
}

static enum db_status
grantimport_insert(void *arg)
{
	struct grantimport_tx *t = arg;
	enum db_status s;
	size_t i, j;

	t->imported = 0;
	for (i = 0; i < t->n; i++) {
		unsigned char key[32];
		unsigned occurrence = 0;
		uint64_t inserted = 0;
		/* files are small (at most GRANTCSV_MAX_ROWS); identical rows are rare and counted */
		for (j = i; j-- > 0 && occurrence < 1000;)
			occurrence += grantimport_same(&t->rows[i], &t->rows[j]);
		grantimport_key(&t->rows[i], occurrence, key);
		if ((s = db_hist_insert(t->tenant_ids[i], t->rows[i].year, t->rows[i].orgnr, t->rows[i].organisation,
		         t->rows[i].title, t->rows[i].amount, t->rows[i].sub_goal, key, t->user_id, &inserted)) != DB_OK)
			return s;
		t->imported += inserted;
	}
	return DB_OK;
}

enum svc_status
grantimport_run(const char *data, size_t len, int64_t user_id, struct grantimport_result *r)
{
	struct grantimport_tx t = { NULL, NULL, 0, user_id, 0 };
	enum db_status s = DB_OK;
	size_t i, j;

	memset(r, 0, sizeof(*r));
	if (grantcsv_parse(data, len, &t.rows, &t.n, r->errs, sizeof(r->errs) / sizeof(r->errs[0]), &r->nerr) != 0)
		s = DB_CONFLICT;
	r->rows = t.n;
	t.tenant_ids = util_calloc(t.n ? t.n : 1, sizeof(*t.tenant_ids));
	/* every tenant must exist (looked up once per distinct name) */
	for (i = 0; i < t.n; i++) {
		r->total += t.rows[i].amount;
		if (t.rows[i].tenant[0] == '\0')
			continue;
		for (j = 0; j < i && strcmp(t.rows[j].tenant, t.rows[i].tenant) != 0; j++)
			;
		if (j < i) {
			t.tenant_ids[i] = t.tenant_ids[j];
		} else {
			enum db_status ts = db_tenant_by_slug(t.rows[i].tenant, &t.tenant_ids[i]);
			if (ts != DB_OK && ts != DB_NOTFOUND) {
				s = ts;
				goto out;
			}
		}
		if (t.tenant_ids[i] == 0) {
			struct csv_faults f = { r->errs, sizeof(r->errs) / sizeof(r->errs[0]), r->nerr };
			csv_fault_add(&f, t.rows[i].line, "tenant", "Forvalteren «%s» finnes ikke.", t.rows[i].tenant);
			r->nerr = f.n;
			s = DB_CONFLICT;
		}
	}
	if (s != DB_OK)
		goto out;
	if ((s = db_tx(grantimport_insert, &t)) == DB_OK) {
		r->imported = t.imported;
		r->unchanged = t.n - t.imported;
	}
out:
	free(t.rows);
	free(t.tenant_ids);
	return svc_status_of(s);
}
