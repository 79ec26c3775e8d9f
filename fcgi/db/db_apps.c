/*
 * db_apps.c - organisations and applications in the database (see db_apps.h).
 */
#include "db/db_apps.h"
#include "core/jw.h"
#include "db/db_users.h"
#include "db/db_rows.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static void
db_cp(char *dst, size_t len, const char *src)
{
	utf8_copy(dst, src ? src : "", len);
}

static void
db_org_params(const struct db_org_input *in, struct db_param *p)
{
	p[0] = DB_STR(in->name);
	p[1] = DB_STR(in->municipality);
	p[2] = DB_STR(in->kind);
	p[3] = DB_INT(in->volunteer_register);
	p[4] = DB_STR_OR_NULL(in->volunteer_since);
	p[5] = DB_INT(in->business_register);
	p[6] = DB_STR_OR_NULL(in->business_since);
	p[7] = DB_INT(in->has_employees);
}

enum db_status
db_org_insert(const struct db_org_input *in, int64_t *id)
{
	struct db_param p[9];
	uint64_t iid = 0;
	enum db_status s;
	p[0] = DB_STR(in->orgnr);
	db_org_params(in, p + 1);
	s = db_exec(DB_STMT_ORG_INSERT, p, 9, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_org_update(int64_t id, const struct db_org_input *in)
{
	struct db_param p[9];
	db_org_params(in, p);
	p[8] = DB_INT(id);
	return db_exec(DB_STMT_ORG_UPDATE, p, 9, NULL, NULL);
}

struct db_idname {
	int64_t id;
	char *name;
	size_t len;
};

static int
db_idname_row(void *arg, const struct db_row *row)
{
	struct db_idname *x = arg;
	x->id = db_row_int(row, DB_COL(ORG_BY_ORGNR, id));
	if (x->name)
		db_cp(x->name, x->len, db_row_str(row, DB_COL(ORG_BY_ORGNR, name)));
	return 0;
}

enum db_status
db_org_by_orgnr(const char *orgnr, int64_t *id, char *name, size_t namelen)
{
	struct db_idname x = { 0, name, namelen };
	struct db_param p[] = { DB_STR(orgnr) };
	enum db_status s = db_query(DB_STMT_ORG_BY_ORGNR, p, 1, db_idname_row, &x);
	*id = x.id;
	if (s == DB_OK && x.id == 0)
		return DB_NOTFOUND;
	return s;
}

enum db_status
db_org_admins(int64_t org_id, struct db_org_admin out[DB_ADMINS_MAX], size_t *n)
{
	struct db_param p[] = { DB_INT(org_id) };
	return db_query_all(DB_STMT_ORG_ADMINS, p, 1, out, sizeof(*out), DB_ADMINS_MAX, n);
}

enum db_status
db_org_member_add(int64_t org_id, int64_t user_id, const char *role)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(user_id), DB_STR(role) };
	return db_exec(DB_STMT_ORG_MEMBER_ADD, p, 3, NULL, NULL);
}

