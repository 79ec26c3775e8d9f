/*
 * register.h - the rules of the public registers and of signing authority (docs/domain.md,
 * "Organisations" and "Who may sign"): which kind of organisation a register form is, and how the
 * authority of a signer was established, in words for the receipt; and what the registers hold
 * about one number (struct register_entry). Pure.
 */
#ifndef PORTAL_REGISTER_H
#define PORTAL_REGISTER_H

#include "core/utf8.h"

#include <stdbool.h>
#include <stddef.h>

/* What the public registers hold about one organisation number (Enhetsregisteret, and whether it
 * is on Frivillighetsregisteret's list); strings are "" when not given. */
struct register_entry {
	char orgnr[10];
	char name[TEXT_CAP(200)];
	char form[TEXT_CAP(8)];
	char municipality[TEXT_CAP(100)];
	char email[255];
	char registered_on[11];     /* YYYY-MM-DD */
	bool volunteer;             /* flagged in Enhetsregisteret or on Frivillighetsregisteret's list */
	char volunteer_since[11];   /* from the list, YYYY-MM-DD */
};

/*
 * The kind of an organisation whose register form (organisasjonsform.kode) is form: FLI (forening,
 * lag eller innretning) is "voluntary", or "immigrant" when the organisation declares so (the
 * register does not say); STI "foundation"; KOMM "municipality"; FYLK "county". NULL for every
 * other form: the scheme is not for them. declared may be NULL.
 */
const char *register_kind(const char *form, const char *declared);

/* How a signer's authority was established (signer_authority in the database). */
struct register_authority {
	const char *method;          /* "register_email", "caseworker", "delegated", "legacy"; NULL: not recorded */
	const char *checked_against; /* caseworker: "register_roles" or "authorisation_document" */
	const char *email;           /* register_email: the register's address the link was sent to */
	const char *by;              /* caseworker: who checked; delegated: the signer who gave it */
	const char *tenant;          /* caseworker: the tenant's name */
	const char *note;            /* caseworker: the note; may be NULL */
	const char *date;            /* the Oslo date it was established, YYYY-MM-DD */
	bool public_body;            /* a municipality or county council: its director delegates, not a board */
};

/* Bytes that hold any authority's words. */
#define REGISTER_WORDS_MAX 2600

/* The authority in a Norwegian sentence or two, for the receipt (cut to len bytes between characters). */
void register_authority_words(const struct register_authority *a, char *out, size_t len);

/* "2026-03-03" -> "3. mars 2026" (out >= 24 bytes); "" when it is not a date. */
void register_date_words(const char *ymd, char *out, size_t len);

#endif
