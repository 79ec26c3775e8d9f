/*
 * db.h - the database layer: the one place that talks to MariaDB.
 *
 * One persistent connection per worker process. All SQL is in db_sql[] (db.c) as prepared
 * statements indexed by enum db_stmt, prepared lazily once per connection. No SQL text is ever
 * built from user data. When the server goes away the connection is dropped and the next call
 * reconnects by itself; until it succeeds calls return DB_UNAVAILABLE (the handler answers 503).
 *
 * Handlers never see MYSQL*: they call the resource functions (db_tenants.c, db_calls.c), which
 * use db_query/db_exec and return typed structs.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include "config.h"
#include "valid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_status {
	DB_OK = 0,
	DB_NOTFOUND,     /* no such row */
	DB_CONFLICT,     /* a unique key or a rule in the database said no */
	DB_RETRY,        /* deadlock or lock wait timeout: the transaction may be retried */
	DB_UNAVAILABLE,  /* the server cannot be reached */
	DB_ERROR,        /* anything else; logged */
};

enum db_stmt {
	DB_STMT_PING = 0,
	DB_STMT_TENANTS_LIST,
	DB_STMT_CALLS_LIST,
	DB_STMT_CALLS_COUNT,
	DB_STMT_CALL_GET,
	DB__STMT_MAX,
};

enum db_ptype { DB_P_NULL = 0, DB_P_INT, DB_P_STR };

struct db_param {
	enum db_ptype type;
	int64_t i;
	const char *s;   /* borrowed; NUL-terminated */
};

#define DB_INT(v) ((struct db_param){ .type = DB_P_INT, .i = (v) })
#define DB_STR(v) ((struct db_param){ .type = DB_P_STR, .s = (v) })
#define DB_NULLP ((struct db_param){ .type = DB_P_NULL })

/* One result row; values are borrowed and valid only inside the row callback. */
struct db_row;

const char *db_row_str(const struct db_row *row, unsigned col);       /* NULL for SQL NULL */
size_t db_row_len(const struct db_row *row, unsigned col);
int64_t db_row_int(const struct db_row *row, unsigned col);           /* 0 for NULL or non-numbers */
bool db_row_isnull(const struct db_row *row, unsigned col);
/* Parses a DATETIME/DATE column; false for NULL. */
bool db_row_datetime(const struct db_row *row, unsigned col, struct valid_datetime *out);

/* Called for each row; return 0 to go on, non-zero to stop (db_query then returns DB_ERROR). */
typedef int (*db_row_fn)(void *arg, const struct db_row *row);

/* Keeps a copy of the connection settings and tries to connect (a failure is not fatal). */
void db_init(const struct config *cfg);
void db_close(void);

/* Runs a statement that returns rows. */
enum db_status db_query(enum db_stmt id, const struct db_param *params, size_t nparams, db_row_fn fn, void *arg);

/* Runs a statement that returns no rows; affected and insert_id may be NULL. */
enum db_status db_exec(enum db_stmt id, const struct db_param *params, size_t nparams, uint64_t *affected,
    uint64_t *insert_id);

/* Checks the connection with a round trip. */
enum db_status db_ping(void);

/*
 * Runs fn inside a transaction: BEGIN, fn, COMMIT. fn returns DB_OK to commit; anything else
 * rolls back and is returned. A deadlock or lock-wait timeout (which Galera reports at COMMIT)
 * retries the whole transaction a bounded number of times with a short random backoff.
 */
typedef enum db_status (*db_tx_fn)(void *arg);
enum db_status db_tx(db_tx_fn fn, void *arg);

/* The retry loop of db_tx, separate so it can be tested without a server. */
struct db_tx_ops {
	enum db_status (*begin)(void);
	enum db_status (*commit)(void);
	void (*rollback)(void);
	void (*backoff)(int attempt);
};
#define DB_TX_ATTEMPTS 5
enum db_status db_tx_run(const struct db_tx_ops *ops, int attempts, db_tx_fn fn, void *arg);

#endif