enum db_status
db_org_flags(int64_t org_id, struct db_org_flags *out)
{
	struct db_param p[] = { DB_INT(org_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_ORG_FLAGS, p, 1, out);
}

enum db_status
db_invite_insert(int64_t org_id, const char *email_norm, const char *role, const unsigned char hash[32], int64_t by,
    int64_t lifetime)
{
	struct db_param p[] = { DB_INT(org_id), DB_STR(email_norm), DB_STR(role), DB_BLOB(hash, 32), DB_INT(by),
		DB_INT(lifetime) };
	return db_exec(DB_STMT_INVITE_INSERT, p, 6, NULL, NULL);
}

enum db_status
db_invite_take(const unsigned char hash[32], struct db_invite_taken *out)
{
	struct db_invite inv;
	struct db_param p[] = { DB_BLOB(hash, 32) };
	enum db_status s;

	memset(&inv, 0, sizeof(inv));
	memset(out, 0, sizeof(*out));
	if ((s = db_query_one(DB_STMT_INVITE_FIND, p, 1, &inv)) != DB_OK)
		return s;
	struct db_param a[] = { DB_INT(inv.id) };
	if ((s = db_exec(DB_STMT_INVITE_ACCEPT, a, 1, NULL, NULL)) != DB_OK)
		return s;
	out->org_id = inv.org_id;
	out->invited_by = inv.invited_by;
	db_cp(out->email, sizeof(out->email), inv.email);
	db_cp(out->role, sizeof(out->role), inv.role);
	return DB_OK;
}

struct db_appauth {
	int64_t org_id;
	unsigned roles;
};

static int
db_appauth_row(void *arg, const struct db_row *row)
{
	struct db_appauth *a = arg;
	a->org_id = db_row_int(row, DB_COL(APP_AUTH, org_id));
	a->roles = db_roles_parse(db_row_str(row, DB_COL(APP_AUTH, roles)), true);
	return 0;
}

enum db_status
db_app_auth(int64_t app_id, int64_t user_id, int64_t *org_id, unsigned *roles)
{
	struct db_appauth a = { 0, 0 };
	struct db_param p[] = { DB_INT(user_id), DB_INT(app_id) };
	enum db_status s = db_query(DB_STMT_APP_AUTH, p, 2, db_appauth_row, &a);
	*org_id = a.org_id;
	*roles = a.roles;
	return s;
}

enum db_status
db_app_insert(int64_t org_id, int64_t call_id, int64_t user_id, int64_t *id)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(user_id), DB_INT(user_id), DB_INT(call_id) };
	uint64_t n = 0, iid = 0;
	enum db_status s = db_exec(DB_STMT_APP_INSERT, p, 4, &n, &iid);
	if (s == DB_OK && n == 0)
		return DB_NOTFOUND;
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_app_get(int64_t id, struct db_app *out)
{
	struct db_param p[] = { DB_INT(id) };
	enum db_status s;
	memset(out, 0, sizeof(*out));
	if ((s = db_query_one(DB_STMT_APP_GET, p, 1, out)) != DB_OK) {
		db_app_free(out);
		return s;
	}
	if (out->data == NULL)
		out->data = util_strdup("{}");
	return DB_OK;
}

void
db_app_free(struct db_app *a)
{
	free(a->data);
	free(a->signed_copy);
	a->data = a->signed_copy = NULL;
}

enum db_status
db_app_update(int64_t id, int64_t version, const char *data, const char *title, int64_t amount, bool has_amount,
    int64_t user_id)
{
	struct db_param p[] = { DB_STR(data), DB_STR(title), has_amount ? DB_INT(amount) : DB_NULLP, DB_INT(user_id),
		DB_INT(id), DB_INT(version) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_APP_UPDATE, p, 6, &n, NULL);
	if (s == DB_OK && n == 0)
		return DB_CONFLICT;
	return s;
}

enum db_status
db_app_list_org(int64_t org_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(org_id) };
	return db_query_jw(DB_STMT_APP_LIST_ORG, p, 1, w);
}

/* The applicant timelines of a user's applications, each a JSON array written into one buffer;
 * EVENT_LIST_USER gives them by application, newest first, as APP_LIST_USER lists the applications. */
struct db_timelines {
	struct buf json;
	struct db_timeline {
		int64_t app_id;
		size_t start, len;
	} *at;
	size_t n, cap, next;  /* next: the first timeline not yet handed to an application */
	struct jw w;          /* writes the array being filled */
	struct jw *out;       /* the response's writer, for the applications */
};

static void
db_timeline_close(struct db_timelines *t)
{
	if (t->n > 0) {
		jw_end(&t->w);
		t->at[t->n - 1].len = t->json.len - t->at[t->n - 1].start;
	}
}

static int
db_timeline_row(void *arg, const struct db_row *row)
{
	struct db_timelines *t = arg;
	int64_t app = db_row_int(row, DB_COL(EVENT_LIST_USER, application_id));

	if (t->n == 0 || t->at[t->n - 1].app_id != app) {
		db_timeline_close(t);
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 16;
			t->at = util_realloc(t->at, t->cap * sizeof(*t->at));
		}
		t->at[t->n++] = (struct db_timeline){ app, t->json.len, 0 };
		jw_init(&t->w, &t->json);
		jw_arr(&t->w, NULL);
	}
	jw_obj(&t->w, NULL);
	db_row_jw_fields(&t->w, row, 1); /* without application_id */
	jw_end(&t->w);
	return 0;
}

