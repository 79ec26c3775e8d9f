/*
 * csv.h - CSV for spreadsheets and accounting systems: UTF-8 with a byte order mark (so Norwegian
 * Excel reads æøå), ';' between fields (Excel's separator where the decimal mark is a comma),
 * CRLF line ends, text always quoted with quotes doubled, and text that a spreadsheet would run
 * as a formula (starting with = + - @ or a tab) prefixed with an apostrophe.
 */
#ifndef PORTAL_CSV_H
#define PORTAL_CSV_H

#include "core/util.h"

#include <stdint.h>

/* Starts a document: the byte order mark. */
void csv_begin(struct buf *b);
/* Appends one field; a separator goes before every field but a line's first. NULL is an empty field. */
void csv_text(struct buf *b, const char *s);
void csv_int(struct buf *b, int64_t v);
/* Ends the line. */
void csv_end_row(struct buf *b);

#endif
