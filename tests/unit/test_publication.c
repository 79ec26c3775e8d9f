/*
 * test_publication.c - the published statistics' rows: the unused funds are the allocation less
 * what was granted and spent on administration, or without an allocation the frame less what was
 * granted, and unknown without either; the totals sum what the rows know, and know nothing over
 * no rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/publication.h"

static void
test_unused_funds(void **state)
{
	struct pub_stat s;
	(void)state;
	memset(&s, 0, sizeof(s));
	s.m.unknown = 1u << PUB_ALLOCATION; /* no allocation */
	s.m.v[PUB_FRAME] = 1000000;
	s.m.v[PUB_AMOUNT_GRANTED] = 143122;
	pub_stat_complete(&s, true, NULL);
	assert_true(pub_known(&s.m, PUB_FRAME));
	assert_true(pub_known(&s.m, PUB_UNUSED));
	assert_int_equal(s.m.v[PUB_UNUSED], 856878);

	memset(&s, 0, sizeof(s));
	s.m.unknown = 1u << PUB_ALLOCATION;
	s.m.v[PUB_AMOUNT_GRANTED] = 30000;
	pub_stat_complete(&s, false, NULL);
	assert_true(pub_known(&s.m, PUB_AMOUNT_GRANTED));
	assert_false(pub_known(&s.m, PUB_FRAME));
	assert_false(pub_known(&s.m, PUB_UNUSED));

	/* an allocation: what is neither granted nor spent on administration */
	memset(&s, 0, sizeof(s));
	s.m.v[PUB_ALLOCATION] = 4460080;
	s.m.v[PUB_FRAME] = 3000000;
	s.m.v[PUB_AMOUNT_GRANTED] = 3000000;
	s.m.v[PUB_ADMIN_COSTS] = 939880;
	pub_stat_complete(&s, true, NULL);
	assert_int_equal(s.m.v[PUB_UNUSED], 520200);

	/* an imported year: unknown measures stay unknown, the given unused funds are taken */
	memset(&s, 0, sizeof(s));
	s.m.unknown = 1u << PUB_AMOUNT_GRANTED | 1u << PUB_RECEIVED;
	s.m.v[PUB_ALLOCATION] = 979766;
	pub_stat_complete(&s, false, NULL);
	assert_false(pub_known(&s.m, PUB_UNUSED));
	assert_false(pub_known(&s.m, PUB_RECEIVED));
	assert_true(pub_known(&s.m, PUB_ALLOCATION));
	memset(&s, 0, sizeof(s));
	s.m.unknown = 1u << PUB_AMOUNT_GRANTED;
	pub_stat_complete(&s, false, &(int64_t){ 673181 });
	assert_true(pub_known(&s.m, PUB_UNUSED));
	assert_int_equal(s.m.v[PUB_UNUSED], 673181);
}

static void
test_totals(void **state)
{
	struct pub_stat a, b;
	struct pub_measures t;
	unsigned k;
	(void)state;
	memset(&t, 0, sizeof(t));
	for (k = 0; k < PUB_NMEASURES; k++)
		assert_false(pub_known(&t, (enum pub_measure)k)); /* over no rows: nothing known */

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.m.unknown = b.m.unknown = 1u << PUB_ALLOCATION;
	a.m.v[PUB_RECEIVED] = 2, a.m.v[PUB_AMOUNT_GRANTED] = 30000; /* no frame */
	b.m.v[PUB_RECEIVED] = 3, b.m.v[PUB_AMOUNT_GRANTED] = 143122, b.m.v[PUB_FRAME] = 1000000;
	pub_stat_complete(&a, false, NULL);
	pub_totals_add(&t, &a.m);
	assert_true(pub_known(&t, PUB_RECEIVED));
	assert_false(pub_known(&t, PUB_FRAME));
	pub_stat_complete(&b, true, NULL);
	pub_totals_add(&t, &b.m);
	assert_int_equal(t.v[PUB_RECEIVED], 5);
	assert_int_equal(t.v[PUB_AMOUNT_GRANTED], 173122);
	/* the frames and unused funds of the rows that have a frame */
	assert_true(pub_known(&t, PUB_FRAME));
	assert_int_equal(t.v[PUB_FRAME], 1000000);
	assert_int_equal(t.v[PUB_UNUSED], 856878);
	/* no row had an allocation: its total is unknown too */
	assert_false(pub_known(&t, PUB_ALLOCATION));
}

/* with grants whose amount is not known, the amount granted sums the known ones and the unused
 * funds are not known */
static void
test_amounts_unknown(void **state)
{
	struct pub_stat s;
	struct pub_measures t;
	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&t, 0, sizeof(t));
	s.m.v[PUB_FRAME] = 1000000;
	s.m.v[PUB_AMOUNT_GRANTED] = 300000;
	s.m.v[PUB_AMOUNTS_UNKNOWN] = 2;
	pub_stat_complete(&s, true, NULL);
	assert_true(pub_known(&s.m, PUB_FRAME));
	assert_true(pub_known(&s.m, PUB_AMOUNTS_UNKNOWN));
	assert_false(pub_known(&s.m, PUB_UNUSED));
	pub_totals_add(&t, &s.m);
	assert_int_equal(t.v[PUB_AMOUNTS_UNKNOWN], 2);
	assert_false(pub_known(&t, PUB_UNUSED));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unused_funds),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_amounts_unknown),
	};
	return cmocka_run_group_tests_name("publication", tests, NULL, NULL);
}
