/*
 * db_rows.h - the structs that the db modules read rows of their own statements into (the COLF
 * targets that are no one else's business). Only for fcgi/db: db.c needs them to build the
 * statements' column specs.
 */
#ifndef PORTAL_DB_ROWS_H
#define PORTAL_DB_ROWS_H

#include <stdbool.h>
#include <stdint.h>

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

#endif
