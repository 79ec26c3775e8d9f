/*
 * registercsv.c - the register import's CSV reader (see registercsv.h).
 */
#include "domain/registercsv.h"

#include "domain/valid.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum {
	C_ORGNR, C_NAME, C_FORM, C_MUNI, C_POSTMUNI, C_EMAIL, C_REGDATE, C_VOLUNTEER, C_VOLDATE, C__COUNT
};

static const char *const registercsv_names[C__COUNT][3] = {
	{ "organisasjonsnummer", "orgnr", NULL }, { "navn", NULL, NULL }, { "organisasjonsform.kode", NULL, NULL },
	{ "forretningsadresse.kommune", NULL, NULL }, { "postadresse.kommune", NULL, NULL },
	{ "epostadresse", NULL, NULL }, { "registreringsdatoEnhetsregisteret", NULL, NULL },
	{ "registrertIFrivillighetsregisteret", NULL, NULL }, { "registreringsdatoFrivillighetsregisteret", NULL, NULL },
};

/* The Enhetsregisteret bulk file has about 50 columns. */
#define REGISTERCSV_FIELDS 128

struct registercsv_ctx {
	struct csvread rd;
	int col[C__COUNT];
	int nf;
	struct registercsv_result *res;
	int line;
};

/* The trimmed value of column c in the record ("" when the record has no such field). */
static char *
registercsv_field(struct registercsv_ctx *x, int c)
{
	if (x->col[c] < 0 || x->col[c] >= x->nf)
		return (char *)"";
	return csvread_trim(x->rd.fields[x->col[c]]);
}

/* A fault on column c's field when it was cut; true when it was. */
static bool
registercsv_cut(struct registercsv_ctx *x, int c)
{
	if (x->col[c] < 0 || x->col[c] >= x->nf || !x->rd.cut[x->col[c]])
		return false;
	csv_fault_add(&x->res->faults, x->line, registercsv_names[c][0], "Feltet er lengre enn %d tegn.",
	    CSVREAD_FIELD_MAX - 1);
	return true;
}

/* YYYY-MM-DD or DD.MM.YYYY into out as YYYY-MM-DD; "" stays "". */
static bool
registercsv_date(const char *v, char out[11])
{
	int d, m, y, n = 0;

	out[0] = '\0';
	if (v[0] == '\0')
		return true;
	if (valid_date(v, NULL)) {
		memcpy(out, v, 11);
		return true;
	}
	if (strlen(v) != 10 || sscanf(v, "%2d.%2d.%4d%n", &d, &m, &y, &n) != 3 || n != 10 || y < 0 || m < 0 || d < 0)
		return false;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	if (valid_date(out, NULL))
		return true;
	out[0] = '\0';
	return false;
}

/* true/false, J/N, ja/nei or 1/0 (an empty field is no). */
static bool
registercsv_yesno(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "j", "ja", "1" }, *const no[] = { "false", "n", "nei", "0", "" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

/* Whether byte c starts or continues a letter (ASCII letters and anything not ASCII). */
static bool
registercsv_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/*
 * "NORDRE FOLLO" -> "Nordre Follo", "AURSKOG-HØLAND" -> "Aurskog-Høland", "NORE OG UVDAL" ->
 * "Nore og Uvdal": only text without small letters is changed (ASCII, and À..Þ in UTF-8).
 */
static void
registercsv_titlecase(char *s)
{
	unsigned char *p = (unsigned char *)s;
	bool inword = false;
	size_t i;

	for (i = 0; p[i]; i++)
		if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] == 0xc3 && p[i + 1] >= 0xa0))
			return;
	for (i = 0; p[i]; i++) {
		bool start = !inword;
		if (start && (strncmp((char *)p + i, "OG ", 3) == 0 || strncmp((char *)p + i, "I ", 2) == 0) && i > 0)
			start = false; /* "og" and "i" inside a name stay small */
		if (p[i] >= 'A' && p[i] <= 'Z' && !start)
			p[i] = (unsigned char)(p[i] + 32);
		else if (p[i] == 0xc3 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9e && p[i + 1] != 0x97 && !start)
			p[i + 1] = (unsigned char)(p[i + 1] + 32);
		inword = registercsv_letter(p[i]);
		if (p[i] == 0xc3 && p[i + 1])
			i++;
	}
}

