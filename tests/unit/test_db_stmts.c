/*
 * test_db_stmts.c - the statement table generated from fcgi/db/stmt_*.def, checked without a
 * server: every statement has SQL, its '?' count is its declared parameter count, a SELECT
 * declares as many columns as its select list has (an INSERT, UPDATE or DELETE none), every
 * column has a unique name and a type that its struct target (COLF) can take, and a caller that
 * passes the wrong number of parameters is refused before anything is sent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/db_users.h"
#include "core/jw.h"
#include "core/util.h"

/* '?' outside quoted text */
static unsigned
count_params(const char *sql)
{
	unsigned n = 0;
	char quote = 0;
	for (; *sql; sql++) {
		if (quote) {
			if (*sql == quote)
				quote = 0;
		} else if (*sql == '\'' || *sql == '"' || *sql == '`') {
			quote = *sql;
		} else if (*sql == '?') {
			n++;
		}
	}
	return n;
}

static bool
keyword_at(const char *p, const char *kw)
{
	size_t n = strlen(kw);
	return strncmp(p, kw, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/* The expressions of the top-level select list: its commas outside parentheses and quotes, up to
 * the top-level FROM (or the end, as in "SELECT 1"), plus one. */
static unsigned
count_select_list(const char *sql)
{
	const char *p = sql + strlen("SELECT");
	unsigned n = 1;
	int depth = 0;
	char quote = 0;

	for (; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"' || *p == '`')
			quote = *p;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (depth == 0 && *p == ',')
			n++;
		else if (depth == 0 && isspace((unsigned char)p[-1]) && keyword_at(p, "FROM"))
			break;
	}
	return n;
}

static void
test_every_statement_has_sql(void **state)
{
	unsigned i;
	(void)state;
	for (i = 0; i < DB__STMT_MAX; i++) {
		const struct db_stmt_spec *s = db_stmt_spec((enum db_stmt)i);
		assert_non_null(s);
		assert_non_null(s->name);
		assert_true(s->name[0] != '\0');
		assert_non_null(s->sql);
		if (strlen(s->sql) < 8)
			assert_string_equal(s->sql, "SELECT 1");
	}
	assert_null(db_stmt_spec(DB__STMT_MAX));
}

static void
test_parameter_counts(void **state)
{
	unsigned i;
	(void)state;
	for (i = 0; i < DB__STMT_MAX; i++) {
		const struct db_stmt_spec *s = db_stmt_spec((enum db_stmt)i);
		if (count_params(s->sql) != s->nparams)
			fail_msg("%s: %u '?' but %u parameters declared", s->name, count_params(s->sql), s->nparams);
	}
}

static void
test_column_counts(void **state)
{
	unsigned i;
	(void)state;
	for (i = 0; i < DB__STMT_MAX; i++) {
		const struct db_stmt_spec *s = db_stmt_spec((enum db_stmt)i);
		unsigned n = 0;
		while (s->cols[n].name != NULL)
			n++;
		assert_int_equal(n, s->ncols);
		if (keyword_at(s->sql, "SELECT")) {
			if (count_select_list(s->sql) != s->ncols)
				fail_msg("%s: %u columns selected but %u declared", s->name, count_select_list(s->sql), s->ncols);
		} else if (keyword_at(s->sql, "INSERT") || keyword_at(s->sql, "UPDATE") || keyword_at(s->sql, "DELETE")) {
			if (s->ncols != 0)
				fail_msg("%s: a statement without rows declares %u columns", s->name, s->ncols);
		} else {
			fail_msg("%s: neither SELECT nor INSERT, UPDATE or DELETE", s->name);
		}
	}
}

static bool
target_fits(const struct db_col *c)
{
	switch (c->kind) {
	case DB_T_NONE:
		return true;
	case DB_T_I64:
	case DB_T_INT:
	case DB_T_UINT:
		return c->type == DB_C_INT;
	case DB_T_BOOL:
		return c->type == DB_C_BOOL;
	case DB_T_ARR:
		if (c->type == DB_C_TIME) /* its text as in JSON: YYYY-MM-DDTHH:MM:SSZ */
			return c->size > 20;
		return (c->type == DB_C_STR || c->type == DB_C_ROLES || c->type == DB_C_JSON) && c->size > 1;
	case DB_T_PTR:
		return c->type == DB_C_STR || c->type == DB_C_JSON;
	case DB_T_CHAR:
		return c->type == DB_C_STR;
	case DB_T_DT:
		return c->type == DB_C_TIME;
	}
	return false;
}

static void
test_columns(void **state)
{
	unsigned i, j, k;
	(void)state;
	for (i = 0; i < DB__STMT_MAX; i++) {
		const struct db_stmt_spec *s = db_stmt_spec((enum db_stmt)i);
		for (j = 0; j < s->ncols; j++) {
			const struct db_col *c = &s->cols[j];
			assert_true(c->name[0] != '\0');
			for (k = 0; c->name[k]; k++)
				assert_true(isalnum((unsigned char)c->name[k]) || c->name[k] == '_');
			for (k = 0; k < j; k++)
				if (strcmp(s->cols[k].name, c->name) == 0)
					fail_msg("%s: column %s twice", s->name, c->name);
			if (!target_fits(c))
				fail_msg("%s: column %s cannot go into its field", s->name, c->name);
		}
	}
}

/* DB_COL and DB_NCOLS are the positions in the statement files */
static void
test_positions(void **state)
{
	(void)state;
	assert_int_equal(DB_COL(CASE_GET, id), 0);
	assert_int_equal(DB_COL(CASE_GET, title), 3);
	assert_int_equal(DB_COL(CASE_GET, signed), 15);
	assert_int_equal(DB_NCOLS(CASE_GET), 16);
	assert_int_equal(DB_NCOLS(STATS), 44);
	assert_int_equal(DB_NCOLS(USER_INSERT), 0);
	assert_string_equal(db_stmt_spec(DB_STMT_STATS)->cols[DB_COL(STATS, B_amount_granted)].name, "B_amount_granted");
	assert_int_equal(db_stmt_spec(DB_STMT_CASE_GET)->ncols, DB_NCOLS(CASE_GET));
	assert_int_equal(db_stmt_spec(DB_STMT_CASE_GET)->cols[DB_COL(CASE_GET, signed)].type, DB_C_JSON);
}

/* refused before connecting (db_init was never called: no server is tried) */
static void
test_wrong_parameter_count(void **state)
{
	struct db_param p[] = { DB_INT(1), DB_INT(2) };
	int64_t v = 7;
	struct db_org org = { .id = 7 };
	struct buf b = { 0 };
	struct jw w;
	(void)state;
	assert_int_equal(db_exec(DB_STMT_USER_BUMP_GEN, p, 2, NULL, NULL), DB_ERROR);
	assert_int_equal(db_exec(DB_STMT_USER_BUMP_GEN, NULL, 0, NULL, NULL), DB_ERROR);
	assert_int_equal(db_query_one(DB_STMT_ORG_GET, p, 2, &org), DB_ERROR);
	assert_int_equal(org.id, 7);
	jw_init(&w, &b);
	jw_arr(&w, NULL);
	assert_int_equal(db_query_jw(DB_STMT_ORG_GET, p, 2, &w), DB_ERROR);
	assert_int_equal(b.len, 1); /* only the "[" */
	buf_free(&b);
	/* db_query_int is for statements of one INT column only */
	assert_int_equal(db_query_int(DB_STMT_STAFF_GET, p, 2, &v), DB_ERROR);
	assert_int_equal(v, 7);
}

/* which server errors are which: a server that cannot take the statement now is DB_UNAVAILABLE
 * (503 with Retry-After), not DB_ERROR (500) */
static void
test_error_classes(void **state)
{
	static const unsigned unavailable[] = { 2006, 2013, 1927, 4031, 1290, 1836, 1792, 1114, 1021, 1041, 1037, 1206, 1461, 1969, 1040, 1047 };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(unavailable) / sizeof(unavailable[0]); i++)
		if (db_errno_status(unavailable[i]) != DB_UNAVAILABLE)
			fail_msg("error %u is not DB_UNAVAILABLE", unavailable[i]);
	assert_int_equal(db_errno_status(1213), DB_RETRY);     /* deadlock */
	assert_int_equal(db_errno_status(1205), DB_RETRY);     /* lock wait timeout */
	assert_int_equal(db_errno_status(1062), DB_CONFLICT);  /* duplicate key */
	assert_int_equal(db_errno_status(1644), DB_CONFLICT);  /* a trigger's SIGNAL */
	assert_int_equal(db_errno_status(1064), DB_ERROR);     /* a syntax error is ours */
	assert_int_equal(db_errno_status(1142), DB_ERROR);     /* a missing grant too */
}

/* only a SELECT may run again after a lost connection */
static void
test_reads(void **state)
{
	(void)state;
	assert_true(db_stmt_is_read(DB_STMT_PING));
	assert_true(db_stmt_is_read(DB_STMT_CALLS_LIST));
	assert_true(db_stmt_is_read(DB_STMT_OUTBOX_DUE));
	assert_false(db_stmt_is_read(DB_STMT_OUTBOX_SENT));
	assert_false(db_stmt_is_read(DB_STMT_IDEM_CLAIM));
	assert_false(db_stmt_is_read(DB_STMT_IDEM_FORGET));
	assert_false(db_stmt_is_read(DB__STMT_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_statement_has_sql),
		cmocka_unit_test(test_parameter_counts),
		cmocka_unit_test(test_column_counts),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_wrong_parameter_count),
		cmocka_unit_test(test_error_classes),
		cmocka_unit_test(test_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
