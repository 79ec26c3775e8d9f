/*
 * h_common.c - strict query parsing and db-status-to-problem mapping for handlers.
 */
#include "h_common.h"
#include "http.h"
#include "problem.h"
#include "util.h"

#include <stdio.h>

int
h_parse_query(struct http_req *req, struct query *q, const char *const *allowed)
{
	const char *bad = NULL, *unknown;
	struct buf msg = { 0 };
	size_t i;

	switch (query_parse(q, req->query, &bad)) {
	case QUERY_OK:
		break;
	case QUERY_TOO_LONG:
		problem_bad_param(req, "query", "Adressens parametere er for lange.");
		return -1;
	case QUERY_TOO_MANY:
		problem_bad_param(req, "query", "For mange parametere i adressen.");
		return -1;
	case QUERY_DUPLICATE:
		problem_bad_param(req, bad ? bad : "query", "Parameteren er oppgitt mer enn én gang.");
		return -1;
	case QUERY_BAD_ENCODING:
		problem_bad_param(req, bad ? bad : "query", "Ugyldig tegnkoding (prosent-koding) i adressen.");
		return -1;
	}
	if ((unknown = query_unknown(q, allowed)) == NULL)
		return 0;
	if (allowed[0] == NULL) {
		buf_puts(&msg, "Denne adressen tar ingen parametere.");
	} else {
		buf_puts(&msg, "Ukjent parameter. Tillatt: ");
		for (i = 0; allowed[i] != NULL; i++)
			buf_printf(&msg, "%s%s", i ? ", " : "", allowed[i]);
		buf_puts(&msg, ".");
	}
	problem_bad_param(req, unknown, msg.data);
	buf_free(&msg);
	return -1;
}

void
h_db_error(struct http_req *req, enum db_status st)
{
	switch (st) {
	case DB_NOTFOUND:
		problem_not_found(req);
		break;
	case DB_CONFLICT:
	case DB_RETRY:
		problem_send(req, 409, "conflict", "Konflikt", "Endringen kolliderte med en annen. Prøv igjen.");
		break;
	case DB_UNAVAILABLE:
		problem_unavailable(req);
		break;
	default:
		problem_internal(req);
		break;
	}
}