/* 1 to 8 letters or digits (forms such as SÆR have letters past ASCII). */
static bool
registercsv_form_ok(const char *v)
{
	size_t i, n = utf8_len(v);

	if (n < 1 || n > 8)
		return false;
	for (i = 0; v[i]; i++)
		if (!registercsv_letter((unsigned char)v[i]) && !(v[i] >= '0' && v[i] <= '9'))
			return false;
	return true;
}

/* The organisation number of the row into orgnr; a fault when it is missing or wrong. */
static void
registercsv_orgnr(struct registercsv_ctx *x, char orgnr[10])
{
	const char *v = registercsv_field(x, C_ORGNR);

	if (csvread_orgnr(v, orgnr) != 1)
		csv_fault_add(&x->res->faults, x->line, "organisasjonsnummer",
		    "Organisasjonsnummeret «%.*s» er ikke gyldig (9 sifre, kontrollsiffer).", (int)utf8_prefix(v, 20), v);
}

/* The unit's name, form and municipality into u. */
static void
registercsv_unit_names(struct registercsv_ctx *x, struct register_unit *u)
{
	struct csv_faults *f = &x->res->faults;
	const char *v = registercsv_field(x, C_NAME);

	if (registercsv_cut(x, C_NAME))
		; /* the fault is recorded */
	else if (v[0] == '\0' || utf8_len(v) > 200)
		csv_fault_add(f, x->line, "navn", "Navnet må ha 1 til 200 tegn.");
	else
		utf8_copy(u->name, v, sizeof(u->name));
	v = registercsv_field(x, C_FORM);
	if (!registercsv_form_ok(v))
		csv_fault_add(f, x->line, "organisasjonsform.kode", "Organisasjonsformen må være en kode som FLI, STI eller KOMM.");
	else
		utf8_copy(u->form, v, sizeof(u->form));
	v = registercsv_field(x, C_MUNI);
	if (v[0] == '\0')
		v = registercsv_field(x, C_POSTMUNI);
	if (registercsv_cut(x, C_MUNI) || registercsv_cut(x, C_POSTMUNI))
		return;
	if (utf8_len(v) > 100)
		csv_fault_add(f, x->line, "forretningsadresse.kommune", "Kommunen kan ha høyst 100 tegn.");
	else
		utf8_copy(u->municipality, v, sizeof(u->municipality));
	registercsv_titlecase(u->municipality);
}

/* One Enhetsregisteret row into u; false when it has a fault. */
static bool
registercsv_unit(struct registercsv_ctx *x, struct register_unit *u)
{
	struct csv_faults *f = &x->res->faults;
	size_t before = f->n;
	const char *v;

	registercsv_orgnr(x, u->orgnr);
	registercsv_unit_names(x, u);
	v = registercsv_field(x, C_EMAIL);
	if (v[0] != '\0' && (registercsv_cut(x, C_EMAIL) || !valid_email_ok(v) ||
	    valid_email_normalize(v, u->email, sizeof(u->email)) != 0)) {
		u->email[0] = '\0';
		u->email_unusable = true;
		x->res->emails_unusable++;
	}
	v = registercsv_field(x, C_REGDATE);
	if (!registercsv_date(v, u->registered_on))
		csv_fault_add(f, x->line, "registreringsdatoEnhetsregisteret", "Datoen må skrives ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.");
	v = registercsv_field(x, C_VOLUNTEER);
	if (!registercsv_yesno(v, &u->volunteer))
		csv_fault_add(f, x->line, "registrertIFrivillighetsregisteret", "Skriv true eller false (eller J eller N).");
	return f->n == before;
}

/* One Frivillighetsregisteret row into l; false when it has a fault. */
static bool
registercsv_listing(struct registercsv_ctx *x, struct register_listing *l)
{
	size_t before = x->res->faults.n;

	registercsv_orgnr(x, l->orgnr);
	if (!registercsv_date(registercsv_field(x, C_VOLDATE), l->since))
		csv_fault_add(&x->res->faults, x->line, "registreringsdatoFrivillighetsregisteret",
		    "Datoen må skrives ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.");
	return x->res->faults.n == before;
}

