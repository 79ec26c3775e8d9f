/*
 * db_idem.h - the Idempotency-Key store (migration 018): a person's key, the hash of the request
 * it came with, and what the use case answered. Used inside the use case's transaction by
 * svc/idem.c, which is the only caller.
 */
#ifndef PORTAL_DB_IDEM_H
#define PORTAL_DB_IDEM_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct db_idem_row {
	bool same;       /* the stored request hash is this request's */
	char *result;    /* owned (free); NULL while the first request is still running */
	bool expired;    /* older than a day */
};

enum db_idem_claim {
	DB_IDEM_NEW,     /* the key is this request's now */
	DB_IDEM_SEEN,    /* used before: *row says with what */
};

/* Claims (user_id, key) for the request with this hash, or reads the earlier use (*row, to be
 * freed with db_idem_row_free). An expired key is claimed anew. */
enum db_status db_idem_claim(int64_t user_id, const char *key, const unsigned char hash[32], enum db_idem_claim *claim,
    struct db_idem_row *row);
void db_idem_row_free(struct db_idem_row *row);

/* Stores the result (JSON text) with the claimed key. */
enum db_status db_idem_done(int64_t user_id, const char *key, const char *result);

/* Forgets the keys older than a day (up to 10 000 at a time); *n how many. */
enum db_status db_idem_forget(uint64_t *n);

#endif
