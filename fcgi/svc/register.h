/*
 * register.h - the public registers in the portal: the offline import of a register file
 * (registercsv.h: Enhetsregisteret's units or Frivillighetsregisteret's list), what the register
 * says of a number, and the organisation's fields as the register gives them.
 *
 * register_import() checks every row first; a file with a fault imports nothing and every fault is
 * reported with its line. Otherwise one transaction adds or updates every row (by organisation
 * number: importing the same file again changes nothing), then sets the name, kind, municipality
 * and registrations of the portal's organisations the register holds, and records the import in
 * the security log. Used by `portal -E FILE` (portalctl import-register).
 */
#ifndef PORTAL_SVC_REGISTER_H
#define PORTAL_SVC_REGISTER_H

#include "svc/status.h"
#include "domain/register.h"
#include "domain/registercsv.h"

#include <stdbool.h>
#include <stddef.h>

struct register_import_result {
	enum registercsv_kind kind;
	size_t rows, added, changed, unchanged;
	size_t emails_unusable;      /* addresses left out: not usable */
	size_t orgs_updated;         /* portal organisations whose data the import changed */
	struct csv_fault faults[50]; /* the first 50 faults */
	size_t nfaults;              /* all faults */
};

/* SVC_OK when imported; SVC_CONFLICT when the file has faults (in r); else why not. */
enum svc_status register_import(const char *data, size_t len, struct register_import_result *r);

/* Whether register data is loaded, and whether it holds orgnr (then in *u). */
enum svc_status register_lookup(const char *orgnr, bool *loaded, bool *found, struct register_entry *u);

/* (register_apply, for the organisations' use cases, is in svc/svc_db.h.) */

#endif
