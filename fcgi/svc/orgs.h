/*
 * orgs.h - the use cases of an organisation: what its members see, registering one (the
 * registrant becomes its admin; signing needs a verification, svc/signers.h), changing it (the old
 * values go to the security log), inviting a person by email with a role, accepting an invitation,
 * and asking an organisation's admins for access. Each change, its security-log record and its
 * emails commit in one transaction.
 *
 * Where register data is loaded (svc/register.h), registering needs a number the register holds,
 * and the name, kind, municipality and registrations come from the register (register_apply), on
 * registration and on every change, whatever the body says.
 *
 * The handler has validated the fields (the organisation number, the kind, the dates), normalised
 * the email addresses, and made the invitation's token (http/auth.h's auth_token_new(): the text
 * for the link, the SHA-256 stored). Strings in the inputs are borrowed for the call.
 */
#ifndef PORTAL_ORGS_H
#define PORTAL_ORGS_H

#include "svc/status.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

enum orgs_outcome {
	ORGS_OK = 0,
	ORGS_EXISTS,         /* register: the organisation number is registered already */
	ORGS_NOT_IN_REGISTER, /* register: register data is loaded and does not hold the number */
	ORGS_FORM,           /* register: the register's organisation form is not one the scheme is for (out->form) */
	ORGS_NOT_SIGNER,     /* invite: only a signer may give the signer role */
	ORGS_BAD_ROLE,       /* invite: not an organisation role */
	ORGS_BAD_TOKEN,      /* accept: the invitation is unknown, used or expired */
	ORGS_WRONG_PERSON,   /* accept: the invitation is for another email address */
	ORGS_NO_ORG,         /* access request: no organisation has the number */
	ORGS_DB,             /* out->status says why (not found, conflict, unavailable, error) */
};

/* An organisation's fields, as registered or changed. */
struct orgs_fields {
	const char *orgnr;                    /* register only */
	const char *name, *municipality, *kind;
	bool volunteer_register, business_register, has_employees;
	const char *volunteer_since, *business_since;   /* YYYY-MM-DD, or NULL */
};

/* The input of every use case here; each reads the fields its comment names. */
struct orgs_input {
	int64_t org_id;                 /* update, invite: the organisation of the URL */
	int64_t user_id;                /* the logged-in user */
	struct orgs_fields org;         /* register, update */
	const char *email_norm;         /* invite: the invited address, normalised */
	const char *role;               /* invite: an organisation role's name */
	unsigned roles;                 /* invite: the inviter's role bits in the organisation */
	const char *token;              /* invite: the new token's text, for the link */
	const unsigned char *token_hash; /* invite: the new token's; accept: the given one's (32 bytes) */
	const char *base_url;           /* invite: the portal's address, for the link */
	const char *orgnr, *message;    /* access request (message may be NULL) */
	const char *remote_addr;        /* recorded in the security log; may be NULL */
};

struct orgs_result {
	enum svc_status status;       /* ORGS_DB: why */
	int64_t org_id;               /* register, accept */
	char role[16];                /* accept: the role taken */
	char form[TEXT_CAP(8)];       /* ORGS_FORM: the register's organisation form */
};

/* The organisation as keys into the object open on w (db_org_write's) with my_roles (the names of
 * the role bits roles), the register's e-mail address (register_email, when the register holds the
 * number, else null) and my_signing (signers_mine of user_id). On an error what was written is to
 * be thrown away. */
enum svc_status orgs_view(int64_t org_id, unsigned roles, int64_t user_id, struct jw *w);
/* The organisation's members (new reference in *out). */
enum svc_status orgs_members(int64_t org_id, struct jw *out);

/* Registers the organisation with the user as its admin; on ORGS_OK the organisation is written
 * into the object open on w as orgs_view writes it. */
enum orgs_outcome orgs_register(const struct orgs_input *in, struct orgs_result *out, struct jw *w);
/* Changes the organisation's fields, logging what they were; on ORGS_OK the organisation now is
 * written into the object open on w (its own fields, without orgs_view's my_roles and the rest). */
enum orgs_outcome orgs_update(const struct orgs_input *in, struct orgs_result *out, struct jw *w);
/* Invites the address to the organisation with the role, by email (valid for 7 days). */
enum orgs_outcome orgs_invite(const struct orgs_input *in, struct orgs_result *out);
/* Takes the invitation for the logged-in user, when it is for their address. */
enum orgs_outcome orgs_invite_accept(const struct orgs_input *in, struct orgs_result *out);
/* Emails the admins of the organisation with the number that the user asks for access. */
enum orgs_outcome orgs_access_request(const struct orgs_input *in, struct orgs_result *out);

#endif
