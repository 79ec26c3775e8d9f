/*
 * db.c - the MariaDB connection, the statement table (generated from the statement files
 * db/stmt_*.def), parameter binding, row fetching by the statements' column specs, reconnection
 * and transactions, and the generic binders that turn rows into JSON and structs.
 */
#include "db/db.h"
#include "db/db_alloc.h"
#include "db/db_apps.h"
#include "db/db_calladmin.h"
#include "db/db_calls.h"
#include "db/db_cases.h"
#include "db/db_casework.h"
#include "db/db_idem.h"
#include "db/db_publish.h"
#include "db/db_register.h"
#include "db/db_rows.h"
#include "db/db_schemes.h"
#include "db/db_totp.h"
#include "db/db_users.h"
#include "core/log.h"
#include "core/jw.h"
#include "core/util.h"
#include "core/utf8.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The statements' column specs, SQL and parameter counts, from the statement files. A COLF
 * target's kind is its field's C type. */
#define DB_TKIND(st, f) _Generic(&((st *)0)->f, char **: DB_T_PTR, char *: DB_T_CHAR, int64_t *: DB_T_I64, \
	int *: DB_T_INT, unsigned *: DB_T_UINT, bool *: DB_T_BOOL, struct valid_datetime *: DB_T_DT, default: DB_T_ARR)
#define COL(name, type) { #name, DB_C_##type, DB_T_NONE, 0, 0 },
#define COLF(name, type, st, f) { #name, DB_C_##type, DB_TKIND(st, f), offsetof(st, f), sizeof(((st *)0)->f) },
#define DB_STMT(id, nparams, sql, cols) \
	static const struct db_col db_cols_##id[] = { cols { NULL, DB_C_INT, DB_T_NONE, 0, 0 } };
#include "db/stmts.def"
#undef DB_STMT
#define DB_STMT(id, nparams, sql, cols) [DB_STMT_##id] = { #id, sql, nparams, DB_NCOLS(id), db_cols_##id },
static const struct db_stmt_spec db_specs[] = {
#include "db/stmts.def"
};
#undef DB_STMT
/* the build-time proof that every statement has SQL: a non-empty string literal each, and one
 * entry in the table for each enumerator */
#define DB_STMT(id, nparams, sql, cols) _Static_assert(sizeof(sql) > 1, "statement " #id " has no SQL");
#include "db/stmts.def"
#undef DB_STMT
#undef COL
#undef COLF
_Static_assert(sizeof(db_specs) / sizeof(db_specs[0]) == DB__STMT_MAX, "a statement is missing from the table");

const struct db_stmt_spec *
db_stmt_spec(enum db_stmt id)
{
	return (unsigned)id < DB__STMT_MAX ? &db_specs[id] : NULL;
}

static const char *
db_name(enum db_stmt id)
{
	return (unsigned)id < DB__STMT_MAX ? db_specs[id].name : "-";
}

/* MariaDB's "disconnected by the server because of inactivity": the statement was not run */
#define DB_ER_IDLE_KILLED 4031

static struct config db_cfg;
static MYSQL *db_conn;
static MYSQL_STMT *db_stmts[DB__STMT_MAX];
static bool db_in_tx;      /* between START TRANSACTION and COMMIT or ROLLBACK */
static bool db_tx_lost;    /* the connection went away inside the transaction: it is gone as a whole */
static bool db_changed;    /* this request committed something, or may have (db_request_changed) */
static int64_t db_last_use; /* the last round trip that worked (util_now_us) */

/* After this long without a round trip, a write first checks that the connection is alive: the
 * server may have closed it (wait_timeout, a restart), and a write is never sent twice. */
#define DB_IDLE_CHECK_US (30 * 1000000LL)

/* One fetched row: INT and BOOL columns are fetched into ints (and written as text into vals
 * too), the rest as text into vals. */
struct db_row {
	const struct db_stmt_spec *spec;
	unsigned ncols;
	char **vals;
	unsigned long *lens;
	my_bool *nulls;
	int64_t *ints;
};

