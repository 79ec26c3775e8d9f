/*
 * db_register.c - the imported registers and signing authority in the database (see db_register.h).
 */
#include "db/db_register.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* "" as NULL */
#define DB_TEXT_OR_NULL(v) ((v) && (v)[0] ? DB_STR(v) : DB_NULLP)

enum db_status
db_register_unit_put(const char *orgnr, const char *name, const char *form, const char *municipality,
    const char *email, const char *registered_on, bool volunteer, uint64_t *changed)
{
	struct db_param p[] = { DB_STR(orgnr), DB_STR(name), DB_STR(form), DB_STR(municipality), DB_TEXT_OR_NULL(email),
		DB_TEXT_OR_NULL(registered_on), DB_INT(volunteer) };
	return db_exec(DB_STMT_REGISTER_UNIT_PUT, p, 7, changed, NULL);
}

enum db_status
db_register_listing_put(const char *orgnr, const char *since, uint64_t *changed)
{
	struct db_param p[] = { DB_STR(orgnr), DB_TEXT_OR_NULL(since) };
	return db_exec(DB_STMT_REGISTER_LISTING_PUT, p, 2, changed, NULL);
}

enum db_status
db_register_loaded(bool *loaded)
{
	int64_t n = 0;
	enum db_status s = db_query_int(DB_STMT_REGISTER_LOADED, NULL, 0, &n);
	*loaded = n > 0;
	return s;
}

enum db_status
db_register_get(const char *orgnr, struct register_entry *out)
{
	struct db_param p[] = { DB_STR(orgnr) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_REGISTER_GET, p, 1, out);
}

struct db_register_orgs {
	struct db_register_org *v;
	size_t n, cap;
};

static int
db_register_org_row(void *arg, const struct db_row *row)
{
	struct db_register_orgs *o = arg;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = util_realloc(o->v, o->cap * sizeof(*o->v));
	}
	memset(&o->v[o->n], 0, sizeof(o->v[o->n]));
	db_row_into(row, &o->v[o->n++]);
	return 0;
}

enum db_status
db_register_orgs(struct db_register_org **out, size_t *n)
{
	struct db_register_orgs o = { NULL, 0, 0 };
	enum db_status s = db_query(DB_STMT_REGISTER_ORGS, NULL, 0, db_register_org_row, &o);
	if (s != DB_OK) {
		free(o.v);
		o.v = NULL;
		o.n = 0;
	}
	*out = o.v;
	*n = o.n;
	return s;
}

enum db_status
db_register_sync(int64_t id, const struct register_entry *u, const char *kind, bool *changed)
{
	struct db_param p[] = { DB_STR(u->name), DB_STR(u->municipality), DB_STR(kind), DB_INT(u->volunteer),
		DB_TEXT_OR_NULL(u->volunteer ? u->volunteer_since : NULL), DB_TEXT_OR_NULL(u->registered_on), DB_INT(id) };
	uint64_t affected = 0;
	enum db_status s = db_exec(DB_STMT_ORG_REGISTER_SYNC, p, 7, &affected, NULL);
	*changed = affected > 0;
	return s;
}

enum db_status
db_signer_authority_set(const struct db_authority_input *in)
{
	struct db_param p[] = { DB_INT(in->org_id), DB_INT(in->user_id), DB_STR(in->method),
		DB_STR_OR_NULL(in->checked_against), DB_STR_OR_NULL(in->email), DB_TEXT_OR_NULL(in->note),
		DB_ID_OR_NULL(in->by_user), DB_ID_OR_NULL(in->tenant_id) };
	return db_exec(DB_STMT_SIGNER_AUTHORITY_SET, p, 8, NULL, NULL);
}

enum db_status
db_signer_authority_get(int64_t org_id, int64_t user_id, struct db_signer_authority *out)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(user_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SIGNER_AUTHORITY_GET, p, 2, out);
}

enum db_status
db_signer_request_add(const struct db_signer_request_input *in)
{
	struct db_param sup[] = { DB_INT(in->org_id), DB_INT(in->user_id), DB_STR(in->method) };
	struct db_param p[] = { DB_INT(in->org_id), DB_INT(in->user_id), DB_STR(in->method), DB_ID_OR_NULL(in->tenant_id),
		DB_STR_OR_NULL(in->email), in->token_hash ? DB_BLOB(in->token_hash, 32) : DB_NULLP,
		DB_ID_OR_NULL(in->lifetime) };
	enum db_status s = db_exec(DB_STMT_SIGNER_REQUEST_SUPERSEDE, sup, 3, NULL, NULL);
	return s != DB_OK ? s : db_exec(DB_STMT_SIGNER_REQUEST_INSERT, p, 7, NULL, NULL);
}

enum db_status
db_signer_links_today(int64_t org_id, int64_t *n)
{
	struct db_param p[] = { DB_INT(org_id) };
	*n = 0;
	return db_query_int(DB_STMT_SIGNER_LINKS_TODAY, p, 1, n);
}

enum db_status
db_signer_request_by_token(const unsigned char hash[32], struct db_signer_request *out)
{
	struct db_param p[] = { DB_BLOB(hash, 32) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SIGNER_REQUEST_BY_TOKEN, p, 1, out);
}

enum db_status
db_signer_request_lock(int64_t id, int64_t tenant_id, struct db_signer_request *out)
{
	struct db_param p[] = { DB_INT(id), DB_INT(tenant_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SIGNER_REQUEST_LOCK, p, 2, out);
}

enum db_status
db_signer_request_decide(int64_t id, const char *status, int64_t by, const char *note)
{
	struct db_param p[] = { DB_STR(status), DB_ID_OR_NULL(by), DB_TEXT_OR_NULL(note), DB_INT(id) };
	uint64_t affected = 0;
	enum db_status s = db_exec(DB_STMT_SIGNER_REQUEST_DECIDE, p, 4, &affected, NULL);
	return s == DB_OK && affected == 0 ? DB_CONFLICT : s;
}

enum db_status
db_signer_requests_list(int64_t tenant_id, bool all, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(all) };
	return db_query_jw(DB_STMT_SIGNER_REQUESTS_LIST, p, 2, w);
}

enum db_status
db_signer_pending(int64_t org_id, int64_t user_id, struct jw *w, const char *key)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(user_id) };
	return db_query_jw_arr(DB_STMT_SIGNER_PENDING, p, 2, w, key);
}

enum db_status
db_org_apps_at(int64_t org_id, int64_t tenant_id, int64_t *n)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(tenant_id) };
	*n = 0;
	return db_query_int(DB_STMT_ORG_APPS_AT, p, 2, n);
}
