/*
 * db_alloc.h - IMDi's yearly allocations to the municipalities per scheme, the administration
 * costs the municipalities record with IMDi's consent, and the statistics import's rows
 * (stmt_alloc.def). Lists are written into the caller's JSON writer; strings are borrowed.
 */
#ifndef PORTAL_DB_ALLOC_H
#define PORTAL_DB_ALLOC_H

#include "db/db.h"

#include <stdint.h>

struct jw; /* core/jw.h */

/* A tenant, scheme or cost looked up: its id and its kind (or a cost's consent). */
struct db_alloc_ref {
	int64_t id;
	char kind[16];
};

/* The tenant of slug (DB_NOTFOUND when none). */
enum db_status db_alloc_tenant(const char *slug, struct db_alloc_ref *out);
/* The scheme of code (DB_NOTFOUND when none). */
enum db_status db_alloc_scheme(const char *code, struct db_alloc_ref *out);
/* The municipality a source names (name, name + " kommune", slug or a former name). */
enum db_status db_alloc_tenant_by_name(const char *name, struct db_alloc_ref *out);
/* Every municipality (tenant_id 0) or one, with each municipal scheme: objects into the array open on w. */
enum db_status db_alloc_list(int64_t tenant_id, int year, struct jw *w);
/* Sets the allocation (taking its row lock). */
enum db_status db_alloc_set(int64_t tenant_id, int64_t scheme_id, int year, int64_t amount, int64_t user_id);
/* The sum of the frames of the tenant's calls of the scheme and year, their rows locked. */
enum db_status db_alloc_frames(int64_t tenant_id, int64_t scheme_id, int year, int64_t *frames);
/* Records an administration cost; *id is the new one. */
enum db_status db_admin_cost_add(int64_t tenant_id, int64_t scheme_id, int year, int64_t amount, const char *note,
    int64_t user_id, int64_t *id);
/* The costs of a tenant (0: every one), a year (0: every one) and one id (0: every one): objects into the
 * array open on w. */
enum db_status db_admin_cost_list(int64_t tenant_id, int year, int64_t id, struct jw *w);
/* The cost's consent ("pending", "given", "refused") into out->kind, its row locked; DB_NOTFOUND when none. */
enum db_status db_admin_cost_lock(int64_t id, struct db_alloc_ref *out);
/* Records IMDi's decision on a pending cost ("given" or "refused"). */
enum db_status db_admin_cost_decide(int64_t id, const char *consent, int64_t user_id);
/* Puts a tenant-year of the statistics import: values[13] in the order of domain/statcsv.h, given
 * bit k when values[k] is known (else NULL); *affected 1 new, 2 changed, 0 the same. */
enum db_status db_hist_stats_put(int64_t tenant_id, int year, const char *source_name, const int64_t *values,
    unsigned given, int64_t user_id, uint64_t *affected);

#endif
