/*
 * allocations.h - the use cases of IMDi's allocation (tildeling) to the municipalities: IMDi's
 * tenant admins set each municipality's yearly amount per municipal scheme, never below the frames
 * of the calls the municipality has already set for that scheme and year; a municipality records
 * its administration costs, which IMDi's tenant admins consent to or refuse, once. The dispatcher
 * has checked the tenant of the URL and the caller's role there; these check that the tenant is
 * IMDi (setting, deciding) or a municipality (recording). Strings in the inputs are borrowed.
 */
#ifndef PORTAL_ALLOCATIONS_H
#define PORTAL_ALLOCATIONS_H

#include "svc/status.h"

#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

enum alloc_outcome {
	ALLOC_OK = 0,
	ALLOC_NOT_IMDI,          /* set, decide: only IMDi's admins may (403) */
	ALLOC_NOT_MUNICIPALITY,  /* record: only a municipality records administration costs (403) */
	ALLOC_NO_MUNICIPALITY,   /* set: no municipality has the slug (404) */
	ALLOC_NO_SCHEME,         /* no scheme has the code (404 on the path, 422 in a body) */
	ALLOC_NOT_MUNICIPAL,     /* the scheme is not one the municipalities run for IMDi (422) */
	ALLOC_BELOW_FRAMES,      /* set: below the frames already set (409; out->frames) */
	ALLOC_DECIDED,           /* decide: IMDi has decided on the cost already (409; out->consent) */
	ALLOC_DB,                /* out->status says why */
};

struct alloc_input {
	const char *tenant;          /* the tenant of the URL (slug) */
	int64_t user_id;
	int year;
	const char *scheme;          /* a scheme's code */
	const char *municipality;    /* set: the municipality's slug */
	int64_t amount;
	const char *note;            /* record: may be "" */
	int64_t cost_id;             /* decide */
	const char *consent;         /* decide: "given" or "refused" */
};

struct alloc_result {
	enum svc_status status;      /* ALLOC_DB: why */
	int64_t id;                  /* record: the new cost */
	int64_t frames;              /* set: the frames already set (ALLOC_BELOW_FRAMES too) */
	char consent[16];            /* decide: the decision already made (ALLOC_DECIDED) */
};

/* The allocations of year per municipality and municipal scheme, with their frames, grants and
 * administration costs: IMDi's staff see every municipality, a municipality's staff their own. */
enum svc_status alloc_list(const char *tenant, int year, struct jw *w);
/* IMDi sets a municipality's allocation for a scheme and year. */
enum alloc_outcome alloc_set(const struct alloc_input *in, struct alloc_result *out);
/* A municipality records an administration cost (awaiting IMDi's consent). */
enum alloc_outcome admincost_record(const struct alloc_input *in, struct alloc_result *out);
/* The administration costs (year 0: every year): IMDi's staff see every municipality's, a
 * municipality's staff their own; one (cost_id) when cost_id is not 0. */
enum svc_status admincost_list(const char *tenant, int year, int64_t cost_id, struct jw *w);
/* IMDi gives or refuses its consent to a pending cost. */
enum alloc_outcome admincost_decide(const struct alloc_input *in, struct alloc_result *out);

#endif
