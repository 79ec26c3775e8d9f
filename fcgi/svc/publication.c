/*
 * publication.c - the preview, the withdrawal and the log of a tenant's publication (see
 * publication.h).
 */
#include "svc/publication.h"
#include "svc/svc_db.h"
#include "db/db_publish.h"
#include "db/db_publog.h"

#include <string.h>

/* Inside the rolled-back transaction: publish, then read what the public routes read. */
static enum db_status
publication_preview_run(void *arg)
{
	struct publication_preview *p = arg;
	bool now = false, published = false;
	int64_t id = 0;
	enum db_status s;

	if ((s = db_publog_publish(p->tenant_id, p->year, p->user_id, &now)) != DB_OK)
		return s;
	p->published = !now;
	if ((s = db_published(p->tenant, p->year, &id, p->tenant_name, &published, p->published_at)) != DB_OK)
		return s;
	if ((s = db_recipients(p->tenant_id, p->year, p->recipient, p->recipient_arg, &p->total, &p->count, &p->unknown)) != DB_OK)
		return s;
	return db_statistics(p->tenant, p->year, p->stat, p->stat_arg, &p->totals);
}

enum svc_status
publication_preview(struct publication_preview *p)
{
	p->published = false;
	p->tenant_name[0] = p->published_at[0] = '\0';
	p->total = p->count = p->unknown = 0;
	memset(&p->totals, 0, sizeof(p->totals));
	return svc_status_of(db_tx_dry(publication_preview_run, p));
}

struct publication_unpublish_tx {
	int64_t tenant_id, user_id;
	int year;
	const char *reason;
};

static enum db_status
publication_unpublish_run(void *arg)
{
	struct publication_unpublish_tx *t = arg;
	return db_publog_unpublish(t->tenant_id, t->year, t->user_id, t->reason);
}

enum svc_status
publication_unpublish(int64_t tenant_id, int year, int64_t user_id, const char *reason)
{
	struct publication_unpublish_tx t = { tenant_id, user_id, year, reason };
	return svc_status_of(db_tx(publication_unpublish_run, &t));
}

enum svc_status
publication_log(int64_t tenant_id, struct jw *w)
{
	return svc_status_of(db_publog_write(tenant_id, w));
}