static bool
db_col_is_int(const struct db_stmt_spec *spec, unsigned col)
{
	return col < spec->ncols && (spec->cols[col].type == DB_C_INT || spec->cols[col].type == DB_C_BOOL);
}

static bool
db_errno_gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	    e == CR_CONN_HOST_ERROR || e == ER_SERVER_SHUTDOWN || e == ER_CONNECTION_KILLED ||
	    e == CR_SERVER_LOST_EXTENDED || e == CR_COMMANDS_OUT_OF_SYNC || e == DB_ER_IDLE_KILLED;
}

/* The server is there but cannot take the statement now: read-only (a replica, or a primary set
 * read_only), out of disk, table or memory space, out of prepared-statement slots, over the
 * statement time limit, or a Galera node not ready. The request answers 503 with Retry-After. */
static bool
db_errno_busy(unsigned int e)
{
	return e == ER_OPTION_PREVENTS_STATEMENT || e == ER_READ_ONLY_MODE || e == ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION ||
	    e == ER_RECORD_FILE_FULL || e == ER_DISK_FULL || e == ER_OUT_OF_RESOURCES || e == ER_OUTOFMEMORY ||
	    e == ER_OUT_OF_SORTMEMORY || e == ER_LOCK_TABLE_FULL || e == ER_MAX_PREPARED_STMT_COUNT_REACHED ||
	    e == ER_STATEMENT_TIMEOUT || e == ER_CON_COUNT_ERROR || e == ER_TOO_MANY_USER_CONNECTIONS ||
	    e == ER_UNKNOWN_COM_ERROR /* Galera: WSREP has not yet prepared node for application use */;
}

enum db_status
db_errno_status(unsigned int e)
{
	if (db_errno_gone(e) || db_errno_busy(e))
		return DB_UNAVAILABLE;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	if (e == ER_DUP_ENTRY || e == ER_DUP_ENTRY_WITH_KEY_NAME || e == ER_NO_REFERENCED_ROW_2 ||
	    e == ER_ROW_IS_REFERENCED_2 || e == ER_SIGNAL_EXCEPTION || e == 4025 /* CHECK constraint */)
		return DB_CONFLICT;
	return DB_ERROR;
}

bool
db_stmt_is_read(enum db_stmt id)
{
	return (unsigned)id < DB__STMT_MAX && strncmp(db_specs[id].sql, "SELECT ", 7) == 0;
}

static void
db_disconnect(void)
{
	int i;
	for (i = 0; i < DB__STMT_MAX; i++) {
		if (db_stmts[i])
			mysql_stmt_close(db_stmts[i]);
		db_stmts[i] = NULL;
	}
	if (db_conn)
		mysql_close(db_conn);
	db_conn = NULL;
	db_tx_lost = db_in_tx; /* the server rolls it back; what is left of it must not run elsewhere */
}

static enum db_status
db_connect(void)
{
	unsigned int timeout = 2, rwtimeout = 30;
	my_bool off = 0;
	MYSQL *m;

	if (db_conn)
		return DB_OK;
	if ((m = mysql_init(NULL)) == NULL)
		abort();
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
	mysql_options(m, MYSQL_OPT_RECONNECT, &off);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* the server gives up on a lock (5 s) and on a statement (20 s) before the client stops
	 * reading (30 s): a statement never outlives the client's wait, holding its locks */
	mysql_options(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE',"
	    " group_concat_max_len = 512, innodb_lock_wait_timeout = 5, max_statement_time = 20");
	if (mysql_real_connect(m, db_cfg.db_socket[0] ? NULL : db_cfg.db_host, db_cfg.db_user, db_cfg.db_password,
	        db_cfg.db_name, db_cfg.db_socket[0] ? 0 : (unsigned)db_cfg.db_port,
	        db_cfg.db_socket[0] ? db_cfg.db_socket : NULL, 0) == NULL) {
		static int64_t last_log;
		int64_t now = util_now_us();
		if (now - last_log > 5000000) { /* at most one line per 5 s per worker */
			log_error("db: connect failed: %s", mysql_error(m));
			last_log = now;
		}
		mysql_close(m);
		return DB_UNAVAILABLE;
	}
	db_conn = m;
	db_last_use = util_now_us();
	log_info("db: connected");
	return DB_OK;
}

