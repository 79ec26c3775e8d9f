/*
 * csv.c - CSV writing (see csv.h).
 */
#include "domain/csv.h"

#include <string.h>

void
csv_begin(struct buf *b)
{
	buf_puts(b, "\xef\xbb\xbf");
}

/* A separator unless the buffer is at the start of a line (or of the document, after the BOM). */
static void
csv_sep(struct buf *b)
{
	if (b->len > 0 && b->data[b->len - 1] != '\n' && !(b->len == 3 && memcmp(b->data, "\xef\xbb\xbf", 3) == 0))
		buf_puts(b, ";");
}

void
csv_text(struct buf *b, const char *s)
{
	csv_sep(b);
	buf_puts(b, "\"");
	if (s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
		buf_puts(b, "'");
	for (; s && *s; s++) {
		if (*s == '"')
			buf_puts(b, "\"\"");
		else
			buf_append(b, s, 1);
	}
	buf_puts(b, "\"");
}

void
csv_int(struct buf *b, int64_t v)
{
	csv_sep(b);
	buf_printf(b, "%lld", (long long)v);
}

void
csv_end_row(struct buf *b)
{
	buf_puts(b, "\r\n");
}
