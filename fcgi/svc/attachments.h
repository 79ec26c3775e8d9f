/*
 * attachments.h - the use cases of an application's attachments: adding one (the application's
 * while it is a draft, the report's once the grant is accepted and the report not approved; at
 * most 25 MiB per application, and the organisation's quota over all its applications), listing
 * them, reading one back, and removing one from a draft. Each change runs in one transaction with
 * its case-log entry. The handler has checked the kind and the name's form; the use case
 * recognises the content's type by its structure (domain/filetype.h) and stores the name cleaned,
 * with the type's extension. Names are cleaned again whenever they are read, so rows stored
 * before that rule are shown and downloaded by the same rule.
 */
#ifndef PORTAL_ATTACHMENTS_H
#define PORTAL_ATTACHMENTS_H

#include "svc/status.h"
#include "domain/filetype.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The attachment kinds of the report (audited_accounts, report), as against the application's. */
bool att_report_kind(const char *kind);

/* At most this much per application. */
#define ATT_APP_MAX ((int64_t)25 * 1024 * 1024)

/* What the handler parsed (borrowed for the call). */
struct att_input {
	int64_t app_id, org_id, user_id;  /* org_id: the application's organisation */
	int64_t org_max;                  /* bytes the organisation may store in all (its quota) */
	const char *kind, *filename;      /* filename: as given (well-formed UTF-8) */
	const void *content;
	size_t size;
};

/* What was stored. */
struct att_added {
	int64_t id;
	const char *type;                 /* the media type recognised (static) */
	char filename[FILETYPE_NAME_CAP]; /* the name stored */
};

enum att_outcome {
	ATT_OK = 0,
	ATT_BAD_TYPE,        /* not one of the allowed types (by structure); nothing stored */
	ATT_BAD_NAME,        /* the name is not well-formed UTF-8 */
	ATT_NOT_DRAFT,       /* the application's attachments: no longer a draft */
	ATT_NOT_REPORTING,   /* the report's attachments: not in a reporting state */
	ATT_TOO_MUCH,        /* over the total for one application (ATT_APP_MAX) */
	ATT_ORG_FULL,        /* over the organisation's quota (in->org_max) */
	ATT_DB,              /* *st says why (not found, conflict, unavailable, error) */
};

/* Adds the attachment; *out says what was stored. */
enum att_outcome att_add(const struct att_input *in, struct att_added *out, enum svc_status *st);

struct jw;
/* The application's attachments, oldest first, each an object {id, kind, filename, content_type,
 * size, created_at} into the array open on w, their names cleaned (as they are downloaded). */
enum svc_status att_list(int64_t app_id, struct jw *w);

/* One attachment of the application: the name to download it under (cleaned; filename holds
 * FILETYPE_NAME_CAP bytes), its type, and the content (the caller frees *content). SVC_NOT_FOUND. */
enum svc_status att_get(int64_t id, int64_t app_id, char filename[FILETYPE_NAME_CAP], char *type, size_t typelen,
    char **content, size_t *size);

/* Removes the attachment from the draft and logs it (ATT_NOT_DRAFT once submitted). */
enum att_outcome att_remove(int64_t app_id, int64_t id, int64_t user_id, enum svc_status *st);

#endif