/* A connection for a statement that must not run twice: one that has been idle is pinged first. */
static enum db_status
db_connect_fresh(void)
{
	if (db_conn && util_now_us() - db_last_use > DB_IDLE_CHECK_US && mysql_ping(db_conn) != 0)
		db_disconnect();
	return db_connect();
}

void
db_init(const struct config *cfg)
{
	db_cfg = *cfg;
	mysql_library_init(0, NULL, NULL);
	(void)db_connect();
}

void
db_close(void)
{
	db_disconnect();
	mysql_library_end();
}

/*
 * After a failure: the status, logged when it is not an expected one; a connection that is gone
 * is dropped, and a prepared statement that failed is closed (it is prepared again when next
 * used), so no half-read result or statement state is left for the next request.
 */
static enum db_status
db_fail(MYSQL_STMT *st, enum db_stmt id)
{
	unsigned int e = st ? mysql_stmt_errno(st) : mysql_errno(db_conn);
	enum db_status s = db_errno_status(e);
	if (s == DB_ERROR || db_errno_busy(e))
		log_error("db: statement %s failed: %u %s", db_name(id), e, st ? mysql_stmt_error(st) : mysql_error(db_conn));
	if (db_errno_gone(e)) {
		db_disconnect();
	} else if (st && (unsigned)id < DB__STMT_MAX && db_stmts[id] == st) {
		mysql_stmt_free_result(st);
		mysql_stmt_close(st);
		db_stmts[id] = NULL;
	}
	return s;
}

