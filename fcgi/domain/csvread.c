/*
 * csvread.c - the CSV record reader shared by the file imports (see csvread.h).
 */
#include "domain/csvread.h"

#include "core/utf8.h"
#include "domain/valid.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void
csv_fault_add(struct csv_faults *f, int line, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (f->n < f->max) {
		struct csv_fault *e = &f->v[f->n];
		e->line = line;
		utf8_copy(e->field, field, sizeof(e->field));
		va_start(ap, fmt);
		vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
		va_end(ap);
	}
	f->n++;
}

/* The separator: the first of ; , or tab on the header line (default ;). */
static void
csvread_separator(struct csvread *r)
{
	const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p)), *q;

	r->sep = ';';
	for (q = r->p; q < (nl ? nl : r->end); q++)
		if (*q == ';' || *q == ',' || *q == '\t') {
			r->sep = *q;
			return;
		}
}

int
csvread_open(struct csvread *r, const char *data, size_t len, struct csv_faults *f)
{
	r->p = data;
	r->end = data + len;
	r->line = 0;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	if (!utf8_valid(r->p, (size_t)(r->end - r->p))) {
		csv_fault_add(f, 0, "file", "Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.");
		return -1;
	}
	csvread_separator(r);
	return 0;
}

/* Appends c to field nf, or marks the field cut when it is full. */
static void
csvread_put(struct csvread *r, int nf, size_t *len, char c)
{
	if (*len + 1 < CSVREAD_FIELD_MAX) {
		r->fields[nf][(*len)++] = c;
		r->fields[nf][*len] = '\0';
	} else {
		r->cut[nf] = true;
		r->any_cut = true;
	}
}

int
csvread_record(struct csvread *r)
{
	int nf = 0;
	size_t len = 0;
	bool quoted = false, any = false;

	if (r->p >= r->end)
		return 0;
	r->line++;
	r->fields[0][0] = '\0';
	r->cut[0] = false;
	r->any_cut = false;
	while (r->p < r->end) {
		char c = *r->p++;
		any = true;
		if (quoted) {
			if (c == '"') {
				if (r->p < r->end && *r->p == '"') {
					r->p++;
				} else {
					quoted = false;
					continue;
				}
			} else if (c == '\n') {
				r->line++;
			}
		} else if (c == '"' && len == 0) {
			quoted = true;
			continue;
		} else if (c == r->sep) {
			if (nf + 1 < r->nfields)
				nf++;
			len = 0;
			r->fields[nf][0] = '\0';
			r->cut[nf] = false;
			continue;
		} else if (c == '\r' && r->p < r->end && *r->p == '\n') {
			continue;
		} else if (c == '\n') {
			break;
		}
		csvread_put(r, nf, &len, c);
	}
	if (quoted)
		return -1;
	return any ? nf + 1 : 0;
}

char *
csvread_trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

int
csvread_orgnr(const char *v, char out[10])
{
	char digits[16];
	size_t i, k = 0;

	out[0] = '\0';
	for (i = 0; v[i] && k < sizeof(digits) - 1; i++)
		if (v[i] != ' ')
			digits[k++] = v[i];
	digits[k] = '\0';
	if (k == 0)
		return 0;
	if (!valid_orgnr(digits))
		return -1;
	memcpy(out, digits, 10);
	return 1;
}

bool
csvread_blank(struct csvread *r, int nf)
{
	return nf == 1 && csvread_trim(r->fields[0])[0] == '\0';
}

void
csvread_columns(struct csvread *r, int nf, const char *const (*names)[3], int ncols, int *col)
{
	int c, f, k;

	for (c = 0; c < ncols; c++)
		col[c] = -1;
	for (f = 0; f < nf; f++) {
		char *name = csvread_trim(r->fields[f]);
		for (c = 0; c < ncols; c++)
			for (k = 0; k < 3 && names[c][k]; k++)
				if (col[c] < 0 && strcasecmp(name, names[c][k]) == 0)
					col[c] = f;
	}
}
