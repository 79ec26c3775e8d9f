/*
 * calladmin.h - the use cases of a tenant's call administration: list and read its calls (drafts
 * too), create one from a scheme's defaults or as a copy of another, change it (frozen rules
 * refused once an application is submitted), publish, delete a draft, extend the deadline or close
 * early (organisations with drafts are told), and the tenant's contact persons. Each change and its
 * log entry in call_events commit in one transaction that holds the call row FOR UPDATE, so a
 * submission (which holds it in share mode) cannot come between the check and the change. The
 * dispatcher has checked the tenant of the URL and the role; the body has passed its OpenAPI shape.
 */
#ifndef PORTAL_CALLADMIN_H
#define PORTAL_CALLADMIN_H

#include "svc/status.h"
#include "domain/application.h"

#include <jansson.h>
#include <stdint.h>

struct idem;

enum ca_outcome {
	CA_OK = 0,
	CA_INVALID,     /* errs names every field at fault (422) */
	CA_FROZEN,      /* errs names the frozen fields the change touches (409) */
	CA_REFUSED,     /* errs names the field and says why (409): published, exists, over the allocation */
	CA_KEY_REUSED,  /* the Idempotency-Key came with another request */
	CA_DB,          /* status says why */
};

struct ca_input {
	int64_t tenant_id;          /* the tenant of the URL */
	int64_t user_id;            /* the administrator */
	int64_t call_id;            /* the call of the URL (not create, not contacts) */
	const json_t *body;         /* borrowed: the request body */
	const struct idem *idem;    /* create: the Idempotency-Key, or NULL */
};

struct ca_result {
	enum svc_status status;     /* CA_DB: why */
	struct app_errors errs;     /* CA_INVALID, CA_FROZEN, CA_REFUSED */
	json_t *call;               /* CA_OK: the call as the API gives it (AdminCall), or the contacts; new reference */
};

enum svc_status calladmin_list(int64_t tenant_id, int64_t year, json_t **out);
enum svc_status calladmin_get(int64_t tenant_id, int64_t call_id, json_t **out);
enum ca_outcome calladmin_create(const struct ca_input *in, struct ca_result *out);
enum ca_outcome calladmin_update(const struct ca_input *in, struct ca_result *out);
enum ca_outcome calladmin_publish(const struct ca_input *in, struct ca_result *out);
enum ca_outcome calladmin_delete(const struct ca_input *in, struct ca_result *out);
/* body: {deadline_local} or {close: true}, and an optional reason told to the organisations */
enum ca_outcome calladmin_deadline(const struct ca_input *in, struct ca_result *out);

/* The tenant's contact persons as {items: [...]} (new reference). */
enum svc_status calladmin_contacts(int64_t tenant_id, json_t **out);
/* body: {items: [...]}: replaces them; out->call is the new list as calladmin_contacts gives it. */
enum ca_outcome calladmin_contacts_put(const struct ca_input *in, struct ca_result *out);

#endif
