/*
 * db_users.c - accounts, tokens, outbox, throttling, security log and roles (see db_users.h).
 */
#include "db/db_users.h"
#include "db/db_rows.h"
#include "core/util.h"

#include <string.h>

static const char *const db_org_roles[] = { "admin", "signer", "editor", "viewer", NULL };
static const char *const db_tenant_roles[] = { "caseworker", "decision_maker", "tenant_admin", "national_admin", NULL };

unsigned
db_roles_parse(const char *csv, bool org)
{
	const char *const *names = org ? db_org_roles : db_tenant_roles;
	unsigned bits = 0;
	const char *p = csv;
	size_t i;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		for (i = 0; names[i]; i++)
			if (strlen(names[i]) == n && strncmp(names[i], p, n) == 0)
				bits |= 1u << i;
		p = e ? e + 1 : NULL;
	}
	return bits;
}

const char *
db_role_name(unsigned bit, bool org)
{
	const char *const *names = org ? db_org_roles : db_tenant_roles;
	size_t i;
	for (i = 0; names[i]; i++)
		if (bit == 1u << i)
			return names[i];
	return NULL;
}

static enum db_status
db_user_one(enum db_stmt id, struct db_param p, struct db_user *out)
{
	memset(out, 0, sizeof(*out));
	return db_query_one(id, &p, 1, out);
}

enum db_status
db_user_by_email(const char *email_norm, struct db_user *out)
{
	return db_user_one(DB_STMT_USER_BY_EMAIL, DB_STR(email_norm), out);
}

enum db_status
db_user_by_id(int64_t id, struct db_user *out)
{
	return db_user_one(DB_STMT_USER_BY_ID, DB_INT(id), out);
}

