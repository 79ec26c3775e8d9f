/*
 * db_publish.h - what is published: the years a tenant has published, its recipients (grants in
 * force, and imported past grants) and the statistics of published years; the historical import's
 * inserts. Nothing here reads an unpublished year except db_publish itself.
 */
#ifndef PORTAL_DB_PUBLISH_H
#define PORTAL_DB_PUBLISH_H

#include "db/db.h"
#include "domain/grantcsv.h"
#include "domain/publication.h"

#include <stdbool.h>
#include <stdint.h>
#include "core/utf8.h"

struct jw; /* core/jw.h: lists are written into the response through it */

/* The tenant of slug (DB_NOTFOUND when none), its name (out[129]) and whether year is published. */
enum db_status db_published(const char *slug, int year, int64_t *tenant_id, char name[TEXT_CAP(128)], bool *published,
    char published_at[32]);
/* [{tenant, tenant_name, tenant_kind, year, published_at}], newest first. */
enum db_status db_published_list(struct jw *w);
/* Publishes the year (again: no change). */
enum db_status db_publish(int64_t tenant_id, int year, int64_t user_id);
/* Calls fn with each recipient of the tenant's year, by organisation (Norwegian order); *total is
 * the sum of the known amounts, *count how many and *unknown how many have no amount (of the rows
 * read, on an error too). */
enum db_status db_recipients(int64_t tenant_id, int year, pub_recipient_fn fn, void *arg, int64_t *total,
    int64_t *count, int64_t *unknown);
/* Calls fn with each published tenant-year (slug NULL: every tenant; year 0: every year), by year,
 * IMDi first, then by name; *totals gets the sums of their measures (nothing known without a row). */
enum db_status db_statistics(const char *slug, int year, pub_stat_fn fn, void *arg, struct pub_measures *totals);

enum db_status db_tenant_by_slug(const char *slug, int64_t *id);

/* A scheme: its id and kind (voluntary, operating, public). */
struct db_scheme {
	int64_t id;
	char kind[16];
};
/* The scheme of code (DB_NOTFOUND when none). */
enum db_status db_scheme_by_code(const char *code, struct db_scheme *out);
/* The past grant g of the tenant and scheme, under its row key (amount NULL when not known);
 * *inserted: 1 when the row is new, 0 when the same row was imported before. */
enum db_status db_hist_insert(int64_t tenant_id, int64_t scheme_id, const struct grant_row *g,
    const unsigned char key[32], int64_t user_id, uint64_t *inserted);

#endif
