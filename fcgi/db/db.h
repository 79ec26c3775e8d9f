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

#include "core/config.h"
#include "domain/valid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

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
	DB_STMT_USER_BY_EMAIL,
	DB_STMT_USER_BY_ID,
	DB_STMT_USER_INSERT,
	DB_STMT_USER_SET_PASSWORD,
	DB_STMT_USER_BUMP_GEN,
	DB_STMT_USER_VERIFY,
	DB_STMT_TOKEN_INSERT,
	DB_STMT_TOKEN_FIND,
	DB_STMT_TOKEN_USE,
	DB_STMT_OUTBOX_INSERT,
	DB_STMT_OUTBOX_LIST,
	DB_STMT_OUTBOX_DUE,
	DB_STMT_OUTBOX_SENT,
	DB_STMT_OUTBOX_FAILED,
	DB_STMT_THROTTLE_GET,
	DB_STMT_THROTTLE_FAIL,
	DB_STMT_THROTTLE_CLEAR,
	DB_STMT_SECLOG_INSERT,
	DB_STMT_SECLOG_LIST,
	DB_STMT_ME_ORGS,
	DB_STMT_ME_TENANTS,
	DB_STMT_TENANT_AUTH,
	DB_STMT_ORG_AUTH,
	DB_STMT_ORG_GET,
	DB_STMT_ORG_MEMBERS,
	DB_STMT_STAFF_LIST,
	DB_STMT_STAFF_INSERT,
	DB_STMT_STAFF_GET,
	DB_STMT_STAFF_DELETE,
	DB_STMT_ORG_INSERT,
	DB_STMT_ORG_UPDATE,
	DB_STMT_ORG_BY_ORGNR,
	DB_STMT_ORG_ADMINS,
	DB_STMT_ORG_MEMBER_ADD,
	DB_STMT_ORG_FLAGS,
	DB_STMT_INVITE_INSERT,
	DB_STMT_INVITE_FIND,
	DB_STMT_INVITE_ACCEPT,
	DB_STMT_APP_AUTH,
	DB_STMT_APP_INSERT,
	DB_STMT_APP_GET,
	DB_STMT_APP_UPDATE,
	DB_STMT_APP_LIST_ORG,
	DB_STMT_APP_LIST_USER,
	DB_STMT_APP_CALL_RULES,
	DB_STMT_COUNTER_BUMP,
	DB_STMT_COUNTER_GET,
	DB_STMT_APP_LOCK,
	DB_STMT_APP_SUBMIT,
	DB_STMT_APP_WITHDRAW,
	DB_STMT_EVENT_INSERT,
	DB_STMT_EVENT_LIST,
	DB_STMT_EVENT_LIST_PUBLIC,
	DB_STMT_ATT_INSERT,
	DB_STMT_ATT_LIST,
	DB_STMT_ATT_GET,
	DB_STMT_ATT_DELETE,
	DB_STMT_ATT_TOTALS,
	DB_STMT_INBOX_SUBMITTED,
	DB_STMT_INBOX_SUBMITTED_DESC,
	DB_STMT_INBOX_AMOUNT,
	DB_STMT_INBOX_AMOUNT_DESC,
	DB_STMT_INBOX_TITLE,
	DB_STMT_INBOX_TITLE_DESC,
	DB_STMT_INBOX_ORG,
	DB_STMT_INBOX_ORG_DESC,
	DB_STMT_INBOX_COUNTS_KEPT,
	DB_STMT_INBOX_COUNTS,
	DB_STMT_INBOX_COUNTS_TEXT,
	DB_STMT_CASE_GET,
	DB_STMT_CASE_DUPLICATES,
	DB_STMT_CASE_ASSIGN,
	DB_STMT_CASE_LOCK,
	DB_STMT_IMPARTIAL_GET,
	DB_STMT_IMPARTIAL_SET,
	DB_STMT_CASE_SET_STATUS,
	DB_STMT_CASE_RECOMMEND,
	DB_STMT_CASE_DECIDE,
	DB_STMT_CALL_FRAME_LOCK,
	DB_STMT_CALL_COMMITTED,
	DB_STMT_CALL_EARMARK_USE,
	DB_STMT_CALL_BUDGET,
	DB_STMT_CASE_DETAIL,
	DB_STMT_ASSESSMENT_GET,
	DB_STMT_ASSESSMENT_SET,
	DB_STMT_COMMENT_INSERT,
	DB_STMT_COMMENT_LIST,
	DB_STMT_IMPARTIAL_LIST,
	DB_STMT_LETTER_FACTS,
	DB_STMT_LETTER_INSERT,
	DB_STMT_LETTER_LIST,
	DB_STMT_CASE_LETTER_SENT,
	DB_STMT_ORG_NOTIFY,
	DB_STMT_PAYMENT_INSERT,
	DB_STMT_PAYMENT_LIST,
	DB_STMT_PAYMENT_PAY,
	DB_STMT_CASE_ACCEPT,
	DB_STMT_PAYMENTS_TENANT,
	DB_STMT_CALL_PAID,
	DB_STMT_APPEAL_INSERT,
	DB_STMT_APPEAL_LIST,
	DB_STMT_APPEAL_OPEN,
	DB_STMT_APPEAL_HANDLE,
	DB_STMT_APPEAL_LOCK,
	DB_STMT_APPEAL_RULE,
	DB_STMT_APPEALS_TENANT,
	DB_STMT_CASE_REOPEN,
	DB_STMT_REPORT_UPSERT,
	DB_STMT_REPORT_GET,
	DB_STMT_REPORT_REVIEW,
	DB_STMT_ATT_HAS_KIND,
	DB_STMT_CR_INSERT,
	DB_STMT_CR_LIST,
	DB_STMT_CR_DECIDE,
	DB_STMT_CASE_RECLAIM,
	DB_STMT_REMINDERS_DUE,
	DB_STMT_REMINDED,
	DB_STMT_TENANT_KIND,
	DB_STMT_TENANT_BY_SLUG,
	DB_STMT_PUBLISHED_GET,
	DB_STMT_PUBLISHED_LIST,
	DB_STMT_PUBLISH,
	DB_STMT_RECIPIENTS,
	DB_STMT_STATS,
	DB_STMT_HIST_INSERT,
	DB__STMT_MAX,
};

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

/*
 * Runs a statement and turns its rows into a JSON array of objects (new reference in *out).
 * keys names the columns; types has one letter per column: 'i' integer, 's' string, 'b' boolean,
 * 't' UTC DATETIME as ISO 8601 "...Z", 'r' comma-separated roles as an array of strings, 'j' JSON
 * text as its value. keys and types must be of the same length (DB_ERROR, logged, when not).
 * NULL columns become JSON null.
 */
enum db_status db_query_json(enum db_stmt id, const struct db_param *params, size_t nparams,
    const char *const *keys, const char *types, json_t **out);

/* Like db_query_json for a statement that finds at most one row: that row's object (new reference),
 * or DB_NOTFOUND. */
enum db_status db_query_json_one(enum db_stmt id, const struct db_param *params, size_t nparams,
    const char *const *keys, const char *types, json_t **out);

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