static enum db_status
db_prepare(enum db_stmt id, MYSQL_STMT **out)
{
	MYSQL_STMT *st;
	my_bool on = 1;

	if (db_stmts[id]) {
		*out = db_stmts[id];
		return DB_OK;
	}
	if ((st = mysql_stmt_init(db_conn)) == NULL)
		abort();
	if (mysql_stmt_prepare(st, db_specs[id].sql, strlen(db_specs[id].sql)) != 0) {
		enum db_status s = db_fail(st, id);
		mysql_stmt_close(st);
		return s;
	}
	if (mysql_stmt_param_count(st) != db_specs[id].nparams) {
		log_error("db: statement %s has %lu parameters but declares %u", db_name(id), mysql_stmt_param_count(st),
		    db_specs[id].nparams);
		mysql_stmt_close(st);
		return DB_ERROR;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	db_stmts[id] = st;
	*out = st;
	return DB_OK;
}

/* the most parameters a statement takes (a call's rules: 39) */
#define DB_MAX_PARAMS 48

/* Prepares (once), binds and executes. *sent tells whether the statement may have had an effect
 * on the server: false for a failure before it was sent, and for the server's answers that it
 * did not run it (idle, disconnected) or rolled it back (the connection was killed). */
static enum db_status
db_bind_execute(enum db_stmt id, const struct db_param *params, size_t np, MYSQL_STMT **out, bool *sent)
{
	MYSQL_BIND bind[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	MYSQL_STMT *st = NULL;
	enum db_status s;
	size_t i;

	if (np > DB_MAX_PARAMS || (unsigned)id >= DB__STMT_MAX)
		abort(); /* a programming error */
	if (np != db_specs[id].nparams) {
		log_error("db: statement %s takes %u parameters, given %zu", db_name(id), db_specs[id].nparams, np);
		return DB_ERROR;
	}
	*sent = false;
	if (db_tx_lost)
		return DB_UNAVAILABLE;
	if ((s = db_in_tx || db_stmt_is_read(id) ? db_connect() : db_connect_fresh()) != DB_OK)
		return s;
	if ((s = db_prepare(id, &st)) != DB_OK)
		return s;
	memset(bind, 0, sizeof(bind));
	for (i = 0; i < np; i++) {
		switch (params[i].type) {
		case DB_P_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_P_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&params[i].i;
			break;
		case DB_P_BLOB:
			lens[i] = params[i].len;
			bind[i].buffer_type = MYSQL_TYPE_BLOB;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		case DB_P_STR:
			lens[i] = strlen(params[i].s);
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)params[i].s;
			bind[i].buffer_length = lens[i];
			bind[i].length = &lens[i];
			break;
		}
	}
	if (np && mysql_stmt_bind_param(st, bind) != 0)
		return db_fail(st, id);
	if (mysql_stmt_execute(st) != 0) {
		/* idle-disconnected: never ran; killed: rolled back by the server */
		unsigned int e = mysql_stmt_errno(st);
		*sent = e != DB_ER_IDLE_KILLED && e != ER_CONNECTION_KILLED;
		return db_fail(st, id);
	}
	db_last_use = util_now_us();
	*out = st;
	return DB_OK;
}

/*
 * Executes. When the connection turns out to be gone outside a transaction, the statement runs
 * once more on a new connection only if that cannot do anything twice: it never reached the
 * server, or it is a read. A write that may have reached it is not sent again: the request is
 * marked as having perhaps changed something (db_request_changed) and gets DB_UNAVAILABLE. Inside
 * a transaction nothing runs again here: the server rolled it back, and db_tx decides.
 */
static enum db_status
db_run(enum db_stmt id, const struct db_param *params, size_t np, MYSQL_STMT **out)
{
	bool had_conn = db_conn != NULL, sent = false;
	enum db_status s = db_bind_execute(id, params, np, out, &sent);

	if (s != DB_UNAVAILABLE || db_conn != NULL || db_in_tx || db_tx_lost)
		return s;
	if (sent && !db_stmt_is_read(id)) {
		db_changed = true;
		return s;
	}
	if (!sent && !had_conn)
		return s; /* connecting failed: the server is not there */
	s = db_bind_execute(id, params, np, out, &sent);
	if (s == DB_UNAVAILABLE && sent && !db_stmt_is_read(id))
		db_changed = true;
	return s;
}

/* The result buffers of row for the statement's columns: integers for INT and BOOL, text for the rest. */
static void
db_row_alloc(struct db_row *row, MYSQL_RES *meta, MYSQL_BIND *bind)
{
	unsigned i;

	row->vals = util_calloc(row->ncols, sizeof(*row->vals));
	row->lens = util_calloc(row->ncols, sizeof(*row->lens));
	row->nulls = util_calloc(row->ncols, sizeof(*row->nulls));
	row->ints = util_calloc(row->ncols, sizeof(*row->ints));
	for (i = 0; i < row->ncols; i++) {
		bind[i].is_null = &row->nulls[i];
		if (db_col_is_int(row->spec, i)) {
			row->vals[i] = util_malloc(24);
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = &row->ints[i];
		} else {
			size_t cap = mysql_fetch_field_direct(meta, i)->max_length + 1;
			row->vals[i] = util_malloc(cap);
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = row->vals[i];
			bind[i].buffer_length = cap;
			bind[i].length = &row->lens[i];
		}
	}
}

static void
db_row_release(struct db_row *row)
{
	unsigned i;
	if (row->vals)
		for (i = 0; i < row->ncols; i++)
			free(row->vals[i]);
	free(row->vals);
	free(row->lens);
	free(row->nulls);
	free(row->ints);
}

/* Terminates the text of the fetched row (and writes the integers as text). */
static void
db_row_finish(struct db_row *row)
{
	unsigned i;
	for (i = 0; i < row->ncols; i++) {
		if (row->nulls[i])
			row->lens[i] = 0;
		else if (db_col_is_int(row->spec, i))
			row->lens[i] = (unsigned long)snprintf(row->vals[i], 24, "%lld", (long long)row->ints[i]);
		row->vals[i][row->lens[i]] = '\0';
	}
}

/* Binds the result of st to row and calls fn for each row. */
static enum db_status
db_fetch(enum db_stmt id, MYSQL_STMT *st, MYSQL_RES *meta, db_row_fn fn, void *arg)
{
	struct db_row row = { &db_specs[id], 0, NULL, NULL, NULL, NULL };
	MYSQL_BIND *bind;
	enum db_status s = DB_ERROR;
	int rc;

	row.ncols = mysql_num_fields(meta);
	if (row.ncols != row.spec->ncols) {
		log_error("db: statement %s gives %u columns but declares %u", db_name(id), row.ncols, row.spec->ncols);
		return DB_ERROR;
	}
	bind = util_calloc(row.ncols ? row.ncols : 1, sizeof(*bind));
	db_row_alloc(&row, meta, bind);
	if (mysql_stmt_bind_result(st, bind) != 0) {
		s = db_fail(st, id);
		goto out;
	}
	while ((rc = mysql_stmt_fetch(st)) == 0) {
		db_row_finish(&row);
		if (fn && fn(arg, &row) != 0)
			goto out;
	}
	if (rc == 1) {
		s = db_fail(st, id);
		goto out;
	}
	if (rc == MYSQL_DATA_TRUNCATED) {
		log_error("db: statement %s: data truncated (a column of the wrong type?)", db_name(id));
		goto out;
	}
	s = DB_OK;
out:
	db_row_release(&row);
	free(bind);
	return s;
}

enum db_status
db_query(enum db_stmt id, const struct db_param *params, size_t np, db_row_fn fn, void *arg)
{
	MYSQL_STMT *st = NULL;
	MYSQL_RES *meta = NULL;
	enum db_status s;

	if ((s = db_run(id, params, np, &st)) != DB_OK)
		return s;
	if (mysql_stmt_store_result(st) != 0)
		s = db_fail(st, id);
	else if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		s = db_fail(st, id);
	else
		s = db_fetch(id, st, meta, fn, arg);
	if (meta)
		mysql_free_result(meta);
	if (db_conn && db_stmts[id])
		mysql_stmt_free_result(st);
	return s;
}

enum db_status
db_exec(enum db_stmt id, const struct db_param *params, size_t np, uint64_t *affected, uint64_t *insert_id)
{
	MYSQL_STMT *st = NULL;
	enum db_status s;

	if ((s = db_run(id, params, np, &st)) != DB_OK)
		return s;
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id)
		*insert_id = mysql_stmt_insert_id(st);
	if (mysql_stmt_field_count(st) > 0) /* a result nobody asked for: read and drop it */
		if (mysql_stmt_store_result(st) != 0 || mysql_stmt_free_result(st) != 0)
			return db_fail(st, id);
	if (!db_in_tx)
		db_changed = true; /* committed on its own */
	return DB_OK;
}

