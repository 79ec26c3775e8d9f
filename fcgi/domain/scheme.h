/*
 * scheme.h - the rules that differ between the three schemes, checked at submission: who may
 * apply (kinds of organisation, the volunteer register, activity and members in the municipality,
 * national reach), operating support's own form (members, the year's activities, the last annual
 * accounts, no project budget, once per organisation and year), and the public scheme's (priority
 * areas with the county councils' own area, own contribution, participants, joint applications).
 * Pure functions over the draft and struct app_context (domain/application.h); every refusal is
 * added to errs with the field it concerns, in Norwegian. docs/domain.md, "The three schemes".
 */
#ifndef PORTAL_SCHEME_H
#define PORTAL_SCHEME_H

#include "domain/application.h"

#include <jansson.h>
#include <stdbool.h>

enum scheme_kind { SCHEME_VOLUNTARY = 0, SCHEME_OPERATING, SCHEME_PUBLIC };
/* How the budget is given: as a file or in the form (either), only one of them, or not at all. */
enum scheme_budget { SCHEME_BUDGET_FILE_OR_FORM = 0, SCHEME_BUDGET_FILE, SCHEME_BUDGET_FORM, SCHEME_BUDGET_NONE };

/* "voluntary", "operating", "public" (anything else: voluntary). */
enum scheme_kind scheme_kind_parse(const char *s);
/* "file_or_form", "file", "form", "none" (anything else: file_or_form). */
enum scheme_budget scheme_budget_parse(const char *s);

/* The organisation kind in words, e.g. "kommune" for "municipality". Never NULL. */
const char *scheme_org_kind_words(const char *kind);

/* Whether kind is in the SET value kinds ("voluntary,immigrant"). */
bool scheme_kind_allowed(const char *kinds, const char *kind);

/* Eligibility: the applicant's kind, registers, municipality and members, national reach. */
void scheme_check_applicant(const json_t *d, const struct app_context *c, struct app_errors *errs);

/* Operating support's form: members, activities, annual accounts, the amount; once a year. */
void scheme_check_operating(const json_t *d, const struct app_context *c, struct app_errors *errs);

/* The public scheme's conditions: areas (area 4 for county councils), own contribution,
 * participants, and the partners of a joint application. */
void scheme_check_public(const json_t *d, const struct app_context *c, struct app_errors *errs);

/* The period and the budget's form, for the schemes with a project budget. */
void scheme_check_period(const json_t *d, const struct app_context *c, struct app_errors *errs);

#endif
