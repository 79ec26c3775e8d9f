/*
 * test_shape.c - unit tests for shape.c against the shapes generated from the OpenAPI document
 * (build/gen/api_ops.c): strings counted in characters, integers in bounds, enums, patterns,
 * dates, nullable values, required keys, unknown keys, nested arrays and objects with the paths
 * of their errors, the document's own messages, and query parameter texts.
 */
#include "http/shape.h"
#include "gen/api_ops.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Checks the JSON text body against op's body shape; returns the error count, e gets them. */
static size_t
check(const struct api_op *op, const char *body, struct shape_errors *e)
{
	json_error_t jerr;
	json_t *doc = json_loads(body, 0, &jerr);
	bool ok;

	assert_non_null(doc);
	e->n = 0;
	ok = shape_check(op->body, doc, "", e);
	assert_int_equal(ok, e->n == 0);
	json_decref(doc);
	return e->n;
}

/* The message for field, or NULL. */
static const char *
detail_of(const struct shape_errors *e, const char *field)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->field[i], field) == 0)
			return e->detail[i];
	return NULL;
}

static void
test_flat_body(void **state)
{
	struct shape_errors e;
	(void)state;

	assert_int_equal(check(&api_op_comment, "{\"body\":\"Ser bra ut.\"}", &e), 0);
	assert_int_equal(check(&api_op_comment, "{}", &e), 1);
	assert_string_equal(e.field[0], "body");
	assert_string_equal(e.detail[0], "Må fylles ut.");
	assert_int_equal(check(&api_op_comment, "{\"body\":null}", &e), 1); /* null is not given */
	assert_int_equal(check(&api_op_comment, "{\"body\":\"\"}", &e), 1);  /* minLength 1 */
	assert_int_equal(check(&api_op_comment, "{\"body\":42}", &e), 1);
	assert_int_equal(check(&api_op_comment, "{\"body\":\"x\",\"extra\":1}", &e), 1);
	assert_string_equal(e.field[0], "extra");
	assert_string_equal(e.detail[0], "Ukjent felt.");
	assert_int_equal(check(&api_op_payTerm, "{\"term\":2}", &e), 0);
	assert_int_equal(check(&api_op_payTerm, "{\"term\":3}", &e), 1);
	assert_int_equal(check(&api_op_payTerm, "{\"term\":1.5}", &e), 1);
	assert_int_equal(check(&api_op_payTerm, "{\"term\":\"1\"}", &e), 1);
	assert_int_equal(check(&api_op_accept, "{\"accept\":1}", &e), 1);
	assert_int_equal(check(&api_op_accept, "{\"accept\":false}", &e), 0);
}

static void
test_characters_not_bytes(void **state)
{
	struct shape_errors e;
	char body[1024];
	size_t n;
	(void)state;

	/* register's name has 1..200 characters: 200 "ø" (400 bytes) fit, 201 do not */
	n = (size_t)snprintf(body, sizeof(body), "{\"email\":\"a@b.no\",\"password\":\"Et-langt-passord\",\"name\":\"");
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "\xc3\xb8");
	snprintf(body + n, sizeof(body) - n, "\"}");
	assert_int_equal(check(&api_op_register, body, &e), 0);
	body[n] = '\0';
	snprintf(body + n, sizeof(body) - n, "\xc3\xb8\"}");
	assert_int_equal(check(&api_op_register, body, &e), 1);
	assert_string_equal(e.field[0], "name");
}

static void
test_enum_pattern_date(void **state)
{
	struct shape_errors e;
	(void)state;

	assert_int_equal(check(&api_op_decide, "{\"outcome\":\"grant\",\"amount\":5000}", &e), 0);
	assert_int_equal(check(&api_op_decide, "{\"outcome\":\"maybe\"}", &e), 1);
	assert_string_equal(e.detail[0], "Velg vedtak: innvilge, innvilge delvis, avslå eller avvise."); /* x-invalid */
	assert_int_equal(check(&api_op_requestAccess, "{\"orgnr\":\"123456789\"}", &e), 0);
	assert_int_equal(check(&api_op_requestAccess, "{\"orgnr\":\"12345678a\"}", &e), 1);
	assert_int_equal(check(&api_op_requestAccess, "{\"orgnr\":\"1234567890\"}", &e), 1);
	assert_int_equal(check(&api_op_updateOrganisation,
	    "{\"name\":\"Lag\",\"municipality\":\"Oslo\",\"kind\":\"voluntary\",\"volunteer_register\":true,"
	    "\"volunteer_since\":\"2019-02-28\",\"business_register\":false,\"business_since\":null}", &e), 0);
	assert_int_equal(check(&api_op_updateOrganisation,
	    "{\"name\":\"Lag\",\"municipality\":\"Oslo\",\"kind\":\"voluntary\",\"volunteer_register\":true,"
	    "\"volunteer_since\":\"2019-02-30\",\"business_register\":false}", &e), 1);
	assert_string_equal(e.field[0], "volunteer_since");
}

