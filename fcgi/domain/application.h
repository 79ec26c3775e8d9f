/*
 * application.h - the rules of an application, as pure functions over its JSON draft.
 *
 * A draft is a JSON object with the keys below (all optional while drafting). app_draft_check
 * checks shape and bounds, which every save must pass. app_submit_check checks everything the call
 * and the domain demand (docs/domain.md, "Applications"), and returns every problem at once
 * with the field it concerns.
 *
 *   title, summary, goals, adaptation, volunteers: text
 *   sub_goals: ["A".."D"]           target_groups: [enum]          project_count: 1..20
 *   result_goals: [{text, measure}] milestones: [{date, text}]
 *   budget: {costs: [{text, amount}], own_contribution, other_funding: [{source, amount}]}
 *   applied_amount                  period: {start_year, years 1..3}
 *   partners: [{name, kind}]        reception_centre: {applies, management_agreement, contact_person,
 *   children_youth: bool                               residents_council}
 *   expected_participants           location: {municipality, place}
 *   other_funding_declaration: {has_other, details}
 *   members_total, members_local    activities: text (operating support)
 *   national_reach: bool            co_applicants: [{name, orgnr}] (a joint application)
 * sub_goals holds the priority areas ("1", "2", "4", "5") in the public scheme.
 */
#ifndef PORTAL_APPLICATION_H
#define PORTAL_APPLICATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define APP_MAX_ERRORS 64

/* Problems found, each with the field (a JSON path like "budget.costs[2].amount") and a message. */
struct app_errors {
	size_t n;
	struct {
		char field[64];
		char detail[200];
	} e[APP_MAX_ERRORS];
};

/* What the submission rules need to know besides the draft. */
struct app_context {
	const char *call_sub_goals;        /* e.g. "ABC" */
	int64_t min_amount, max_amount;
	bool one_project;
	bool municipal;                    /* a municipality's call: the activity must take place there */
	const char *municipality;          /* the tenant's municipality name, e.g. "Oslo" */
	bool org_volunteer_register;
	bool org_business_register;
	bool requires_business_register;
	bool org_has_employees;
	bool requires_budget_attachment;
	bool requires_tax_certificate;     /* when the organisation has employees */
	bool has_budget_attachment;
	bool has_tax_certificate;
	int call_year;
	/* the scheme's rules (domain/scheme.h) */
	int scheme_kind;                   /* enum scheme_kind */
	const char *org_kind;              /* voluntary, immigrant, foundation, municipality, county */
	const char *org_municipality;      /* where the organisation is registered */
	const char *applicant_kinds;       /* the call's SET value, e.g. "voluntary,immigrant,foundation" */
	bool requires_volunteer_register, requires_local_activity, requires_local_members;
	bool requires_national_reach, requires_own_contribution, joint_applications, one_per_org;
	int64_t min_participants;          /* 0: no minimum */
	int budget_rule;                   /* enum scheme_budget */
	int max_years;                     /* 1: one year only */
	bool has_accounts_attachment;      /* the last annual accounts (operating support) */
	int64_t same_year_applications;    /* one_per_org: the organisation's other applications this year */
	const char *county_only_goals;     /* the codes only county councils may apply under, e.g. "4" */
};

/* Budget totals, computed from the draft. */
struct app_budget {
	int64_t costs, own_contribution, other_funding, deficit;
};

void app_errors_add(struct app_errors *errs, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Shape and bounds of a draft; unknown keys are errors. Returns true when there is nothing wrong. */
bool app_draft_check(const json_t *draft, struct app_errors *errs);

/* Computes the budget totals (a draft that passed app_draft_check). */
void app_budget(const json_t *draft, struct app_budget *out);
/* The same figures as a JSON object {costs, own_contribution, other_funding, deficit} (new reference). */
json_t *app_budget_json(const json_t *draft);

/* Everything the call demands, for submission. Returns true when it may be submitted. */
bool app_submit_check(const json_t *draft, const struct app_context *ctx, struct app_errors *errs);

#endif
