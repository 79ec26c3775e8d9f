/*
 * svc_db.h - inside svc/ only (fcgi/layers.sh keeps api/ from including it): the service status of
 * a db status, and what one use case lends another inside its transaction, in the db layer's types
 * (a db status goes back to db_tx(), which retries a DB_RETRY).
 */
#ifndef PORTAL_SVC_DB_H
#define PORTAL_SVC_DB_H

#include "db/db.h"
#include "db/db_apps.h"
#include "db/db_register.h"
#include "svc/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * DB_OK: SVC_OK; DB_NOTFOUND: SVC_NOT_FOUND; DB_CONFLICT and DB_RETRY (db_tx() retried it and
 * gave up): SVC_CONFLICT; DB_UNAVAILABLE: SVC_UNAVAILABLE; anything else SVC_ERROR. The one place
 * a db status becomes the service's.
 */
enum svc_status svc_status_of(enum db_status s);

struct jw;

/* svc/attachments.c: the application's attachments written as att_list() writes them. */
enum db_status att_write_list(int64_t app_id, struct jw *w);

/*
 * svc/register.c: sets o's name, municipality (when the register has one), and registrations with
 * their dates from u (being in Enhetsregisteret is business_register, since its registration date),
 * and the kind: register_kind() of the form and o's declared kind. Returns false, leaving the kind,
 * when the form is not one the scheme is for. o's strings then point into u.
 */
bool register_apply(const struct register_entry *u, struct db_org_input *o);

/* svc/signers.c: how the signer's authority was established, in words (register_authority_words). */
enum db_status signers_words(int64_t org_id, int64_t user_id, char *out, size_t len);
/* svc/signers.c: makes the person a signer with the authority a (org_id and user_id in it). In a tx. */
enum db_status signers_grant(const struct db_authority_input *a);
/* svc/signers.c: the person's signing in the organisation, as keys into the object open on w:
 * authority (words, or null when the person is not a signer) and pending (their requests). */
enum db_status signers_mine(int64_t org_id, int64_t user_id, bool signer, struct jw *w);

#endif
