/*
 * attachments.c - adding, listing, reading and removing an application's attachments (see
 * attachments.h).
 */
#include "svc/attachments.h"
#include "svc/svc_db.h"
#include "db/db_apps.h"
#include "core/jw.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	struct att_added *out;
	unsigned char sha[32];
	enum att_outcome outcome;
};

/* The quotas, with the organisation's row locked: the application's total, then the organisation's. */
static enum db_status
att_quota(struct att_add_tx *t)
{
	const struct att_input *in = t->in;
	int64_t app_total = 0, org_total = 0;
	bool b, x;
	enum db_status s;

	if ((s = db_att_totals(in->app_id, &app_total, &b, &x)) != DB_OK ||
	    (s = db_org_att_bytes(in->org_id, &org_total)) != DB_OK)
		return s;
	if (app_total + (int64_t)in->size > ATT_APP_MAX)
		t->outcome = ATT_TOO_MUCH;
	else if (org_total + (int64_t)in->size > in->org_max)
		t->outcome = ATT_ORG_FULL;
	else
		return DB_OK;
	return DB_CONFLICT;
}

static enum db_status
att_add_run(void *arg)
{
	struct att_add_tx *t = arg;
	const struct att_input *in = t->in;
	struct db_app_lock lock;
	enum db_status s;

	t->outcome = ATT_DB;
	/* the organisation first: its uploads check and use its quota one at a time */
	if ((s = db_org_lock(in->org_id)) != DB_OK || (s = db_app_lock(in->app_id, &lock)) != DB_OK)
		return s;
	/* the application's attachments while it is a draft; the report's once the grant is paid out */
	if (att_report_kind(in->kind) ? !att_reporting(lock.status) : strcmp(lock.status, "draft") != 0) {
		t->outcome = att_report_kind(in->kind) ? ATT_NOT_REPORTING : ATT_NOT_DRAFT;
		return DB_CONFLICT;
	}
	if ((s = att_quota(t)) != DB_OK)
		return s;
	if ((s = db_att_insert(in->app_id, in->kind, t->out->filename, t->out->type, in->content, in->size, t->sha,
	         in->user_id, &t->out->id)) != DB_OK)
		return s;
	return db_event_add(in->app_id, in->user_id, "attachment_added", t->out->filename);
}

enum att_outcome
att_add(const struct att_input *in, struct att_added *out, enum svc_status *st)
{
	struct att_add_tx t = { .in = in, .out = out, .outcome = ATT_DB };
	enum filetype type = filetype_detect(in->content, in->size);
	enum db_status s;

	memset(out, 0, sizeof(*out));
	*st = SVC_OK;
	if (type == FILETYPE_NONE)
		return ATT_BAD_TYPE;
	if (!filetype_name(in->filename, type, out->filename))
		return ATT_BAD_NAME;
	out->type = filetype_mime(type);
	crypto_hash_sha256(t.sha, in->content, in->size);
	s = db_tx(att_add_run, &t);
	*st = svc_status_of(s);
	if (s == DB_OK)
		return ATT_OK;
	return s == DB_CONFLICT ? t.outcome : ATT_DB;
}

/* The name the stored name and type give (the same rule as at upload; "vedlegg" when the
 * type is none of ours, which no stored row has). */
static void
att_clean(const char *stored, const char *type, char out[FILETYPE_NAME_CAP])
{
	if (!filetype_name(stored, filetype_from_mime(type), out))
		snprintf(out, FILETYPE_NAME_CAP, "vedlegg");
}

/* one attachment as an object of the array open on w, its name cleaned */
static int
att_write(void *arg, const void *rec)
{
	const struct db_att *a = rec;
	struct jw *w = arg;
	char name[FILETYPE_NAME_CAP];

	att_clean(a->filename, a->content_type, name);
	jw_obj(w, NULL);
	jw_int(w, "id", a->id);
	jw_str(w, "kind", a->kind);
	jw_str(w, "filename", name);
	jw_str(w, "content_type", a->content_type);
	jw_int(w, "size", a->size);
	jw_str(w, "created_at", a->created_at);
	jw_end(w);
	return 0;
}

enum db_status
att_write_list(int64_t app_id, struct jw *w)
{
	return db_att_list(app_id, att_write, w);
}

enum svc_status
att_list(int64_t app_id, struct jw *w)
{
	return svc_status_of(att_write_list(app_id, w));
}

enum svc_status
att_get(int64_t id, int64_t app_id, char filename[FILETYPE_NAME_CAP], char *type, size_t typelen, char **content,
    size_t *size)
{
	char stored[FILETYPE_NAME_CAP];
	enum db_status s = db_att_get(id, app_id, stored, sizeof(stored), type, typelen, content, size);

	if (s == DB_OK)
		att_clean(stored, type, filename);
	return svc_status_of(s);
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
att_remove(int64_t app_id, int64_t id, int64_t user_id, enum svc_status *st)
{
	struct att_remove_tx t = { .app_id = app_id, .id = id, .user_id = user_id };
	enum db_status s = db_tx(att_remove_run, &t);

	*st = svc_status_of(s);
	if (s == DB_OK)
		return ATT_OK;
	return s == DB_CONFLICT && t.not_draft ? ATT_NOT_DRAFT : ATT_DB;
}
