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

/* the scheme of a row that names none: the integration grant to voluntary organisations */
#define GRANTIMPORT_DEFAULT_SCHEME "frivillig-integrering"

struct grantimport_tx {
	struct grant_row *rows;
	int64_t *tenant_ids, *scheme_ids;
	size_t n;
	int64_t user_id;
	size_t imported;
};

/* the row's key: its values and how many identical rows came before it in the file. A row of the
 * default scheme with an amount has the key it had before schemes and unknown amounts were read, so
 * files imported before change nothing when imported again. */
static void
grantimport_key(const struct grant_row *g, unsigned occurrence, unsigned char key[32])
{
	crypto_hash_sha256_state st;
	char head[96], amount[24];
	int n;

	if (g->amount_known)
		snprintf(amount, sizeof(amount), "%lld", (long long)g->amount);
	else
		snprintf(amount, sizeof(amount), "?");
	n = snprintf(head, sizeof(head), "%s\x1f%d\x1f%s\x1f%s\x1f%c\x1f%u\x1f", g->tenant, g->year, g->orgnr, amount,
	    g->sub_goal ? g->sub_goal : '-', occurrence);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)head, (unsigned long long)n);
	crypto_hash_sha256_update(&st, (const unsigned char *)g->organisation, strlen(g->organisation) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)g->title, strlen(g->title) + 1);
	if (g->scheme[0] != '\0' && strcmp(g->scheme, GRANTIMPORT_DEFAULT_SCHEME) != 0)
		crypto_hash_sha256_update(&st, (const unsigned char *)g->scheme, strlen(g->scheme) + 1);
	crypto_hash_sha256_final(&st, key);
}

static bool
grantimport_same(const struct grant_row *a, const struct grant_row *b)
{
	return strcmp(a->tenant, b->tenant) == 0 && a->year == b->year && strcmp(a->orgnr, b->orgnr) == 0 &&
	    strcmp(a->organisation, b->organisation) == 0 && strcmp(a->title, b->title) == 0 && a->amount == b->amount &&
	    a->amount_known == b->amount_known && a->sub_goal == b->sub_goal && strcmp(a->scheme, b->scheme) == 0;
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
		if ((s = db_hist_insert(t->tenant_ids[i], t->scheme_ids[i], &t->rows[i], key, t->user_id, &inserted)) != DB_OK)
			return s;
		t->imported += inserted;
	}
	return DB_OK;
}

/* adds the fault msg on line to r's list */
static void
grantimport_fault(struct grantimport_result *r, int line, const char *field, const char *msg)
{
	struct csv_faults f = { r->errs, sizeof(r->errs) / sizeof(r->errs[0]), r->nerr };
	csv_fault_add(&f, line, field, "%s", msg);
	r->nerr = f.n;
}

/* Row i's tenant and scheme, looked up once per distinct name (from an earlier row when it has the
 * same); DB_CONFLICT with a fault when one does not exist or the goal is not of the scheme's kind. */
static enum db_status
grantimport_lookup(struct grantimport_tx *t, size_t i, char (*kinds)[16], struct grantimport_result *r)
{
	struct grant_row *g = &t->rows[i];
	struct db_scheme sc;
	char msg[200];
	enum db_status s = DB_OK, ls;
	size_t j;
	bool public_scheme;

	if (g->scheme[0] == '\0')
		snprintf(g->scheme, sizeof(g->scheme), "%s", GRANTIMPORT_DEFAULT_SCHEME);
	for (j = 0; j < i && strcmp(t->rows[j].tenant, g->tenant) != 0; j++)
		;
	if (j < i)
		t->tenant_ids[i] = t->tenant_ids[j];
	else if ((ls = db_tenant_by_slug(g->tenant, &t->tenant_ids[i])) != DB_OK && ls != DB_NOTFOUND)
		return ls;
	for (j = 0; j < i && strcmp(t->rows[j].scheme, g->scheme) != 0; j++)
		;
	if (j < i) {
		t->scheme_ids[i] = t->scheme_ids[j];
		memcpy(kinds[i], kinds[j], sizeof(kinds[i]));
	} else if ((ls = db_scheme_by_code(g->scheme, &sc)) == DB_OK) {
		t->scheme_ids[i] = sc.id;
		memcpy(kinds[i], sc.kind, sizeof(kinds[i]));
	} else if (ls != DB_NOTFOUND) {
		return ls;
	}
	if (t->tenant_ids[i] == 0) {
		snprintf(msg, sizeof(msg), "Forvalteren «%s» finnes ikke.", g->tenant);
		grantimport_fault(r, g->line, "tenant", msg);
		s = DB_CONFLICT;
	}
	if (t->scheme_ids[i] == 0) {
		snprintf(msg, sizeof(msg), "Ordningen «%s» finnes ikke.", g->scheme);
		grantimport_fault(r, g->line, "scheme", msg);
		return DB_CONFLICT;
	}
	public_scheme = strcmp(kinds[i], "public") == 0;
	if (g->sub_goal && public_scheme != (g->sub_goal >= '0' && g->sub_goal <= '9')) {
		snprintf(msg, sizeof(msg), public_scheme ? "Ordningen «%s» har satsingsområder (1, 2, 4 eller 5), ikke delmål."
		    : "Ordningen «%s» har delmål (A, B, C eller D), ikke satsingsområder.", g->scheme);
		grantimport_fault(r, g->line, "sub_goal", msg);
		s = DB_CONFLICT;
	}
	return s;
}

enum svc_status
grantimport_run(const char *data, size_t len, int64_t user_id, struct grantimport_result *r)
{
	struct grantimport_tx t = { NULL, NULL, NULL, 0, user_id, 0 };
	char (*kinds)[16] = NULL;
	enum db_status s = DB_OK, ls;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (grantcsv_parse(data, len, &t.rows, &t.n, r->errs, sizeof(r->errs) / sizeof(r->errs[0]), &r->nerr) != 0)
		s = DB_CONFLICT;
	r->rows = t.n;
	t.tenant_ids = util_calloc(t.n ? t.n : 1, sizeof(*t.tenant_ids));
	t.scheme_ids = util_calloc(t.n ? t.n : 1, sizeof(*t.scheme_ids));
	kinds = util_calloc(t.n ? t.n : 1, sizeof(*kinds));
	/* every tenant and scheme must exist, and every goal be of its scheme's kind */
	for (i = 0; i < t.n; i++) {
		r->total += t.rows[i].amount;
		r->unknown += !t.rows[i].amount_known;
		if (t.rows[i].tenant[0] == '\0')
			continue;
		if ((ls = grantimport_lookup(&t, i, kinds, r)) == DB_CONFLICT)
			s = DB_CONFLICT;
		else if (ls != DB_OK) {
			s = ls;
			goto out;
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
	free(t.scheme_ids);
	free(kinds);
	return svc_status_of(s);
}
