/*
 * valid.h - pure input validators. Each parses a string into a typed value within bounds,
 * or says no. No atoi, no unbounded strtol: every number has a range.
 */
#ifndef PORTAL_VALID_H
#define PORTAL_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest amount of money the portal accepts anywhere: 10 000 000 000 NOK. */
#define VALID_AMOUNT_MAX INT64_C(10000000000)

/* A calendar date and wall-clock time, no time zone attached. */
struct valid_datetime {
	int year, month, day;    /* 1..9999, 1..12, 1..31 */
	int hour, minute, second;
};

/* Decimal integer, optional leading '-', no spaces or '+', within [min, max]. */
bool valid_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Whole kroner: digits only, 0..VALID_AMOUNT_MAX. */
bool valid_amount(const char *s, int64_t *out);

/* Norwegian organisation number: 9 digits, modulus-11 check digit with weights 3 2 7 6 5 4 3 2. */
bool valid_orgnr(const char *s);

/* Days in the month (Gregorian). */
int valid_days_in_month(int year, int month);

/* YYYY-MM-DD, a real calendar date. */
bool valid_date(const char *s, struct valid_datetime *out);

/* YYYY-MM-DDTHH:MM[:SS], a real date and time of day. */
bool valid_datetime_local(const char *s, struct valid_datetime *out);

/* Lowercase slug: [a-z0-9-], 1..maxlen characters, not starting with '-'. */
bool valid_slug(const char *s, size_t maxlen);

/* Subgoal letter: one of A B C D. */
bool valid_subgoal(const char *s);

/* What valid_email_normalize found. */
enum valid_email {
	VALID_EMAIL_OK = 0,
	VALID_EMAIL_BAD = -1,        /* not an address (or too long for out) */
	VALID_EMAIL_NOT_ASCII = -2,  /* has characters outside ASCII (æ, ø, å, an IDN domain, ...) */
};

/* Copies email into out (size outlen) without the white space around it: ASCII white space and
 * the invisible spaces a paste brings (no-break, narrow no-break, zero-width, word joiner, byte
 * order mark, ideographic space). Returns 0, or -1 when it does not fit. */
int valid_email_trim(const char *email, char *out, size_t outlen);

/*
 * The one key of an address, for both the account lookup and the login throttle: trimmed
 * (valid_email_trim), a plausible address (valid_email_ok), ASCII only, lower-cased, into out
 * (size outlen). ASCII only because the users table compares addresses with a collation that
 * equals accent, width and ß variants: with non-ASCII input, addresses the normaliser keeps apart
 * would find one account. ASCII text is its own Unicode NFC. Returns an enum valid_email.
 */
int valid_email_normalize(const char *email, char *out, size_t outlen);

/* A plausible email address: 3..254 bytes, one '@', a dot in the domain, printable ASCII with no
 * spaces, and none of < > , ; */
bool valid_email_ok(const char *email);

#endif
