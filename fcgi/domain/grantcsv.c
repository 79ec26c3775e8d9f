/*
 * grantcsv.c - the historical import's CSV reader (see grantcsv.h).
 */
#include "domain/grantcsv.h"

#include "domain/csvread.h"
#include "domain/money.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_TENANT, COL_YEAR, COL_ORGNR, COL_ORG, COL_TITLE, COL_AMOUNT, COL_SUBGOAL, COL_SCHEME, COL__COUNT };

static const char *const grantcsv_names[COL__COUNT][3] = {
	{ "tenant", "forvalter", NULL }, { "year", "år", "År" }, { "orgnr", "organisasjonsnummer", NULL },
	{ "organisation", "mottaker", "organisasjon" }, { "title", "prosjekt", NULL }, { "amount", "beløp", NULL },
	{ "sub_goal", "delmål", NULL }, { "scheme", "ordning", NULL },
};

bool
grantcsv_amount_unknown(const char *v)
{
	static const char *const markers[] = { "ikke oppgitt", "beløp ikke oppgitt", "ukjent", "not given", "unknown" };
	size_t i;

	if (v[0] == '\0')
		return true;
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (strcasecmp(v, markers[i]) == 0)
			return true;
	return false;
}

bool
grantcsv_goal_valid(const char *code)
{
	return code[0] != '\0' && code[1] == '\0' && strchr("ABCD1245", code[0]) != NULL;
}

#define GRANTCSV_FIELDS 16

/* the header: which field holds which column; returns -1 when a required one is missing */
static int
grantcsv_header(struct csvread *rd, int nf, int col[COL__COUNT], struct csv_faults *r)
{
	int c, bad = 0;

	csvread_columns(rd, nf, grantcsv_names, COL__COUNT, col);
	for (c = 0; c < COL__COUNT; c++) {
		if (col[c] < 0 && c != COL_ORGNR && c != COL_SUBGOAL && c != COL_SCHEME) {
			csv_fault_add(r, 1, grantcsv_names[c][0], "Kolonnen %s mangler i overskriftslinjen.", grantcsv_names[c][0]);
			bad = -1;
		}
	}
	return bad;
}

/* The organisation number with its spaces taken out; an error when it is given but not valid. */
static void
grantcsv_orgnr(struct csv_faults *r, struct grant_row *g, const char *v)
{
	if (csvread_orgnr(v, g->orgnr) < 0)
		csv_fault_add(r, g->line, "orgnr", "Organisasjonsnummeret «%.*s» er ikke gyldig (9 sifre, kontrollsiffer).",
		    (int)utf8_prefix(v, 20), v);
}

/* One data row into g; every problem goes to r with the row's line. */
static void
grantcsv_row(char (*fields)[CSVREAD_FIELD_MAX], int nf, const int col[COL__COUNT],
    struct csv_faults *r, struct grant_row *g)
{
	const char *why;
	char *v;
	int64_t n = 0;

#define FIELD(c) (col[c] >= 0 && col[c] < nf ? csvread_trim(fields[col[c]]) : (char *)"")
	v = FIELD(COL_TENANT);
	if (!valid_slug(v, 32))
		csv_fault_add(r, g->line, "tenant", "Oppgi forvalteren med kortnavnet, for eksempel imdi eller oslo.");
	else
		utf8_copy(g->tenant, v, sizeof(g->tenant));
	if (!valid_int64(FIELD(COL_YEAR), 1990, 2100, &n))
		csv_fault_add(r, g->line, "year", "Året må være et årstall fra 1990 til 2100.");
	g->year = (int)n;
	grantcsv_orgnr(r, g, FIELD(COL_ORGNR));
	v = FIELD(COL_ORG);
	if (v[0] == '\0' || utf8_len(v) > 200)
		csv_fault_add(r, g->line, "organisation", "Oppgi mottakerens navn (1–200 tegn).");
	else
		utf8_copy(g->organisation, v, sizeof(g->organisation));
	v = FIELD(COL_TITLE);
	if (v[0] == '\0' || utf8_len(v) > 300)
		csv_fault_add(r, g->line, "title", "Oppgi prosjektets navn (1–300 tegn).");
	else
		utf8_copy(g->title, v, sizeof(g->title));
	v = FIELD(COL_AMOUNT);
	g->amount_known = !grantcsv_amount_unknown(v);
	if (col[COL_AMOUNT] >= nf)
		csv_fault_add(r, g->line, "amount", "Raden mangler beløpet (la feltet stå tomt eller skriv «ikke oppgitt» når kilden ikke gir noe beløp).");
	else if (g->amount_known && !money_parse(v, &g->amount, &why))
		csv_fault_add(r, g->line, "amount", "«%.*s»: %s", (int)utf8_prefix(v, 40), v, why);
	v = FIELD(COL_SUBGOAL);
	if (v[0] != '\0' && !grantcsv_goal_valid(v))
		csv_fault_add(r, g->line, "sub_goal", "Delmål er A, B, C eller D, eller satsingsområde 1, 2, 4 eller 5 (eller tomt).");
	else
		g->sub_goal = v[0];
	v = FIELD(COL_SCHEME);
	if (v[0] != '\0' && !valid_slug(v, 64))
		csv_fault_add(r, g->line, "scheme", "Oppgi ordningen med kortnavnet, for eksempel frivillig-integrering.");
	else
		utf8_copy(g->scheme, v, sizeof(g->scheme));
#undef FIELD
}

int
grantcsv_parse(const char *data, size_t len, struct grant_row **rows, size_t *nrows, struct csv_fault *errs,
    size_t maxerr, size_t *nerr)
{
	static char fields[GRANTCSV_FIELDS][CSVREAD_FIELD_MAX];
	static bool cut[GRANTCSV_FIELDS];
	struct csvread s = { .fields = fields, .cut = cut, .nfields = GRANTCSV_FIELDS };
	struct csv_faults r = { errs, maxerr, 0 };
	int col[COL__COUNT], nf;
	size_t cap = 0;

	*rows = NULL;
	*nrows = 0;
	if (csvread_open(&s, data, len, &r) != 0)
		goto out;
	nf = csvread_record(&s);
	if (nf <= 0) {
		csv_fault_add(&r, 0, "file", "Filen er tom eller mangler overskriftslinjen.");
		goto out;
	}
	if (grantcsv_header(&s, nf, col, &r) != 0)
		goto out;
	for (;;) {
		struct grant_row g = { .line = s.line + 1 };

		if ((nf = csvread_record(&s)) == 0)
			break;
		if (nf < 0) {
			csv_fault_add(&r, g.line, "file", "Et felt i anførselstegn slutter aldri.");
			break;
		}
		if (csvread_blank(&s, nf))
			continue; /* a blank line */
		if (s.any_cut)
			csv_fault_add(&r, g.line, "line", "Et felt er lengre enn %d tegn.", CSVREAD_FIELD_MAX - 1);
		grantcsv_row(fields, nf, col, &r, &g);
		if (*nrows >= GRANTCSV_MAX_ROWS) {
			csv_fault_add(&r, g.line, "file", "Filen har flere enn %d rader.", GRANTCSV_MAX_ROWS);
			break;
		}
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = util_realloc(*rows, cap * sizeof(**rows));
		}
		(*rows)[(*nrows)++] = g;
	}
	if (r.n == 0 && *nrows == 0)
		csv_fault_add(&r, 0, "file", "Filen har ingen rader under overskriftslinjen.");
out:
	*nerr = r.n;
	return r.n == 0 ? 0 : -1;
}
