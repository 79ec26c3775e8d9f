/*
 * test_register.c - the register rules (domain/register.h: the kind of a register form, the words
 * for a signer's authority) and the register files' reader (domain/registercsv.h), on the sample
 * files in tests/register/ and on files written here.
 */
#include "domain/register.h"
#include "domain/registercsv.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows a parse gave, kept for the assertions. */
struct got {
	struct registercsv_row rows[16];
	size_t n;
};

static int
keep(void *arg, const struct registercsv_row *row)
{
	struct got *g = arg;
	if (g->n < 16)
		g->rows[g->n++] = *row;
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void
test_kinds(void **state)
{
	(void)state;
	assert_string_equal(register_kind("FLI", NULL), "voluntary");
	assert_string_equal(register_kind("FLI", "immigrant"), "immigrant");
	assert_string_equal(register_kind("FLI", "foundation"), "voluntary");
	assert_string_equal(register_kind("STI", "immigrant"), "foundation");
	assert_string_equal(register_kind("KOMM", NULL), "municipality");
	assert_string_equal(register_kind("FYLK", "voluntary"), "county");
	assert_null(register_kind("AS", "voluntary"));
	assert_null(register_kind("ENK", NULL));
	assert_null(register_kind(NULL, NULL));
}

static void
test_words(void **state)
{
	char out[REGISTER_WORDS_MAX], small[40];
	struct register_authority a = { .method = "register_email", .email = "post@lag.example", .date = "2026-03-03" };
	(void)state;

	register_date_words("2026-12-24", out, sizeof(out));
	assert_string_equal(out, "24. desember 2026");
	register_date_words("2026-13-01", out, sizeof(out));
	assert_string_equal(out, "");
	register_authority_words(&a, out, sizeof(out));
	assert_string_equal(out, "Signaturretten er bekreftet 3. mars 2026 gjennom en lenke sendt til organisasjonens "
	    "e-postadresse i Enhetsregisteret (post@lag.example).");
	a = (struct register_authority){ .method = "caseworker", .checked_against = "authorisation_document",
		.by = "Kari Saksbehandler", .tenant = "Oslo kommune", .note = "Fullmakt fra styreleder, datert 1. mars.",
		.date = "2026-03-03" };
	register_authority_words(&a, out, sizeof(out));
	assert_string_equal(out, "Signaturretten er kontrollert 3. mars 2026 av Kari Saksbehandler, Oslo kommune, mot en "
	    "fullmakt fra styreleder eller daglig leder. Merknad: Fullmakt fra styreleder, datert 1. mars.");
	a.checked_against = "register_roles";
	a.note = NULL;
	register_authority_words(&a, out, sizeof(out));
	assert_string_equal(out, "Signaturretten er kontrollert 3. mars 2026 av Kari Saksbehandler, Oslo kommune, mot "
	    "rollene i Enhetsregisteret.");
	a = (struct register_authority){ .method = "delegated", .by = "Amina Leder", .date = "2026-01-31" };
	register_authority_words(&a, out, sizeof(out));
	assert_string_equal(out, "Signaturretten er gitt 31. januar 2026 av Amina Leder, som selv har signaturrett for "
	    "organisasjonen.");
	a = (struct register_authority){ .method = "legacy" };
	register_authority_words(&a, out, sizeof(out));
	assert_non_null(strstr(out, "ikke kontrollert"));
	a = (struct register_authority){ 0 };
	register_authority_words(&a, out, sizeof(out));
	assert_string_equal(out, "Det er ikke registrert hvordan signaturretten ble fastslått.");
	/* cut between characters */
	a = (struct register_authority){ .method = "register_email", .email = "æøå@lag.example", .date = "2026-03-03" };
	register_authority_words(&a, small, sizeof(small));
	assert_true(strlen(small) < sizeof(small));
}

static void
test_sample_units(void **state)
{
	static struct csv_fault faults[8];
	static struct got g;
	struct registercsv_result res = { .faults = { faults, 8, 0 } };
	size_t len;
	char *data = slurp("tests/register/enheter.csv", &len);
	(void)state;

	assert_int_equal(registercsv_parse(data, len, keep, &g, &res), 0);
	assert_int_equal(res.kind, REGISTERCSV_UNITS);
	assert_int_equal(res.rows, 8);
	assert_int_equal(g.n, 8);
	assert_int_equal(res.emails_unusable, 1);
	assert_string_equal(g.rows[0].unit.orgnr, "987654325");
	assert_string_equal(g.rows[0].unit.name, "FRIVILLIG FELLESSKAP DEMO");
	assert_string_equal(g.rows[0].unit.form, "FLI");
	assert_string_equal(g.rows[0].unit.municipality, "Oslo");
	assert_string_equal(g.rows[0].unit.email, "post@frivillig-fellesskap.example");
	assert_string_equal(g.rows[0].unit.registered_on, "2015-02-10");
	assert_true(g.rows[0].unit.volunteer);
	assert_int_equal(g.rows[0].line, 2);
	assert_string_equal(g.rows[1].unit.email, "styret@sprakvenner.example"); /* normalised */
	assert_string_equal(g.rows[1].unit.municipality, "Oslo");               /* from the postal address */
	assert_int_equal(g.rows[3].line, 6);                                    /* after a line break in quotes */
	assert_string_equal(g.rows[3].unit.municipality, "Lillestrøm");
	assert_string_equal(g.rows[2].unit.email, "");
	assert_string_equal(g.rows[5].unit.municipality, "Aurskog-Høland");
	assert_true(g.rows[5].unit.email_unusable);
	assert_string_equal(g.rows[6].unit.form, "AS");
	assert_string_equal(g.rows[7].unit.municipality, "Nore og Uvdal");
	assert_false(g.rows[7].unit.volunteer);
	free(data);
}

static void
test_sample_listing(void **state)
{
	static struct csv_fault faults[8];
	static struct got g;
	struct registercsv_result res = { .faults = { faults, 8, 0 } };
	size_t len;
	char *data = slurp("tests/register/frivillighetsregisteret.csv", &len);
	(void)state;

	assert_int_equal(registercsv_parse(data, len, keep, &g, &res), 0);
	assert_int_equal(res.kind, REGISTERCSV_VOLUNTEER);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.rows[1].listing.orgnr, "999900100");
	assert_string_equal(g.rows[1].listing.since, "2019-05-12");
	free(data);
}

