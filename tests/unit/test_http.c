/*
 * test_http.c - request body bounds (Content-Length against a route's limit and the hard cap) and
 * media type matching, which the dispatcher uses to answer 413/415/400 before any handler runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "http/http.h"

static void
test_body_check(void **state)
{
	int64_t len = -1;
	(void)state;
	assert_int_equal(http_body_check(NULL, 0, &len), HTTP_BODY_OK);
	assert_int_equal(len, 0);
	assert_int_equal(http_body_check("", 0, &len), HTTP_BODY_OK);
	assert_int_equal(http_body_check("0", 0, &len), HTTP_BODY_OK);
	assert_int_equal(http_body_check("1", 0, &len), HTTP_BODY_TOO_LARGE);
	assert_int_equal(http_body_check("65536", 65536, &len), HTTP_BODY_OK);
	assert_int_equal(len, 65536);
	assert_int_equal(http_body_check("65537", 65536, &len), HTTP_BODY_TOO_LARGE);
	assert_int_equal(len, 65537);
	/* the hard cap holds whatever a route says */
	assert_int_equal(http_body_check("27262977", SIZE_MAX, &len), HTTP_BODY_TOO_LARGE);
	assert_int_equal(http_body_check("-1", 100, &len), HTTP_BODY_BAD_LENGTH);
	assert_int_equal(http_body_check("12a", 100, &len), HTTP_BODY_BAD_LENGTH);
	assert_int_equal(http_body_check(" 5", 100, &len), HTTP_BODY_BAD_LENGTH);
	assert_int_equal(http_body_check("99999999999999999999", 100, &len), HTTP_BODY_BAD_LENGTH);
	/* the hard cap itself is allowed, one byte more is not */
	{
		char n[32];
		snprintf(n, sizeof(n), "%zu", HTTP_BODY_HARD_MAX);
		assert_int_equal(http_body_check(n, SIZE_MAX, &len), HTTP_BODY_OK);
		assert_true(len == (int64_t)HTTP_BODY_HARD_MAX);
		snprintf(n, sizeof(n), "%zu", HTTP_BODY_HARD_MAX + 1);
		assert_int_equal(http_body_check(n, SIZE_MAX, &len), HTTP_BODY_TOO_LARGE);
		assert_int_equal(http_body_check("9223372036854775807", SIZE_MAX, &len), HTTP_BODY_TOO_LARGE);
	}
	assert_int_equal(http_body_check("+5", 100, &len), HTTP_BODY_BAD_LENGTH);
	assert_int_equal(http_body_check("5 ", 100, &len), HTTP_BODY_BAD_LENGTH);
	assert_int_equal(http_body_check("0x10", 100, &len), HTTP_BODY_BAD_LENGTH);
}

static void
test_content_type(void **state)
{
	(void)state;
	assert_true(http_content_type_is("application/json", "application/json"));
	assert_true(http_content_type_is("Application/JSON; charset=utf-8", "application/json"));
	assert_true(http_content_type_is("application/json ;charset=utf-8", "application/json"));
	assert_false(http_content_type_is("application/jsonx", "application/json"));
	assert_false(http_content_type_is("text/plain", "application/json"));
	assert_false(http_content_type_is("application/x-www-form-urlencoded", "application/json"));
	assert_false(http_content_type_is(NULL, "application/json"));
	assert_true(http_content_type_is("  application/json", "application/json"));
	assert_true(http_content_type_is("APPLICATION/JSON;charset=UTF-8", "application/json"));
	assert_false(http_content_type_is("application/json-patch+json", "application/json"));
	assert_false(http_content_type_is("application/jso", "application/json"));
	assert_false(http_content_type_is("", "application/json"));
	assert_true(http_content_type_is("multipart/form-data; boundary=x", "multipart/form-data"));
}

static void
test_safe_methods(void **state)
{
	(void)state;
	assert_true(http_method_safe(HTTP_GET));
	assert_true(http_method_safe(HTTP_HEAD));
	assert_false(http_method_safe(HTTP_POST));
	assert_false(http_method_safe(HTTP_PUT));
	assert_false(http_method_safe(HTTP_DELETE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_check), cmocka_unit_test(test_content_type), cmocka_unit_test(test_safe_methods),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
