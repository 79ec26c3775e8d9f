/*
 * attachments.c - adding, listing, reading and removing an application's attachments (see
 * attachments.h).
 */
#include "svc/attachments.h"
#include "db/db_apps.h"

#include <sodium.h>
#include <string.h>

#define ATT_TOTAL_MAX ((int64_t)25 * 1024 * 1024)

bool
att_report_kind(const char *kind)
{
	return strcmp(kind, "audited_accounts") == 0 || strcmp(kind, "report") == 0;
}

/* the states in which a report (and its attachments) may be filed */
static bool
att_reporting(const char *status)
{
	static const char *const states[] = { "accepted", "partly_paid", "paid", "report_due", "changes_asked", NULL };
	size_t i;
	for (i = 0; states[i]; i++)
		if (strcmp(status, states[i]) == 0)
			return true;
	return false;
}

struct att_add_tx {
	const struct att_input *in;
	unsigned char sha[32];
	int64_t id, total;
	enum att_outcome outcome;
};

static enum db_status
att_add_run(void *arg)
{
	struct att_add_tx *t = arg;
	const struct att_input *in = t->in;
	struct db_app_lock lock;
	bool b, x;
	enum db_status s;

	t->outcome = ATT_DB;
	if ((s = db_app_lock(in->app_id, &lock)) != DB_OK)
		return s;
	/* the application's attachments while it is a draft; the report's once the grant is paid out */
	if (att_report_kind(in->kind) ? !att_reporting(lock.status) : strcmp(lock.status, "draft") != 0) {
		t->outcome = att_report_kind(in->kind) ? ATT_NOT_REPORTING : ATT_NOT_DRAFT;
		return DB_CONFLICT;
	}
	if ((s = db_att_totals(in->app_id, &t->total, &b, &x)) != DB_OK)
		return s;
	if (t->total + (int64_t)in->size > ATT_TOTAL_MAX) {
		t->outcome = ATT_TOO_MUCH;
		return DB_CONFLICT;
	}
	if ((s = db_att_insert(in->app_id, in->kind, in->filename, in->type, in->content, in->size, t->sha, in->user_id,
	         &t->id)) != DB_OK)
		return s;
	return db_event_add(in->app_id, in->user_id, "attachment_added", in->filename);
}

enum att_outcome
att_add(const struct att_input *in, int64_t *id, enum db_status *db)
{
	struct att_add_tx t = { .in = in, .outcome = ATT_DB };

	crypto_hash_sha256(t.sha, in->content, in->size);
	*db = db_tx(att_add_run, &t);
	*id = t.id;
	if (*db == DB_OK)
		return ATT_OK;
	return *db == DB_CONFLICT ? t.outcome : ATT_DB;
}

enum db_status
att_list(int64_t app_id, json_t **items)
{
	*items = NULL;
	return db_att_list(app_id, items);
}

enum db_status
att_get(int64_t id, int64_t app_id, char *filename, size_t fnlen, char *type, size_t typelen, char **content,
    size_t *size)
{
	return db_att_get(id, app_id, filename, fnlen, type, typelen, content, size);
}

struct att_remove_tx {
	int64_t app_id, id, user_id;
	bool not_draft;
};

static enum db_status
att_remove_run(void *arg)
{
	struct att_remove_tx *t = arg;
	struct db_app_lock lock;
	enum db_status s;

	t->not_draft = false;
	if ((s = db_app_lock(t->app_id, &lock)) != DB_OK)
		return s;
	if (strcmp(lock.status, "draft") != 0) {
		t->not_draft = true;
		return DB_CONFLICT;
	}
	if ((s = db_att_delete(t->id, t->app_id)) != DB_OK)
		return s;
	return db_event_add(t->app_id, t->user_id, "attachment_deleted", NULL);
}

enum att_outcome
att_remove(int64_t app_id, int64_t id, int64_t user_id, enum db_status *db)
{
	struct att_remove_tx t = { .app_id = app_id, .id = id, .user_id = user_id };

	*db = db_tx(att_remove_run, &t);
	if (*db == DB_OK)
		return ATT_OK;
	return *db == DB_CONFLICT && t.not_draft ? ATT_NOT_DRAFT : ATT_DB;
}
