/*
 * publish.c - what is published, and publishing a year (see publish.h).
 */
#include "svc/publish.h"
#include "svc/svc_db.h"
#include "db/db_publish.h"
#include "db/db_publog.h"

#include <stdbool.h>
#include <string.h>

enum svc_status
publish_list(struct jw *items)
{
	return svc_status_of(db_published_list(items));
}

enum publish_outcome
publish_recipients(const char *tenant, int year, struct publish_recipients *out)
{
	bool published = false;

	memset(out, 0, sizeof(*out));
	out->year = year;
	out->status = svc_status_of(db_published(tenant, year, &out->tenant_id, out->tenant_name, &published,
	    out->published_at));
	if (out->status != SVC_OK)
		return PUBLISH_DB;
	return published ? PUBLISH_OK : PUBLISH_NOT_PUBLISHED;
}

enum svc_status
publish_recipients_each(struct publish_recipients *r, pub_recipient_fn fn, void *arg)
{
	return svc_status_of(db_recipients(r->tenant_id, r->year, fn, arg, &r->total, &r->count, &r->unknown));
}

enum svc_status
publish_statistics(const char *tenant, int year, pub_stat_fn fn, void *arg, struct pub_measures *totals)
{
	return svc_status_of(db_statistics(tenant, year, fn, arg, totals));
}

/* publish_year inside its transaction */
struct publish_year_tx {
	int64_t tenant_id, user_id;
	int year;
	bool published_now;
};

static enum db_status
publish_year_run(void *arg)
{
	struct publish_year_tx *t = arg;
	return db_publog_publish(t->tenant_id, t->year, t->user_id, &t->published_now);
}

enum svc_status
publish_year(int64_t tenant_id, const char *tenant, int year, int64_t user_id, char published_at[32])
{
	struct publish_year_tx t = { tenant_id, user_id, year, false };
	char name[TEXT_CAP(128)];
	int64_t id = 0;
	bool published = false;
	enum db_status s;

	published_at[0] = '\0';
	if ((s = db_tx(publish_year_run, &t)) == DB_OK)
		s = db_published(tenant, year, &id, name, &published, published_at);
	return svc_status_of(s);
}
