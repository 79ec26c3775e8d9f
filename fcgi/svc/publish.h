/*
 * publish.h - the use cases of publishing: the published tenant-years, the recipients of one
 * (never of a year that is not published), the statistics of published years, and a tenant
 * publishing a year. Nothing but organisation, project and amount is ever read out.
 *
 * The lists are read row by row: each row goes, typed (domain/publication.h), to the caller's
 * function, which writes it where it likes (JSON or CSV); nothing is kept.
 */
#ifndef PORTAL_PUBLISH_H
#define PORTAL_PUBLISH_H

#include "svc/status.h"
#include "core/utf8.h"
#include "domain/publication.h"

#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

/* The published tenant-years (an array in *items). */
enum svc_status publish_list(struct jw *items);

enum publish_outcome {
	PUBLISH_OK = 0,
	PUBLISH_NOT_PUBLISHED,   /* the tenant has not published the year: result.tenant_name tells who */
	PUBLISH_DB,              /* result.status says why (not found, unavailable, error) */
};

struct publish_recipients {
	int64_t tenant_id;
	int year;
	char tenant_name[TEXT_CAP(128)];
	char published_at[32];
	int64_t total, count;    /* publish_recipients_each: the sum of the known amounts, and how many */
	int64_t unknown;         /* ... and how many of them have no amount (the source gives none) */
	enum svc_status status;
};

/* Whether the tenant (slug) has published year: PUBLISH_OK fills out for publish_recipients_each. */
enum publish_outcome publish_recipients(const char *tenant, int year, struct publish_recipients *out);
/* After PUBLISH_OK: fn with each recipient of the year, by organisation (Norwegian order), and
 * r->total and r->count. */
enum svc_status publish_recipients_each(struct publish_recipients *r, pub_recipient_fn fn, void *arg);

/* fn with the statistics of each published tenant-year (tenant NULL: every tenant; year 0: every
 * year), by year, IMDi first, then by name; *totals their sums. */
enum svc_status publish_statistics(const char *tenant, int year, pub_stat_fn fn, void *arg, struct pub_measures *totals);

/* The tenant (id and slug) publishes year, logged when it was not published before (publication.h
 * withdraws it); published_at gets the time it was published. */
enum svc_status publish_year(int64_t tenant_id, const char *tenant, int year, int64_t user_id, char published_at[32]);

#endif
