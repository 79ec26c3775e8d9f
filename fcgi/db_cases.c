/*
 * db_cases.c - the inbox (see db_cases.h).
 */
#include "db_cases.h"

#include <string.h>

static int
db_count_row(void *arg, const struct db_row *row)
{
	json_t *counts = arg;
	const char *status = db_row_str(row, 0);
	if (status)
		json_object_set_new(counts, status, json_integer(db_row_int(row, 1)));
	return 0;
}

enum db_status
db_inbox(const struct db_inbox_filter *f, json_t **items, json_t **counts, int64_t *total)
{
	static const char *const keys[] = { "id", "reference", "title", "organisation", "orgnr", "call_id", "call_title",
		"status", "applied_amount", "sub_goals", "submitted_at", "assignee_id", "assignee", NULL };
	const char *sort = f->sort ? f->sort : "-submitted";
	struct db_param p[27] = {
		DB_INT(f->tenant_id),
		f->call_id ? DB_INT(f->call_id) : DB_NULLP, f->call_id ? DB_INT(f->call_id) : DB_NULLP,
		DB_STR_OR_NULL(f->status), DB_STR_OR_NULL(f->status),
		DB_STR_OR_NULL(f->sub_goal), DB_STR_OR_NULL(f->sub_goal),
		f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP, f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP,
		f->assignee >= 0 ? DB_INT(f->assignee) : DB_NULLP,
		f->min_amount >= 0 ? DB_INT(f->min_amount) : DB_NULLP, f->min_amount >= 0 ? DB_INT(f->min_amount) : DB_NULLP,
		f->max_amount >= 0 ? DB_INT(f->max_amount) : DB_NULLP, f->max_amount >= 0 ? DB_INT(f->max_amount) : DB_NULLP,
		DB_STR_OR_NULL(f->text), DB_STR_OR_NULL(f->text), DB_STR_OR_NULL(f->text),
	};
	enum db_status s;
	const char *key;
	json_t *v;
	int i;

	for (i = 0; i < 8; i++)
		p[17 + i] = DB_STR(sort);
	p[25] = DB_INT(f->per_page);
	p[26] = DB_INT((f->page - 1) * f->per_page);
	*items = *counts = NULL;
	if ((s = db_query_json(DB_STMT_INBOX, p, 27, keys, "issssissistis", items)) != DB_OK)
		return s;
	*counts = json_object();
	if ((s = db_query(DB_STMT_INBOX_COUNTS, p, 17, db_count_row, *counts)) != DB_OK) {
		json_decref(*items);
		json_decref(*counts);
		*items = *counts = NULL;
		return s;
	}
	*total = 0;
	json_object_foreach(*counts, key, v)
		*total += json_integer_value(v);
	return DB_OK;
}