enum db_status
db_ping(void)
{
	return db_query(DB_STMT_PING, NULL, 0, NULL, NULL);
}

const char *
db_row_str(const struct db_row *row, unsigned col)
{
	if (col >= row->ncols || row->nulls[col])
		return NULL;
	return row->vals[col];
}

size_t
db_row_len(const struct db_row *row, unsigned col)
{
	if (col >= row->ncols || row->nulls[col])
		return 0;
	return row->lens[col];
}

bool
db_row_isnull(const struct db_row *row, unsigned col)
{
	return col >= row->ncols || row->nulls[col];
}

int64_t
db_row_int(const struct db_row *row, unsigned col)
{
	int64_t v = 0;
	const char *s;

	if (db_col_is_int(row->spec, col))
		return row->nulls[col] ? 0 : row->ints[col];
	s = db_row_str(row, col);
	if (s && valid_int64(s, INT64_MIN, INT64_MAX, &v))
		return v;
	return 0;
}

bool
db_row_datetime(const struct db_row *row, unsigned col, struct valid_datetime *out)
{
	const char *s = db_row_str(row, col);
	char tmp[20];

	if (s == NULL)
		return false;
	if (strlen(s) == 10)
		return valid_date(s, out);
	if (strlen(s) < 19)
		return false;
	memcpy(tmp, s, 19);
	tmp[19] = '\0';
	tmp[10] = 'T';
	return valid_datetime_local(tmp, out);
}

