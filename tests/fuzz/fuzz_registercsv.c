/*
 * fuzz_registercsv.c - the register import's reader, registercsv_parse (domain/registercsv.h), two
 * ways on every input:
 *
 *  1. The input as a register file. Invariants: 0 exactly when there is no fault; the callback gets
 *     only rows that obey the rules (a valid organisation number; a name of 1 to 200 characters; a
 *     form of 1 to 8 characters; a municipality of at most 100; an e-mail address that is empty or
 *     a plausible, lower-cased address; dates that are empty or real dates), in increasing line
 *     order, every string NUL-terminated and valid UTF-8, and every row when there is no fault;
 *     faults name a field and are valid UTF-8; and the same file without a callback or room for
 *     faults gives the same result.
 *
 *  2. The input as a recipe for a file: Enhetsregisteret rows (organisation number, name, form,
 *     business and postal municipality, e-mail address, registration date, the volunteer flag) or
 *     Frivillighetsregisteret rows, written with the project's CSV writer (domain/csv.h) under a
 *     header with the columns rotated and a long column that is not read, then read back.
 *     Invariants: a good row comes back exactly as it should read (the municipality written as
 *     people write it, the address lower-cased or left out, the date as YYYY-MM-DD) on its line; a
 *     bad row gets at least one fault, every fault is on a bad row's line, and the good rows still
 *     come through in order.
 */
#include "domain/csv.h"
#include "domain/registercsv.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include "fuzz.h"

#define MAXERR 50
#define FIELD_MAX (CSVREAD_FIELD_MAX - 1)

/* ---- 1. the file as given ---------------------------------------------------------------- */

static bool
str_ok(const char *s, size_t cap)
{
	return strnlen(s, cap) < cap && utf8_valid(s, strlen(s));
}

static bool
date_ok(const char *s)
{
	return s[0] == '\0' || valid_date(s, NULL);
}

struct seen {
	size_t n;
	int prev;
};

static int
check_row(void *arg, const struct registercsv_row *row)
{
	struct seen *s = arg;
	const struct register_unit *u = &row->unit;

	FUZZ_CHECK(row->line > s->prev);
	s->prev = row->line;
	s->n++;
	if (row->kind == REGISTERCSV_VOLUNTEER) {
		FUZZ_CHECK(valid_orgnr(row->listing.orgnr) && date_ok(row->listing.since));
		return 0;
	}
	FUZZ_CHECK(row->kind == REGISTERCSV_UNITS && valid_orgnr(u->orgnr));
	FUZZ_CHECK(str_ok(u->name, sizeof(u->name)) && u->name[0] != '\0' && utf8_len(u->name) <= 200);
	FUZZ_CHECK(str_ok(u->form, sizeof(u->form)) && utf8_len(u->form) >= 1 && utf8_len(u->form) <= 8);
	FUZZ_CHECK(str_ok(u->municipality, sizeof(u->municipality)) && utf8_len(u->municipality) <= 100);
	FUZZ_CHECK(str_ok(u->email, sizeof(u->email)) && (u->email[0] == '\0' || valid_email_ok(u->email)));
	FUZZ_CHECK(!u->email_unusable || u->email[0] == '\0');
	FUZZ_CHECK(date_ok(u->registered_on));
	return 0;
}

static void
parse_file(const char *data, size_t len)
{
	static struct csv_fault faults[MAXERR], none[1];
	struct registercsv_result res = { .faults = { faults, MAXERR, 0 } }, res2 = { .faults = { none, 0, 0 } };
	struct seen s = { 0, 1 };
	int rc = registercsv_parse(data, len, check_row, &s, &res);
	size_t i;

	FUZZ_CHECK(rc == (res.faults.n == 0 ? 0 : -1));
	FUZZ_CHECK(s.n <= res.rows);
	if (rc == 0)
		FUZZ_CHECK(s.n == res.rows && res.rows > 0 && res.kind != REGISTERCSV_NONE);
	for (i = 0; i < res.faults.n && i < MAXERR; i++) {
		FUZZ_CHECK(faults[i].line >= 0);
		FUZZ_CHECK(str_ok(faults[i].field, sizeof(faults[i].field)) && faults[i].field[0] != '\0');
		FUZZ_CHECK(str_ok(faults[i].detail, sizeof(faults[i].detail)) && faults[i].detail[0] != '\0');
	}
	FUZZ_CHECK(registercsv_parse(data, len, NULL, NULL, &res2) == rc);
	FUZZ_CHECK(res2.faults.n == res.faults.n && res2.rows == res.rows && res2.kind == res.kind &&
	    res2.emails_unusable == res.emails_unusable);
}

