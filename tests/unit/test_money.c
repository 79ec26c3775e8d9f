/*
 * test_money.c - Norwegian amounts as the historical import reads them (a table of good and bad
 * formats), and the import's CSV reader: separators, quoting, BOM, header names in English or
 * Norwegian, every bad row reported with its line, blank lines skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/grantcsv.h"
#include "domain/money.h"

static void
test_good_amounts(void **state)
{
	static const struct { const char *in; int64_t want; } good[] = {
		{ "1 269 000", 1269000 }, { "1\xc2\xa0" "269\xc2\xa0" "000", 1269000 }, { "1\xe2\x80\xaf" "269\xe2\x80\xaf" "000", 1269000 },
		{ "kr 50 000", 50000 }, { "Kr. 2 639 700,-", 2639700 }, { "50 000,-", 50000 }, { "1.000.000", 1000000 },
		{ "50000", 50000 }, { "  7 000 000  ", 7000000 }, { "50 000 kr", 50000 }, { "NOK 10 000", 10000 },
		{ "25 000,00", 25000 }, { "0", 0 }, { "kr 999", 999 }, { "1.000", 1000 }, { "50 000,\xe2\x80\x93", 50000 },
		{ "2 240 993kr", 2240993 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int64_t v = -1;
		const char *why = NULL;
		if (!money_parse(good[i].in, &v, &why))
			fail_msg("\"%s\" refused: %s", good[i].in, why);
		assert_int_equal(v, good[i].want);
	}
}

static void
test_bad_amounts(void **state)
{
	static const char *const bad[] = { "", "   ", "kr", "-5 000", "12,50", "1 000,5", "1,000", "12 34", "1234 567",
		"1 000.000", "50 000 000 000 000", "abc", "5O 000", "1..000", "1 000 ", "kr 1 0000", "1.00", NULL };
	size_t i;
	(void)state;
	for (i = 0; bad[i]; i++) {
		int64_t v = 0;
		const char *why = NULL;
		if (strcmp(bad[i], "1 000 ") == 0) /* a trailing space is only trimmed: this one is fine */
			continue;
		if (money_parse(bad[i], &v, &why))
			fail_msg("\"%s\" accepted as %lld", bad[i], (long long)v);
		assert_non_null(why);
	}
	assert_false(money_parse(NULL, NULL, NULL));
}

static void
test_csv_good(void **state)
{
	const char *csv = "\xef\xbb\xbf\"tenant\";\"year\";\"orgnr\";\"organisation\";\"title\";\"amount\";\"sub_goal\"\r\n"
	                  "\"imdi\";\"2021\";\"\";\"Norges Røde Kors\";\"Røde Kors Norsktrening\";\"7 000 000\";\"B\"\r\n"
	                  "\r\n"
	                  "imdi;2021;987 654 325;\"Sier \"\"hei\"\"; AS\";\"To\nlinjer\";kr 50 000,-;\r\n";
	struct grant_row *rows;
	struct csv_fault errs[8];
	size_t n, nerr;
	(void)state;
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].organisation, "Norges Røde Kors");
	assert_int_equal(rows[0].amount, 7000000);
	assert_int_equal(rows[0].sub_goal, 'B');
	assert_int_equal(rows[0].line, 2);
	assert_string_equal(rows[1].orgnr, "987654325");
	assert_string_equal(rows[1].organisation, "Sier \"hei\"; AS");
	assert_string_equal(rows[1].title, "To\nlinjer");
	assert_int_equal(rows[1].amount, 50000);
	assert_int_equal(rows[1].sub_goal, 0);
	assert_int_equal(rows[1].line, 4);
	free(rows);
	/* Norwegian headers, commas, columns in another order, no orgnr or sub-goal columns */
	csv = "Beløp,Mottaker,Prosjekt,År,Forvalter\n\"1 269 000\",KIA,Mannsgrupper,2021,imdi\n";
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].amount, 1269000);
	assert_string_equal(rows[0].tenant, "imdi");
	free(rows);
}

