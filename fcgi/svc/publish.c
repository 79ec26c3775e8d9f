/*
 * publish.c - what is published, and publishing a year (see publish.h).
 */
#include "svc/publish.h"
#include "db/db_publish.h"

#include <stdbool.h>
#include <string.h>

enum db_status
publish_list(struct jw *items)
{
	return db_published_list(items);
}

enum publish_outcome
publish_recipients(const char *tenant, int year, struct publish_recipients *out)
{
	int64_t tenant_id = 0;
	bool published = false;

	memset(out, 0, sizeof(*out));
	if ((out->db = db_published(tenant, year, &tenant_id, out->tenant_name, &published, out->published_at)) != DB_OK)
		return PUBLISH_DB;
	if (!published)
		return PUBLISH_NOT_PUBLISHED;
	if ((out->db = db_recipients(tenant_id, year, &out->items, &out->total)) != DB_OK) {
		json_decref(out->items);
		out->items = NULL;
		return PUBLISH_DB;
	}
	return PUBLISH_OK;
}

enum db_status
publish_statistics(const char *tenant, int year, json_t **rows, json_t **goals)
{
	*rows = *goals = NULL;
	return db_statistics(tenant, year, rows, goals);
}

enum db_status
publish_year(int64_t tenant_id, const char *tenant, int year, int64_t user_id, char published_at[32])
{
	char name[TEXT_CAP(128)];
	int64_t id = 0;
	bool published = false;
	enum db_status s;

	published_at[0] = '\0';
	if ((s = db_publish(tenant_id, year, user_id)) != DB_OK)
		return s;
	return db_published(tenant, year, &id, name, &published, published_at);
}