/* ---- 2. a file written with csv.h and read back ------------------------------------------ */

/* A value as written, and what the reader must make of it ("!" : a fault). */
struct pick {
	const char *written, *read;
};

static const struct pick forms[] = { { "FLI", "FLI" }, { "STI", "STI" }, { "KOMM", "KOMM" }, { "FYLK", "FYLK" },
	{ "AS", "AS" }, { "SÆR", "SÆR" }, { "F L", "!" }, { "", "!" }, { "ORGANISASJ", "!" } };
static const struct pick munis[] = { { "OSLO", "Oslo" }, { "NORDRE FOLLO", "Nordre Follo" },
	{ "AURSKOG-HØLAND", "Aurskog-Høland" }, { "NORE OG UVDAL", "Nore og Uvdal" }, { "BØ I TELEMARK", "Bø i Telemark" },
	{ "Bærum", "Bærum" }, { "", "" }, { "ÅL", "Ål" } };
static const struct pick emails[] = { { "", "" }, { "post@lag.example", "post@lag.example" },
	{ "Post@Lag.Example", "post@lag.example" }, { "post(at)lag.example", "" }, { "a@b", "" }, { "x@y.no;z", "" } };
static const struct pick dates[] = { { "", "" }, { "2015-03-01", "2015-03-01" }, { "01.03.2015", "2015-03-01" },
	{ "31.12.1999", "1999-12-31" }, { "2015-02-30", "!" }, { "1.3.2015", "!" }, { "i fjor", "!" } };
static const struct pick yesno[] = { { "true", "1" }, { "false", "0" }, { "J", "1" }, { "N", "0" }, { "ja", "1" },
	{ "Nei", "0" }, { "1", "1" }, { "0", "0" }, { "", "0" }, { "kanskje", "!" } };

#define PICK(g, table) (&(table)[fuzz_next(g) % (sizeof(table) / sizeof((table)[0]))])

enum { C_ORGNR, C_NAME, C_FORM, C_MUNI, C_POSTMUNI, C_EMAIL, C_REGDATE, C_VOLUNTEER, C_NOTE, C_COUNT };

static const char *const names[C_COUNT] = { "organisasjonsnummer", "navn", "organisasjonsform.kode",
	"forretningsadresse.kommune", "postadresse.kommune", "epostadresse", "registreringsdatoEnhetsregisteret",
	"registrertIFrivillighetsregisteret", "vedtektsfestetFormaal" };
/* the same columns for Frivillighetsregisteret's list: the number, the date, and the name (not read) */
static const int listing_cols[C_COUNT] = { C_ORGNR, C_REGDATE, C_NAME };

/* a row as it should read back */
struct want {
	bool ok;
	int line;
	struct register_unit u;
	char since[11];
};

/* An organisation number: valid, with spaces, or with a wrong check digit; "" sometimes. */
static void
gen_orgnr(struct fuzz_gen *g, char *out, char *digits)
{
	unsigned sel = fuzz_next(g) % 5, j;

	for (j = 0; j < 9; j++)
		digits[j] = (char)('0' + fuzz_next(g) % 10);
	digits[9] = '\0';
	for (j = 0; sel < 4 && j < 10 && !valid_orgnr(digits); j++)
		digits[8] = (char)('0' + j);
	if (sel == 3)
		digits[8] = digits[8] == '9' ? '0' : (char)(digits[8] + 1); /* off by one: wrong */
	if (sel == 4)
		digits[0] = '\0';
	if (sel == 1)
		snprintf(out, 16, "%.3s %.3s %.3s", digits, digits + 3, digits + 6);
	else
		snprintf(out, 16, "%s", digits);
}