static void
test_nested(void **state)
{
	struct shape_errors e;
	(void)state;

	assert_int_equal(check(&api_op_assess,
	    "{\"scores\":[{\"criterion\":\"a\",\"score\":5},{\"criterion\":\"b\",\"score\":null}],"
	    "\"eligibility\":{\"volunteer_register\":true,\"location\":true,\"not_excluded\":false}}", &e), 0);
	assert_int_equal(check(&api_op_assess,
	    "{\"scores\":[{\"criterion\":\"a\",\"score\":6},{\"criterion\":\"b\"}],"
	    "\"eligibility\":{\"volunteer_register\":true,\"location\":1}}", &e), 4);
	assert_non_null(detail_of(&e, "scores[0].score"));
	assert_string_equal(detail_of(&e, "scores[1].score"), "Må fylles ut.");
	assert_non_null(detail_of(&e, "eligibility.location"));
	assert_string_equal(detail_of(&e, "eligibility"),
	    "Oppgi volunteer_register, location og not_excluded som true eller false."); /* named as a whole */
	assert_int_equal(check(&api_op_report,
	    "{\"goals_reached\":\"Ja\",\"participants\":12,\"activities\":\"Kurs\",\"accounts\":[]}", &e), 1);
	assert_string_equal(e.field[0], "accounts");
	assert_int_equal(check(&api_op_report,
	    "{\"goals_reached\":\"Ja\",\"participants\":12,\"activities\":\"Kurs\","
	    "\"accounts\":[{\"item\":\"Leie\",\"budget\":100,\"actual\":-1}]}", &e), 1);
	assert_string_equal(e.field[0], "accounts[0].actual");
}

static void
test_query_text(void **state)
{
	const struct api_op *op = &api_op_inbox;
	char detail[200];
	const struct shape *page = NULL, *assignee = NULL, *sort = NULL;
	(void)state;

	for (size_t i = 0; i < op->nquery; i++) {
		if (strcmp(op->query[i].name, "page") == 0)
			page = op->query[i].shape;
		if (strcmp(op->query[i].name, "assignee") == 0)
			assignee = op->query[i].shape;
		if (strcmp(op->query[i].name, "sort") == 0)
			sort = op->query[i].shape;
	}
	assert_non_null(page);
	assert_true(shape_check_text(page, "1", detail, sizeof(detail)));
	assert_true(shape_check_text(page, "100000", detail, sizeof(detail)));
	assert_false(shape_check_text(page, "0", detail, sizeof(detail)));
	assert_false(shape_check_text(page, "100001", detail, sizeof(detail)));
	assert_false(shape_check_text(page, "1e3", detail, sizeof(detail)));
	assert_false(shape_check_text(page, "", detail, sizeof(detail)));
	assert_true(shape_check_text(assignee, "me", detail, sizeof(detail)));
	assert_true(shape_check_text(assignee, "none", detail, sizeof(detail)));
	assert_true(shape_check_text(assignee, "42", detail, sizeof(detail)));
	assert_false(shape_check_text(assignee, "042", detail, sizeof(detail)));
	assert_false(shape_check_text(assignee, "mine", detail, sizeof(detail)));
	assert_string_equal(detail, "Oppgi me, none eller en saksbehandlers nummer.");
	assert_true(shape_check_text(sort, "-amount", detail, sizeof(detail)));
	assert_false(shape_check_text(sort, "amount ", detail, sizeof(detail)));
}

/* the same name has the same bounds in every operation (the generator refuses otherwise) */
static void
test_same_name_same_bounds(void **state)
{
	const struct shape *seen = NULL;
	(void)state;

	for (size_t k = 0; k < API_OPS_COUNT; k++)
		for (size_t i = 0; i < api_ops[k]->nquery; i++)
			if (strcmp(api_ops[k]->query[i].name, "per_page") == 0) {
				const struct shape *s = api_ops[k]->query[i].shape;
				if (seen)
					assert_true(s->min == seen->min && s->max == seen->max);
				seen = s;
			}
	assert_non_null(seen);
	assert_int_equal(seen->max, 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_body),
		cmocka_unit_test(test_characters_not_bytes),
		cmocka_unit_test(test_enum_pattern_date),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_query_text),
		cmocka_unit_test(test_same_name_same_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
