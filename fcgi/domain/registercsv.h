/*
 * registercsv.h - reading the public registers' CSV files for the register import: Brønnøysund's
 * Enhetsregisteret bulk file (the "enheter" download as CSV) and Frivillighetsregisteret's list of
 * registered voluntary organisations. The header names the columns as the registers do, compared
 * without case; the reader (csvread.h) takes ';', ',' or tab, quotes, a byte order mark, LF or
 * CRLF. Which file it is comes from the header:
 *
 *   Enhetsregisteret (has organisasjonsform.kode): organisasjonsnummer, navn, organisasjonsform.kode
 *   are required; forretningsadresse.kommune (else postadresse.kommune), epostadresse,
 *   registreringsdatoEnhetsregisteret and registrertIFrivillighetsregisteret are read when there.
 *   Frivillighetsregisteret (has registreringsdatoFrivillighetsregisteret): organisasjonsnummer and
 *   registreringsdatoFrivillighetsregisteret.
 *
 * Every other column is ignored (a field too long is a fault only in a column that is read). Each
 * row is checked: a valid organisation number (spaces allowed), a name of 1 to 200 characters, an
 * organisation form of 1 to 8 letters or digits, a municipality of at most 100 characters (written
 * "Nordre Follo" where the register writes "NORDRE FOLLO"), dates as YYYY-MM-DD or DD.MM.YYYY, and
 * yes/no as true/false, J/N, ja/nei or 1/0. An e-mail address that is not a usable address is
 * left out and counted, not a fault: the register's data is what it is. Pure.
 */
#ifndef PORTAL_REGISTERCSV_H
#define PORTAL_REGISTERCSV_H

#include "core/utf8.h"
#include "domain/csvread.h"

#include <stdbool.h>
#include <stddef.h>

enum registercsv_kind { REGISTERCSV_NONE = 0, REGISTERCSV_UNITS, REGISTERCSV_VOLUNTEER };

/* One unit of Enhetsregisteret. Strings are "" when not given. */
struct register_unit {
	char orgnr[10];
	char name[TEXT_CAP(200)];
	char form[TEXT_CAP(8)];           /* organisasjonsform.kode: FLI, STI, KOMM, FYLK, AS ... */
	char municipality[TEXT_CAP(100)];
	char email[255];                  /* normalised (valid_email_normalize) */
	char registered_on[11];           /* YYYY-MM-DD */
	bool volunteer;                   /* registrertIFrivillighetsregisteret */
	bool email_unusable;              /* an address was given but is not usable: left out */
};

/* One organisation on Frivillighetsregisteret's list. */
struct register_listing {
	char orgnr[10];
	char since[11];                   /* YYYY-MM-DD, or "" */
};

struct registercsv_row {
	int line;
	enum registercsv_kind kind;
	struct register_unit unit;        /* REGISTERCSV_UNITS */
	struct register_listing listing;  /* REGISTERCSV_VOLUNTEER */
};

/* Called for every row without a fault; a non-zero answer stops the reading and is returned. */
typedef int (*registercsv_fn)(void *arg, const struct registercsv_row *row);

struct registercsv_result {
	enum registercsv_kind kind;
	size_t rows;                      /* rows read (with or without faults) */
	size_t emails_unusable;
	struct csv_faults faults;         /* the caller sets v and max; n counts every fault */
};

#define REGISTERCSV_MAX_ROWS 5000000

/*
 * Reads data[0..len), calling fn (which may be NULL) with each good row. Returns 0 when there is
 * no fault, -1 when there are faults (res->faults), or what fn answered when it stopped the reading.
 */
int registercsv_parse(const char *data, size_t len, registercsv_fn fn, void *arg, struct registercsv_result *res);

#endif
