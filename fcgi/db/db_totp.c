/*
 * db_totp.c - an account's second factor and its recovery codes (see db_totp.h).
 */
#include "db/db_totp.h"
#include "db/db_users.h"

#include <string.h>

enum db_status
db_totp_get(int64_t user_id, bool lock, struct db_totp *out)
{
	struct db_param p[] = { DB_INT(user_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(lock ? DB_STMT_TOTP_LOCK : DB_STMT_TOTP_GET, p, 1, out);
}

struct db_totp_need {
	unsigned roles;
	bool enabled;
};

static int
db_totp_need_row(void *arg, const struct db_row *row)
{
	struct db_totp_need *n = arg;
	n->roles = db_roles_parse(db_row_str(row, DB_COL(TOTP_NEED, roles)), false);
	n->enabled = db_row_int(row, DB_COL(TOTP_NEED, enabled)) != 0;
	return 0;
}

enum db_status
db_totp_need(int64_t user_id, unsigned *roles, bool *enabled)
{
	struct db_totp_need n = { 0, false };
	struct db_param p[] = { DB_INT(user_id), DB_INT(user_id) };
	enum db_status s = db_query(DB_STMT_TOTP_NEED, p, 2, db_totp_need_row, &n);
	*roles = n.roles;
	*enabled = n.enabled;
	return s;
}

enum db_status
db_totp_pending_set(int64_t user_id, const char *box)
{
	struct db_param p[] = { DB_INT(user_id), DB_STR(box) };
	return db_exec(DB_STMT_TOTP_PENDING_SET, p, 2, NULL, NULL);
}

enum db_status
db_totp_confirm(int64_t user_id, int64_t step)
{
	struct db_param p[] = { DB_INT(step), DB_INT(user_id) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_TOTP_CONFIRM, p, 2, &n, NULL);
	return s == DB_OK && n == 0 ? DB_NOTFOUND : s;
}

enum db_status
db_totp_passed(int64_t user_id, int64_t step)
{
	struct db_param p[] = { DB_INT(step), DB_INT(user_id) };
	return db_exec(DB_STMT_TOTP_PASSED, p, 2, NULL, NULL);
}

enum db_status
db_totp_fail(int64_t user_id)
{
	struct db_param p[] = { DB_INT(user_id) };
	return db_exec(DB_STMT_TOTP_FAIL, p, 1, NULL, NULL);
}

enum db_status
db_totp_delete(int64_t user_id)
{
	struct db_param p[] = { DB_INT(user_id) };
	enum db_status s = db_exec(DB_STMT_RECOVERY_CLEAR, p, 1, NULL, NULL);
	return s == DB_OK ? db_exec(DB_STMT_TOTP_DELETE, p, 1, NULL, NULL) : s;
}

enum db_status
db_totp_seed(int64_t user_id, const char *box, bool *added)
{
	struct db_param p[] = { DB_INT(user_id), DB_STR(box) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_TOTP_SEED, p, 2, &n, NULL);
	/* affected rows: 1 inserted, 2 updated (a pending-only row), 0 left as it was */
	*added = s == DB_OK && n > 0;
	return s;
}

enum db_status
db_recovery_set(int64_t user_id, const char *salt_hex, const char (*hash_hex)[65], size_t n)
{
	struct db_param salt[] = { DB_STR(salt_hex), DB_INT(user_id) };
	struct db_param p[] = { DB_INT(user_id), DB_NULLP };
	enum db_status s = db_exec(DB_STMT_TOTP_SALT_SET, salt, 2, NULL, NULL);
	size_t i;

	if (s == DB_OK)
		s = db_exec(DB_STMT_RECOVERY_CLEAR, p, 1, NULL, NULL);
	for (i = 0; i < n && s == DB_OK; i++) {
		p[1] = DB_STR(hash_hex[i]);
		s = db_exec(DB_STMT_RECOVERY_ADD, p, 2, NULL, NULL);
	}
	return s;
}

enum db_status
db_recovery_use(int64_t user_id, const char *hash_hex, bool *used)
{
	struct db_param p[] = { DB_INT(user_id), DB_STR(hash_hex) };
	uint64_t n = 0;
	enum db_status s = db_exec(DB_STMT_RECOVERY_USE, p, 2, &n, NULL);
	*used = s == DB_OK && n == 1;
	return s;
}
