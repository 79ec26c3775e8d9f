/*
 * calladmin_db.h - for svc/calladmin.c alone: a call's row (db_calladmin.h) as the JSON form the
 * rules work on (domain/callrules.h, the API's CallInput keys and "scheme"), back again, and the
 * answer the API gives (AdminCall).
 */
#ifndef PORTAL_CALLADMIN_DB_H
#define PORTAL_CALLADMIN_DB_H

#include "db/db_calladmin.h"

#include <jansson.h>

/* The call's form (new reference), with contacts (taken; NULL: []). */
json_t *ca_doc_of(const struct db_ca_call *c, json_t *contacts);
/* The form's rules into c (ids, scheme and tenant left as they are); c's strings are allocated
 * (db_ca_call_free). */
void ca_row_of(const json_t *doc, struct db_ca_call *c);
/* The form's earmarks as "B:15000000,C:100000" into out. */
void ca_earmarks_text(const json_t *doc, char *out, size_t len);
/* The answer: the form with the call's identity, names of the goal codes, times with their offset,
 * status, publication and freezing (new reference). goal_names: {code: name}. */
json_t *ca_render(const struct db_ca_call *c, const json_t *doc, const json_t *goal_names);
/* The contacts array of the form as the db's list (borrowed strings; n at most max). */
size_t ca_contacts_of(const json_t *contacts, struct db_contact *out, size_t max);

#endif
