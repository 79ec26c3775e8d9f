/*
 * fuzz_statcsv.c - the statistics import's table reader, statcsv_parse (domain/statcsv.h), on every
 * input as the uploaded file, with the 50-fault list statimport_run gives it. Invariants: 0 exactly
 * when no fault; at most STATCSV_MAX_ROWS rows, in increasing line order, every name
 * NUL-terminated in its array and non-empty when there is no fault; only known measures marked
 * given, each given measure 0 to 10 000 000 000, and the administration costs given whenever those
 * without consent are; faults name a field and, for a file that is valid UTF-8, are valid UTF-8;
 * the SUM line is never among the rows; and the same file without room for faults gives the same
 * result.
 */
#include "domain/statcsv.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include "fuzz.h"

#define MAXERR 50

static bool
str_in(const char *s, size_t cap)
{
	return strnlen(s, cap) < cap;
}

static void
check_faults(const struct csv_fault *errs, size_t nerr, bool utf8)
{
	size_t i;
	for (i = 0; i < nerr && i < MAXERR; i++) {
		FUZZ_CHECK(errs[i].line >= 0);
		FUZZ_CHECK(str_in(errs[i].field, sizeof(errs[i].field)) && errs[i].field[0] != '\0');
		FUZZ_CHECK(str_in(errs[i].detail, sizeof(errs[i].detail)) && errs[i].detail[0] != '\0');
		if (utf8)
			FUZZ_CHECK(utf8_valid(errs[i].detail, strlen(errs[i].detail)));
	}
}

static void
check_row(const struct stat_row *r, bool ok, bool utf8)
{
	unsigned k;

	FUZZ_CHECK(str_in(r->name, sizeof(r->name)));
	if (utf8)
		FUZZ_CHECK(utf8_valid(r->name, strlen(r->name)));
	FUZZ_CHECK((r->given >> STAT_NCOLS) == 0);
	for (k = 0; k < STAT_NCOLS; k++)
		if (r->given & (1u << k))
			FUZZ_CHECK(r->v[k] >= 0 && r->v[k] <= VALID_AMOUNT_MAX);
	if (r->given & (1u << STAT_ADMIN_UNCONSENTED))
		FUZZ_CHECK(r->given & (1u << STAT_ADMIN_COSTS));
	if (ok)
		FUZZ_CHECK(r->name[0] != '\0' && strcmp(r->name, "SUM") != 0 && strcmp(r->name, "Sum") != 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct csv_fault errs[MAXERR], none[1];
	struct stat_row *rows, *rows2, sum, sum2;
	size_t nrows, nerr, nrows2, nerr2, i;
	bool has_sum, has_sum2, utf8 = utf8_valid((const char *)data, size);
	int rc = statcsv_parse((const char *)data, size, &rows, &nrows, &sum, &has_sum, errs, MAXERR, &nerr), prev = 1;

	FUZZ_CHECK(rc == (nerr == 0 ? 0 : -1));
	FUZZ_CHECK(nrows <= STATCSV_MAX_ROWS);
	FUZZ_CHECK((rows == NULL) == (nrows == 0));
	check_faults(errs, nerr, utf8);
	for (i = 0; i < nrows; i++) {
		FUZZ_CHECK(rows[i].line > prev);
		prev = rows[i].line;
		check_row(&rows[i], rc == 0, utf8);
	}
	if (has_sum)
		check_row(&sum, false, utf8);
	FUZZ_CHECK(statcsv_parse((const char *)data, size, &rows2, &nrows2, &sum2, &has_sum2, none, 0, &nerr2) == rc);
	FUZZ_CHECK(nerr2 == nerr && nrows2 == nrows && has_sum2 == has_sum);
	if (rc == 0 && nrows > 0)
		FUZZ_CHECK(memcmp(rows, rows2, nrows * sizeof(*rows)) == 0);
	free(rows);
	free(rows2);
	return 0;
}
