/*
 * signers.h - who may sign for an organisation (docs/domain.md, "Who may sign"). The signer role
 * rests on a verification, recorded with how it was made (signer_authority):
 *
 *  - a link sent to the organisation's e-mail address in Enhetsregisteret (signers_request with
 *    method "email"): whoever reads that mailbox confirms, with the link, that the person who asked
 *    may sign (signers_confirm). The link works for 3 days, once; a newer request, or a change of
 *    the register's address, ends it. At most 3 links a day go to one organisation's address.
 *  - a caseworker's recorded check (signers_request with method "caseworker" asks a tenant where
 *    the organisation has an application; the tenant's caseworker or decision maker confirms,
 *    saying what they checked against, or refuses with reasons: signers_decide).
 *  - delegation: a signer invites someone with the signer role (svc/orgs.c).
 *
 * Each change, its security-log record and its emails commit in one transaction. The handler has
 * made the link's token (http/auth.h: the text for the link, the SHA-256 stored) and checked the
 * fields. Strings in the inputs are borrowed for the call.
 */
#ifndef PORTAL_SIGNERS_H
#define PORTAL_SIGNERS_H

#include "svc/status.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum signers_outcome {
	SIGNERS_OK = 0,
	SIGNERS_ALREADY,      /* request: the person may sign already */
	SIGNERS_NO_EMAIL,     /* request by email: the register holds no usable address for the organisation */
	SIGNERS_TOO_MANY,     /* request by email: 3 links went to the address in the last 24 hours */
	SIGNERS_NO_TENANT,    /* request to a caseworker: no such tenant */
	SIGNERS_NO_CASE,      /* request to a caseworker: the organisation has no application at the tenant */
	SIGNERS_BAD_TOKEN,    /* confirm: unknown, used, expired or ended link, or the register's address changed */
	SIGNERS_NOT_MEMBER,   /* confirm, decide: the person is no longer a member of the organisation */
	SIGNERS_DECIDED,      /* decide: the request is decided already */
	SIGNERS_DB,           /* out->status says why (not found, unavailable, error) */
};

struct signers_input {
	int64_t org_id, user_id;          /* request: the organisation of the URL and who asks */
	const char *method;               /* request: "email" or "caseworker" */
	const char *tenant;               /* request to a caseworker: the tenant's slug */
	const char *token;                /* request by email: the link's token, for the email */
	const unsigned char *token_hash;  /* request by email: the token's SHA-256; confirm: the given one's */
	const char *base_url;             /* request by email: the portal's address, for the link */
	int64_t tenant_id, request_id;    /* decide: the tenant of the URL and the request */
	bool confirm;                     /* decide: confirm (else refuse) */
	const char *checked_against;      /* decide, confirm: "register_roles" or "authorisation_document" */
	const char *note;                 /* decide: the note (the reasons of a refusal); may be NULL */
	const char *remote_addr;          /* recorded in the security log; may be NULL */
};

struct signers_result {
	enum svc_status status;           /* SIGNERS_DB: why */
	char email[255];                  /* request by email: where the link went */
	int64_t org_id;                   /* confirm, decide */
	char organisation[TEXT_CAP(200)]; /* confirm, decide */
	char person[TEXT_CAP(200)];       /* confirm, decide: who may now sign (or was refused) */
};

enum signers_outcome signers_request(const struct signers_input *in, struct signers_result *out);
enum signers_outcome signers_confirm(const struct signers_input *in, struct signers_result *out);
enum signers_outcome signers_decide(const struct signers_input *in, struct signers_result *out);

struct jw;
/* The tenant's requests to a caseworker, the pending first, each an object into the array open on
 * w; all: the decided ones too. */
enum svc_status signers_list(int64_t tenant_id, bool all, struct jw *w);

/* (What other use cases take from here inside their transactions is in svc/svc_db.h.) */

#endif
