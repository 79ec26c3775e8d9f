/*
 * idem.h - Idempotency-Key: the one mechanism by which a create or a case step sent again
 * answers what it answered the first time and writes nothing (drafts, submission, comments,
 * appeals, reports, change requests and every other case step).
 *
 * A key is a person's own (user_id, key). The handler fills struct idem from the request
 * (api/h_common.c, h_idem: the header checked, and the SHA-256 of the method, path and body). The
 * use case runs its transaction through idem_tx instead of db_tx: the key is claimed in that same
 * transaction, first, so it is kept exactly when the change commits; a second request with the
 * key waits for the first to end. When the use case succeeds, what it answered (a small JSON
 * object of its own choosing) is stored with the key before COMMIT. A refusal rolls back, key and
 * all, so the request may be sent again once fixed. Keys are forgotten after a day.
 */
#ifndef PORTAL_IDEM_H
#define PORTAL_IDEM_H

#include "db/db.h"

#include <jansson.h>
#include <stdint.h>

#define IDEM_KEY_MAX 64

struct idem {
	int64_t user_id;
	char key[IDEM_KEY_MAX + 1];  /* "" when the request has none */
	unsigned char hash[32];      /* SHA-256 of the method, the path and the body */
};

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
