/*
 * letter.h - the grant letter (tilskuddsbrev), the rejection letter and the dismissal letter, made
 * from a decision.
 *
 * letter_build() turns the facts of a decided case into the letter's content: a JSON object that is
 * frozen in the letters table when the letter is sent and that the pages render (and print). It
 * states the amount, purpose, conditions, payment plan, reporting duty (with the audit rule), and
 * the right to appeal within the window and to whom, or, where the call's appeal rule gives none
 * against the decision, that it cannot be appealed and what can. Pure: no I/O, no clock.
 */
#ifndef PORTAL_LETTER_H
#define PORTAL_LETTER_H

#include "domain/rules.h"

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

struct letter_facts {
	bool granted;                /* false: a rejection letter (or a dismissal letter) */
	bool dismissed;              /* a dismissal (avvisning): not assessed, a formal requirement unmet */
	bool appeal_limited;         /* the call's appeal rule is "dismissal_and_reactions": no appeal
	                              * against a grant or a rejection; the ministry, through IMDi */
	const char *reference, *date;            /* the date sent, Oslo, YYYY-MM-DD */
	const char *tenant, *tenant_kind;        /* "directorate" or "municipality" */
	const char *organisation, *orgnr, *title, *summary;
	int64_t applied_amount, amount;          /* amount: granted; ignored for a rejection */
	const char *reasons;                     /* may be NULL for a full grant */
	const char *signed_by;                   /* the decision maker's name; may be NULL */
	int64_t split_threshold, audit_threshold;
	int call_year;
	const char *report_due;                  /* YYYY-MM-DD */
	const char *appeal_deadline;             /* YYYY-MM-DD, Oslo */
	int appeal_days;
	const struct rules_pay *pay;             /* the call's payment terms; NULL: by split_threshold */
	const char *status_report_due;           /* YYYY-MM-DD; NULL or "": no status report */
	int64_t audit_base;                      /* what the audit threshold applies to; 0: the grant */
};

/* The letter's content (new reference); never NULL. */
json_t *letter_build(const struct letter_facts *f);

/* The letter as plain text for the email (allocated; the caller frees it). */
char *letter_text(const json_t *letter, const char *link);

#endif
