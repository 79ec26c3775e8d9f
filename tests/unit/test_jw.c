/*
 * test_jw.c - the streaming JSON writer: nesting, commas and keys, escapes as jansson writes
 * them, invalid UTF-8 replaced, misuse refused, and a jansson document written byte for byte
 * as json_dumps(JSON_COMPACT) writes it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/jw.h"

static void
test_nesting(void **state)
{
	struct buf b = { 0 };
	struct jw w;
	(void)state;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_int(&w, "total", -12);
	jw_arr(&w, "items");
	jw_obj(&w, NULL);
	jw_str(&w, "name", "Blåbær \"AS\"\n");
	jw_null(&w, "gone");
	jw_bool(&w, "ok", true);
	jw_end(&w);
	jw_str(&w, NULL, NULL);
	jw_raw(&w, NULL, "{\"a\":[1,2]}", 11);
	jw_end(&w);
	jw_arr(&w, "empty");
	jw_end(&w);
	jw_end(&w);
	assert_true(jw_ok(&w));
	assert_string_equal(b.data, "{\"total\":-12,\"items\":[{\"name\":\"Blåbær \\\"AS\\\"\\n\",\"gone\":null,\"ok\":true},"
	    "null,{\"a\":[1,2]}],\"empty\":[]}");
	buf_free(&b);
}

static void
test_escapes_and_bad_utf8(void **state)
{
	struct buf b = { 0 };
	struct jw w;
	(void)state;
	jw_init(&w, &b);
	jw_strn(&w, NULL, "a\x01\\/\t\xc3(\xff\xe2\x82\xac", 11);
	assert_true(jw_ok(&w));
	assert_string_equal(b.data, "\"a\\u0001\\\\/\\t\xef\xbf\xbd(\xef\xbf\xbd\xe2\x82\xac\"");
	buf_free(&b);
}

static void
test_misuse(void **state)
{
	struct buf b = { 0 };
	struct jw w;
	(void)state;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_int(&w, NULL, 1); /* a value without a key in an object */
	assert_false(jw_ok(&w));
	buf_reset(&b);
	jw_init(&w, &b);
	jw_arr(&w, NULL);
	jw_int(&w, "k", 1); /* a key in an array */
	assert_false(jw_ok(&w));
	buf_reset(&b);
	jw_init(&w, &b);
	jw_arr(&w, NULL); /* never closed */
	assert_false(jw_ok(&w));
	jw_end(&w);
	jw_end(&w); /* closed once too often */
	assert_false(jw_ok(&w));
	buf_reset(&b);
	jw_init(&w, &b);
	jw_int(&w, NULL, 1);
	jw_int(&w, NULL, 2); /* two values at the top */
	assert_false(jw_ok(&w));
	buf_free(&b);
}

static void
test_same_as_jansson(void **state)
{
	json_t *doc = json_pack("{s:s, s:I, s:b, s:n, s:[i, s, {}], s:{s:s}}", "title", "Språkkafé \"for\" alle\t\x7f",
	    "amount", (json_int_t)1269000, "ok", 0, "none", "list", 1, "æøå", "nested", "k", "\xf0\x9f\x98\x80");
	char *want = json_dumps(doc, JSON_COMPACT);
	struct buf b = { 0 };
	struct jw w;
	(void)state;
	jw_init(&w, &b);
	jw_json(&w, NULL, doc);
	assert_true(jw_ok(&w));
	assert_string_equal(b.data, want);
	free(want);
	json_decref(doc);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_escapes_and_bad_utf8),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_same_as_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