enum db_status
db_user_insert(const char *email, const char *email_norm, const char *name, const char *hash, int64_t *id)
{
	struct db_param p[] = { DB_STR(email), DB_STR(email_norm), DB_STR(name), DB_STR(hash) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_USER_INSERT, p, 4, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

enum db_status
db_user_set_password(int64_t id, const char *hash, bool verify)
{
	struct db_param p[] = { DB_STR(hash), DB_INT(verify ? 1 : 0), DB_INT(id) };
	return db_exec(DB_STMT_USER_SET_PASSWORD, p, 3, NULL, NULL);
}

enum db_status
db_user_bump_gen(int64_t id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(DB_STMT_USER_BUMP_GEN, p, 1, NULL, NULL);
}

enum db_status
db_user_verify(int64_t id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(DB_STMT_USER_VERIFY, p, 1, NULL, NULL);
}

enum db_status
db_token_insert(int64_t user_id, const char *purpose, const unsigned char hash[32], int64_t lifetime)
{
	struct db_param p[] = { DB_INT(user_id), DB_STR(purpose), DB_BLOB(hash, 32), DB_INT(lifetime) };
	return db_exec(DB_STMT_TOKEN_INSERT, p, 4, NULL, NULL);
}

enum db_status
db_token_take(const unsigned char hash[32], const char *purpose, int64_t *user_id)
{
	struct db_token_found t = { 0, 0 };
	struct db_param p[] = { DB_BLOB(hash, 32), DB_STR(purpose) };
	uint64_t n = 0;
	enum db_status s;

	if ((s = db_query_one(DB_STMT_TOKEN_FIND, p, 2, &t)) != DB_OK)
		return s;
	struct db_param u[] = { DB_INT(t.id) };
	if ((s = db_exec(DB_STMT_TOKEN_USE, u, 1, &n, NULL)) != DB_OK)
		return s;
	if (n != 1)
		return DB_NOTFOUND;
	*user_id = t.user_id;
	return DB_OK;
}

enum db_status
db_token_revoke(int64_t user_id, const char *purpose)
{
	struct db_param p[] = { DB_INT(user_id), DB_STR(purpose) };
	return db_exec(DB_STMT_TOKEN_REVOKE, p, 2, NULL, NULL);
}

static enum db_status
db_outbox_insert(const char *to, const char *subject, const char *body, const char *kind, int64_t tenant_id,
    bool secret)
{
	struct db_param p[] = { DB_STR(to), DB_STR(subject), DB_STR(body), DB_STR(kind), DB_ID_OR_NULL(tenant_id),
		DB_INT(secret ? 1 : 0) };
	return db_exec(DB_STMT_OUTBOX_INSERT, p, 6, NULL, NULL);
}

enum db_status
db_outbox_add(const char *to, const char *subject, const char *body, const char *kind, int64_t tenant_id)
{
	return db_outbox_insert(to, subject, body, kind, tenant_id, false);
}

enum db_status
db_outbox_add_secret(const char *to, const char *subject, const char *body, const char *kind, int64_t tenant_id)
{
	return db_outbox_insert(to, subject, body, kind, tenant_id, true);
}

enum db_status
db_outbox_list(const char *to, bool metadata_only, int64_t limit, int64_t offset, struct jw *w)
{
	struct db_param p[] = { DB_INT(metadata_only ? 1 : 0), DB_STR_OR_NULL(to), DB_STR_OR_NULL(to), DB_INT(limit),
		DB_INT(offset) };
	return db_query_jw(DB_STMT_OUTBOX_LIST, p, 5, w);
}

enum db_status
db_throttle_get(const unsigned char email_hash[32], const char *client, int64_t *wait_seconds)
{
	struct db_param p[] = { DB_BLOB(email_hash, 32), DB_STR(client) };
	*wait_seconds = 0;
	return db_query_int(DB_STMT_THROTTLE_GET, p, 2, wait_seconds);
}

/* Runs the account's statement (one parameter, the hash) and then the client's (hash, client). */
static enum db_status
db_throttle_both(enum db_stmt account, enum db_stmt client_stmt, struct db_param key, const char *client)
{
	struct db_param p[] = { key, DB_STR(client) };
	enum db_status s = db_exec(account, p, 1, NULL, NULL);
	return s != DB_OK ? s : db_exec(client_stmt, p, 2, NULL, NULL);
}

enum db_status
db_throttle_fail(const unsigned char email_hash[32], const char *client)
{
	return db_throttle_both(DB_STMT_THROTTLE_FAIL, DB_STMT_THROTTLE_CLIENT_FAIL, DB_BLOB(email_hash, 32), client);
}

enum db_status
db_throttle_clear(const unsigned char email_hash[32], const char *client)
{
	return db_throttle_both(DB_STMT_THROTTLE_CLEAR, DB_STMT_THROTTLE_CLIENT_CLEAR, DB_BLOB(email_hash, 32), client);
}

enum db_status
db_throttle_clear_user(int64_t user_id, const char *client)
{
	return db_throttle_both(DB_STMT_THROTTLE_CLEAR_USER, DB_STMT_THROTTLE_CLIENT_CLEAR_USER, DB_INT(user_id), client);
}

enum db_status
db_session_check(int64_t user_id, const unsigned char sid[8], uint32_t *gen, bool *revoked)
{
	struct db_session_found f = { 0, false };
	struct db_param p[] = { DB_BLOB(sid, 8), DB_INT(user_id) };
	enum db_status s = db_query_one(DB_STMT_SESSION_CHECK, p, 2, &f);
	*gen = f.gen;
	*revoked = f.revoked;
	return s;
}

enum db_status
db_session_revoke(int64_t user_id, const unsigned char sid[8], int64_t seconds)
{
	struct db_param p[] = { DB_INT(user_id), DB_BLOB(sid, 8), DB_INT(seconds > 0 ? seconds : 0) };
	enum db_status s = db_exec(DB_STMT_SESSION_REVOKE, p, 3, NULL, NULL);
	return s != DB_OK ? s : db_exec(DB_STMT_SESSION_REVOKE_PURGE, NULL, 0, NULL, NULL);
}

enum db_status
db_seclog(const char *event, int64_t user_id, int64_t actor_id, int64_t tenant_id, int64_t org_id, const char *ip,
    const char *detail)
{
	struct db_param p[] = { DB_STR(event), DB_ID_OR_NULL(user_id), DB_ID_OR_NULL(actor_id), DB_ID_OR_NULL(tenant_id),
		DB_ID_OR_NULL(org_id), DB_STR_OR_NULL(ip), DB_STR_OR_NULL(detail) };
	return db_exec(DB_STMT_SECLOG_INSERT, p, 7, NULL, NULL);
}

enum db_status
db_seclog_list(int64_t tenant_id, int64_t limit, int64_t offset, struct jw *w)
{
	struct db_param p[] = { DB_ID_OR_NULL(tenant_id), DB_ID_OR_NULL(tenant_id), DB_INT(limit), DB_INT(offset) };
	return db_query_jw(DB_STMT_SECLOG_LIST, p, 4, w);
}

enum db_status
db_me_orgs(int64_t user_id, struct jw *w, const char *key)
{
	struct db_param p[] = { DB_INT(user_id) };
	return db_query_jw_arr(DB_STMT_ME_ORGS, p, 1, w, key);
}

enum db_status
db_me_tenants(int64_t user_id, struct jw *w, const char *key)
{
	struct db_param p[] = { DB_INT(user_id) };
	return db_query_jw_arr(DB_STMT_ME_TENANTS, p, 1, w, key);
}

/* the organisation roles' row: the roles as one comma-separated string */
static int
db_org_roles_row(void *arg, const struct db_row *row)
{
	*(unsigned *)arg = db_roles_parse(db_row_str(row, DB_COL(ORG_AUTH, roles)), true);
	return 0;
}

struct db_tenant_found {
	bool user;
	struct db_tenant_auth *a;
};

static int
db_tenant_auth_row(void *arg, const struct db_row *row)
{
	struct db_tenant_found *f = arg;
	f->user = true;
	f->a->gen = (uint32_t)db_row_int(row, DB_COL(TENANT_AUTH, gen));
	f->a->revoked = db_row_int(row, DB_COL(TENANT_AUTH, revoked)) != 0;
	f->a->tenant_id = db_row_int(row, DB_COL(TENANT_AUTH, tenant_id));
	f->a->roles = f->a->tenant_id ? db_roles_parse(db_row_str(row, DB_COL(TENANT_AUTH, roles)), false) : 0;
	return 0;
}

enum db_status
db_tenant_auth(const unsigned char sid[8], const char *slug, int64_t user_id, struct db_tenant_auth *out)
{
	struct db_tenant_found f = { false, out };
	struct db_param p[] = { DB_BLOB(sid, 8), DB_STR(slug), DB_INT(user_id) };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_query(DB_STMT_TENANT_AUTH, p, 3, db_tenant_auth_row, &f);
	if (s == DB_OK && !f.user)
		return DB_NOTFOUND;
	return s;
}

enum db_status
db_org_auth(int64_t org_id, int64_t user_id, unsigned *roles)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(user_id) };
	*roles = 0;
	return db_query(DB_STMT_ORG_AUTH, p, 2, db_org_roles_row, roles);
}

