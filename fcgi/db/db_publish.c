/*
 * db_publish.c - published years, recipients, statistics and the historical import's rows (see
 * db_publish.h).
 */
#include "db/db_publish.h"

#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

struct db_pub {
	int64_t id;
	char *name, *at;
	bool published, found;
};

static int
db_pub_row(void *arg, const struct db_row *row)
{
	struct db_pub *p = arg;
	const char *name = db_row_str(row, DB_COL(PUBLISHED_GET, name));
	struct valid_datetime dt;
	p->found = true;
	p->id = db_row_int(row, DB_COL(PUBLISHED_GET, id));
	utf8_copy(p->name, name ? name : "", TEXT_CAP(128));
	p->published = db_row_datetime(row, DB_COL(PUBLISHED_GET, published_at), &dt);
	if (p->published) {
		char iso[48];
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour, dt.minute,
		    dt.second);
		utf8_copy(p->at, iso, 32);
	}
	return 0;
}

enum db_status
db_published(const char *slug, int year, int64_t *tenant_id, char name[TEXT_CAP(128)], bool *published, char published_at[32])
{
	struct db_param p[] = { DB_INT(year), DB_STR(slug) };
	struct db_pub r = { 0, name, published_at, false, false };
	enum db_status s;
	name[0] = published_at[0] = '\0';
	if ((s = db_query(DB_STMT_PUBLISHED_GET, p, 2, db_pub_row, &r)) != DB_OK)
		return s;
	*tenant_id = r.id;
	*published = r.published;
	return r.found ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_published_list(struct jw *w)
{
	return db_query_jw(DB_STMT_PUBLISHED_LIST, NULL, 0, w);
}

enum db_status
db_publish(int64_t tenant_id, int year, int64_t user_id)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), DB_ID_OR_NULL(user_id) };
	return db_exec(DB_STMT_PUBLISH, p, 3, NULL, NULL);
}

enum db_status
db_recipients(int64_t tenant_id, int year, json_t **items, int64_t *total)
{
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), DB_INT(tenant_id), DB_INT(year) };
	enum db_status s;
	json_t *v;
	size_t i;

	*total = 0;
	if ((s = db_query_json(DB_STMT_RECIPIENTS, p, 4, items)) != DB_OK)
		return s;
	json_array_foreach(*items, i, v)
		*total += json_integer_value(json_object_get(v, "amount"));
	return DB_OK;
}

/* what the statement gives for each sub-goal (SQL_STATS_GOAL_COLS: the columns A_name, ...) */
static const char *const db_goal_fields[] = { "name", "applications_received", "amount_applied",
	"applications_granted", "amount_granted" };

/* Moves the per-sub-goal columns of each tenant-year row (A_name, A_applications_received, ...)
 * into entries of goals: {tenant, year, sub_goal, name, the four measures}. */
static void
db_stat_goals(json_t *rows, json_t *goals)
{
	json_t *row;
	size_t i, k;
	char code[2] = { 'A', '\0' };
	char key[48];

	json_array_foreach(rows, i, row) {
		for (code[0] = 'A'; code[0] <= 'D'; code[0]++) {
			json_t *o = json_object();
			json_object_set(o, "tenant", json_object_get(row, "tenant"));
			json_object_set(o, "year", json_object_get(row, "year"));
			json_object_set_new(o, "sub_goal", json_string(code));
			for (k = 0; k < sizeof(db_goal_fields) / sizeof(db_goal_fields[0]); k++) {
				snprintf(key, sizeof(key), "%s_%s", code, db_goal_fields[k]);
				json_object_set(o, db_goal_fields[k], json_object_get(row, key));
				json_object_del(row, key);
			}
			json_array_append_new(goals, o);
		}
	}
}

enum db_status
db_statistics(const char *slug, int year, json_t **rows, json_t **goals)
{
	struct db_param p[] = { DB_STR_OR_NULL(slug), DB_STR_OR_NULL(slug), year ? DB_INT(year) : DB_NULLP,
		year ? DB_INT(year) : DB_NULLP };
	enum db_status s;
	json_t *v;
	size_t i;

	*rows = *goals = NULL;
	if ((s = db_query_json(DB_STMT_STATS, p, 4, rows)) != DB_OK)
		return s;
	*goals = json_array();
	db_stat_goals(*rows, *goals);
	/* unused funds: what of the frame was not granted (null without a frame) */
	json_array_foreach(*rows, i, v) {
		json_t *frame = json_object_get(v, "frame");
		json_object_set_new(v, "unused", json_is_integer(frame) ?
		    json_integer(json_integer_value(frame) - json_integer_value(json_object_get(v, "amount_granted"))) :
		    json_null());
	}
	return DB_OK;
}

enum db_status
db_tenant_by_slug(const char *slug, int64_t *id)
{
	struct db_param p[] = { DB_STR(slug) };
	enum db_status s;
	*id = 0;
	if ((s = db_query_int(DB_STMT_TENANT_BY_SLUG, p, 1, id)) != DB_OK)
		return s;
	return *id ? DB_OK : DB_NOTFOUND;
}

enum db_status
db_hist_insert(int64_t tenant_id, int year, const char *orgnr, const char *organisation, const char *title,
    int64_t amount, char sub_goal, const unsigned char key[32], int64_t user_id, uint64_t *inserted)
{
	char goal[2] = { sub_goal, '\0' };
	struct db_param p[] = { DB_INT(tenant_id), DB_INT(year), orgnr && orgnr[0] ? DB_STR(orgnr) : DB_NULLP,
		DB_STR(organisation), DB_STR(title), DB_INT(amount), sub_goal ? DB_STR(goal) : DB_NULLP, DB_BLOB(key, 32),
		DB_ID_OR_NULL(user_id) };
	return db_exec(DB_STMT_HIST_INSERT, p, 9, inserted, NULL);
}
