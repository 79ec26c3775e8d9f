/*
 * statimport.h - the statistics import: a table of one year's statistics per municipality, as
 * IMDi's yearly reports print it (domain/statcsv.h), into historical_statistics, all or nothing.
 * Each municipality is found by its name, its name with "kommune", its slug or a former name
 * (Skedsmo is Lillestrøm); an unknown or repeated municipality is a fault of its line. A printed
 * total (the SUM line) is compared with the sums of the rows: its differences are reported, not
 * refused, since printed tables do not always add up. The same file again changes nothing. Used by
 * IMDi's national admin's API route and by `portal -S YEAR:FILE` (portalctl import-statistics).
 */
#ifndef PORTAL_STATIMPORT_H
#define PORTAL_STATIMPORT_H

#include "svc/status.h"
#include "domain/statcsv.h"

#include <stddef.h>
#include <stdint.h>

struct statimport_result {
	size_t rows, imported, changed, unchanged;
	struct {
		enum stat_col col;
		int64_t printed, computed;
	} diffs[STAT_NCOLS];         /* where the printed total is not the rows' sum */
	size_t ndiff;
	struct csv_fault errs[50];   /* the first 50 faults */
	size_t nerr;                 /* all faults */
};

/* SVC_OK when imported; SVC_CONFLICT when the file has faults (in r), else why not. */
enum svc_status statimport_run(const char *data, size_t len, int year, int64_t user_id, struct statimport_result *r);

#endif
