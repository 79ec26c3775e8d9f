/*
 * db_calls.h - tenants and calls as typed structs, read from the database.
 *
 * Ownership: the tenants are given one by one to the caller's function; the call functions fill
 * caller-provided structs whose arrays and strings are owned by them; release with the matching
 * _free function (NULL-safe, idempotent).
 */
#ifndef PORTAL_DB_CALLS_H
#define PORTAL_DB_CALLS_H

#include "db/db.h"
#include "domain/valid.h"

#include <stdbool.h>
#include <stdint.h>
#include "core/utf8.h"

struct db_tenant {
	char slug[33];
	char name[TEXT_CAP(128)];
	char kind[16];          /* "directorate" or "municipality" */
	int64_t open_calls;
};

/* Called for each tenant (borrowed for the call); non-zero stops the reading (an error). */
typedef int (*db_tenant_fn)(void *arg, const struct db_tenant *t);

/* fn with every tenant, IMDi first, then by Norwegian name; open_calls counted at now (Oslo
 * wall-clock). */
enum db_status db_tenants_each(const struct valid_datetime *now, db_tenant_fn fn, void *arg);

struct db_earmark {
	char sub_goal;           /* 'A'..'D' */
	int64_t amount;
};

struct db_call {
	int64_t id;
	struct db_tenant tenant;     /* open_calls unused */
	char scheme_code[65];
	char scheme_name[TEXT_CAP(255)];
	int64_t year;
	char title[TEXT_CAP(255)];
	char *description;           /* owned */
	struct valid_datetime opens, deadline; /* Oslo wall-clock */
	int64_t min_amount, max_amount;
	char sub_goals[5];           /* e.g. "ABC" */
	bool one_project;
	bool has_frame;
	int64_t budget_frame;
	bool has_report_due;
	struct valid_datetime report_due;
	int64_t split_threshold, audit_threshold, appeal_days;
	char *criteria_json;         /* owned; a JSON array of strings, or NULL */
	size_t n_earmarks;
	struct db_earmark earmarks[4];
	bool requires_budget, requires_tax_certificate, requires_business_register;
};

enum db_call_status { DB_CALLS_ANY = 0, DB_CALLS_OPEN = 1, DB_CALLS_CLOSED = 2, DB_CALLS_UPCOMING = 3 };

struct db_call_filter {
	const char *tenant;          /* slug or NULL */
	int64_t year;                /* 0 = any */
	enum db_call_status status;
	int64_t page, per_page;      /* page from 1 */
};

struct db_call_list {
	struct db_call *items;       /* owned */
	size_t n;
	int64_t total;               /* matching calls over all pages */
};

/* One page of calls as summaries: description, criteria_json and earmarks are left empty. */
enum db_status db_calls_list(const struct db_call_filter *f, const struct valid_datetime *now,
    struct db_call_list *out);
void db_call_list_free(struct db_call_list *l);

/* One call the public sees at now (Oslo): published and open or closed; DB_NOTFOUND when there is
 * none. Free with db_call_free. */
enum db_status db_call_get(int64_t id, const struct valid_datetime *now, struct db_call *out);
void db_call_free(struct db_call *c);

#endif
