/*
 * db_alloc.c - allocations, administration costs and imported statistics (see db_alloc.h).
 */
#include "db/db_alloc.h"

#include <string.h>

static enum db_status
db_alloc_ref_get(enum db_stmt id, const struct db_param *p, size_t n, struct db_alloc_ref *out)
{
	memset(out, 0, sizeof(*out));
	return db_query_one(id, p, n, out);
}

enum db_status
db_alloc_tenant(const char *slug, struct db_alloc_ref *out)
{
	struct db_param p[] = { DB_STR(slug) };
	return db_alloc_ref_get(DB_STMT_ALLOC_TENANT, p, 1, out);
}

enum db_status
db_alloc_scheme(const char *code, struct db_alloc_ref *out)
{
	struct db_param p[] = { DB_STR(code) };
	return db_alloc_ref_get(DB_STMT_ALLOC_SCHEME, p, 1, out);
}

enum db_status
db_alloc_tenant_by_name(const char *name, struct db_alloc_ref *out)
{
	struct db_param p[] = { DB_STR(name), DB_STR(name), DB_STR(name), DB_STR(name) };
	return db_alloc_ref_get(DB_STMT_ALLOC_TENANT_BY_NAME, p, 4, out);
}

enum db_status
db_alloc_list(int64_t tenant_id, int year, struct jw *w)
{
	struct db_param p[] = { DB_INT(year), DB_INT(year), DB_INT(year), DB_INT(year), DB_INT(year),
		DB_ID_OR_NULL(tenant_id), DB_ID_OR_NULL(tenant_id) };
	return db_query_jw(DB_STMT_ALLOC_LIST, p, 7, w);
}

enum db_status
db_alloc_set(int64_t tenant_id, int64_t scheme_id, int year, int64_t amount, int64_t user_id)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(scheme_id), DB_INT(year), DB_INT(amount),
		DB_ID_OR_NULL(user_id) };
	return db_exec(DB_STMT_ALLOC_SET, p, 5, NULL, NULL);
}

enum db_status
db_alloc_frames(int64_t tenant_id, int64_t scheme_id, int year, int64_t *frames)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(scheme_id), DB_INT(year) };
	*frames = 0;
	return db_query_int(DB_STMT_ALLOC_FRAMES, p, 3, frames);
}

enum db_status
db_admin_cost_add(int64_t tenant_id, int64_t scheme_id, int year, int64_t amount, const char *note, int64_t user_id,
    int64_t *id)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(scheme_id), DB_INT(year), DB_INT(amount), DB_STR(note),
		DB_ID_OR_NULL(user_id) };
	uint64_t insert_id = 0;
	enum db_status s = db_exec(DB_STMT_ADMIN_COST_ADD, p, 6, NULL, &insert_id);

	*id = (int64_t)insert_id;
	return s;
}

enum db_status
db_admin_cost_list(int64_t tenant_id, int year, int64_t id, struct jw *w)
{
	struct db_param p[] = { DB_ID_OR_NULL(tenant_id), DB_ID_OR_NULL(tenant_id), DB_ID_OR_NULL(year),
		DB_ID_OR_NULL(year), DB_ID_OR_NULL(id), DB_ID_OR_NULL(id) };
	return db_query_jw(DB_STMT_ADMIN_COST_LIST, p, 6, w);
}

enum db_status
db_admin_cost_lock(int64_t id, struct db_alloc_ref *out)
{
	struct db_param p[] = { DB_INT(id) };
	enum db_status s = db_alloc_ref_get(DB_STMT_ADMIN_COST_LOCK, p, 1, out);

	out->id = id;
	return s;
}

enum db_status
db_admin_cost_decide(int64_t id, const char *consent, int64_t user_id)
{
	struct db_param p[] = { DB_STR(consent), DB_ID_OR_NULL(user_id), DB_INT(id) };
	return db_exec(DB_STMT_ADMIN_COST_DECIDE, p, 3, NULL, NULL);
}

enum db_status
db_hist_stats_put(int64_t tenant_id, int year, const char *source_name, const int64_t *values, unsigned given,
    int64_t user_id, uint64_t *affected)
{
	struct db_param p[17];
	unsigned k;

	p[0] = DB_INT(tenant_id);
	p[1] = DB_INT(year);
	p[2] = DB_STR(source_name);
	for (k = 0; k < 13; k++)
		p[3 + k] = (given & (1u << k)) ? DB_INT(values[k]) : DB_NULLP;
	p[16] = DB_ID_OR_NULL(user_id);
	*affected = 0;
	return db_exec(DB_STMT_HIST_STATS_PUT, p, 17, affected, NULL);
}
