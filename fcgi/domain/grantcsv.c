/*
 * grantcsv.c - the historical import's CSV reader (see grantcsv.h).
 */
#include "domain/grantcsv.h"

#include "domain/money.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_TENANT, COL_YEAR, COL_ORGNR, COL_ORG, COL_TITLE, COL_AMOUNT, COL_SUBGOAL, COL__COUNT };

static const char *const grantcsv_names[COL__COUNT][3] = {
	{ "tenant", "forvalter", NULL }, { "year", "år", "År" }, { "orgnr", "organisasjonsnummer", NULL },
	{ "organisation", "mottaker", "organisasjon" }, { "title", "prosjekt", NULL }, { "amount", "beløp", NULL },
	{ "sub_goal", "delmål", NULL },
};

#define GRANTCSV_FIELDS 16
#define GRANTCSV_FIELD_MAX 1024

struct grantcsv_state {
	const char *p, *end;
	int line;
	char sep;
};

struct grantcsv_report {
	struct grant_error *errs;
	size_t max, n;
};

static void grantcsv_err(struct grantcsv_report *r, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
grantcsv_err(struct grantcsv_report *r, int line, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (r->n < r->max) {
		struct grant_error *e = &r->errs[r->n];
		e->line = line;
		utf8_copy(e->field, field, sizeof(e->field));
		va_start(ap, fmt);
		vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
		va_end(ap);
	}
	r->n++;
}

/*
 * Reads one record into fields (each at most GRANTCSV_FIELD_MAX - 1 bytes, truncated and flagged
 * beyond). Returns the number of fields, 0 at the end of input, -1 on an unterminated quote.
 */
static int
grantcsv_record(struct grantcsv_state *s, char fields[GRANTCSV_FIELDS][GRANTCSV_FIELD_MAX], int *too_long)
{
	int nf = 0;
	size_t len = 0;
	bool quoted = false, any = false;

	*too_long = 0;
	if (s->p >= s->end)
		return 0;
	s->line++;
	fields[0][0] = '\0';
	while (s->p < s->end) {
		char c = *s->p++;
		any = true;
		if (quoted) {
			if (c == '"') {
				if (s->p < s->end && *s->p == '"') {
					s->p++;
				} else {
					quoted = false;
					continue;
				}
			} else if (c == '\n') {
				s->line++;
			}
		} else if (c == '"' && len == 0) {
			quoted = true;
			continue;
		} else if (c == s->sep) {
			if (nf + 1 < GRANTCSV_FIELDS)
				nf++;
			len = 0;
			fields[nf][0] = '\0';
			continue;
		} else if (c == '\r' && s->p < s->end && *s->p == '\n') {
			continue;
		} else if (c == '\n') {
			break;
		}
		if (len + 1 < GRANTCSV_FIELD_MAX) {
			fields[nf][len++] = c;
			fields[nf][len] = '\0';
		} else {
			*too_long = 1;
		}
	}
	if (quoted)
		return -1;
	return any ? nf + 1 : 0;
}

/* trims ASCII spaces around s in place */
static char *
grantcsv_trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* the header: which field holds which column; returns -1 when a required one is missing */
static int
grantcsv_header(char fields[GRANTCSV_FIELDS][GRANTCSV_FIELD_MAX], int nf, int col[COL__COUNT],
    struct grantcsv_report *r)
{
	int c, f, k, bad = 0;
	for (c = 0; c < COL__COUNT; c++)
		col[c] = -1;
	for (f = 0; f < nf; f++) {
		char *name = grantcsv_trim(fields[f]);
		for (c = 0; c < COL__COUNT; c++)
			for (k = 0; k < 3 && grantcsv_names[c][k]; k++)
				if (strcasecmp(name, grantcsv_names[c][k]) == 0 && col[c] < 0)
					col[c] = f;
	}
	for (c = 0; c < COL__COUNT; c++) {
		if (col[c] < 0 && c != COL_ORGNR && c != COL_SUBGOAL) {
			grantcsv_err(r, 1, grantcsv_names[c][0], "Kolonnen %s mangler i overskriftslinjen.", grantcsv_names[c][0]);
			bad = -1;
		}
	}
	return bad;
}

/* The separator: the first of ; , or tab on the header line (default ;). */
static void
grantcsv_separator(struct grantcsv_state *s)
{
	const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p)), *q;
	for (q = s->p; q < (nl ? nl : s->end); q++)
		if (*q == ';' || *q == ',' || *q == '\t') {
			s->sep = *q;
			return;
		}
}