/* Transactions over the live connection. */

static enum db_status
db_tx_begin(void)
{
	enum db_status s;
	if ((s = db_connect_fresh()) != DB_OK)
		return s;
	if (mysql_query(db_conn, "START TRANSACTION") != 0)
		return db_fail(NULL, DB__STMT_MAX);
	db_in_tx = true;
	db_tx_lost = false;
	return DB_OK;
}

/* A COMMIT whose answer is lost may have committed: the request is marked as having perhaps
 * changed something, so its 503 says so (problem_unavailable), and db_tx does not run it again. */
static enum db_status
db_tx_commit(void)
{
	enum db_status s;
	if (db_conn == NULL || db_tx_lost)
		return DB_UNAVAILABLE; /* lost before COMMIT: the server rolled it back */
	if (mysql_commit(db_conn) != 0) {
		bool gone = db_errno_gone(mysql_errno(db_conn));
		s = db_fail(NULL, DB__STMT_MAX);
		if (gone)
			db_changed = true;
		return s;
	}
	db_in_tx = false;
	db_changed = true;
	db_last_use = util_now_us();
	return DB_OK;
}

/* A ROLLBACK that fails leaves the connection in a state nobody knows: it is dropped (the server
 * rolls back what it holds). */
static void
db_tx_rollback(void)
{
	if (db_conn && mysql_rollback(db_conn) != 0) {
		log_error("db: rollback failed: %u %s; dropping the connection", mysql_errno(db_conn), mysql_error(db_conn));
		db_disconnect();
	}
	db_in_tx = false;
	db_tx_lost = false;
}

void
db_request_begin(void)
{
	if (db_in_tx) { /* a use case that left its transaction open: never carried into the next request */
		log_error("db: a transaction was left open; rolling it back");
		db_tx_rollback();
	}
	db_changed = false;
}

bool
db_request_changed(void)
{
	return db_changed;
}

static void
db_tx_backoff(int attempt)
{
	struct timespec ts;
	long ms = (1L << attempt) * 5 + rand() % 10;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

enum db_status
db_tx(db_tx_fn fn, void *arg)
{
	static const struct db_tx_ops ops = { db_tx_begin, db_tx_commit, db_tx_rollback, db_tx_backoff };
	return db_tx_run(&ops, DB_TX_ATTEMPTS, fn, arg);
}

enum db_status
db_tx_dry(db_tx_fn fn, void *arg)
{
	enum db_status s;

	if ((s = db_tx_begin()) != DB_OK)
		return s;
	s = fn(arg);
	db_tx_rollback();
	return s;
}


/* The generic binders: rows into a JSON writer and into structs, by the spec. */

static void
db_iso(const struct valid_datetime *dt, char *out, size_t len)
{
	snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", dt->year, dt->month, dt->day, dt->hour, dt->minute,
	    dt->second);
}

static void
db_jw_roles(struct jw *w, const char *key, const char *v)
{
	const char *p = v;
	jw_arr(w, key);
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 0)
			jw_strn(w, NULL, p, n);
		p += n + (e ? 1 : 0);
	}
	jw_end(w);
}

/* The column written to w under key (NULL: its name), by its type (db.h). JSON columns are checked by the database
 * (MariaDB's JSON type is text with a JSON_VALID check), so their text is written as it is. */
