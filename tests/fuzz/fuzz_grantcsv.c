/*
 * fuzz_grantcsv.c - the historical import's CSV reader, grantcsv_parse (domain/grantcsv.h), two ways
 * on every input:
 *
 *  1. The input as the uploaded file, with the 50-error list grantimport_run gives it. Invariants:
 *     0 exactly when no fault; at most GRANTCSV_MAX_ROWS rows, in increasing line order, every
 *     string NUL-terminated in its array; errors name a field; for a file that is valid UTF-8 every
 *     error (sent as JSON) and every row's text is valid UTF-8; a file without faults has only rows
 *     that obey the rules (slug, year 1990..2100, orgnr, 1..200 / 1..300 characters, an amount or
 *     none, A..D or 1 2 4 5, a scheme's code or none); and the same file without room for errors gives
 *     the same result.
 *
 *  2. The input as a recipe for a file: rows of tenant, year, orgnr, organisation, title, amount (or
 *     an empty cell or a marker for none), sub-goal and scheme (text drawn from an alphabet with æøå, quotes, separators, newlines, tabs and 2-, 3-
 *     and 4-byte characters), written with the project's own CSV writer (domain/csv.h: BOM, ';',
 *     quotes, formula apostrophe) under an English or Norwegian header with columns rotated,
 *     optional columns left out and an extra column added, then read back. Invariants: a file whose
 *     rows all obey the rules reads back without a fault, with every value and line number exactly
 *     as written; a file with a bad row gets at least one fault per bad row, each on a bad row's line.
 */
#include "domain/csv.h"
#include "domain/grantcsv.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include "fuzz.h"

#include <inttypes.h>

#define MAXERR 50
#define FIELD_MAX 1023 /* csvread.h: CSVREAD_FIELD_MAX - 1 bytes a field */

/* ---- 1. the file as uploaded ------------------------------------------------------------- */

static bool
str_in(const char *s, size_t cap)
{
	return strnlen(s, cap) < cap;
}

static bool
row_obeys_rules(const struct grant_row *g)
{
	return valid_slug(g->tenant, 32) && g->year >= 1990 && g->year <= 2100 &&
	    (g->orgnr[0] == '\0' || valid_orgnr(g->orgnr)) && g->organisation[0] != '\0' &&
	    utf8_len(g->organisation) <= 200 && g->title[0] != '\0' && utf8_len(g->title) <= 300 &&
	    g->amount >= 0 && g->amount <= VALID_AMOUNT_MAX && (g->amount_known || g->amount == 0) &&
	    (g->sub_goal == 0 || strchr("ABCD1245", g->sub_goal) != NULL) && str_in(g->scheme, sizeof(g->scheme)) &&
	    (g->scheme[0] == '\0' || valid_slug(g->scheme, 64));
}

static void
check_errors(const struct csv_fault *errs, size_t nerr, bool utf8)
{
	size_t i;
	for (i = 0; i < nerr && i < MAXERR; i++) {
		const struct csv_fault *e = &errs[i];
		FUZZ_CHECK(e->line >= 0);
		FUZZ_CHECK(str_in(e->field, sizeof(e->field)) && e->field[0] != '\0');
		FUZZ_CHECK(str_in(e->detail, sizeof(e->detail)) && e->detail[0] != '\0');
		if (utf8 && (!utf8_valid(e->field, strlen(e->field)) || !utf8_valid(e->detail, strlen(e->detail)))) {
			fprintf(stderr, "line %d, field %s: the error is not valid UTF-8: \"%s\"\n", e->line, e->field,
			    e->detail);
			abort();
		}
	}
}

