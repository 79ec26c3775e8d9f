/*
 * params.c - parses a request's query string and checks it against its operation (params.h).
 */
#include "http/params.h"
#include "http/http.h"
#include "http/problem.h"
#include "http/shape.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Answers 400 for a key the operation does not declare, listing the ones it does. */
static void
params_unknown(struct http_req *req, const struct api_op *op, const char *key)
{
	struct buf msg = { 0 };
	size_t i, n = op ? op->nquery : 0;

	if (n == 0) {
		buf_puts(&msg, "Denne adressen tar ingen parametere.");
	} else {
		buf_puts(&msg, "Ukjent parameter. Tillatt: ");
		for (i = 0; i < n; i++)
			buf_printf(&msg, "%s%s", i ? ", " : "", op->query[i].name);
		buf_puts(&msg, ".");
	}
	problem_bad_param(req, key, msg.data);
	buf_free(&msg);
}

/* Parses the query string into req->q; answers 400 and returns -1 when it is malformed. */
static int
params_parse(struct http_req *req)
{
	const char *bad = NULL;

	switch (query_parse(&req->q, req->query, &bad)) {
	case QUERY_OK:
		return 0;
	case QUERY_TOO_LONG:
		problem_bad_param(req, "query", "Adressens parametere er for lange.");
		break;
	case QUERY_TOO_MANY:
		problem_bad_param(req, "query", "For mange parametere i adressen.");
		break;
	case QUERY_DUPLICATE:
		problem_bad_param(req, bad ? bad : "query", "Parameteren er oppgitt mer enn én gang.");
		break;
	case QUERY_BAD_ENCODING:
		problem_bad_param(req, bad ? bad : "query", "Ugyldig tegnkoding (prosent-koding) i adressen.");
		break;
	}
	return -1;
}

int
params_read(struct http_req *req)
{
	const struct api_op *op = req->route ? req->route->op : NULL;
	const char *v;
	char detail[200];
	size_t i, j;

	if (params_parse(req) != 0)
		return -1;
	for (i = 0; i < req->q.n; i++) {
		for (j = 0; op && j < op->nquery && strcmp(op->query[j].name, req->q.p[i].key) != 0; j++)
			;
		if (op == NULL || j == op->nquery) {
			params_unknown(req, op, req->q.p[i].key);
			return -1;
		}
	}
	for (j = 0; op && j < op->nquery; j++) {
		v = query_get(&req->q, op->query[j].name);
		if (v == NULL && op->query[j].required) {
			problem_bad_param(req, op->query[j].name, "Må oppgis.");
			return -1;
		}
		if (v && !shape_check_text(op->query[j].shape, v, detail, sizeof(detail))) {
			problem_bad_param(req, op->query[j].name, detail);
			return -1;
		}
	}
	return 0;
}

const char *
params_get(const struct http_req *req, const char *name)
{
	return query_get(&req->q, name);
}

int64_t
params_int(const struct http_req *req, const char *name, int64_t dflt)
{
	const char *v = query_get(&req->q, name);
	return v ? strtoll(v, NULL, 10) : dflt;
}
