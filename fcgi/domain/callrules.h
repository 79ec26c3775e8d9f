/*
 * callrules.h - the rules of a call as pure functions over its JSON form: a scheme's defaults, the
 * checks every field must pass, what freezes once an application is submitted, and how a call is
 * copied to a later year (docs/domain.md, "Calls and their administration").
 *
 * A call here is a JSON object with the keys of the API's CallInput (fcgi/openapi.json): year,
 * title, description, opens_local and deadline_local (Europe/Oslo wall-clock "YYYY-MM-DDTHH:MM"),
 * sub_goals (codes), min_amount, max_amount, budget_frame, earmarks, criteria, reception_criteria,
 * applicant_kinds, the requires_* flags, min_participants, joint_applications, one_per_org,
 * required_attachments, budget_rule, one_project_per_application, max_years, payment_rule,
 * payment_split_threshold, spring_due, autumn_due, report_due, status_report_due, audit_threshold,
 * audit_scope, appeal_rule, appeal_window_days and contacts. The shape (types and bounds) is
 * checked against the OpenAPI document before these rules run.
 */
#ifndef PORTAL_CALLRULES_H
#define PORTAL_CALLRULES_H

#include "domain/application.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The kinds of scheme: voluntary organisations' integration work, operating support for local
 * immigrant organisations, and the scheme for municipalities and county councils. */
enum callrules_kind { CALLRULES_VOLUNTARY = 0, CALLRULES_OPERATING, CALLRULES_PUBLIC, CALLRULES_KIND_UNKNOWN };

/* The kind of its name ("voluntary", "operating", "public"); CALLRULES_KIND_UNKNOWN otherwise. */
enum callrules_kind callrules_kind_of(const char *name);

/* The assessment criteria every call starts with (IMDi's eleven), and those for measures at
 * asylum reception centres (three); NULL-terminated. */
extern const char *const callrules_criteria[];
extern const char *const callrules_reception_criteria[];

/* A complete call of a scheme of kind for year with the scheme's defaults (new reference); title
 * is the call's title. */
json_t *callrules_defaults(enum callrules_kind kind, int year, const char *title);

/* Checks the rules between the fields of a complete call of a scheme of kind: dates (real
 * Europe/Oslo times, the deadline after the opening), amounts (min <= max, earmarks on offered
 * codes and within the frame), the goal codes of the scheme's kind, applicant kinds, attachments,
 * payment and report dates, contacts. Adds an error naming each field at fault; true when none. */
bool callrules_check(const json_t *call, enum callrules_kind kind, struct app_errors *errs);

/* Checks a list of contact persons (name, role, email, phone), naming fields under prefix
 * (e.g. "contacts" or "items"). */
void callrules_check_contacts(const json_t *contacts, const char *prefix, struct app_errors *errs);

/* The fields that decide eligibility, amounts or money: frozen once an application to the call is
 * submitted; NULL-terminated. callrules_frozen tells whether a field is one of them. */
extern const char *const callrules_frozen_fields[];
bool callrules_frozen(const char *field);

/* The keys whose values differ between the complete calls before and after (at most max names,
 * borrowed from after's keys); returns how many. */
size_t callrules_changed(const json_t *before, const json_t *after, const char **names, size_t max);

/* An Oslo wall-clock time "YYYY-MM-DDTHH:MM" that exists (not in the hour skipped in spring) into dt. */
struct valid_datetime;
bool callrules_local(const char *s, struct valid_datetime *dt);

/* Moves call (complete) years on (1: next year's): the year (also in the title, where it names the
 * year) and every date and time (29 February becomes 28 February where there is none). */
void callrules_move_years(json_t *call, int years);

#endif
