/*
 * db_schemes.h - what the three schemes' rules read: a call's eligibility rules, an organisation's
 * kind and municipality, its other applications of the year, and a grant's terms and audit base.
 */
#ifndef PORTAL_DB_SCHEMES_H
#define PORTAL_DB_SCHEMES_H

#include "db/db.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

struct db_scheme_call {
	char kind[16];                 /* the scheme's: voluntary, operating, public */
	char applicant_kinds[64];
	bool requires_volunteer_register, requires_local_activity, requires_local_members;
	bool requires_national_reach, requires_own_contribution, joint_applications, one_per_org;
	int64_t min_participants, max_years;
	char budget_rule[16];
	char county_only[9];           /* the county councils' own goal codes, e.g. "4" */
};
enum db_status db_scheme_call(int64_t call_id, struct db_scheme_call *out);   /* DB_NOTFOUND */

struct db_scheme_org {
	char kind[16];
	char municipality[TEXT_CAP(100)];
};
enum db_status db_scheme_org(int64_t org_id, struct db_scheme_org *out);      /* DB_NOTFOUND */

/* The organisation's other applications (submitted or later) to calls of the call's tenant,
 * scheme and year, app_id left out. */
enum db_status db_scheme_same_year(int64_t org_id, int64_t call_id, int64_t app_id, int64_t *n);

struct db_scheme_terms {
	char payment_rule[16];         /* threshold, two_terms, one_term */
	char spring_due[11], autumn_due[11], status_report_due[11];   /* YYYY-MM-DD or "" */
	bool org_year;                 /* the audit threshold applies to the organisation's year */
	char scheme_kind[16];
};
enum db_status db_scheme_terms(int64_t case_id, struct db_scheme_terms *out);  /* DB_NOTFOUND */

/* amount plus the organisation's other grants at the case's tenant in the case's year. */
enum db_status db_scheme_org_year(int64_t case_id, int64_t amount, int64_t *total);

/* What the audit threshold of the case's call is measured against: the grant, or (audit rule per
 * organisation and year) the grant plus the organisation's other grants of the year. */
enum db_status db_scheme_audit_base(int64_t case_id, int64_t granted, int64_t *base);

/* The schemes' figures of a submitted application (each < 0: not given, NULL). */
enum db_status db_scheme_app_figures(int64_t app_id, int64_t members_local, int64_t own_contribution,
    int64_t participants);

#endif
