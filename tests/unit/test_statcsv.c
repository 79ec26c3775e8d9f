/*
 * test_statcsv.c - the statistics import's table reader: a table as a yearly report prints it
 * (tab-separated, amounts with spaces, the SUM line kept apart), empty cells as figures not
 * given, administration costs without consent counting as administration costs, and the faults
 * of an unknown column, a bad number and a missing municipality column, each with its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/statcsv.h"

static const char table[] =
    "Kommune\tTildeling\tOrganisasjoner som har mottatt driftsstøtte\tOrganisasjoner som har mottatt aktivitetsstøtte"
    "\tAdm. kostnader uten samtykke\n"
    "Oslo\t4 460 080\t24\t77\t939 880\n"
    "Skedsmo\t275 326\t0\t6\t\n"
    "SUM\t4 735 408\t24\t83\t939 880\n";

static void
test_printed_table(void **state)
{
	struct stat_row *rows = NULL, sum;
	struct csv_fault errs[8];
	size_t n = 0, nerr = 0;
	bool has_sum = false;
	(void)state;

	assert_int_equal(statcsv_parse(table, strlen(table), &rows, &n, &sum, &has_sum, errs, 8, &nerr), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].name, "Oslo");
	assert_int_equal(rows[0].v[STAT_ALLOCATION], 4460080);
	assert_int_equal(rows[0].v[STAT_OPERATING_ORGS], 24);
	assert_int_equal(rows[0].v[STAT_ACTIVITY_ORGS], 77);
	assert_int_equal(rows[0].v[STAT_ADMIN_UNCONSENTED], 939880);
	assert_int_equal(rows[0].v[STAT_ADMIN_COSTS], 939880);
	assert_true(rows[0].given & (1u << STAT_ADMIN_COSTS));
	assert_false(rows[0].given & (1u << STAT_OPERATING_MEMBERS));
	assert_string_equal(rows[1].name, "Skedsmo");
	assert_false(rows[1].given & (1u << STAT_ADMIN_UNCONSENTED)); /* empty: not given */
	assert_int_equal(rows[1].line, 3);
	assert_true(has_sum);
	assert_int_equal(sum.v[STAT_ALLOCATION], 4735408);
	assert_int_equal(sum.v[STAT_ACTIVITY_ORGS], 83);
	assert_string_equal(statcsv_key(STAT_ALLOCATION), "allocation");
	free(rows);
}

static void
test_faults(void **state)
{
	static const char bad[] = "Kommune;Tildeling;Fargen\nOslo;mange;blå\n";
	static const char nocol[] = "Tildeling\n100\n";
	static const char badrow[] = "Kommune;Tildeling;Medlemmer\nOslo;100;-3\n;200;4\n";
	struct stat_row *rows = NULL, sum;
	struct csv_fault errs[8];
	size_t n = 0, nerr = 0;
	bool has_sum = false;
	(void)state;

	assert_int_equal(statcsv_parse(bad, strlen(bad), &rows, &n, &sum, &has_sum, errs, 8, &nerr), -1);
	assert_int_equal(nerr, 1);
	assert_string_equal(errs[0].field, "header");
	free(rows);
	assert_int_equal(statcsv_parse(nocol, strlen(nocol), &rows, &n, &sum, &has_sum, errs, 8, &nerr), -1);
	assert_string_equal(errs[0].field, "kommune");
	free(rows);
	assert_int_equal(statcsv_parse(badrow, strlen(badrow), &rows, &n, &sum, &has_sum, errs, 8, &nerr), -1);
	assert_int_equal(nerr, 2);
	assert_int_equal(errs[0].line, 2);
	assert_string_equal(errs[0].field, "operating_support_members");
	assert_int_equal(errs[1].line, 3);
	assert_string_equal(errs[1].field, "kommune");
	free(rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printed_table),
		cmocka_unit_test(test_faults),
	};
	return cmocka_run_group_tests_name("statcsv", tests, NULL, NULL);
}
