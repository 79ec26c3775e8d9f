/*
 * calls.h - the public use cases of tenants and calls: the tenants with their open calls, one
 * page of calls, and one call in full, each written as the JSON the API answers through the JSON
 * writer; and whether the database answers at all (the health check).
 */
#ifndef PORTAL_CALLS_H
#define PORTAL_CALLS_H

#include "svc/status.h"

#include <stdint.h>

/* which calls, by their status at the time of asking (Oslo wall-clock) */
enum calls_status { CALLS_ANY = 0, CALLS_OPEN, CALLS_CLOSED, CALLS_UPCOMING };

/* The filter of one page of calls (tenant borrowed for the call). */
struct calls_filter {
	const char *tenant;          /* slug or NULL */
	int64_t year;                /* 0 = any */
	enum calls_status status;
	int64_t page, per_page;      /* page from 1 */
};

struct jw; /* core/jw.h: the answers are written into the response through it */

/* Every tenant, IMDi first, as {slug, name, kind, open_calls} into the array the caller has opened
 * in items. On an error what was written is to be thrown away. */
enum svc_status calls_tenants(struct jw *items);

/* One page of call summaries written into the array the caller has opened in items, and how many
 * calls match over all pages in *total. On an error what was written is to be thrown away. */
enum svc_status calls_list(const struct calls_filter *f, struct jw *items, int64_t *total);

/* One call in full (with description, criteria and earmarks) written into out; SVC_NOT_FOUND. */
enum svc_status calls_get(int64_t id, struct jw *out);

/* SVC_OK when the database answers. */
enum svc_status calls_health(void);

#endif
