/*
 * statcsv.c - the statistics import's table reader (see statcsv.h).
 */
#include "domain/statcsv.h"

#include "domain/csvread.h"
#include "domain/money.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the municipality's column, then the measures' (enum stat_col + 1) */
#define STAT_COLS (STAT_NCOLS + 1)

static const char *const statcsv_names[STAT_COLS][3] = {
	{ "kommune", "municipality", "tenant" },
	{ "tildeling", "allocation", NULL },
	{ "søknader mottatt", "applications_received", NULL },
	{ "søkt beløp", "amount_applied", NULL },
	{ "søknader innvilget", "applications_granted", NULL },
	{ "tildelt beløp", "amount_granted", NULL },
	{ "organisasjoner som har mottatt driftsstøtte", "operating_support_organisations", NULL },
	{ "medlemmer", "operating_support_members", NULL },
	{ "driftsstøtte", "operating_support_amount", NULL },
	{ "organisasjoner som har mottatt aktivitetsstøtte", "activity_support_organisations", NULL },
	{ "aktivitetsstøtte", "activity_support_amount", NULL },
	{ "ubrukte midler", "unused", NULL },
	{ "adm. kostnader", "admin_costs", NULL },
	{ "adm. kostnader uten samtykke", "admin_costs_without_consent", NULL },
};

/* which measures are counts (the rest are amounts in kroner) */
static const unsigned statcsv_counts = 1u << STAT_RECEIVED | 1u << STAT_GRANTED | 1u << STAT_OPERATING_ORGS |
    1u << STAT_OPERATING_MEMBERS | 1u << STAT_ACTIVITY_ORGS;

const char *
statcsv_key(enum stat_col k)
{
	return (unsigned)k < STAT_NCOLS ? statcsv_names[k + 1][1] : "";
}

/* A count as printed ("11 393"): digits with spaces between groups, at most 10 000 000. */
static bool
statcsv_count(const char *v, int64_t *out)
{
	char digits[16];
	size_t n = 0;

	for (; *v; v++) {
		if (*v == ' ')
			continue;
		if (n + 1 >= sizeof(digits))
			return false;
		digits[n++] = *v;
	}
	digits[n] = '\0';
	return valid_int64(digits, 0, 10000000, out);
}

/* the header: which field holds which column; every field must name one */
static int
statcsv_header(struct csvread *rd, int nf, int col[STAT_COLS], struct csv_faults *r)
{
	int c, k;

	csvread_columns(rd, nf, statcsv_names, STAT_COLS, col);
	if (col[0] < 0) {
		csv_fault_add(r, 1, "kommune", "Kolonnen Kommune mangler i overskriftslinjen.");
		return -1;
	}
	for (k = 0; k < nf; k++) {
		for (c = 0; c < STAT_COLS && col[c] != k; c++)
			;
		if (c == STAT_COLS && csvread_trim(rd->fields[k])[0] != '\0') {
			csv_fault_add(r, 1, "header", "Kolonne %d har et navn importen ikke kjenner: «%.*s».", k + 1,
			    (int)utf8_prefix(csvread_trim(rd->fields[k]), 60), csvread_trim(rd->fields[k]));
			return -1;
		}
	}
	return 0;
}