static void
parse_file(const char *data, size_t len)
{
	static struct csv_fault errs[MAXERR], none[1];
	struct grant_row *rows, *rows2;
	size_t nrows, nerr, nrows2, nerr2, i;
	bool utf8 = utf8_valid(data, len);
	int rc = grantcsv_parse(data, len, &rows, &nrows, errs, MAXERR, &nerr), prev = 1;

	FUZZ_CHECK(rc == (nerr == 0 ? 0 : -1));
	FUZZ_CHECK(nrows <= GRANTCSV_MAX_ROWS);
	FUZZ_CHECK((rows == NULL) == (nrows == 0));
	check_errors(errs, nerr, utf8);
	for (i = 0; i < nrows; i++) {
		const struct grant_row *g = &rows[i];
		FUZZ_CHECK(g->line > prev);
		prev = g->line;
		FUZZ_CHECK(str_in(g->tenant, sizeof(g->tenant)) && str_in(g->orgnr, sizeof(g->orgnr)) &&
		    str_in(g->organisation, sizeof(g->organisation)) && str_in(g->title, sizeof(g->title)));
		if (utf8)
			FUZZ_CHECK(utf8_valid(g->tenant, strlen(g->tenant)) &&
			    utf8_valid(g->organisation, strlen(g->organisation)) && utf8_valid(g->title, strlen(g->title)));
		if (rc == 0)
			FUZZ_CHECK(row_obeys_rules(g));
	}

	FUZZ_CHECK(grantcsv_parse(data, len, &rows2, &nrows2, none, 0, &nerr2) == rc);
	FUZZ_CHECK(nerr2 == nerr && nrows2 == nrows);
	if (rc == 0 && nrows > 0)
		FUZZ_CHECK(memcmp(rows, rows2, nrows * sizeof(*rows)) == 0);
	free(rows);
	free(rows2);
}

/* ---- 2. a file written with csv.h and read back ------------------------------------------ */

