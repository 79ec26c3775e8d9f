/*
 * idem_db.h - for svc/ alone: running a use case's transaction under an Idempotency-Key (idem.h
 * says how), in the db layer's types.
 */
#ifndef PORTAL_IDEM_DB_H
#define PORTAL_IDEM_DB_H

#include "db/db.h"
#include "svc/idem.h"

#include <jansson.h>

enum idem_state {
	IDEM_FRESH = 0,      /* no key, or a new one: the use case ran */
	IDEM_REPLAY,         /* the same request again: *replay holds the first answer; nothing ran */
	IDEM_MISMATCH,       /* the key came with another request before: refused (DB_CONFLICT) */
};

/* What the use case answered, as a new JSON object (stored with the key), from its tx argument. */
typedef json_t *(*idem_save_fn)(void *arg);

/*
 * Runs fn(arg) in one transaction (db_tx) under the key k (NULL or an empty key: just db_tx).
 * Returns the transaction's status; *state says which case it was, and on IDEM_REPLAY *replay is
 * the stored answer (new reference; NULL otherwise).
 */
enum db_status idem_tx(const struct idem *k, db_tx_fn fn, idem_save_fn save, void *arg, enum idem_state *state,
    json_t **replay);

/* Forgets keys older than a day (housekeeping: the outbox sender's rounds, `portal -R`). */
enum db_status idem_forget_old(void);

#endif
