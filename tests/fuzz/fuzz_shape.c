/*
 * fuzz_shape.c - the request shapes (http/shape.h, generated from the OpenAPI document) on a fuzzed
 * JSON body and a fuzzed query parameter text: the first byte picks an operation, the rest is the
 * input.
 *
 * Invariants: a check never crashes or reads out of bounds; it passes exactly when it reports no
 * error; every error names a field and says what is wrong; a body that passed passes again (the
 * check is deterministic and leaves the document alone); an integer text that passed parses to a
 * value within the shape's bounds.
 */
#include "http/shape.h"
#include "gen/api_ops.h"

#include "fuzz.h"

#include <jansson.h>

static void
body(const struct api_op *op, const char *s, size_t n)
{
	struct shape_errors e = { .n = 0 }, again = { .n = 0 };
	json_error_t jerr;
	json_t *doc = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	bool ok;
	size_t i;

	if (doc == NULL || op->body == NULL) {
		json_decref(doc);
		return;
	}
	ok = shape_check(op->body, doc, "", &e);
	FUZZ_CHECK(ok == (e.n == 0));
	for (i = 0; i < e.n; i++)
		FUZZ_CHECK(e.detail[i][0] != '\0');
	FUZZ_CHECK(shape_check(op->body, doc, "", &again) == ok && again.n == e.n);
	json_decref(doc);
}

static void
query(const struct api_op *op, const char *s)
{
	char detail[200];
	size_t i;

	for (i = 0; i < op->nquery; i++) {
		const struct shape *q = op->query[i].shape;
		detail[0] = '\0';
		if (shape_check_text(q, s, detail, sizeof(detail))) {
			if (q->type == SHAPE_INTEGER) {
				long long v = strtoll(s, NULL, 10);
				FUZZ_CHECK((!q->has_min || v >= q->min) && (!q->has_max || v <= q->max));
			}
		} else {
			FUZZ_CHECK(detail[0] != '\0');
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct api_op *op;
	char *s;

	if (size < 1)
		return 0;
	op = api_ops[data[0] % API_OPS_COUNT];
	s = fuzz_str(data + 1, size - 1);
	body(op, s, size - 1);
	query(op, s);
	free(s);
	return 0;
}
