/*
 * grantcsv.h - reading a CSV file of past grants for the historical import: one header line naming
 * the columns (English or Norwegian: tenant/forvalter, year/år, orgnr/organisasjonsnummer,
 * organisation/mottaker, title/prosjekt, amount/beløp, sub_goal/delmål, scheme/ordning), ';' ',' or tab between
 * fields (taken from the header), fields quoted with '"' where needed, UTF-8 with or without a
 * byte order mark, LF or CRLF (read with csvread.h). Every row is checked; every fault is reported
 * with its line. An amount the source does not give (an empty cell, or a marker such as "ikke oppgitt":
 * grantcsv_amount_unknown) is read as unknown, not as 0.
 * Pure: the tenant's and the scheme's existence are the caller's to check.
 */
#ifndef PORTAL_GRANTCSV_H
#define PORTAL_GRANTCSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/utf8.h"
#include "domain/csvread.h"

struct grant_row {
	int line;                 /* 1-based line number in the file */
	char tenant[33];
	int year;
	char orgnr[10];           /* "" when unknown */
	char organisation[TEXT_CAP(200)];
	char title[TEXT_CAP(300)];
	int64_t amount;           /* 0 when !amount_known */
	bool amount_known;        /* false: the source gives no amount (beløp ikke oppgitt) */
	char sub_goal;            /* 'A'..'D' or a priority area '1' '2' '4' '5'; 0 when unknown */
	char scheme[65];          /* the scheme's code; "" when not given (the caller's default) */
};

#define GRANTCSV_MAX_ROWS 50000

/* Whether the (trimmed) amount cell says the source gives no amount: empty, or one of the markers
 * "ikke oppgitt", "beløp ikke oppgitt", "ukjent", "not given", "unknown" (any letter case). */
bool grantcsv_amount_unknown(const char *v);
/* Whether code is a goal code a grant may have: a sub-goal A to D or a priority area 1, 2, 4, 5. */
bool grantcsv_goal_valid(const char *code);

/*
 * Parses len bytes. Fills *rows (allocated; the caller frees it) with *nrows rows, and errs with up
 * to maxerr faults (*nerr counts them all). Returns 0 when there is no fault at all, else -1.
 */
int grantcsv_parse(const char *data, size_t len, struct grant_row **rows, size_t *nrows, struct csv_fault *errs,
    size_t maxerr, size_t *nerr);

#endif
