/*
 * db_schemes.c - what the three schemes' rules read (see db_schemes.h).
 */
#include "db/db_schemes.h"

#include <string.h>

enum db_status
db_scheme_call(int64_t call_id, struct db_scheme_call *out)
{
	struct db_param p[] = { DB_INT(call_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SCHEME_CALL, p, 1, out);
}

enum db_status
db_scheme_org(int64_t org_id, struct db_scheme_org *out)
{
	struct db_param p[] = { DB_INT(org_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SCHEME_ORG, p, 1, out);
}

enum db_status
db_scheme_same_year(int64_t org_id, int64_t call_id, int64_t app_id, int64_t *n)
{
	struct db_param p[] = { DB_INT(org_id), DB_INT(call_id), DB_INT(app_id) };
	*n = 0;
	return db_query_int(DB_STMT_SCHEME_SAME_YEAR, p, 3, n);
}

enum db_status
db_scheme_terms(int64_t case_id, struct db_scheme_terms *out)
{
	struct db_param p[] = { DB_INT(case_id) };
	memset(out, 0, sizeof(*out));
	return db_query_one(DB_STMT_SCHEME_TERMS, p, 1, out);
}

enum db_status
db_scheme_org_year(int64_t case_id, int64_t amount, int64_t *total)
{
	struct db_param p[] = { DB_INT(amount), DB_INT(case_id) };
	*total = amount;
	return db_query_int(DB_STMT_SCHEME_ORG_YEAR, p, 2, total);
}

enum db_status
db_scheme_audit_base(int64_t case_id, int64_t granted, int64_t *base)
{
	struct db_scheme_terms t;
	enum db_status s;

	*base = granted;
	if (granted <= 0)
		return DB_OK;
	if ((s = db_scheme_terms(case_id, &t)) != DB_OK)
		return s == DB_NOTFOUND ? DB_OK : s;
	return t.org_year ? db_scheme_org_year(case_id, granted, base) : DB_OK;
}

#define DB_FIGURE(v) ((v) >= 0 ? DB_INT(v) : DB_NULLP)

enum db_status
db_scheme_app_figures(int64_t app_id, int64_t members_local, int64_t own_contribution, int64_t participants)
{
	struct db_param p[] = { DB_FIGURE(members_local), DB_FIGURE(own_contribution), DB_FIGURE(participants),
		DB_INT(app_id) };
	return db_exec(DB_STMT_SCHEME_APP_FIGURES, p, 4, NULL, NULL);
}
