/*
 * publish.h - the use cases of publishing: the published tenant-years, the recipients of one
 * (never of a year that is not published), the statistics of published years, and a tenant
 * publishing a year. Nothing but organisation, project and amount is ever read out.
 *
 * Ownership: json_t outputs are new references for the caller (NULL on failure).
 */
#ifndef PORTAL_PUBLISH_H
#define PORTAL_PUBLISH_H

#include "db/db.h"
#include "core/utf8.h"

#include <jansson.h>
#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

/* The published tenant-years (an array in *items). */
enum db_status publish_list(struct jw *items);

enum publish_outcome {
	PUBLISH_OK = 0,
	PUBLISH_NOT_PUBLISHED,   /* the tenant has not published the year: result.tenant_name tells who */
	PUBLISH_DB,              /* result.db says why (not found, unavailable, error) */
};

struct publish_recipients {
	char tenant_name[TEXT_CAP(128)];
	char published_at[32];
	json_t *items;           /* PUBLISH_OK: owned by the caller */
	int64_t total;           /* the sum of the amounts */
	enum db_status db;
};

/* The recipients of the tenant (slug) in year, when that year is published. */
enum publish_outcome publish_recipients(const char *tenant, int year, struct publish_recipients *out);

/* The statistics of the published years (tenant NULL: every tenant; year 0: every year): the rows
 * per tenant-year in *rows and per sub-goal in *goals. */
enum db_status publish_statistics(const char *tenant, int year, json_t **rows, json_t **goals);

/* The tenant (id and slug) publishes year; published_at gets the time it was published. */
enum db_status publish_year(int64_t tenant_id, const char *tenant, int year, int64_t user_id, char published_at[32]);

#endif
