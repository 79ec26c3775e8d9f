/*
 * test_utf8.c - the one UTF-8 module: counting characters, well-formedness (overlongs,
 * surrogates, truncated sequences, past U+10FFFF), decoding one character, and copies that never
 * cut a character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/utf8.h"

static void
test_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_len(""), 0);
	assert_int_equal(utf8_len("abc"), 3);
	assert_int_equal(utf8_len("Bl\xc3\xa5" "b\xc3\xa6" "r"), 6);             /* Blåbær */
	assert_int_equal(utf8_len("\xf0\x9f\x98\x80!"), 2);                /* U+1F600 ! */
}

static void
test_valid(void **state)
{
	static const char *const good[] = { "", "plain", "\xc3\xb8", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf" };
	static const char *const bad[] = {
		"\xc3", "\xe2\x82", "\xf0\x9f\x98", /* cut short */
		"\xc0\xaf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf", /* overlong */
		"\xed\xa0\x80", /* a surrogate */ "\xf4\x90\x80\x80", /* past U+10FFFF */
		"\x80", "\xbf", "\xff", "\xc3\x28", /* stray or bad continuation */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(utf8_valid(good[i], strlen(good[i])));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (utf8_valid(bad[i], strlen(bad[i])))
			fail_msg("bad sequence %zu accepted", i);
}

static void
test_copy_never_cuts_a_character(void **state)
{
	char small[4], fit[TEXT_CAP(3)];
	(void)state;
	/* "aøø": 5 bytes; 3 bytes of room would end inside the second ø */
	assert_int_equal(utf8_copy(small, "a\xc3\xb8\xc3\xb8", sizeof(small)), -1);
	assert_string_equal(small, "a\xc3\xb8");
	assert_true(utf8_valid(small, strlen(small)));
	assert_int_equal(utf8_copy(small, "\xf0\x9f\x98\x80", sizeof(small)), -1); /* 4 bytes in 3: nothing */
	assert_string_equal(small, "");
	assert_int_equal(utf8_copy(small, "abc", sizeof(small)), 0);
	assert_string_equal(small, "abc");
	/* TEXT_CAP(n) holds any n characters */
	assert_int_equal(utf8_copy(fit, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", sizeof(fit)), 0);
	assert_int_equal(utf8_len(fit), 3);
	/* a source that is itself cut (or broken) is copied only up to its last whole character */
	assert_int_equal(utf8_copy(fit, "ab\xc3", sizeof(fit)), -1);
	assert_string_equal(fit, "ab");
	assert_int_equal(utf8_copy(fit, "a\xff" "b", sizeof(fit)), -1);
	assert_string_equal(fit, "a");
	assert_int_equal(utf8_prefix("a\xc3\xb8", 2), 1);
	assert_int_equal(utf8_prefix("a\xc3\xb8", 3), 3);
	assert_int_equal(utf8_prefix("a\xc3\xb8", 100), 3);
}

static void
test_decode(void **state)
{
	unsigned long cp = 7;
	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa6", 2, &cp), 2);            /* æ */
	assert_int_equal(cp, 0xe6);
	assert_int_equal(utf8_decode("\xe2\x80\xae", 3, &cp), 3);        /* U+202E */
	assert_int_equal(cp, 0x202e);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);    /* U+1F600 */
	assert_int_equal(cp, 0x1f600);
	cp = 7;
	assert_int_equal(utf8_decode("\xe2\x80\xae", 2, &cp), 0);        /* cut short */
	assert_int_equal(utf8_decode("\xc0\x80", 2, &cp), 0);             /* overlong */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);        /* surrogate */
	assert_int_equal(utf8_decode("a", 0, &cp), 0);
	assert_int_equal(cp, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_len),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_copy_never_cuts_a_character),
		cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
