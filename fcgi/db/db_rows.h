/*
 * db_rows.h - the structs that the db modules read rows of their own statements into (the COLF
 * targets that are no one else's business). Only for fcgi/db: db.c needs them to build the
 * statements' column specs.
 */
#ifndef PORTAL_DB_ROWS_H
#define PORTAL_DB_ROWS_H

#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

/* SESSION_CHECK (db_users.c) */
struct db_session_found {
	uint32_t gen;
	bool revoked;
};

/* TOKEN_FIND (db_users.c) */
struct db_token_found {
	int64_t id, user_id;
};

/* INVITE_FIND (db_apps.c) */
struct db_invite {
	int64_t id, org_id, invited_by;
	char email[255], role[16];
};

/* ATT_TOTALS (db_apps.c) */
struct db_totals {
	int64_t bytes;
	bool budget, tax;
};

/* CASE_GET (db_cases.c): what the possible duplicates are found by */
struct db_case_head {
	int64_t org_id, year;
	char title[TEXT_CAP(200)];
};

/* CASE_CRITERIA (db_casework.c) */
struct db_criterion {
	char name[TEXT_CAP(200)];
};

#endif
