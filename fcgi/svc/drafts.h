/*
 * drafts.h - the applicant's use cases around a draft: creating one for an open call, listing
 * them, reading one as the form sees it, saving it only at the version it was read at
 * (ETag/If-Match), withdrawing a submitted application, the receipt (the frozen copy of what was
 * signed) and the applicant's timeline. Checking and submitting are in svc/submit.h.
 *
 * Each change runs in one transaction with its case-log entry. The dispatcher has checked the
 * user's role in the organisation that owns the application (or the organisation of the URL).
 * Ownership: json_t outputs are new references for the caller (NULL on failure).
 */
#ifndef PORTAL_DRAFTS_H
#define PORTAL_DRAFTS_H

#include "svc/status.h"
#include "domain/application.h"
#include "svc/idem.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

enum draft_outcome {
	DRAFT_OK = 0,
	DRAFT_NO_CALL,       /* create: there is no such call */
	DRAFT_CLOSED,        /* create: the call's deadline has passed */
	DRAFT_LIMIT,         /* create: the organisation has its quota of open drafts for the call */
	DRAFT_INVALID,       /* save: result.errs names every field at fault; nothing saved */
	DRAFT_NOT_DRAFT,     /* save: submitted (or withdrawn) */
	DRAFT_STALE,         /* save: someone saved a newer version: result.current, result.version */
	DRAFT_NOT_SUBMITTED, /* withdraw: only a submitted application without a decision; receipt: none yet */
	DRAFT_KEY_REUSED,    /* create: the Idempotency-Key came with another request before */
	DRAFT_DB,            /* result.status says why (not found, unavailable, error) */
};

struct draft_result {
	enum svc_status status;
	int64_t id;              /* create: the new application */
	bool replayed;           /* create: the same request with the same key again: id as then */
	int64_t version;         /* save: the version now (DRAFT_OK), or the newer one (DRAFT_STALE) */
	json_t *current;         /* DRAFT_STALE: the newer version as drafts_get gives it (owned) */
	json_t *budget;          /* save, DRAFT_OK: the draft's budget figures (owned) */
	struct app_errors errs;  /* DRAFT_INVALID */
};

/* A new, empty draft of org_id for call_id (version 1), logged as created by user_id, unless the
 * organisation already has max_open drafts (not yet submitted) for the call. The organisation's
 * row is locked while its drafts are counted, so concurrent creations never pass the quota. Under
 * the Idempotency-Key idem (may be NULL), a repeat answers the first draft (result.replayed). */
enum draft_outcome drafts_create(int64_t org_id, int64_t call_id, int64_t user_id, int64_t max_open,
    const struct idem *idem, struct draft_result *out);

/* The organisation's applications, and the user's (with each one's timeline), as arrays. */
enum svc_status drafts_list_org(int64_t org_id, struct jw *items);
enum svc_status drafts_list_user(int64_t user_id, struct jw *items);

/* The application as the form sees it (with its call and budget) in *out, its version in *version. */
enum svc_status drafts_get(int64_t app_id, json_t **out, int64_t *version);

/* Checks the draft (borrowed) and saves it if the application is still a draft at version. */
enum draft_outcome drafts_save(int64_t app_id, int64_t version, const json_t *draft, int64_t user_id,
    struct draft_result *out);

/* Withdraws the submitted application and logs it. */
enum draft_outcome drafts_withdraw(int64_t app_id, int64_t user_id, struct draft_result *out);

/* The frozen copy of what was signed, with the status now, in *out; DRAFT_NOT_SUBMITTED before. */
enum draft_outcome drafts_receipt(int64_t app_id, json_t **out, struct draft_result *res);

/* What a submission answers: {id, status, reference, submitted_at, signed_by, tenant} in *out. */
enum svc_status drafts_submitted(int64_t app_id, json_t **out);

/* The applicant's timeline (without the tenant's internal steps), each entry an object into the
 * array open on w. */
enum svc_status drafts_events(int64_t app_id, struct jw *w);

/* The result's references (current, budget); idempotent. */
void draft_result_free(struct draft_result *r);

#endif
