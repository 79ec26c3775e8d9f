/*
 * db_register.h - the public registers as imported (register_units from Enhetsregisteret,
 * register_volunteer from Frivillighetsregisteret), and signing authority: how each signer's
 * authority was established (signer_authority) and the requests for it (signer_requests).
 * Writes that belong together are run by the caller inside db_tx(). Listings are written into the
 * response (core/jw.h).
 */
#ifndef PORTAL_DB_REGISTER_H
#define PORTAL_DB_REGISTER_H

#include "db/db.h"
#include "domain/register.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

/* A portal organisation whose number the register holds, with what the register says. */
struct db_register_org {
	int64_t id;
	char kind[16];
	struct register_entry u;
};

/* *changed: 1 new, 2 changed, 0 the same as before. email and registered_on may be "" (NULL). */
enum db_status db_register_unit_put(const char *orgnr, const char *name, const char *form, const char *municipality,
    const char *email, const char *registered_on, bool volunteer, uint64_t *changed);
enum db_status db_register_listing_put(const char *orgnr, const char *since, uint64_t *changed);
/* Whether any Enhetsregisteret data is loaded. */
enum db_status db_register_loaded(bool *loaded);
/* DB_NOTFOUND when the register does not hold the number. */
enum db_status db_register_get(const char *orgnr, struct register_entry *out);
/* The portal's organisations the register holds (*out allocated, the caller frees it). */
enum db_status db_register_orgs(struct db_register_org **out, size_t *n);
/* Sets what comes from the register on organisation id; *changed when something was different. */
enum db_status db_register_sync(int64_t id, const struct register_entry *u, const char *kind, bool *changed);

/* How a signer's authority was established (SIGNER_AUTHORITY_GET). */
struct db_signer_authority {
	char method[24], checked_against[32];
	char email[255];
	char note[TEXT_CAP(500)];
	struct valid_datetime at;   /* UTC */
	char by[TEXT_CAP(200)];
	char tenant[TEXT_CAP(128)];
};

struct db_authority_input {
	int64_t org_id, user_id;
	const char *method, *checked_against, *email, *note;   /* NULL where they do not apply */
	int64_t by_user, tenant_id;                            /* 0 where they do not apply */
};
/* Records (or replaces) the authority of a signer. */
enum db_status db_signer_authority_set(const struct db_authority_input *in);
/* DB_NOTFOUND when none is recorded. */
enum db_status db_signer_authority_get(int64_t org_id, int64_t user_id, struct db_signer_authority *out);

struct db_signer_request_input {
	int64_t org_id, user_id;
	const char *method;                 /* "email" or "caseworker" */
	int64_t tenant_id;                  /* caseworker */
	const char *email;                  /* email: where the link goes */
	const unsigned char *token_hash;    /* email: 32 bytes */
	int64_t lifetime;                   /* email: seconds the link works; 0: no end */
};
/* Ends the person's pending requests of the method, then records the new one. */
enum db_status db_signer_request_add(const struct db_signer_request_input *in);
/* Links sent to the organisation's register address in the last 24 hours. */
enum db_status db_signer_links_today(int64_t org_id, int64_t *n);

/* A request as locked for a decision. */
struct db_signer_request {
	int64_t id, org_id, user_id;
	char status[16];
	char email[255];
};
/* The pending, unexpired link with the token (locked); DB_NOTFOUND otherwise. */
enum db_status db_signer_request_by_token(const unsigned char hash[32], struct db_signer_request *out);
/* The tenant's caseworker request id (locked); DB_NOTFOUND when it is not the tenant's. */
enum db_status db_signer_request_lock(int64_t id, int64_t tenant_id, struct db_signer_request *out);
/* status: "confirmed" or "refused"; by 0 for none; note may be NULL. DB_CONFLICT when not pending. */
enum db_status db_signer_request_decide(int64_t id, const char *status, int64_t by, const char *note);
struct jw;
/* The tenant's caseworker requests, the pending first (each an object into the array open on w);
 * all: also the decided ones. */
enum db_status db_signer_requests_list(int64_t tenant_id, bool all, struct jw *w);
/* The person's pending requests for the organisation, as an array under key in the object open on
 * w: [{method, tenant, email, requested_at, expires_at}]. */
enum db_status db_signer_pending(int64_t org_id, int64_t user_id, struct jw *w, const char *key);
/* How many applications (any status) the organisation has at the tenant. */
enum db_status db_org_apps_at(int64_t org_id, int64_t tenant_id, int64_t *n);

#endif