static void
grouped(char *out, size_t cap, int64_t v, char sep)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%" PRId64, v), i;
	size_t k = 0;
	for (i = 0; i < n && k + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = sep;
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

/* a row as written, in buffers large enough for anything the generator makes */
struct want {
	bool ok; /* obeys every rule: must read back exactly */
	int line, year;
	char tenant[40], orgnr[16], organisation[1400], title[1400], scheme[1400];
	int64_t amount;
	bool amount_known;
	char sub_goal;
};

enum { C_TENANT, C_YEAR, C_ORGNR, C_ORG, C_TITLE, C_AMOUNT, C_SUBGOAL, C_NOTE, C_SCHEME, C_COUNT };

/* the sub-goals a row is written with: none, valid ones, and E, a and 3, which are not */
#define GOALS "\0ABCDEa1243"
#define GOAL_OK(c) ((c) == 0 || strchr("ABCD1245", (c)) != NULL)

static void
round_trip(const uint8_t *data, size_t size)
{
	static const char *const names[C_COUNT][2] = { { "tenant", "forvalter" }, { "year", "år" },
		{ "orgnr", "organisasjonsnummer" }, { "organisation", "mottaker" }, { "title", "prosjekt" },
		{ "amount", "beløp" }, { "sub_goal", "delmål" }, { "note", "merknad" }, { "scheme", "ordning" } };
	static const char *const schemes[] = { "", "frivillig-integrering", "kvalifisering-kommuner" };
	static const char *const tenants[] = { "imdi", "oslo", "lillestrom" };
	static struct want want[8];
	static struct csv_fault errs[MAXERR];
	static char text[5][1400], seen[1400];
	struct fuzz_gen g = { data, size };
	struct buf b = { 0 };
	struct grant_row *rows;
	unsigned flags = fuzz_next(&g), rot = fuzz_next(&g) % C_COUNT;
	size_t nrows, nerr, nwant = fuzz_next(&g) % 9, bad = 0, i, j;
	int cols[C_COUNT], ncols = 0, c, line = 2;

	/* the header: columns rotated, orgnr / sub_goal / note / scheme only sometimes */
	for (c = 0; c < C_COUNT; c++) {
		int col = (c + (int)rot) % C_COUNT;
		if ((col == C_ORGNR && (flags & 2)) || (col == C_SUBGOAL && (flags & 4)) || (col == C_NOTE && !(flags & 8)) ||
		    (col == C_SCHEME && !(flags & 16)))
			continue;
		cols[ncols++] = col;
	}
	csv_begin(&b);
	for (c = 0; c < ncols; c++)
		csv_text(&b, names[cols[c]][flags & 1]);
	csv_end_row(&b);

	for (i = 0; i < nwant; i++) {
		struct want *w = &want[i];
		char year[8], orgnr[16], amount[48];
		unsigned sel, style;
		uint64_t u;
		int64_t a;
		size_t nl = 0;
		bool too_long = false;

		memset(w, 0, sizeof(*w));
		sel = fuzz_next(&g) % 4;
		if (sel < 3)
			snprintf(text[0], sizeof(text[0]), "%s", tenants[sel]);
		else
			fuzz_text(&g, text[0], sizeof(text[0]));
		w->year = (int)fuzz_next(&g) << 8;
		w->year = 1985 + (w->year | (int)fuzz_next(&g)) % 125;
		snprintf(year, sizeof(year), "%d", w->year);
		sel = fuzz_next(&g) % 4;
		orgnr[0] = '\0';
		if (sel > 0) {
			for (j = 0; j < 9; j++)
				orgnr[j] = (char)('0' + fuzz_next(&g) % 10);
			orgnr[9] = '\0';
			for (j = 0; sel < 3 && j < 10 && !valid_orgnr(orgnr); j++)
				orgnr[8] = (char)('0' + j); /* make the check digit right, when one can be */
			if (sel == 2) {
				memmove(orgnr + 8, orgnr + 6, 4);
				memmove(orgnr + 4, orgnr + 3, 4);
				orgnr[3] = orgnr[7] = ' ';
			}
		}
		if (!(flags & 2))
			for (j = 0, w->orgnr[0] = '\0'; orgnr[j]; j++)
				if (orgnr[j] != ' ')
					strncat(w->orgnr, &orgnr[j], 1);
		fuzz_text(&g, text[1], sizeof(text[1]));
		fuzz_text(&g, text[2], sizeof(text[2]));
		for (j = 0, u = 0; j < 5; j++)
			u = u << 8 | fuzz_next(&g);
		a = (int64_t)(u % (uint64_t)(VALID_AMOUNT_MAX + 2));
		sel = fuzz_next(&g);
		style = fuzz_next(&g);
		w->amount_known = (style >> 1) % 6 < 4; /* else an empty cell or a marker: no amount */
		w->amount = w->amount_known ? a : 0;
		w->sub_goal = (flags & 4) ? 0 : GOALS[sel % 11];
		fuzz_text(&g, text[3], sizeof(text[3]));
		if (style & 0x20)
			fuzz_text(&g, text[4], sizeof(text[4]));
		else
			snprintf(text[4], sizeof(text[4]), "%s", schemes[(style >> 6) % 3]);

		/* what the reader must make of it */
		fuzz_csv_as_read(text[0], seen, sizeof(seen));
		if (valid_slug(seen, 32))
			snprintf(w->tenant, sizeof(w->tenant), "%s", seen);
		w->ok = valid_slug(seen, 32) && w->year >= 1990 && w->year <= 2100 &&
		    (w->orgnr[0] == '\0' || valid_orgnr(w->orgnr)) && (!w->amount_known || a <= VALID_AMOUNT_MAX) &&
		    GOAL_OK(w->sub_goal);
		if (flags & 16) {
			fuzz_csv_as_read(text[4], seen, sizeof(seen));
			w->ok = w->ok && (seen[0] == '\0' || valid_slug(seen, 64));
			snprintf(w->scheme, sizeof(w->scheme), "%s", seen);
		}
		fuzz_csv_as_read(text[1], seen, sizeof(seen));
		w->ok = w->ok && seen[0] != '\0' && utf8_len(seen) <= 200;
		snprintf(w->organisation, sizeof(w->organisation), "%s", seen);
		fuzz_csv_as_read(text[2], seen, sizeof(seen));
		w->ok = w->ok && seen[0] != '\0' && utf8_len(seen) <= 300;
		snprintf(w->title, sizeof(w->title), "%s", seen);
		for (j = 0; j < 5; j++) { /* the note and the scheme only when their columns are there */
			const char *s;
			if ((j == 3 && !(flags & 8)) || (j == 4 && !(flags & 16)))
				continue;
			too_long = too_long || strlen(text[j]) + (strchr("=+-@\t\r", text[j][0]) && text[j][0]) > FIELD_MAX;
			for (s = text[j]; *s; s++)
				nl += *s == '\n';
		}
		w->ok = w->ok && !too_long;
		if (!GOAL_OK(w->sub_goal))
			w->sub_goal = 0;
		w->line = line;
		line += 1 + (int)nl;

		/* the row as csv.h writes it */
		for (c = 0; c < ncols; c++) {
			switch (cols[c]) {
			case C_TENANT: csv_text(&b, text[0]); break;
			case C_YEAR:
				if (style & 1)
					csv_text(&b, year);
				else
					csv_int(&b, w->year);
				break;
			case C_ORGNR: csv_text(&b, orgnr); break;
			case C_ORG: csv_text(&b, text[1]); break;
			case C_TITLE: csv_text(&b, text[2]); break;
			case C_AMOUNT:
				switch ((style >> 1) % 6) {
				case 4: csv_text(&b, ""); break;
				case 5: csv_text(&b, (style & 0x80) ? "Ikke oppgitt" : "beløp ikke oppgitt"); break;
				case 0: csv_int(&b, a); break;
				case 1: grouped(amount, sizeof(amount), a, ' '); csv_text(&b, amount); break;
				case 2: grouped(amount, sizeof(amount), a, '.'); csv_text(&b, amount); break;
				case 3:
					grouped(amount, sizeof(amount) - 8, a, ' ');
					memmove(amount + 3, amount, strlen(amount) + 1);
					memcpy(amount, "kr ", 3);
					strcat(amount, ",-");
					csv_text(&b, amount);
				}
				break;
			case C_SUBGOAL: {
				char sg[2] = { GOALS[sel % 11], '\0' };
				csv_text(&b, sg);
				break;
			}
			case C_NOTE: csv_text(&b, text[3]); break;
			case C_SCHEME: csv_text(&b, text[4]); break;
			}
		}
		csv_end_row(&b);
		bad += !w->ok;
	}

	FUZZ_CHECK(grantcsv_parse(b.data, b.len, &rows, &nrows, errs, MAXERR, &nerr) == (nerr ? -1 : 0));
	if (nwant == 0) {
		FUZZ_CHECK(nrows == 0 && nerr == 1 && errs[0].line == 0);
	} else if (bad == 0) {
		if (nerr != 0 || nrows != nwant) {
			fprintf(stderr, "a valid file read back with %zu faults (first: line %d %s: %s), %zu of %zu rows:\n%s\n",
			    nerr, nerr ? errs[0].line : 0, nerr ? errs[0].field : "", nerr ? errs[0].detail : "", nrows, nwant,
			    b.data);
			abort();
		}
	} else {
		FUZZ_CHECK(nerr >= bad);
		for (i = 0; i < nerr && i < MAXERR; i++) {
			bool on_bad_row = false;
			for (j = 0; j < nwant; j++)
				on_bad_row = on_bad_row || (!want[j].ok && want[j].line == errs[i].line);
			FUZZ_CHECK(on_bad_row);
		}
	}
	for (i = 0; i < nrows && nwant > 0; i++) {
		const struct grant_row *got = &rows[i];
		const struct want *w = &want[i];
		FUZZ_CHECK(nrows == nwant && got->line == w->line);
		if (!want[i].ok)
			continue;
		if (strcmp(got->tenant, w->tenant) != 0 || got->year != w->year || strcmp(got->orgnr, w->orgnr) != 0 ||
		    strcmp(got->organisation, w->organisation) != 0 || strcmp(got->title, w->title) != 0 ||
		    got->amount != w->amount || got->amount_known != w->amount_known || got->sub_goal != w->sub_goal ||
		    strcmp(got->scheme, w->scheme) != 0) {
			fprintf(stderr,
			    "row %zu (line %d) read back wrong:\n  tenant %s | %s\n  year %d | %d\n  orgnr %s | %s\n"
			    "  organisation (%zu chars, %zu bytes) %s\n           got (%zu chars, %zu bytes) %s\n"
			    "  title (%zu chars, %zu bytes) %s\n    got (%zu chars, %zu bytes) %s\n"
			    "  amount %" PRId64 " | %" PRId64 "\n  sub_goal %d | %d\n",
			    i, w->line, w->tenant, got->tenant, w->year, got->year, w->orgnr, got->orgnr,
			    utf8_len(w->organisation), strlen(w->organisation), w->organisation, utf8_len(got->organisation),
			    strlen(got->organisation), got->organisation, utf8_len(w->title), strlen(w->title), w->title,
			    utf8_len(got->title), strlen(got->title), got->title, w->amount, got->amount, w->sub_goal,
			    got->sub_goal);
			abort();
		}
	}
	free(rows);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_file((const char *)data, size);
	round_trip(data, size);
	return 0;
}
