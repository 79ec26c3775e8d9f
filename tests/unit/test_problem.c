/*
 * test_problem.c - the RFC 9457 problem details every error answer carries: type URI from a
 * stable slug, title, integer status, optional detail, and the list of fields at fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "http/problem.h"

static void
test_shape(void **state)
{
	json_t *p = problem_build(404, "not-found", "Fant ikke ressursen", "Ingen ressurs her.", NULL, 0);
	(void)state;
	assert_string_equal(json_string_value(json_object_get(p, "type")), PROBLEM_BASE "not-found");
	assert_string_equal(json_string_value(json_object_get(p, "title")), "Fant ikke ressursen");
	assert_true(json_is_integer(json_object_get(p, "status")));
	assert_int_equal(json_integer_value(json_object_get(p, "status")), 404);
	assert_string_equal(json_string_value(json_object_get(p, "detail")), "Ingen ressurs her.");
	assert_null(json_object_get(p, "errors"));
	assert_int_equal(json_object_size(p), 4);
	json_decref(p);

	p = problem_build(503, "service-unavailable", "Utilgjengelig", NULL, NULL, 0);
	assert_null(json_object_get(p, "detail"));
	assert_int_equal(json_object_size(p), 3);
	json_decref(p);
}

static void
test_fields_roundtrip(void **state)
{
	struct problem_field f[] = { { "year", "Året må være et tall." }, { "budget.costs[2].amount", "Må være et heltall." } };
	json_t *p = problem_build(422, "validation-failed", "Noen felt må rettes", "Rett dem.", f, 2), *back, *errs;
	char *text = json_dumps(p, JSON_COMPACT);
	(void)state;
	back = json_loads(text, 0, NULL);
	assert_non_null(back);
	assert_true(json_equal(p, back));
	errs = json_object_get(back, "errors");
	assert_int_equal(json_array_size(errs), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 1), "field")), "budget.costs[2].amount");
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "detail")), "Året må være et tall.");
	assert_int_equal(json_object_size(json_array_get(errs, 0)), 2);
	free(text);
	json_decref(back);
	json_decref(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_shape), cmocka_unit_test(test_fields_roundtrip) };
	return cmocka_run_group_tests_name("problem", tests, NULL, NULL);
}