enum db_status
db_org_get(int64_t org_id, struct db_org *out)
{
	struct db_param p[] = { DB_INT(org_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_ORG_GET, p, 1, out);
}

enum db_status
db_org_write(int64_t org_id, struct jw *w, struct db_org *out)
{
	struct db_param p[] = { DB_INT(org_id) };
	if (out)
		memset(out, 0, sizeof(*out));
	return db_query_jw_fields(DB_STMT_ORG_GET, p, 1, w, out);
}

enum db_status
db_org_members(int64_t org_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(org_id) };
	return db_query_jw(DB_STMT_ORG_MEMBERS, p, 1, w);
}

enum db_status
db_staff_list(int64_t tenant_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id) };
	return db_query_jw(DB_STMT_STAFF_LIST, p, 1, w);
}

enum db_status
db_staff_insert(int64_t tenant_id, int64_t user_id, const char *role, int64_t *id)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(user_id), DB_STR(role) };
	uint64_t iid = 0;
	enum db_status s = db_exec(DB_STMT_STAFF_INSERT, p, 3, NULL, &iid);
	*id = (int64_t)iid;
	return s;
}

struct db_staff_found {
	int64_t id, user_id;
	unsigned role;
};

static int
db_staff_row(void *arg, const struct db_row *row)
{
	struct db_staff_found *f = arg;
	f->id = db_row_int(row, DB_COL(STAFF_GET, id));
	f->user_id = db_row_int(row, DB_COL(STAFF_GET, user_id));
	f->role = db_roles_parse(db_row_str(row, DB_COL(STAFF_GET, role)), false);
	return 0;
}

enum db_status
db_staff_get(int64_t id, int64_t tenant_id, int64_t *user_id, unsigned *role)
{
	struct db_staff_found f = { 0, 0, 0 };
	struct db_param p[] = { DB_INT(id), DB_INT(tenant_id) };
	enum db_status s = db_query(DB_STMT_STAFF_GET, p, 2, db_staff_row, &f);
	if (s != DB_OK)
		return s;
	if (f.id == 0)
		return DB_NOTFOUND;
	*user_id = f.user_id;
	*role = f.role;
	return DB_OK;
}

enum db_status
db_staff_delete(int64_t id, int64_t tenant_id)
{
	struct db_param p[] = { DB_INT(id), DB_INT(tenant_id) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_STAFF_DELETE, p, 2, &n, NULL);
	if (s == DB_OK && n == 0)
		return DB_NOTFOUND;
	return s;
}
