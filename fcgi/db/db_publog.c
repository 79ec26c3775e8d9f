/*
 * db_publog.c - publishing and withdrawing a tenant's year with its log (see db_publog.h).
 */
#include "db/db_publog.h"

enum db_status
db_publog_publish(int64_t tenant_id, int year, int64_t user_id, bool *published_now)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), DB_ID_OR_NULL(user_id) };
	struct db_param l[] = { DB_INT(tenant_id), DB_INT(year), DB_STR("published"), DB_NULLP, DB_ID_OR_NULL(user_id) };
	uint64_t n = 0;
	enum db_status s;

	*published_now = false;
	if ((s = db_exec(DB_STMT_PUBLISH, p, 3, &n, NULL)) != DB_OK || n == 0)
		return s;
	*published_now = true;
	return db_exec(DB_STMT_PUBLOG_INSERT, l, 5, NULL, NULL);
}

enum db_status
db_publog_unpublish(int64_t tenant_id, int year, int64_t user_id, const char *reason)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year) };
	struct db_param l[] = { DB_INT(tenant_id), DB_INT(year), DB_STR("unpublished"), DB_STR(reason), DB_ID_OR_NULL(user_id) };
	uint64_t n = 0;
	enum db_status s;

	if ((s = db_exec(DB_STMT_PUBLOG_UNPUBLISH, p, 2, &n, NULL)) != DB_OK)
		return s;
	if (n == 0)
		return DB_NOTFOUND;
	return db_exec(DB_STMT_PUBLOG_INSERT, l, 5, NULL, NULL);
}

enum db_status
db_publog_write(int64_t tenant_id, struct jw *w)
{
	struct db_param p[] = { DB_INT(tenant_id) };
	enum db_status s;

	if ((s = db_query_jw_arr(DB_STMT_PUBLOG_YEARS, p, 1, w, "years")) != DB_OK)
		return s;
	return db_query_jw_arr(DB_STMT_PUBLOG_EVENTS, p, 1, w, "events");
}