/* The fields of one Enhetsregisteret row into v (as written) and w (as read). */
static void
gen_unit(struct fuzz_gen *g, char v[C_COUNT][1400], struct want *w)
{
	char digits[10], name[1400];
	const struct pick *form = PICK(g, forms), *muni = PICK(g, munis), *post = PICK(g, munis), *email = PICK(g, emails),
	                  *date = PICK(g, dates), *vol = PICK(g, yesno);
	size_t raw;

	gen_orgnr(g, v[C_ORGNR], digits);
	fuzz_text(g, v[C_NAME], 1400);
	raw = strlen(v[C_NAME]) + (strchr("=+-@\t\r", v[C_NAME][0]) && v[C_NAME][0]);
	fuzz_csv_as_read(v[C_NAME], name, sizeof(name));
	snprintf(v[C_FORM], 1400, "%s", form->written);
	snprintf(v[C_MUNI], 1400, "%s", muni->written);
	snprintf(v[C_POSTMUNI], 1400, "%s", post->written);
	snprintf(v[C_EMAIL], 1400, "%s", email->written);
	snprintf(v[C_REGDATE], 1400, "%s", date->written);
	snprintf(v[C_VOLUNTEER], 1400, "%s", vol->written);
	fuzz_text(g, v[C_NOTE], 1400);
	w->ok = valid_orgnr(digits) && name[0] != '\0' && utf8_len(name) <= 200 && raw <= FIELD_MAX &&
	    form->read[0] != '!' && date->read[0] != '!' && vol->read[0] != '!';
	utf8_copy(w->u.orgnr, digits, sizeof(w->u.orgnr));
	utf8_copy(w->u.name, name, sizeof(w->u.name));
	utf8_copy(w->u.form, form->written, sizeof(w->u.form));
	utf8_copy(w->u.municipality, muni->written[0] ? muni->read : post->read, sizeof(w->u.municipality));
	utf8_copy(w->u.email, email->read, sizeof(w->u.email));
	w->u.email_unusable = email->written[0] != '\0' && email->read[0] == '\0';
	utf8_copy(w->u.registered_on, date->read, sizeof(w->u.registered_on));
	w->u.volunteer = vol->read[0] == '1';
}

/* The fields of one Frivillighetsregisteret row. */
static void
gen_listing(struct fuzz_gen *g, char v[C_COUNT][1400], struct want *w)
{
	char digits[10];
	const struct pick *date = PICK(g, dates);

	gen_orgnr(g, v[C_ORGNR], digits);
	snprintf(v[C_REGDATE], 1400, "%s", date->written);
	fuzz_text(g, v[C_NAME], 1400);
	w->ok = valid_orgnr(digits) && date->read[0] != '!';
	utf8_copy(w->u.orgnr, digits, sizeof(w->u.orgnr));
	utf8_copy(w->since, date->read, sizeof(w->since));
}

struct readback {
	const struct want *want;
	size_t nwant, next;
	bool listing;
};

