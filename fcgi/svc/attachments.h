/*
 * attachments.h - the use cases of an application's attachments: adding one (the application's
 * while it is a draft, the report's once the grant is accepted and the report not approved; at
 * most 25 MiB in all), listing them, reading one back, and removing one from a draft. Each change
 * runs in one transaction with its case-log entry. The handler has checked the kind, the name and
 * the content's type.
 */
#ifndef PORTAL_ATTACHMENTS_H
#define PORTAL_ATTACHMENTS_H

#include "db/db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The attachment kinds of the report (audited_accounts, report), as against the application's. */
bool att_report_kind(const char *kind);

/* What the handler parsed (borrowed for the call). */
struct att_input {
	int64_t app_id, user_id;
	const char *kind, *filename, *type;  /* type: the sniffed content type */
	const void *content;
	size_t size;
};

enum att_outcome {
	ATT_OK = 0,
	ATT_NOT_DRAFT,       /* the application's attachments: no longer a draft */
	ATT_NOT_REPORTING,   /* the report's attachments: not in a reporting state */
	ATT_TOO_MUCH,        /* over the total for one application */
	ATT_DB,              /* *db says why (not found, conflict, unavailable, error) */
};

/* Adds the attachment; *id gets the new one. */
enum att_outcome att_add(const struct att_input *in, int64_t *id, enum db_status *db);

/* The application's attachments (an array, new reference in *items). */
enum db_status att_list(int64_t app_id, json_t **items);

/* One attachment of the application: its name and type, and the content (the caller frees
 * *content). DB_NOTFOUND. */
enum db_status att_get(int64_t id, int64_t app_id, char *filename, size_t fnlen, char *type, size_t typelen,
    char **content, size_t *size);

/* Removes the attachment from the draft and logs it (ATT_NOT_DRAFT once submitted). */
enum att_outcome att_remove(int64_t app_id, int64_t id, int64_t user_id, enum db_status *db);

#endif
