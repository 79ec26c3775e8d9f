/*
 * grantimport.h - the historical import: a CSV of past grants (grantcsv.h) into historical_grants,
 * all or nothing. Every row is checked first (format, and that its tenant exists); if any row is
 * wrong nothing is imported and every fault is reported with its line. Rows are keyed by their
 * values and occurrence, so importing the same file again changes nothing. Used by the IMDi
 * admin's API route and by `portal -I FILE` (portalctl import). A row names its scheme (a code; none:
 * the integration grant to voluntary organisations, frivillig-integrering), which must exist; its goal
 * is a sub-goal (A-D) in a scheme for organisations and a priority area (1, 2, 4, 5) in the scheme
 * for municipalities and county councils (kind public).
 */
#ifndef PORTAL_GRANTIMPORT_H
#define PORTAL_GRANTIMPORT_H

#include "svc/status.h"
#include "domain/grantcsv.h"

#include <stddef.h>
#include <stdint.h>

struct grantimport_result {
	size_t rows, imported, unchanged;
	int64_t total;               /* the sum of the amounts read (the known ones) */
	size_t unknown;              /* rows whose amount the source does not give */
	struct csv_fault errs[50]; /* the first 50 faults */
	size_t nerr;                 /* all faults */
};

/* SVC_OK when imported (or nothing new); SVC_CONFLICT when the file has faults (in r), else why not. */
enum svc_status grantimport_run(const char *data, size_t len, int64_t user_id, struct grantimport_result *r);

#endif
