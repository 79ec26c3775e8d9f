/*
 * staff.h - the use cases of a tenant's own administration: its staff and their roles, its
 * security log, and the outbox. Adding and removing a role and its security-log record commit in
 * one transaction. The dispatcher has checked the tenant of the URL and the caller's role; the
 * handler has validated and normalised the email address. Strings in the inputs are borrowed.
 */
#ifndef PORTAL_STAFF_H
#define PORTAL_STAFF_H

#include "svc/status.h"

#include <stdbool.h>
#include <stdint.h>

struct jw; /* core/jw.h: lists are written into the response through it */

enum staff_outcome {
	STAFF_OK = 0,
	STAFF_BAD_ROLE,       /* add: not a tenant role */
	STAFF_ROLE_DENIED,    /* add: only a national admin may give national_admin */
	STAFF_NO_ACCOUNT,     /* add: no account has the address */
	STAFF_EXISTS,         /* add: the person has the role here already */
	STAFF_SELF_LOCKOUT,   /* remove: a tenant admin may not remove their own tenant_admin role */
	STAFF_DB,             /* out->status says why (not found, conflict, unavailable, error) */
};

struct staff_input {
	int64_t tenant_id;            /* the tenant of the URL */
	int64_t actor_id;             /* the logged-in user */
	unsigned actor_roles;         /* add: the actor's roles in the tenant */
	const char *email_norm;       /* add: the person's address, normalised */
	const char *role;             /* add: a tenant role's name */
	int64_t staff_id;             /* remove: the staff entry */
	const char *remote_addr;      /* recorded in the security log; may be NULL */
};

struct staff_result {
	enum svc_status status;       /* STAFF_DB: why */
	int64_t id, user_id;          /* add: the new staff entry and its person */
};

/* The tenant's staff with their roles (new reference in *out). */
enum svc_status staff_list(int64_t tenant_id, struct jw *out);
/* Gives the person with the address the role in the tenant. */
enum staff_outcome staff_add(const struct staff_input *in, struct staff_result *out);
/* Removes the tenant's staff entry (a person's role). */
enum staff_outcome staff_remove(const struct staff_input *in, struct staff_result *out);

/* The security log, newest first, each event an object into the array open on w: the tenant's
 * own events, or every tenant's when roles hold national_admin. */
enum svc_status staff_security_log(int64_t tenant_id, unsigned roles, int64_t limit, int64_t offset, struct jw *w);
/* The outbox, newest first, each email an object into the array open on w; to = NULL for every
 * recipient. Never the body of an email with a one-time link; with metadata_only (the portal sends
 * the emails itself) no body at all: recipient, subject, times and state. */
enum svc_status staff_outbox(const char *to, bool metadata_only, int64_t limit, int64_t offset, struct jw *w);

#endif
