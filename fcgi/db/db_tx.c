/*
 * db_tx.c - the transaction retry loop (pure: talks to the database only through ops).
 */
#include "db/db.h"

enum db_status
db_tx_run(const struct db_tx_ops *ops, int attempts, db_tx_fn fn, void *arg)
{
	enum db_status st = DB_ERROR;
	int attempt;

	for (attempt = 0; attempt < attempts; attempt++) {
		if (attempt > 0 && ops->backoff)
			ops->backoff(attempt);
		if ((st = ops->begin()) != DB_OK)
			return st;
		st = fn(arg);
		if (st == DB_OK)
			st = ops->commit();
		if (st == DB_OK)
			return DB_OK;
		ops->rollback();
		if (st != DB_RETRY)
			return st;
	}
	return st;
}
