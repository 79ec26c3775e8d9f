/*
 * submit.h - the use cases of submitting an application: checking it against everything the
 * call and the domain demand (docs/domain.md, "Applications"), and signing and submitting it.
 *
 * submit_application() runs in one transaction (svc/idem.h): a second submission with the same
 * Idempotency-Key answers the same receipt and writes nothing; otherwise the application is
 * locked, the
 * deadline and every submission rule are checked, the next gapless reference of the tenant and
 * year is taken, the frozen copy of what was signed is stored, the event logged and the receipt
 * queued in the outbox for the signer. The handler has checked that the user is a signer.
 */
#ifndef PORTAL_SUBMIT_H
#define PORTAL_SUBMIT_H

#include "svc/status.h"
#include "domain/application.h"
#include "svc/idem.h"

#include <stdint.h>

struct submit_input {
	int64_t app_id, user_id;
	const char *remote_addr;   /* recorded with the signature; may be NULL */
	const struct idem *idem;   /* the request's Idempotency-Key (kept as the submission's key too); may be NULL */
};

enum submit_outcome {
	SUBMIT_OK = 0,       /* submitted now */
	SUBMIT_SAME_KEY,     /* submitted before with this key: the same receipt */
	SUBMIT_KEY_REUSED,   /* the key came with another request before */
	SUBMIT_ALREADY,      /* submitted before (another or no key): result.reference tells */
	SUBMIT_NOT_DRAFT,    /* withdrawn, or a case already */
	SUBMIT_INVALID,      /* result.errs names every problem */
	SUBMIT_DEADLINE,     /* the call's deadline has passed */
	SUBMIT_DB,           /* result.status says why (not found, unavailable, error) */
};

struct submit_result {
	struct app_errors errs;
	char reference[24];
	enum svc_status status;
};

enum submit_outcome submit_application(const struct submit_input *in, struct submit_result *out);

/* The submission rules as they stand now, without submitting: errs gets every problem (the
 * deadline included); *data (new reference, the draft) is for the caller's budget figures. */
enum svc_status submit_check(int64_t app_id, struct app_errors *errs, json_t **data);

#endif
