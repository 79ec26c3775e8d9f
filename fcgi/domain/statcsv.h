/*
 * statcsv.h - reading a table of yearly statistics per municipality for the statistics import:
 * one header line naming the columns (Norwegian as IMDi's reports print them, or the API's English
 * keys), then one row per municipality, named as the source names it (the caller maps names to
 * tenants). Every measure but the municipality is optional; an empty cell is a figure the source
 * does not give. A row named "SUM" (or "Sum", "Totalt") is the source's printed total: it is kept
 * apart for the caller to compare, not imported. Separators, quoting and encodings as csvread.h.
 * Amounts are read as Norwegians write them (money.h), counts likewise without "kr".
 * Pure: every fault is reported with its line and column.
 */
#ifndef PORTAL_STATCSV_H
#define PORTAL_STATCSV_H

#include "core/utf8.h"
#include "domain/csvread.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The measures a row may give, in the order of historical_statistics' columns. */
enum stat_col {
	STAT_ALLOCATION,
	STAT_RECEIVED,
	STAT_APPLIED,
	STAT_GRANTED,
	STAT_AMOUNT_GRANTED,
	STAT_OPERATING_ORGS,
	STAT_OPERATING_MEMBERS,
	STAT_OPERATING_AMOUNT,
	STAT_ACTIVITY_ORGS,
	STAT_ACTIVITY_AMOUNT,
	STAT_UNUSED,
	STAT_ADMIN_COSTS,
	STAT_ADMIN_UNCONSENTED,
	STAT_NCOLS
};

struct stat_row {
	int line;                     /* 1-based line in the file */
	char name[TEXT_CAP(100)];     /* the municipality as the file names it */
	int64_t v[STAT_NCOLS];
	unsigned given;               /* bit k: v[k] is given */
};

#define STATCSV_MAX_ROWS 1000

/* The API key of measure k ("allocation", ...), for faults and answers. */
const char *statcsv_key(enum stat_col k);

/*
 * Parses len bytes into *rows (allocated; the caller frees it; *nrows of them) and the printed
 * total into *sum (*has_sum tells whether there was one). Faults go to errs (up to maxerr, *nerr
 * counts them all). Administration costs given only as spent without consent count as the
 * administration costs too. Returns 0 without faults, else -1.
 */
int statcsv_parse(const char *data, size_t len, struct stat_row **rows, size_t *nrows, struct stat_row *sum,
    bool *has_sum, struct csv_fault *errs, size_t maxerr, size_t *nerr);

#endif