/* One application, with its timeline (the events run in the same order: one pass). */
static int
db_app_user_row(void *arg, const struct db_row *row)
{
	struct db_timelines *t = arg;
	int64_t id = db_row_int(row, DB_COL(APP_LIST_USER, id));

	jw_obj(t->out, NULL);
	db_row_jw_fields(t->out, row, 0);
	while (t->next < t->n && t->at[t->next].app_id > id)
		t->next++;
	if (t->next < t->n && t->at[t->next].app_id == id)
		jw_raw(t->out, "events", t->json.data + t->at[t->next].start, t->at[t->next].len);
	else
		jw_raw(t->out, "events", "[]", 2);
	jw_end(t->out);
	return 0;
}

enum db_status
db_app_list_user(int64_t user_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(user_id) };
	struct db_timelines t = { .out = w };
	enum db_status s;

	if ((s = db_query(DB_STMT_EVENT_LIST_USER, p, 1, db_timeline_row, &t)) == DB_OK) {
		db_timeline_close(&t);
		s = db_query(DB_STMT_APP_LIST_USER, p, 1, db_app_user_row, &t);
	}
	buf_free(&t.json);
	free(t.at);
	return s;
}

/* The COLF columns, then what is more than a copy. */
static int
db_rules_row(void *arg, const struct db_row *row)
{
	struct db_call_rules *r = arg;
	const char *s = db_row_str(row, DB_COL(APP_CALL_RULES, tenant_kind));
	size_t k = 0;

	db_row_into(row, r);
	r->municipal = s && strcmp(s, "municipality") == 0;
	for (s = db_row_str(row, DB_COL(APP_CALL_RULES, sub_goals)); s && *s && k < sizeof(r->sub_goals) - 1; s++)
		if ((*s >= 'A' && *s <= 'D') || (*s >= '1' && *s <= '9')) /* sub-goals, or priority areas */
			r->sub_goals[k++] = *s;
	r->sub_goals[k] = '\0';
	s = db_row_str(row, DB_COL(APP_CALL_RULES, required_attachments));
	r->requires_budget = s && strstr(s, "budget") != NULL;
	r->requires_tax_certificate = s && strstr(s, "tax_certificate") != NULL;
	return 0;
}

enum db_status
db_call_rules(int64_t call_id, struct db_call_rules *out)
{
	struct db_param p[] = { DB_INT(call_id) };
	enum db_status s;
	memset(out, 0, sizeof(*out));
	if ((s = db_query(DB_STMT_APP_CALL_RULES, p, 1, db_rules_row, out)) != DB_OK)
		return s;
	return out->id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_counter_next(int64_t tenant_id, int64_t year, int64_t *number)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year) };
	enum db_status s;
	*number = 0;
	if ((s = db_exec(DB_STMT_COUNTER_BUMP, p, 2, NULL, NULL)) != DB_OK)
		return s;
	return db_query_int(DB_STMT_COUNTER_GET, p, 2, number);
}

enum db_status
db_app_lock(int64_t id, struct db_app_lock *out)
{
	struct db_param p[] = { DB_INT(id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_APP_LOCK, p, 1, out);
}

enum db_status
db_app_submit(int64_t id, const char *reference, int64_t user_id, const char *ip, const char *key,
    const char *signed_json, const char *sub_goals)
{
	struct db_param p[] = { DB_STR(reference), DB_INT(user_id), DB_STR_OR_NULL(ip), DB_STR_OR_NULL(key),
		DB_STR(signed_json), DB_STR(sub_goals), DB_INT(id) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_APP_SUBMIT, p, 7, &n, NULL);
	return s == DB_OK && n == 0 ? DB_CONFLICT : s;
}

enum db_status
db_app_withdraw(int64_t id)
{
	struct db_param p[] = { DB_INT(id) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_APP_WITHDRAW, p, 1, &n, NULL);
	return s == DB_OK && n == 0 ? DB_CONFLICT : s;
}

enum db_status
db_event_add(int64_t app_id, int64_t user_id, const char *event, const char *detail)
{
	struct db_param p[] = { DB_INT(app_id), DB_ID_OR_NULL(user_id), DB_STR(event), DB_STR_OR_NULL(detail) };
	return db_exec(DB_STMT_EVENT_INSERT, p, 4, NULL, NULL);
}

enum db_status
db_event_list(int64_t app_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(app_id) };
	return db_query_jw(DB_STMT_EVENT_LIST_PUBLIC, p, 1, w);
}