/* Each good row must be the next good row written, exactly. */
static int
compare_row(void *arg, const struct registercsv_row *row)
{
	struct readback *r = arg;
	const struct want *w;

	while (r->next < r->nwant && !r->want[r->next].ok)
		r->next++;
	FUZZ_CHECK(r->next < r->nwant);
	w = &r->want[r->next++];
	if (row->line != w->line) {
		fprintf(stderr, "row read on line %d, written on line %d\n", row->line, w->line);
		abort();
	}
	if (r->listing) {
		FUZZ_CHECK(strcmp(row->listing.orgnr, w->u.orgnr) == 0 && strcmp(row->listing.since, w->since) == 0);
		return 0;
	}
	if (strcmp(row->unit.name, w->u.name) != 0 || strcmp(row->unit.municipality, w->u.municipality) != 0 ||
	    strcmp(row->unit.email, w->u.email) != 0 || strcmp(row->unit.orgnr, w->u.orgnr) != 0 ||
	    strcmp(row->unit.form, w->u.form) != 0 || strcmp(row->unit.registered_on, w->u.registered_on) != 0 ||
	    row->unit.volunteer != w->u.volunteer || row->unit.email_unusable != w->u.email_unusable) {
		fprintf(stderr, "line %d read back wrong:\n  name [%s] | [%s]\n  municipality [%s] | [%s]\n  email [%s] | [%s]\n",
		    w->line, w->u.name, row->unit.name, w->u.municipality, row->unit.municipality, w->u.email, row->unit.email);
		abort();
	}
	return 0;
}

/* The lines the fields of a row take (a newline inside quotes starts a line). */
static int
row_lines(char v[C_COUNT][1400])
{
	int c, n = 1;
	const char *s;

	for (c = 0; c < C_COUNT; c++)
		for (s = v[c]; *s; s++)
			n += *s == '\n';
	return n;
}

static void
round_trip(const uint8_t *data, size_t size)
{
	static struct want want[8];
	static char v[C_COUNT][1400];
	static struct csv_fault faults[MAXERR];
	struct fuzz_gen g = { data, size };
	struct registercsv_result res = { .faults = { faults, MAXERR, 0 } };
	struct buf b = { 0 };
	unsigned flags = fuzz_next(&g), rot = fuzz_next(&g);
	bool listing = flags & 1;
	int ncols = listing ? 3 : C_COUNT, cols[C_COUNT], c, line = 2, rc;
	size_t nwant = fuzz_next(&g) % 9, bad = 0, i, j;
	struct readback rb = { want, nwant, 0, listing };

	for (c = 0; c < ncols; c++)
		cols[c] = listing ? listing_cols[(c + (int)rot) % ncols] : (c + (int)rot) % ncols;
	csv_begin(&b);
	for (c = 0; c < ncols; c++)
		csv_text(&b, listing && cols[c] == C_REGDATE ? "registreringsdatoFrivillighetsregisteret" : names[cols[c]]);
	csv_end_row(&b);
	for (i = 0; i < nwant; i++) {
		memset(v, 0, sizeof(v));
		memset(&want[i], 0, sizeof(want[i]));
		if (listing)
			gen_listing(&g, v, &want[i]);
		else
			gen_unit(&g, v, &want[i]);
		want[i].line = line;
		line += row_lines(v);
		for (c = 0; c < ncols; c++)
			csv_text(&b, v[cols[c]]);
		csv_end_row(&b);
		bad += !want[i].ok;
	}
	rc = registercsv_parse(b.data, b.len, compare_row, &rb, &res);
	if (nwant == 0) {
		FUZZ_CHECK(rc == -1 && res.faults.n == 1 && faults[0].line == 0);
	} else if (bad == 0) {
		if (rc != 0 || res.rows != nwant) {
			fprintf(stderr, "a good file read back with %zu faults (first: line %d %s: %s), %zu of %zu rows:\n%s\n",
			    res.faults.n, res.faults.n ? faults[0].line : 0, res.faults.n ? faults[0].field : "",
			    res.faults.n ? faults[0].detail : "", res.rows, nwant, b.data);
			abort();
		}
	} else {
		FUZZ_CHECK(rc == -1 && res.faults.n >= bad);
		for (i = 0; i < res.faults.n && i < MAXERR; i++) {
			bool on_bad_row = false;
			for (j = 0; j < nwant; j++)
				on_bad_row = on_bad_row || (!want[j].ok && want[j].line == faults[i].line);
			FUZZ_CHECK(on_bad_row);
		}
	}
	for (i = rb.next; i < nwant; i++)
		FUZZ_CHECK(!want[i].ok); /* every good row came through */
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_file((const char *)data, size);
	round_trip(data, size);
	return 0;
}
