/*
 * db.h - the database layer: the one place that talks to MariaDB.
 *
 * One persistent connection per worker process. All SQL is in the statement files db/stmt_*.def
 * (see below) as prepared statements indexed by enum db_stmt, prepared lazily once per connection.
 * No SQL text is ever built from user data. When the server goes away the connection is dropped
 * and the next call reconnects by itself; until it succeeds calls return DB_UNAVAILABLE (the handler answers 503).
 *
 * Nothing above db/ sees MYSQL*: the use cases (svc/) call the resource functions (db_users.c,
 * db_calls.c, ...), which use db_query/db_exec and give typed structs or write into the response.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include "core/config.h"
#include "domain/valid.h"

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

/*
 * The statements: declared once, in the X-macro files db/stmt_*.def (one per db module, listed by
 * db/stmts.def), as DB_STMT(NAME, parameters, SQL, columns). From them come the enum, the SQL
 * table, the parameter counts and the column specs (db.c), and here the column positions:
 * DB_COL(CASE_GET, title) is the position of column "title" of DB_STMT_CASE_GET (a compile-time
 * constant; a name the statement does not have is a compile error) and DB_NCOLS(CASE_GET) the
 * statement's number of columns.
 *
 * A column is COL(name, TYPE), or COLF(name, TYPE, struct s, field) when it is read into field of
 * struct s by db_row_into. TYPE is INT, BOOL, STR, TIME (DATETIME/DATE, in JSON "YYYY-MM-DDTHH:MM:SSZ"),
 * ROLES (a comma-separated list, in JSON an array of strings) or JSON (JSON text, in JSON its value).
 */
/*
 * Norwegian alphabetical order, for every ORDER BY on a name or a title: SQL_NB("o.name") (see
 * docs/domain.md, Sorting). MariaDB has no Norwegian collation; the Danish one of UCA 14 has the
 * same alphabet (æ, ø, å after z; ä sorted with æ, ö with ø, ü with y), but it also sorts "aa" as
 * å, which the portal does not. So a combining grapheme joiner (U+034F, ignored by the collation)
 * goes between two a's, which keeps them two a's. web/src/js/lib/collate.js does the same.
 */
#define SQL_NB(expr) "REGEXP_REPLACE(" expr ", '([Aa])(?=[Aa])', '\\\\1\xcd\x8f') COLLATE utf8mb4_uca1400_danish_ai_ci"

#define COL(name, type) char c_##name;
#define COLF(name, type, st, field) char c_##name;
#define DB_STMT(id, nparams, sql, cols) struct db_cols_##id { cols char db__end; };
#include "db/stmts.def"
#undef DB_STMT
#define DB_STMT(id, nparams, sql, cols) DB_STMT_##id,
enum db_stmt {
#include "db/stmts.def"
	DB__STMT_MAX
};
#undef DB_STMT
#undef COL
#undef COLF

#define DB_COL(id, name) ((unsigned)offsetof(struct db_cols_##id, c_##name))
#define DB_NCOLS(id) ((unsigned)offsetof(struct db_cols_##id, db__end))

/* How a column is read, and given in JSON. */
enum db_ctype { DB_C_INT, DB_C_BOOL, DB_C_STR, DB_C_TIME, DB_C_ROLES, DB_C_JSON };
/* The C type of a COLF target field (found by _Generic): char[N] (utf8_copy), char * (owned copy),
 * char (the first byte), int64_t, int, unsigned, bool, struct valid_datetime. */
enum db_tkind { DB_T_NONE = 0, DB_T_ARR, DB_T_PTR, DB_T_CHAR, DB_T_I64, DB_T_INT, DB_T_UINT, DB_T_BOOL, DB_T_DT };

struct db_col {
	const char *name;        /* the JSON key */
	enum db_ctype type;
	enum db_tkind kind;      /* DB_T_NONE: not read into a struct */
	size_t off, size;        /* the target field's offset and size */
};

struct db_stmt_spec {
	const char *name;        /* "CASE_GET" */
	const char *sql;
	unsigned nparams, ncols;
	const struct db_col *cols;
};

/* The statement's spec (NULL for an id out of range). */
const struct db_stmt_spec *db_stmt_spec(enum db_stmt id);

enum db_ptype { DB_P_NULL = 0, DB_P_INT, DB_P_STR, DB_P_BLOB };

struct db_param {
	enum db_ptype type;
	int64_t i;
	const char *s;   /* borrowed; NUL-terminated (DB_P_STR) or len bytes (DB_P_BLOB) */
	size_t len;
};

#define DB_INT(v) ((struct db_param){ .type = DB_P_INT, .i = (v) })
#define DB_STR(v) ((struct db_param){ .type = DB_P_STR, .s = (v) })
#define DB_NULLP ((struct db_param){ .type = DB_P_NULL })
#define DB_BLOB(p, n) ((struct db_param){ .type = DB_P_BLOB, .s = (const char *)(p), .len = (n) })
/* An id or NULL when 0; a string or NULL when NULL. */
#define DB_ID_OR_NULL(v) ((v) ? DB_INT(v) : DB_NULLP)
#define DB_STR_OR_NULL(v) ((v) ? DB_STR(v) : DB_NULLP)

/* One result row; values are borrowed and valid only inside the row callback. Columns are
 * numbered from 0 in the statement's order: name them with DB_COL. INT and BOOL columns are
 * fetched as integers (db_row_str gives their decimal text), the rest as text. */
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

/* Runs a statement that returns rows. nparams must be the statement's declared count, and the
 * result must have the columns its spec declares (DB_ERROR, logged, when not). */
enum db_status db_query(enum db_stmt id, const struct db_param *params, size_t nparams, db_row_fn fn, void *arg);

