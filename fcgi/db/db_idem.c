/*
 * db_idem.c - the Idempotency-Key store (see db_idem.h).
 */
#include "db/db_idem.h"

#include <stdlib.h>
#include <string.h>

enum db_status
db_idem_claim(int64_t user_id, const char *key, const unsigned char hash[32], enum db_idem_claim *claim,
    struct db_idem_row *row)
{
	struct db_param p[] = { DB_BLOB(hash, 32), DB_INT(user_id), DB_STR(key) };
	struct db_param ins[] = { DB_INT(user_id), DB_STR(key), DB_BLOB(hash, 32) };
	enum db_status s;

	memset(row, 0, sizeof(*row));
	*claim = DB_IDEM_NEW;
	if ((s = db_exec(DB_STMT_IDEM_CLAIM, ins, 3, NULL, NULL)) != DB_CONFLICT)
		return s;
	/* a duplicate: the key was used before (and that transaction has ended, or we would wait) */
	if ((s = db_query_one(DB_STMT_IDEM_GET, p, 3, row)) != DB_OK)
		return s == DB_NOTFOUND ? DB_RETRY : s; /* forgotten meanwhile: try again */
	if (!row->expired) {
		*claim = DB_IDEM_SEEN;
		return DB_OK;
	}
	db_idem_row_free(row);
	return db_exec(DB_STMT_IDEM_RENEW, p, 3, NULL, NULL);
}

void
db_idem_row_free(struct db_idem_row *row)
{
	free(row->result);
	row->result = NULL;
}

enum db_status
db_idem_done(int64_t user_id, const char *key, const char *result)
{
	struct db_param p[] = { DB_STR(result), DB_INT(user_id), DB_STR(key) };
	return db_exec(DB_STMT_IDEM_DONE, p, 3, NULL, NULL);
}

enum db_status
db_idem_forget(uint64_t *n)
{
	return db_exec(DB_STMT_IDEM_FORGET, NULL, 0, n, NULL);
}