/* The organisation number with its spaces taken out; an error when it is given but not valid. */
static void
grantcsv_orgnr(struct grantcsv_report *r, struct grant_row *g, const char *v)
{
	char digits[16];
	size_t i, k = 0;

	for (i = 0; v[i] && k < sizeof(digits) - 1; i++)
		if (v[i] != ' ')
			digits[k++] = v[i];
	digits[k] = '\0';
	if (k > 0 && !valid_orgnr(digits))
		grantcsv_err(r, g->line, "orgnr", "Organisasjonsnummeret «%.*s» er ikke gyldig (9 sifre, kontrollsiffer).",
		    (int)utf8_prefix(v, 20), v);
	else
		utf8_copy(g->orgnr, digits, sizeof(g->orgnr));
}

/* One data row into g; every problem goes to r with the row's line. */
static void
grantcsv_row(char fields[GRANTCSV_FIELDS][GRANTCSV_FIELD_MAX], int nf, const int col[COL__COUNT],
    struct grantcsv_report *r, struct grant_row *g)
{
	const char *why;
	char *v;
	int64_t n = 0;

#define FIELD(c) (col[c] >= 0 && col[c] < nf ? grantcsv_trim(fields[col[c]]) : (char *)"")
	v = FIELD(COL_TENANT);
	if (!valid_slug(v, 32))
		grantcsv_err(r, g->line, "tenant", "Oppgi forvalteren med kortnavnet, for eksempel imdi eller oslo.");
	else
		utf8_copy(g->tenant, v, sizeof(g->tenant));
	if (!valid_int64(FIELD(COL_YEAR), 1990, 2100, &n))
		grantcsv_err(r, g->line, "year", "Året må være et årstall fra 1990 til 2100.");
	g->year = (int)n;
	grantcsv_orgnr(r, g, FIELD(COL_ORGNR));
	v = FIELD(COL_ORG);
	if (v[0] == '\0' || utf8_len(v) > 200)
		grantcsv_err(r, g->line, "organisation", "Oppgi mottakerens navn (1–200 tegn).");
	else
		utf8_copy(g->organisation, v, sizeof(g->organisation));
	v = FIELD(COL_TITLE);
	if (v[0] == '\0' || utf8_len(v) > 300)
		grantcsv_err(r, g->line, "title", "Oppgi prosjektets navn (1–300 tegn).");
	else
		utf8_copy(g->title, v, sizeof(g->title));
	v = FIELD(COL_AMOUNT);
	if (!money_parse(v, &g->amount, &why))
		grantcsv_err(r, g->line, "amount", "«%.*s»: %s", (int)utf8_prefix(v, 40), v, why);
	v = FIELD(COL_SUBGOAL);
	if (v[0] != '\0' && !valid_subgoal(v))
		grantcsv_err(r, g->line, "sub_goal", "Delmål er A, B, C eller D (eller tomt).");
	else
		g->sub_goal = v[0];
#undef FIELD
}

int
grantcsv_parse(const char *data, size_t len, struct grant_row **rows, size_t *nrows, struct grant_error *errs,
    size_t maxerr, size_t *nerr)
{
	static char fields[GRANTCSV_FIELDS][GRANTCSV_FIELD_MAX];
	struct grantcsv_state s = { data, data + len, 0, ';' };
	struct grantcsv_report r = { errs, maxerr, 0 };
	int col[COL__COUNT], nf, too_long;
	size_t cap = 0;

	*rows = NULL;
	*nrows = 0;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		s.p += 3;
	if (!utf8_valid(s.p, (size_t)(s.end - s.p))) {
		grantcsv_err(&r, 0, "file", "Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.");
		goto out;
	}
	grantcsv_separator(&s);
	nf = grantcsv_record(&s, fields, &too_long);
	if (nf <= 0) {
		grantcsv_err(&r, 0, "file", "Filen er tom eller mangler overskriftslinjen.");
		goto out;
	}
	if (grantcsv_header(fields, nf, col, &r) != 0)
		goto out;
	for (;;) {
		struct grant_row g = { .line = s.line + 1 };

		if ((nf = grantcsv_record(&s, fields, &too_long)) == 0)
			break;
		if (nf < 0) {
			grantcsv_err(&r, g.line, "file", "Et felt i anførselstegn slutter aldri.");
			break;
		}
		if (nf == 1 && grantcsv_trim(fields[0])[0] == '\0')
			continue; /* a blank line */
		if (too_long)
			grantcsv_err(&r, g.line, "line", "Et felt er lengre enn %d tegn.", GRANTCSV_FIELD_MAX - 1);
		grantcsv_row(fields, nf, col, &r, &g);
		if (*nrows >= GRANTCSV_MAX_ROWS) {
			grantcsv_err(&r, g.line, "file", "Filen har flere enn %d rader.", GRANTCSV_MAX_ROWS);
			break;
		}
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = util_realloc(*rows, cap * sizeof(**rows));
		}
		(*rows)[(*nrows)++] = g;
	}
	if (r.n == 0 && *nrows == 0)
		grantcsv_err(&r, 0, "file", "Filen har ingen rader under overskriftslinjen.");
out:
	*nerr = r.n;
	return r.n == 0 ? 0 : -1;
}
