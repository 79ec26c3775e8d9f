/*
 * test_budget.c - a call's budget (domain/budget.c): earmarks are reservations, the rest of the
 * frame is free for all, a grant is attributed to the application's first earmarked sub-goal and
 * uses its reservation first, then the free part. Walks the example to exhaustion: with
 * 300 000 left on B and less than that free, a C grant of 225 000 is refused, a B grant fits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/budget.h"

/* frame 1 000 000, B reserves 400 000; granted so far: 100 000 to B, 500 000 to A */
static void
example(struct budget *b)
{
	budget_init(b, true, 1000000);
	assert_int_equal(budget_add_mark(b, 'B', 400000), 0);
	budget_add_grants(b, "B", 100000, 50000);
	budget_add_grants(b, "A", 500000, 0);
}

static void
test_reservation_walked_to_exhaustion(void **state)
{
	struct budget b;
	int mark;
	(void)state;

	example(&b);
	budget_finish(&b);
	assert_int_equal(b.remaining, 400000);
	assert_int_equal(b.free, 600000);
	assert_int_equal(b.free_committed, 500000);
	assert_int_equal(b.free_remaining, 100000);
	assert_int_equal(b.marks[0].used, 100000);
	assert_int_equal(b.marks[0].remaining, 300000);
	assert_int_equal(b.marks[0].available, 400000);
	assert_int_equal(b.marks[0].paid, 50000);
	/* a C grant of 225 000 would eat into B's reservation: 125 000 over the free part */
	assert_int_equal(budget_overrun(&b, "C", 225000, &mark), 125000);
	assert_int_equal(mark, -1);
	assert_int_equal(budget_overrun(&b, "C", 100000, &mark), 0);
	/* a B grant of 300 000 fits in B's reservation */
	assert_int_equal(budget_overrun(&b, "B", 300000, &mark), 0);
	assert_int_equal(mark, 0);

	example(&b);
	budget_add_grants(&b, "B", 300000, 0);
	budget_finish(&b);
	assert_int_equal(b.marks[0].remaining, 0);
	assert_int_equal(b.marks[0].available, 100000);
	assert_int_equal(b.free_remaining, 100000);
	/* then B uses the free part: 100 000 fits, one krone more does not */
	assert_int_equal(budget_overrun(&b, "B", 100001, &mark), 1);
	assert_int_equal(budget_overrun(&b, "B", 100000, &mark), 0);
	budget_add_grants(&b, "B", 100000, 0);
	budget_finish(&b);
	assert_int_equal(b.marks[0].committed, 500000);
	assert_int_equal(b.marks[0].used, 400000);
	assert_int_equal(b.free_committed, 600000);
	assert_int_equal(b.free_remaining, 0);
	assert_int_equal(b.remaining, 0);
	assert_int_equal(budget_overrun(&b, "B", 1, &mark), 1);
	assert_int_equal(budget_overrun(&b, "A", 1, &mark), 1);
}

/* a grant for several sub-goals counts once, against the first that has an earmark */
static void
test_attribution(void **state)
{
	struct budget b;
	int mark;
	(void)state;

	budget_init(&b, true, 1000);
	budget_add_mark(&b, 'C', 300);
	budget_add_mark(&b, 'B', 200);
	assert_int_equal(budget_add_mark(&b, 'B', 1), -1);
	assert_int_equal(budget_attribute(&b, "A,B,C"), 1);
	assert_int_equal(budget_attribute(&b, "C,D"), 0);
	assert_int_equal(budget_attribute(&b, "A,D"), -1);
	assert_int_equal(budget_attribute(&b, ""), -1);
	budget_add_grants(&b, "A,B,C", 250, 0);
	budget_finish(&b);
	assert_int_equal(b.marks[1].committed, 250);
	assert_int_equal(b.marks[1].used, 200);
	assert_int_equal(b.marks[0].committed, 0);
	assert_int_equal(b.free_committed, 50);
	assert_int_equal(b.free_remaining, 450);
	/* the frame's remaining is the reservations' and the free part's together */
	assert_int_equal(b.remaining, b.marks[0].remaining + b.marks[1].remaining + b.free_remaining);
	assert_int_equal(budget_overrun(&b, "C", 751, &mark), 1);
	assert_int_equal(mark, 0);
}

/* without a frame nothing is refused; the earmarks' use is still counted */
static void
test_no_frame(void **state)
{
	struct budget b;
	int mark;
	(void)state;

	budget_init(&b, false, 0);
	budget_add_mark(&b, 'B', 100);
	budget_add_grants(&b, "B", 150, 150);
	budget_finish(&b);
	assert_int_equal(b.marks[0].used, 100);
	assert_int_equal(b.marks[0].remaining, 0);
	assert_int_equal(b.paid, 150);
	assert_int_equal(budget_overrun(&b, "B", 1000000, &mark), 0);
}

/* earmarks over the frame: the free part is negative, and no grant can go over the frame */
static void
test_reservations_over_frame(void **state)
{
	struct budget b;
	int mark;
	(void)state;

	budget_init(&b, true, 100);
	budget_add_mark(&b, 'A', 80);
	budget_add_mark(&b, 'B', 80);
	budget_finish(&b);
	assert_int_equal(b.free_remaining, -60);
	assert_int_equal(budget_overrun(&b, "A", 21, &mark), 1);
	assert_int_equal(budget_overrun(&b, "D", 1, &mark), 61);
	for (mark = 0; mark < BUDGET_MARKS_MAX - 2; mark++)
		assert_int_equal(budget_add_mark(&b, (char)('1' + mark), 0), 0);
	assert_int_equal(budget_add_mark(&b, 'Z', 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reservation_walked_to_exhaustion), cmocka_unit_test(test_attribution),
		cmocka_unit_test(test_no_frame), cmocka_unit_test(test_reservations_over_frame),
	};
	return cmocka_run_group_tests_name("budget", tests, NULL, NULL);
}