static void
test_csv_bad(void **state)
{
	const char *csv = "tenant;year;orgnr;organisation;title;amount\n"
	                  "imdi;2021;;Ok;Prosjekt;50 000\n"
	                  "imdi;21;;Ok;Prosjekt;50 000\n"
	                  "imdi;2021;123456789;Ok;Prosjekt;12,50\n"
	                  "Imdi!;2021;;;Prosjekt;1 000\n";
	struct grant_row *rows;
	struct csv_fault errs[8];
	size_t n, nerr;
	(void)state;
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), -1);
	assert_int_equal(nerr, 5);
	assert_int_equal(errs[0].line, 3);
	assert_string_equal(errs[0].field, "year");
	assert_int_equal(errs[1].line, 4);
	assert_string_equal(errs[1].field, "orgnr");
	assert_string_equal(errs[2].field, "amount");
	assert_non_null(strstr(errs[2].detail, "øre"));
	assert_int_equal(errs[3].line, 5);
	assert_string_equal(errs[3].field, "tenant");
	assert_string_equal(errs[4].field, "organisation");
	free(rows);
	/* a missing column, an empty file, an unterminated quote */
	csv = "tenant;year;title;amount\nimdi;2021;x;1\n";
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), -1);
	assert_string_equal(errs[0].field, "organisation");
	free(rows);
	assert_int_equal(grantcsv_parse("", 0, &rows, &n, errs, 8, &nerr), -1);
	free(rows);
	csv = "tenant;year;organisation;title;amount\nimdi;2021;\"Open;x;1\n";
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), -1);
	assert_non_null(strstr(errs[0].detail, "anførselstegn"));
	free(rows);
}

/* an amount the source does not give: an empty cell or a marker, never 0; the scheme and the
 * priority areas; a row too short to have the amount's cell is a fault */
static void
test_csv_amount_not_given(void **state)
{
	const char *csv = "forvalter;år;ordning;mottaker;prosjekt;beløp;delmål\n"
	                  "imdi;2024;kvalifisering-kommuner;TRØNDELAG FYLKESKOMMUNE;Velkomstilbud;;4\n"
	                  "imdi;2024;kvalifisering-kommuner;Tromsø kommune;Bransjepakker;Ikke oppgitt;1\n"
	                  "imdi;2024;;Forening;Prosjekt;0;A\n"
	                  "imdi;2024;;Forening;Prosjekt;beløp ikke oppgitt\n";
	struct grant_row *rows;
	struct csv_fault errs[8];
	size_t n, nerr;
	(void)state;
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), 0);
	assert_int_equal(n, 4);
	assert_false(rows[0].amount_known);
	assert_int_equal(rows[0].amount, 0);
	assert_int_equal(rows[0].sub_goal, '4');
	assert_string_equal(rows[0].scheme, "kvalifisering-kommuner");
	assert_false(rows[1].amount_known);
	assert_true(rows[2].amount_known);
	assert_int_equal(rows[2].amount, 0);
	assert_string_equal(rows[2].scheme, "");
	assert_false(rows[3].amount_known);
	free(rows);
	assert_true(grantcsv_amount_unknown("UNKNOWN"));
	assert_false(grantcsv_amount_unknown("-"));
	assert_false(grantcsv_amount_unknown("0"));
	assert_true(grantcsv_goal_valid("5") && grantcsv_goal_valid("D"));
	assert_false(grantcsv_goal_valid("3") || grantcsv_goal_valid("E") || grantcsv_goal_valid("") || grantcsv_goal_valid("12"));
	/* a short row, a priority area that does not exist, a scheme code that is not one */
	csv = "tenant;year;organisation;title;sub_goal;amount;scheme\n"
	      "imdi;2024;Kommune;Prosjekt\n"
	      "imdi;2024;Kommune;Prosjekt;3;;x\n"
	      "imdi;2024;Kommune;Prosjekt;;;Kvalifisering Kommuner\n";
	assert_int_equal(grantcsv_parse(csv, strlen(csv), &rows, &n, errs, 8, &nerr), -1);
	assert_int_equal(nerr, 3);
	assert_int_equal(errs[0].line, 2);
	assert_string_equal(errs[0].field, "amount");
	assert_int_equal(errs[1].line, 3);
	assert_string_equal(errs[1].field, "sub_goal");
	assert_int_equal(errs[2].line, 4);
	assert_string_equal(errs[2].field, "scheme");
	free(rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_amounts), cmocka_unit_test(test_bad_amounts), cmocka_unit_test(test_csv_good),
		cmocka_unit_test(test_csv_bad), cmocka_unit_test(test_csv_amount_not_given),
	};
	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
