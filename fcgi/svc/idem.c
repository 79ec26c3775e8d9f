/*
 * idem.c - Idempotency-Key around a use case's transaction (see idem.h).
 */
#include "svc/idem_db.h"
#include "db/db_idem.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>

struct idem_run {
	const struct idem *k;
	db_tx_fn fn;
	idem_save_fn save;
	void *arg;
	enum idem_state state;
	json_t *replay;
};

/* One attempt: claim the key, then either replay what is stored or run the use case and store
 * its answer. */
static enum db_status
idem_attempt(void *arg)
{
	struct idem_run *r = arg;
	struct db_idem_row row;
	enum db_idem_claim claim;
	enum db_status s;
	json_t *answer;
	char *text;

	json_decref(r->replay);
	r->replay = NULL;
	r->state = IDEM_FRESH;
	if ((s = db_idem_claim(r->k->user_id, r->k->key, r->k->hash, &claim, &row)) != DB_OK)
		return s;
	if (claim == DB_IDEM_SEEN) {
		if (row.same && row.result)
			r->replay = json_loads(row.result, 0, NULL);
		r->state = r->replay ? IDEM_REPLAY : IDEM_MISMATCH;
		db_idem_row_free(&row);
		return r->state == IDEM_REPLAY ? DB_OK : DB_CONFLICT;
	}
	if ((s = r->fn(r->arg)) != DB_OK)
		return s;
	answer = r->save(r->arg);
	text = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	s = text ? db_idem_done(r->k->user_id, r->k->key, text) : DB_ERROR;
	free(text);
	return s;
}

enum db_status
idem_tx(const struct idem *k, db_tx_fn fn, idem_save_fn save, void *arg, enum idem_state *state, json_t **replay)
{
	struct idem_run r = { k, fn, save, arg, IDEM_FRESH, NULL };
	enum db_status s;

	*state = IDEM_FRESH;
	*replay = NULL;
	if (k == NULL || k->key[0] == '\0')
		return db_tx(fn, arg);
	s = db_tx(idem_attempt, &r);
	*state = r.state;
	if (s == DB_OK && r.state == IDEM_REPLAY)
		*replay = r.replay;
	else
		json_decref(r.replay);
	return s;
}

enum db_status
idem_forget_old(void)
{
	uint64_t n = 0;
	enum db_status s = db_idem_forget(&n);
	if (s == DB_OK && n > 0)
		log_info("idempotency: forgot %llu keys older than a day", (unsigned long long)n);
	return s;
}