void
db_row_jw(struct jw *w, const char *key, const struct db_row *row, unsigned col)
{
	const char *v = db_row_str(row, col);
	struct valid_datetime dt;
	char iso[32];

	if (key == NULL)
		key = row->spec->cols[col].name;
	if (v == NULL) {
		jw_null(w, key);
		return;
	}
	switch (row->spec->cols[col].type) {
	case DB_C_INT:
		jw_int(w, key, db_row_int(row, col));
		return;
	case DB_C_BOOL:
		jw_bool(w, key, db_row_int(row, col) != 0);
		return;
	case DB_C_TIME:
		if (!db_row_datetime(row, col, &dt)) {
			jw_null(w, key);
			return;
		}
		db_iso(&dt, iso, sizeof(iso));
		jw_str(w, key, iso);
		return;
	case DB_C_ROLES:
		db_jw_roles(w, key, v);
		return;
	case DB_C_JSON:
		jw_raw(w, key, v, db_row_len(row, col));
		return;
	case DB_C_STR:
		break;
	}
	jw_strn(w, key, v, db_row_len(row, col));
}

/* the row's columns from index from on, as keys of the object open on w */
void
db_row_jw_fields(struct jw *w, const struct db_row *row, unsigned from)
{
	unsigned i;
	for (i = from; i < row->ncols; i++)
		db_row_jw(w, NULL, row, i);
}

static int
db_jw_row(void *arg, const struct db_row *row)
{
	struct jw *w = arg;
	jw_obj(w, NULL);
	db_row_jw_fields(w, row, 0);
	jw_end(w);
	return 0;
}

enum db_status
db_query_jw(enum db_stmt id, const struct db_param *params, size_t np, struct jw *w)
{
	return db_query(id, params, np, db_jw_row, w);
}

enum db_status
db_query_jw_arr(enum db_stmt id, const struct db_param *params, size_t np, struct jw *w, const char *key)
{
	enum db_status s;
	jw_arr(w, key);
	if ((s = db_query(id, params, np, db_jw_row, w)) == DB_OK)
		jw_end(w);
	return s;
}

/* the first row: its columns into the object open on w (key NULL) or as an object under key */
struct db_jw_first {
	struct jw *w;
	const char *key;
	void *out;
	bool found;
};

static int
db_jw_first_row(void *arg, const struct db_row *row)
{
	struct db_jw_first *f = arg;
	if (f->found)
		return 0;
	f->found = true;
	if (f->key)
		jw_obj(f->w, f->key);
	db_row_jw_fields(f->w, row, 0);
	if (f->key)
		jw_end(f->w);
	if (f->out)
		db_row_into(row, f->out);
	return 0;
}

enum db_status
db_query_jw_one(enum db_stmt id, const struct db_param *params, size_t np, struct jw *w, const char *key)
{
	struct db_jw_first f = { w, key, NULL, false };
	enum db_status s = db_query(id, params, np, db_jw_first_row, &f);
	if (s == DB_OK && !f.found)
		jw_null(w, key);
	return s;
}

enum db_status
db_query_jw_fields(enum db_stmt id, const struct db_param *params, size_t np, struct jw *w, void *out)
{
	struct db_jw_first f = { w, NULL, out, false };
	enum db_status s = db_query(id, params, np, db_jw_first_row, &f);
	return s == DB_OK && !f.found ? DB_NOTFOUND : s;
}

/* An INT or BOOL column into its integer field at dst. */
static void
db_int_into(const struct db_col *c, int64_t i, char *dst)
{
	int n = (int)i;
	unsigned u = (unsigned)i;
	bool b = i != 0;

	if (c->kind == DB_T_I64)
		memcpy(dst, &i, sizeof(i));
	else if (c->kind == DB_T_INT)
		memcpy(dst, &n, sizeof(n));
	else if (c->kind == DB_T_UINT)
		memcpy(dst, &u, sizeof(u));
	else if (c->kind == DB_T_BOOL)
		memcpy(dst, &b, sizeof(b));
}

