/*
 * db_publish.c - published years, recipients, statistics and the historical import's rows (see
 * db_publish.h).
 */
#include "db/db_publish.h"

#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

struct db_pub {
	int64_t id;
	char *name, *at;
	bool published, found;
};

static int
db_pub_row(void *arg, const struct db_row *row)
{
	struct db_pub *p = arg;
	const char *name = db_row_str(row, DB_COL(PUBLISHED_GET, name));
	struct valid_datetime dt;
	p->found = true;
	p->id = db_row_int(row, DB_COL(PUBLISHED_GET, id));
	utf8_copy(p->name, name ? name : "", TEXT_CAP(128));
	p->published = db_row_datetime(row, DB_COL(PUBLISHED_GET, published_at), &dt);
	if (p->published) {
		char iso[48];
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour, dt.minute,
		    dt.second);
		utf8_copy(p->at, iso, 32);
	}
	return 0;
}

enum db_status
db_published(const char *slug, int year, int64_t *tenant_id, char name[TEXT_CAP(128)], bool *published, char published_at[32])
{
	struct db_param p[] = { DB_INT(year), DB_STR(slug) };
	struct db_pub r = { 0, name, published_at, false, false };
	enum db_status s;
	name[0] = published_at[0] = '\0';
	if ((s = db_query(DB_STMT_PUBLISHED_GET, p, 2, db_pub_row, &r)) != DB_OK)
		return s;
	*tenant_id = r.id;
	*published = r.published;
	return r.found ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_published_list(struct jw *w)
{
	return db_query_jw(DB_STMT_PUBLISHED_LIST, NULL, 0, w);
}

enum db_status
db_publish(int64_t tenant_id, int year, int64_t user_id)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), DB_ID_OR_NULL(user_id) };
	return db_exec(DB_STMT_PUBLISH, p, 3, NULL, NULL);
}

/* The reading of recipients: the caller's function and the sums so far. */
struct db_recipients_read {
	pub_recipient_fn fn;
	void *arg;
	int64_t total, count, unknown;
};

static int
db_recipient_row(void *arg, const struct db_row *row)
{
	struct db_recipients_read *rd = arg;
	struct pub_recipient r = { .has_orgnr = !db_row_isnull(row, DB_COL(RECIPIENTS, orgnr)),
		.amount_known = !db_row_isnull(row, DB_COL(RECIPIENTS, amount)) };

	db_row_into(row, &r);
	rd->total += r.amount;
	rd->unknown += !r.amount_known;
	rd->count++;
	return rd->fn(rd->arg, &r);
}

enum db_status
db_recipients(int64_t tenant_id, int year, pub_recipient_fn fn, void *arg, int64_t *total, int64_t *count,
    int64_t *unknown)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), DB_INT(tenant_id), DB_INT(year) };
	struct db_recipients_read rd = { fn, arg, 0, 0, 0 };
	enum db_status s = db_query(DB_STMT_RECIPIENTS, p, 4, db_recipient_row, &rd);

	*total = rd.total;
	*count = rd.count;
	*unknown = rd.unknown;
	return s;
}

/* The reading of statistics: the caller's function and the totals so far. */
struct db_stats_read {
	pub_stat_fn fn;
	void *arg;
	struct pub_measures *totals;
};

static int
db_stat_row(void *arg, const struct db_row *row)
{
	/* the column of each measure but the unused funds, which pub_stat_complete works out */
	static const unsigned cols[PUB_NMEASURES] = { DB_COL(STATS, applications_received), DB_COL(STATS, amount_applied),
		DB_COL(STATS, applications_granted), DB_COL(STATS, amount_granted),
		DB_COL(STATS, operating_support_organisations), DB_COL(STATS, operating_support_immigrant_organisations),
		DB_COL(STATS, activity_support_organisations), DB_COL(STATS, activity_support_immigrant_organisations),
		DB_COL(STATS, frame), DB_COL(STATS, frame), DB_COL(STATS, allocation),
		DB_COL(STATS, operating_support_members), DB_COL(STATS, operating_support_amount),
		DB_COL(STATS, activity_support_amount), DB_COL(STATS, admin_costs), DB_COL(STATS, admin_costs_without_consent) };
	struct db_stats_read *rd = arg;
	struct pub_stat st = { .year = 0 };
	int64_t unused = db_row_int(row, DB_COL(STATS, unused_given));
	unsigned k;

	db_row_into(row, &st);
	for (k = 0; k < PUB_NMEASURES; k++)
		if (k != PUB_FRAME && k != PUB_UNUSED && db_row_isnull(row, cols[k]))
			st.m.unknown |= 1u << k;
	pub_stat_complete(&st, !db_row_isnull(row, DB_COL(STATS, frame)),
	    db_row_isnull(row, DB_COL(STATS, unused_given)) ? NULL : &unused);
	pub_totals_add(rd->totals, &st.m);
	return rd->fn(rd->arg, &st);
}

enum db_status
db_statistics(const char *slug, int year, pub_stat_fn fn, void *arg, struct pub_measures *totals)
{
	struct db_param p[] = { DB_STR_OR_NULL(slug), DB_STR_OR_NULL(slug), year ? DB_INT(year) : DB_NULLP,
		year ? DB_INT(year) : DB_NULLP, DB_STR_OR_NULL(slug), DB_STR_OR_NULL(slug), year ? DB_INT(year) : DB_NULLP,
		year ? DB_INT(year) : DB_NULLP };
	struct db_stats_read rd = { fn, arg, totals };

	memset(totals, 0, sizeof(*totals));
	return db_query(DB_STMT_STATS, p, 8, db_stat_row, &rd);
}

enum db_status
db_tenant_by_slug(const char *slug, int64_t *id)
{
	struct db_param p[] = { DB_STR(slug) };
	enum db_status s;
	*id = 0;
	if ((s = db_query_int(DB_STMT_TENANT_BY_SLUG, p, 1, id)) != DB_OK)
		return s;
	return *id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_scheme_by_code(const char *code, struct db_scheme *out)
{
	struct db_param p[] = { DB_STR(code) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SCHEME_BY_CODE, p, 1, out);
}

enum db_status
db_hist_insert(int64_t tenant_id, int64_t scheme_id, const struct grant_row *g, const unsigned char key[32],
    int64_t user_id, uint64_t *inserted)
{
	char goal[2] = { g->sub_goal, '\0' };
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(g->year), g->orgnr[0] ? DB_STR(g->orgnr) : DB_NULLP,
		DB_STR(g->organisation), DB_STR(g->title), g->amount_known ? DB_INT(g->amount) : DB_NULLP,
		g->sub_goal ? DB_STR(goal) : DB_NULLP, DB_BLOB(key, 32), DB_ID_OR_NULL(user_id), DB_INT(scheme_id) };
	return db_exec(DB_STMT_HIST_INSERT, p, 10, inserted, NULL);
}