/* every fault names its line and field; nothing is given to the callback for a bad row */
static void
test_faults(void **state)
{
	static struct csv_fault faults[16];
	static struct got g;
	struct registercsv_result res = { .faults = { faults, 16, 0 } };
	const char *csv = "organisasjonsnummer;navn;organisasjonsform.kode;registreringsdatoEnhetsregisteret;"
	                  "registrertIFrivillighetsregisteret\n"
	                  "999900100;LAG;FLI;2020-01-01;J\n"
	                  "999900101;LAG;FLI;;\n"
	                  "999900119;;FLI;;N\n"
	                  "999900127;LAG;F L;31.02.2020;kanskje\n";
	(void)state;

	g.n = 0;
	assert_int_equal(registercsv_parse(csv, strlen(csv), keep, &g, &res), -1);
	assert_int_equal(g.n, 1);
	assert_int_equal(res.rows, 4);
	assert_int_equal(res.faults.n, 5);
	assert_int_equal(faults[0].line, 3);
	assert_string_equal(faults[0].field, "organisasjonsnummer");
	assert_int_equal(faults[1].line, 4);
	assert_string_equal(faults[1].field, "navn");
	assert_string_equal(faults[2].field, "organisasjonsform.kode");
	assert_string_equal(faults[3].field, "registreringsdatoEnhetsregisteret");
	assert_string_equal(faults[4].field, "registrertIFrivillighetsregisteret");
	assert_int_equal(faults[4].line, 5);

	csv = "organisasjonsnummer,navn\n999900100,LAG\n";
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), -1);
	assert_int_equal(res.kind, REGISTERCSV_NONE);
	assert_string_equal(faults[0].field, "file");
	csv = "navn;organisasjonsform.kode\nLAG;FLI\n";
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), -1);
	assert_string_equal(faults[0].field, "organisasjonsnummer");
	assert_int_equal(registercsv_parse("", 0, NULL, NULL, &res), -1);
	assert_int_equal(registercsv_parse("\xff\xfe", 2, NULL, NULL, &res), -1);
	csv = "organisasjonsnummer;registreringsdatoFrivillighetsregisteret\n";
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), -1);
	assert_int_equal(faults[0].line, 0);
	csv = "organisasjonsnummer;navn;organisasjonsform.kode\n999900100;\"LAG;FLI\n";
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), -1);
}

/* a long field in a column that is not read is no fault; in one that is, it is */
static void
test_long_fields(void **state)
{
	static struct csv_fault faults[4];
	static char csv[8000];
	struct registercsv_result res = { .faults = { faults, 4, 0 } };
	char long_text[3000];
	(void)state;

	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	snprintf(csv, sizeof(csv), "organisasjonsnummer;navn;organisasjonsform.kode;vedtektsfestetFormaal\n"
	    "999900100;LAG;FLI;%s\n", long_text);
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), 0);
	snprintf(csv, sizeof(csv), "organisasjonsnummer;navn;organisasjonsform.kode\n999900100;%s;FLI\n", long_text);
	assert_int_equal(registercsv_parse(csv, strlen(csv), NULL, NULL, &res), -1);
	assert_string_equal(faults[0].field, "navn");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_sample_units),
		cmocka_unit_test(test_sample_listing),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_long_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