/* One COLF column into its field at dst. */
static void
db_col_into(const struct db_row *row, unsigned col, char *dst)
{
	const struct db_col *c = &row->spec->cols[col];
	const char *v = db_row_str(row, col);
	struct valid_datetime dt;
	char *p;

	switch (c->kind) {
	case DB_T_NONE:
		break;
	case DB_T_ARR:
		if (c->type == DB_C_TIME) {
			char iso[32] = "";
			if (db_row_datetime(row, col, &dt))
				db_iso(&dt, iso, sizeof(iso));
			utf8_copy(dst, iso, c->size);
		} else {
			utf8_copy(dst, v ? v : "", c->size);
		}
		break;
	case DB_T_PTR:
		p = v ? util_strdup(v) : NULL;
		memcpy(dst, &p, sizeof(p));
		break;
	case DB_T_CHAR:
		*dst = v ? v[0] : '\0';
		break;
	case DB_T_I64:
	case DB_T_INT:
	case DB_T_UINT:
	case DB_T_BOOL:
		db_int_into(c, db_row_int(row, col), dst);
		break;
	case DB_T_DT:
		if (db_row_datetime(row, col, &dt))
			memcpy(dst, &dt, sizeof(dt));
		break;
	}
}

void
db_row_into(const struct db_row *row, void *out)
{
	unsigned i;
	for (i = 0; i < row->ncols; i++)
		if (row->spec->cols[i].kind != DB_T_NONE)
			db_col_into(row, i, (char *)out + row->spec->cols[i].off);
}

struct db_one {
	void *out;
	bool found;
};

static int
db_one_row(void *arg, const struct db_row *row)
{
	struct db_one *o = arg;
	if (!o->found)
		db_row_into(row, o->out);
	o->found = true;
	return 0;
}

enum db_status
db_query_one(enum db_stmt id, const struct db_param *params, size_t np, void *out)
{
	struct db_one o = { out, false };
	enum db_status s = db_query(id, params, np, db_one_row, &o);
	if (s == DB_OK && !o.found)
		return DB_NOTFOUND;
	return s;
}

struct db_each {
	void *rec;
	size_t size;
	db_rec_fn fn;
	void *arg;
};

static int
db_each_row(void *arg, const struct db_row *row)
{
	struct db_each *e = arg;
	memset(e->rec, 0, e->size);
	db_row_into(row, e->rec);
	return e->fn(e->arg, e->rec);
}

enum db_status
db_query_each(enum db_stmt id, const struct db_param *params, size_t np, void *rec, size_t size, db_rec_fn fn,
    void *arg)
{
	struct db_each e = { rec, size, fn, arg };
	return db_query(id, params, np, db_each_row, &e);
}

struct db_all {
	char *out;
	size_t size, max, n;
};

static int
db_all_row(void *arg, const struct db_row *row)
{
	struct db_all *a = arg;
	if (a->n < a->max) {
		memset(a->out + a->n * a->size, 0, a->size);
		db_row_into(row, a->out + a->n++ * a->size);
	}
	return 0;
}

enum db_status
db_query_all(enum db_stmt id, const struct db_param *params, size_t np, void *out, size_t size, size_t max, size_t *n)
{
	struct db_all a = { out, size, max, 0 };
	enum db_status s = db_query(id, params, np, db_all_row, &a);
	*n = a.n;
	return s;
}

struct db_int_one {
	int64_t *v;
	bool found;
};

static int
db_int_row(void *arg, const struct db_row *row)
{
	struct db_int_one *o = arg;
	if (!o->found)
		*o->v = db_row_int(row, 0); /* the statement's one column */
	o->found = true;
	return 0;
}

enum db_status
db_query_int(enum db_stmt id, const struct db_param *params, size_t np, int64_t *v)
{
	struct db_int_one o = { v, false };
	const struct db_stmt_spec *spec = db_stmt_spec(id);

	if (spec == NULL || spec->ncols != 1 || spec->cols[0].type != DB_C_INT) {
		log_error("db: statement %s is not one INT column", db_name(id));
		return DB_ERROR;
	}
	return db_query(id, params, np, db_int_row, &o);
}