/* One data row into g; every problem goes to r with the row's line. */
static void
statcsv_row(char (*fields)[CSVREAD_FIELD_MAX], int nf, const int col[STAT_COLS], struct csv_faults *r,
    struct stat_row *g)
{
	const char *why = "";
	char *v;
	int k;

#define FIELD(c) (col[c] >= 0 && col[c] < nf ? csvread_trim(fields[col[c]]) : (char *)"")
	v = FIELD(0);
	if (v[0] == '\0' || utf8_len(v) > 100)
		csv_fault_add(r, g->line, "kommune", "Oppgi kommunens navn (1–100 tegn).");
	else
		utf8_copy(g->name, v, sizeof(g->name));
	for (k = 0; k < STAT_NCOLS; k++) {
		bool ok;
		v = FIELD(k + 1);
		if (v[0] == '\0')
			continue;
		if (statcsv_counts & (1u << k)) {
			ok = statcsv_count(v, &g->v[k]);
			why = "et antall, for eksempel 120 eller 11 393";
		} else {
			ok = money_parse(v, &g->v[k], &why);
		}
		if (ok)
			g->given |= 1u << k;
		else
			csv_fault_add(r, g->line, statcsv_key((enum stat_col)k), "«%.*s»: %s", (int)utf8_prefix(v, 40), v, why);
	}
#undef FIELD
	if ((g->given & (1u << STAT_ADMIN_UNCONSENTED)) && !(g->given & (1u << STAT_ADMIN_COSTS))) {
		g->v[STAT_ADMIN_COSTS] = g->v[STAT_ADMIN_UNCONSENTED];
		g->given |= 1u << STAT_ADMIN_COSTS;
	}
}

static bool
statcsv_is_sum(const char *name)
{
	return strcmp(name, "SUM") == 0 || strcmp(name, "Sum") == 0 || strcmp(name, "sum") == 0 ||
	    strcmp(name, "Totalt") == 0;
}

/* The data rows after the header, and the printed total apart. */
static void
statcsv_rows(struct csvread *s, const int col[STAT_COLS], struct csv_faults *r, struct stat_row **rows, size_t *nrows,
    struct stat_row *sum, bool *has_sum)
{
	size_t cap = 0;
	int nf;

	for (;;) {
		struct stat_row g = { .line = s->line + 1 };

		if ((nf = csvread_record(s)) == 0)
			break;
		if (nf < 0) {
			csv_fault_add(r, g.line, "file", "Et felt i anførselstegn slutter aldri.");
			break;
		}
		if (csvread_blank(s, nf))
			continue;
		if (s->any_cut)
			csv_fault_add(r, g.line, "line", "Et felt er lengre enn %d tegn.", CSVREAD_FIELD_MAX - 1);
		statcsv_row(s->fields, nf, col, r, &g);
		if (statcsv_is_sum(g.name)) {
			if (*has_sum)
				csv_fault_add(r, g.line, "kommune", "Filen har mer enn én sumlinje.");
			*sum = g;
			*has_sum = true;
			continue;
		}
		if (*nrows >= STATCSV_MAX_ROWS) {
			csv_fault_add(r, g.line, "file", "Filen har flere enn %d rader.", STATCSV_MAX_ROWS);
			break;
		}
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 32;
			*rows = util_realloc(*rows, cap * sizeof(**rows));
		}
		(*rows)[(*nrows)++] = g;
	}
}

int
statcsv_parse(const char *data, size_t len, struct stat_row **rows, size_t *nrows, struct stat_row *sum,
    bool *has_sum, struct csv_fault *errs, size_t maxerr, size_t *nerr)
{
	static char fields[STAT_COLS + 2][CSVREAD_FIELD_MAX];
	static bool cut[STAT_COLS + 2];
	struct csvread s = { .fields = fields, .cut = cut, .nfields = STAT_COLS + 2 };
	struct csv_faults r = { errs, maxerr, 0 };
	int col[STAT_COLS], nf;

	*rows = NULL;
	*nrows = 0;
	*has_sum = false;
	memset(sum, 0, sizeof(*sum));
	if (csvread_open(&s, data, len, &r) != 0)
		goto out;
	if ((nf = csvread_record(&s)) <= 0) {
		csv_fault_add(&r, 0, "file", "Filen er tom eller mangler overskriftslinjen.");
		goto out;
	}
	if (statcsv_header(&s, nf, col, &r) != 0)
		goto out;
	statcsv_rows(&s, col, &r, rows, nrows, sum, has_sum);
	if (r.n == 0 && *nrows == 0)
		csv_fault_add(&r, 0, "file", "Filen har ingen rader under overskriftslinjen.");
out:
	*nerr = r.n;
	return r.n == 0 ? 0 : -1;
}