enum db_status
db_att_insert(int64_t app_id, const char *kind, const char *filename, const char *type, const void *content,
    size_t size, const unsigned char sha[32], int64_t user_id, int64_t *id)
{
	struct db_param p[] = { DB_INT(app_id), DB_STR(kind), DB_STR(filename), DB_STR(type), DB_INT((int64_t)size),
		DB_BLOB(sha, 32), DB_BLOB(content, size), DB_INT(user_id) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_ATT_INSERT, p, 8, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_att_list(int64_t app_id, db_rec_fn fn, void *arg)
{
	struct db_param p[] = { DB_INT(app_id) };
	struct db_att rec;
	return db_query_each(DB_STMT_ATT_LIST, p, 1, &rec, sizeof(rec), fn, arg);
}

struct db_att_found {
	char *fn, *type, *content;
	size_t fnlen, typelen, size;
	bool found;
};

static int
db_att_row(void *arg, const struct db_row *row)
{
	struct db_att_found *f = arg;
	db_cp(f->fn, f->fnlen, db_row_str(row, DB_COL(ATT_GET, filename)));
	db_cp(f->type, f->typelen, db_row_str(row, DB_COL(ATT_GET, content_type)));
	f->size = db_row_len(row, DB_COL(ATT_GET, content));
	f->content = util_malloc(f->size ? f->size : 1);
	if (f->size)
		memcpy(f->content, db_row_str(row, DB_COL(ATT_GET, content)), f->size);
	f->found = true;
	return 0;
}

enum db_status
db_att_get(int64_t id, int64_t app_id, char *filename, size_t fnlen, char *type, size_t typelen, char **content,
    size_t *size)
{
	struct db_att_found f = { filename, type, NULL, fnlen, typelen, 0, false };
	struct db_param p[] = { DB_INT(id), DB_INT(app_id) };
	enum db_status s = db_query(DB_STMT_ATT_GET, p, 2, db_att_row, &f);
	if (s != DB_OK) {
		free(f.content);
		return s;
	}
	if (!f.found)
		return DB_NOTFOUND;
	*content = f.content;
	*size = f.size;
	return DB_OK;
}

enum db_status
db_att_delete(int64_t id, int64_t app_id)
{
	struct db_param p[] = { DB_INT(id), DB_INT(app_id) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_ATT_DELETE, p, 2, &n, NULL);
	return s == DB_OK && n == 0 ? DB_NOTFOUND : s;
}

enum db_status
db_att_totals(int64_t app_id, int64_t *bytes, bool *budget, bool *tax)
{
	struct db_totals t = { 0, false, false };
	struct db_param p[] = { DB_INT(app_id) };
	enum db_status s = db_query_one(DB_STMT_ATT_TOTALS, p, 1, &t);
	if (s == DB_NOTFOUND)
		s = DB_OK;
	*bytes = t.bytes;
	*budget = t.budget;
	*tax = t.tax;
	return s;
}

enum db_status
db_org_lock(int64_t org_id)
{
	struct db_param p[] = { DB_INT(org_id) };
	int64_t id = 0;
	enum db_status s = db_query_int(DB_STMT_ORG_LOCK, p, 1, &id);
	return s == DB_OK && id == 0 ? DB_NOTFOUND : s;
}

enum db_status
db_app_open_drafts(int64_t org_id, int64_t call_id, int64_t *n)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(call_id) };
	*n = 0;
	return db_query_int(DB_STMT_APP_OPEN_DRAFTS, p, 2, n);
}

enum db_status
db_org_att_bytes(int64_t org_id, int64_t *bytes)
{
	struct db_param p[] = { DB_INT(org_id) };
	*bytes = 0;
	return db_query_int(DB_STMT_ORG_ATT_BYTES, p, 1, bytes);
}