/* Runs a statement that returns no rows; affected and insert_id may be NULL. */
enum db_status db_exec(enum db_stmt id, const struct db_param *params, size_t nparams, uint64_t *affected,
    uint64_t *insert_id);

/*
 * The generic binders: each reads the columns by the statement's own spec. The db layer gives
 * rows as typed structs (db_row_into and below) or writes them into a JSON writer; it never
 * builds a jansson tree.
 *
 * The writer binders (core/jw.h): the column names are the keys, the types give the values (INT
 * a number, BOOL true or false, TIME "YYYY-MM-DDTHH:MM:SSZ", ROLES an array of strings, JSON its
 * value, STR a string; NULL columns are null). On an error w holds what was written so far: the
 * caller throws it away and answers the error.
 *
 * db_query_jw writes each row as one object into the array the caller has opened on w.
 * db_query_jw_arr writes the array itself, under key, into the object open on w.
 * db_query_jw_one writes the first row as an object under key, or null when there is none.
 * db_query_jw_fields writes the first row's columns as keys into the object the caller has open
 * on w, and when out is not NULL copies its COLF columns into out (db_row_into); DB_NOTFOUND
 * (nothing written) when there is no row.
 */
struct jw;
enum db_status db_query_jw(enum db_stmt id, const struct db_param *params, size_t nparams, struct jw *w);
enum db_status db_query_jw_arr(enum db_stmt id, const struct db_param *params, size_t nparams, struct jw *w,
    const char *key);
enum db_status db_query_jw_one(enum db_stmt id, const struct db_param *params, size_t nparams, struct jw *w,
    const char *key);
enum db_status db_query_jw_fields(enum db_stmt id, const struct db_param *params, size_t nparams, struct jw *w,
    void *out);
/* Writes the column as db_query_jw does into the object open on w, under key (NULL: the column's
 * name), for a row callback that writes the row itself. */
void db_row_jw(struct jw *w, const char *key, const struct db_row *row, unsigned col);
/* Writes the row's columns from index from on as keys into the object open on w (as db_query_jw). */
void db_row_jw_fields(struct jw *w, const struct db_row *row, unsigned from);

/* Copies the row's COLF columns into the struct at out (strings cut between characters, a NULL
 * string as "", a NULL char * target stays NULL, NULL numbers as 0, a NULL time left alone). A
 * TIME column into char[N] is its text as in JSON ("YYYY-MM-DDTHH:MM:SSZ"), "" when NULL. */
void db_row_into(const struct db_row *row, void *out);
/* The first row into out with db_row_into; DB_NOTFOUND when there is none. out is not cleared. */
enum db_status db_query_one(enum db_stmt id, const struct db_param *params, size_t nparams, void *out);
/* Typed rows: for each row, the struct at rec (size bytes) is cleared, filled with db_row_into and
 * given to fn, which returns 0 to go on (non-zero stops: DB_ERROR). char * targets are fn's to free. */
typedef int (*db_rec_fn)(void *arg, const void *rec);
enum db_status db_query_each(enum db_stmt id, const struct db_param *params, size_t nparams, void *rec, size_t size,
    db_rec_fn fn, void *arg);
/* The first max rows into the array of structs at out (each size bytes, cleared, db_row_into);
 * *n is how many. */
enum db_status db_query_all(enum db_stmt id, const struct db_param *params, size_t nparams, void *out, size_t size,
    size_t max, size_t *n);
/* A statement of one INT column: *v from its first row (NULL: 0); unchanged when there is none. */
enum db_status db_query_int(enum db_stmt id, const struct db_param *params, size_t nparams, int64_t *v);

/* Checks the connection with a round trip. */
enum db_status db_ping(void);

/* The status of a server error number: a lost connection, and a server that cannot take the
 * statement now (read-only, full disk or table, out of memory or prepared-statement slots, over
 * the statement time limit) are DB_UNAVAILABLE; a deadlock or lock-wait timeout DB_RETRY; a
 * duplicate key, foreign key, trigger signal or CHECK DB_CONFLICT; the rest DB_ERROR. Pure. */
enum db_status db_errno_status(unsigned int e);

/* Whether the statement only reads (a SELECT), so it may run again after a lost connection. */
bool db_stmt_is_read(enum db_stmt id);

/*
 * One request's bookkeeping, for answers that must not lie. db_request_begin() starts a request
 * (and rolls back a transaction a use case left open, which never happens but is never carried
 * over). db_request_changed() then tells whether the request has committed something, or may
 * have: a COMMIT or an autocommitted write whose answer was lost counts, since it may have been
 * applied. A 503 or 500 after that must not say that nothing was saved (http/problem.c).
 */
void db_request_begin(void);
bool db_request_changed(void);

/*
 * Runs fn inside a transaction: BEGIN, fn, COMMIT. fn returns DB_OK to commit; anything else
 * rolls back and is returned. A deadlock or lock-wait timeout (which Galera reports at COMMIT)
 * retries the whole transaction a bounded number of times with a short random backoff. A lost
 * connection is not retried: before COMMIT nothing was saved; at COMMIT it may have been, and
 * db_request_changed() says so. Once the connection is lost inside fn, every further statement
 * of fn fails with DB_UNAVAILABLE (none runs outside the transaction on a new connection).
 */
typedef enum db_status (*db_tx_fn)(void *arg);
enum db_status db_tx(db_tx_fn fn, void *arg);
/* Runs fn inside a transaction that is always rolled back, whatever fn returns (which is returned):
 * a dry run, showing what a change would give without making it. Not retried. */
enum db_status db_tx_dry(db_tx_fn fn, void *arg);

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