/* Which file the header is, and that it has the columns that file needs. */
static enum registercsv_kind
registercsv_header(struct registercsv_ctx *x)
{
	static const int need[] = { C_ORGNR, C_NAME, C_FORM };
	struct csv_faults *f = &x->res->faults;
	enum registercsv_kind kind;
	size_t i, nneed = 3;

	csvread_columns(&x->rd, x->nf, registercsv_names, C__COUNT, x->col);
	if (x->col[C_FORM] >= 0) {
		kind = REGISTERCSV_UNITS;
	} else if (x->col[C_VOLDATE] >= 0) {
		kind = REGISTERCSV_VOLUNTEER;
		nneed = 1; /* the organisation number */
	} else {
		csv_fault_add(f, 1, "file", "Kjenner ikke igjen filen: overskriftslinjen må ha organisasjonsform.kode "
		    "(Enhetsregisteret) eller registreringsdatoFrivillighetsregisteret (Frivillighetsregisteret).");
		return REGISTERCSV_NONE;
	}
	for (i = 0; i < nneed; i++)
		if (x->col[need[i]] < 0) {
			csv_fault_add(f, 1, registercsv_names[need[i]][0], "Kolonnen %s mangler i overskriftslinjen.",
			    registercsv_names[need[i]][0]);
			kind = REGISTERCSV_NONE;
		}
	return kind;
}

/* Reads the data rows after the header; see registercsv_parse. */
static int
registercsv_rows(struct registercsv_ctx *x, registercsv_fn fn, void *arg)
{
	static struct registercsv_row row;
	struct registercsv_result *res = x->res;
	bool ok;
	int rc;

	for (;;) {
		x->line = x->rd.line + 1;
		if ((x->nf = csvread_record(&x->rd)) == 0)
			return 0;
		if (x->nf < 0) {
			csv_fault_add(&res->faults, x->line, "file", "Et felt i anførselstegn slutter aldri.");
			return 0;
		}
		if (csvread_blank(&x->rd, x->nf))
			continue;
		if (++res->rows > REGISTERCSV_MAX_ROWS) {
			csv_fault_add(&res->faults, x->line, "file", "Filen har flere enn %d rader.", REGISTERCSV_MAX_ROWS);
			return 0;
		}
		memset(&row, 0, sizeof(row));
		row.line = x->line;
		row.kind = res->kind;
		ok = res->kind == REGISTERCSV_UNITS ? registercsv_unit(x, &row.unit) : registercsv_listing(x, &row.listing);
		if (ok && fn && (rc = fn(arg, &row)) != 0)
			return rc;
	}
}

int
registercsv_parse(const char *data, size_t len, registercsv_fn fn, void *arg, struct registercsv_result *res)
{
	static char fields[REGISTERCSV_FIELDS][CSVREAD_FIELD_MAX];
	static bool cut[REGISTERCSV_FIELDS];
	struct registercsv_ctx x = { .rd = { .fields = fields, .cut = cut, .nfields = REGISTERCSV_FIELDS }, .res = res };
	int rc = 0;

	res->kind = REGISTERCSV_NONE;
	res->rows = res->emails_unusable = 0;
	res->faults.n = 0;
	if (csvread_open(&x.rd, data, len, &res->faults) != 0)
		return -1;
	if ((x.nf = csvread_record(&x.rd)) <= 0) {
		csv_fault_add(&res->faults, 0, "file", "Filen er tom eller mangler overskriftslinjen.");
		return -1;
	}
	if ((res->kind = registercsv_header(&x)) == REGISTERCSV_NONE)
		return -1;
	if ((rc = registercsv_rows(&x, fn, arg)) != 0)
		return rc;
	if (res->faults.n == 0 && res->rows == 0)
		csv_fault_add(&res->faults, 0, "file", "Filen har ingen rader under overskriftslinjen.");
	return res->faults.n == 0 ? 0 : -1;
}
