/*
 * csvread.h - reading CSV files people upload or download from public registers: UTF-8 with or
 * without a byte order mark, one header line whose first ';', ',' or tab is the separator (';'
 * when it has none), fields quoted with '"' where needed (quotes doubled inside), LF or CRLF, and
 * line breaks inside quoted fields. Faults are collected with their line and the field they
 * concern. Pure: used by the historical import (grantcsv.h) and the register import
 * (registercsv.h).
 */
#ifndef PORTAL_CSVREAD_H
#define PORTAL_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

/* A fault: line 0 is the file as a whole. */
struct csv_fault {
	int line;
	char field[48];
	char detail[200];
};

/* Where faults go: the first max are kept in v, n counts them all. */
struct csv_faults {
	struct csv_fault *v;
	size_t max, n;
};

void csv_fault_add(struct csv_faults *f, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Bytes a field holds (the terminating NUL included); a longer field is cut and marked. */
#define CSVREAD_FIELD_MAX 1024

/*
 * The reader's state. The caller gives the room for one record: fields (nfields of them; the
 * fields past the last are read into the last) and cut (nfields flags: the field was longer).
 */
struct csvread {
	const char *p, *end;
	int line;                          /* the line the last record ended on */
	char sep;
	char (*fields)[CSVREAD_FIELD_MAX];
	bool *cut;
	int nfields;
	bool any_cut;                      /* some field of the last record was cut */
};

/*
 * Starts reading data[0..len): skips a byte order mark, checks that the rest is UTF-8 and takes
 * the separator from the first line. Returns 0, or -1 with a fault (line 0, field "file").
 */
int csvread_open(struct csvread *r, const char *data, size_t len, struct csv_faults *f);

/* Reads the next record. Returns its number of fields, 0 at the end of input, -1 on a quote that
 * never ends. */
int csvread_record(struct csvread *r);

/* Trims ASCII spaces and tabs around s in place; returns the start. */
char *csvread_trim(char *s);

/* An organisation number as written (spaces allowed) into out: 1 when it is valid (9 digits,
 * modulus 11), 0 when v is empty, -1 otherwise (out is then ""). */
int csvread_orgnr(const char *v, char out[10]);

/* Whether the record of nf fields is a blank line. */
bool csvread_blank(struct csvread *r, int nf);

/*
 * The header's columns: col[c] is the field that names column c in any of its names[c] (up to 3,
 * NULL-terminated early, compared without case), or -1. names has ncols rows.
 */
void csvread_columns(struct csvread *r, int nf, const char *const (*names)[3], int ncols, int *col);

#endif
