/*
 * test_db_tx.c - the transaction retry loop with fake begin/commit/rollback: deadlocks (also the
 * ones Galera reports at COMMIT) are retried a bounded number of times with backoff; other
 * failures roll back once and are not retried, nor is a lost connection (before COMMIT nothing was
 * saved; at COMMIT it may have been). And what the use cases make of the status that comes out
 * (svc_status_of).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/db.h"
#include "svc/svc_db.h"

static int begins, commits, rollbacks, backoffs, calls;
static int fail_fn_times, fail_commit_times;
static enum db_status fn_failure, begin_status, commit_failure;

static void
reset(void)
{
	begins = commits = rollbacks = backoffs = calls = 0;
	fail_fn_times = fail_commit_times = 0;
	fn_failure = DB_RETRY;
	begin_status = DB_OK;
	commit_failure = DB_RETRY;
}

static enum db_status
fake_begin(void)
{
	begins++;
	return begin_status;
}

static enum db_status
fake_commit(void)
{
	commits++;
	return fail_commit_times-- > 0 ? commit_failure : DB_OK;
}

static void
fake_rollback(void)
{
	rollbacks++;
}

static void
fake_backoff(int attempt)
{
	assert_true(attempt >= 1);
	backoffs++;
}

static enum db_status
work(void *arg)
{
	(void)arg;
	calls++;
	return fail_fn_times-- > 0 ? fn_failure : DB_OK;
}

static const struct db_tx_ops ops = { fake_begin, fake_commit, fake_rollback, fake_backoff };

static void
test_succeeds_after_deadlocks(void **state)
{
	(void)state;
	reset();
	fail_fn_times = 2;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_OK);
	assert_int_equal(calls, 3);
	assert_int_equal(begins, 3);
	assert_int_equal(rollbacks, 2);
	assert_int_equal(commits, 1);
	assert_int_equal(backoffs, 2);
}

static void
test_gives_up(void **state)
{
	(void)state;
	reset();
	fail_fn_times = 100;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_RETRY);
	assert_int_equal(calls, 5);
	assert_int_equal(rollbacks, 5);
	assert_int_equal(commits, 0);
}

static void
test_conflict_not_retried(void **state)
{
	(void)state;
	reset();
	fail_fn_times = 1;
	fn_failure = DB_CONFLICT;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_CONFLICT);
	assert_int_equal(calls, 1);
	assert_int_equal(rollbacks, 1);
	assert_int_equal(backoffs, 0);
}

static void
test_commit_conflict_retried(void **state)
{
	(void)state;
	reset();
	fail_commit_times = 1; /* Galera: certification failure at COMMIT */
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_OK);
	assert_int_equal(calls, 2);
	assert_int_equal(commits, 2);
	assert_int_equal(rollbacks, 1);
}

static void
test_begin_unavailable(void **state)
{
	(void)state;
	reset();
	begin_status = DB_UNAVAILABLE;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_UNAVAILABLE);
	assert_int_equal(calls, 0);
	assert_int_equal(rollbacks, 0);
}

/* a COMMIT whose answer was lost may have committed: never run again */
static void
test_commit_lost_not_retried(void **state)
{
	(void)state;
	reset();
	fail_commit_times = 1;
	commit_failure = DB_UNAVAILABLE;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_UNAVAILABLE);
	assert_int_equal(calls, 1);
	assert_int_equal(commits, 1);
	assert_int_equal(backoffs, 0);
}

/* a lost connection inside the transaction: rolled back once, not run again here */
static void
test_lost_in_fn_not_retried(void **state)
{
	(void)state;
	reset();
	fail_fn_times = 1;
	fn_failure = DB_UNAVAILABLE;
	assert_int_equal(db_tx_run(&ops, 5, work, NULL), DB_UNAVAILABLE);
	assert_int_equal(calls, 1);
	assert_int_equal(rollbacks, 1);
	assert_int_equal(commits, 0);
}

/* a retry that gave up is a conflict to the person, like a refusal by the database */
static void
test_svc_status_of(void **state)
{
	(void)state;
	assert_int_equal(svc_status_of(DB_OK), SVC_OK);
	assert_int_equal(svc_status_of(DB_NOTFOUND), SVC_NOT_FOUND);
	assert_int_equal(svc_status_of(DB_CONFLICT), SVC_CONFLICT);
	assert_int_equal(svc_status_of(DB_RETRY), SVC_CONFLICT);
	assert_int_equal(svc_status_of(DB_UNAVAILABLE), SVC_UNAVAILABLE);
	assert_int_equal(svc_status_of(DB_ERROR), SVC_ERROR);
	assert_int_equal(svc_status_of((enum db_status)99), SVC_ERROR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_succeeds_after_deadlocks), cmocka_unit_test(test_gives_up),
		cmocka_unit_test(test_conflict_not_retried), cmocka_unit_test(test_commit_conflict_retried),
		cmocka_unit_test(test_begin_unavailable), cmocka_unit_test(test_commit_lost_not_retried),
		cmocka_unit_test(test_lost_in_fn_not_retried), cmocka_unit_test(test_svc_status_of),
	};
	return cmocka_run_group_tests_name("db_tx", tests, NULL, NULL);
}
