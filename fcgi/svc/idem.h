/*
 * idem.h - Idempotency-Key: the one mechanism by which a create or a case step sent again
 * answers what it answered the first time and writes nothing (drafts, submission, comments,
 * appeals, reports, change requests and every other case step).
 *
 * A key is a person's own (user_id, key). The handler fills struct idem from the request
 * (api/h_common.c, h_idem: the header checked, and the SHA-256 of the method, path and body). The
 * use case runs its transaction through idem_tx (svc/idem_db.h, for svc/ alone) instead of db_tx: the key is claimed in that same
 * transaction, first, so it is kept exactly when the change commits; a second request with the
 * key waits for the first to end. When the use case succeeds, what it answered (a small JSON
 * object of its own choosing) is stored with the key before COMMIT. A refusal rolls back, key and
 * all, so the request may be sent again once fixed. Keys are forgotten after a day.
 */
#ifndef PORTAL_IDEM_H
#define PORTAL_IDEM_H

#include <stdint.h>

#define IDEM_KEY_MAX 64

struct idem {
	int64_t user_id;
	char key[IDEM_KEY_MAX + 1];  /* "" when the request has none */
	unsigned char hash[32];      /* SHA-256 of the method, the path and the body */
};

#endif
