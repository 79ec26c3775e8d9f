/*
 * test_query.c - unit tests for query.c: query_parse (decoding, '+', %xx, bad encodings,
 * duplicates, empty pairs, the parameter and length limits), query_get, query_unknown, and
 * cookie_get (several cookies, spaces, quoted values, names that are prefixes of others,
 * values too long for the buffer, absent cookies, no header).
 */
#include "http/query.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void
test_parse_ok(void **state)
{
	static const struct {
		const char *qs;
		size_t n;
		const char *kv[8]; /* key, value, key, value, ... */
	} cases[] = {
		{ NULL, 0, { NULL } },
		{ "", 0, { NULL } },
		{ "a=1", 1, { "a", "1" } },
		{ "year=2026&tenant=oslo", 2, { "year", "2026", "tenant", "oslo" } },
		{ "q=hello+world", 1, { "q", "hello world" } },
		{ "q=a%20b%2Bc", 1, { "q", "a b+c" } },
		{ "q=%C3%B8l", 1, { "q", "\xc3\xb8l" } },          /* UTF-8 "øl" */
		{ "q=%c3%b8", 1, { "q", "\xc3\xb8" } },            /* lowercase hex */
		{ "k%20ey=v", 1, { "k ey", "v" } },                /* keys are decoded too */
		{ "q=a%3Db%26c", 1, { "q", "a=b&c" } },            /* encoded separators stay in the value */
		{ "q=a=b", 1, { "q", "a=b" } },                    /* only the first '=' splits */
		{ "flag", 1, { "flag", "" } },
		{ "flag=", 1, { "flag", "" } },
		{ "a=1&&b=2", 2, { "a", "1", "b", "2" } },         /* empty pairs are skipped */
		{ "&a=1&", 1, { "a", "1" } },
		{ "&&&", 0, { NULL } },
		{ "tab=%09", 1, { "tab", "\t" } },                 /* TAB is allowed */
	};
	size_t i, j;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct query q;
		const char *bad = "untouched";
		enum query_err err = query_parse(&q, cases[i].qs, &bad);
		if (err != QUERY_OK)
			fail_msg("\"%s\": error %d", cases[i].qs ? cases[i].qs : "(null)", (int)err);
		assert_null(bad);
		assert_int_equal(q.n, cases[i].n);
		for (j = 0; j < cases[i].n; j++) {
			assert_string_equal(q.p[j].key, cases[i].kv[2 * j]);
			assert_string_equal(q.p[j].value, cases[i].kv[2 * j + 1]);
			assert_string_equal(query_get(&q, cases[i].kv[2 * j]), cases[i].kv[2 * j + 1]);
		}
	}
}

static void
test_parse_errors(void **state)
{
	static const struct {
		const char *qs;
		enum query_err err;
		const char *bad_key; /* expected *bad_key, NULL for none */
	} cases[] = {
		{ "q=%zz", QUERY_BAD_ENCODING, "q" },
		{ "a=1&q=%4", QUERY_BAD_ENCODING, "q" },
		{ "q=%", QUERY_BAD_ENCODING, "q" },
		{ "q=%4g", QUERY_BAD_ENCODING, "q" },
		{ "q=%00", QUERY_BAD_ENCODING, "q" },
		{ "q=a%0Ab", QUERY_BAD_ENCODING, "q" },             /* LF */
		{ "q=a%0db", QUERY_BAD_ENCODING, "q" },             /* CR */
		{ "q=%1F", QUERY_BAD_ENCODING, "q" },
		{ "q=%7F", QUERY_BAD_ENCODING, "q" },               /* DEL */
		{ "q=a\x01" "b", QUERY_BAD_ENCODING, "q" },         /* raw control character */
		{ "=x", QUERY_BAD_ENCODING, NULL },                 /* empty key */
		{ "a=1&=x", QUERY_BAD_ENCODING, NULL },
		{ "%zz=1", QUERY_BAD_ENCODING, NULL },              /* bad key: no name to report */
		{ "%00=1", QUERY_BAD_ENCODING, NULL },
		{ "a=1&a=2", QUERY_DUPLICATE, "a" },
		{ "a=1&b=2&a", QUERY_DUPLICATE, "a" },
		{ "a%20b=1&a+b=2", QUERY_DUPLICATE, "a b" },        /* the same after decoding */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct query q;
		const char *bad = "untouched";
		enum query_err err = query_parse(&q, cases[i].qs, &bad);
		if (err != cases[i].err)
			fail_msg("\"%s\": error %d, want %d", cases[i].qs, (int)err, (int)cases[i].err);
		if (cases[i].bad_key == NULL) {
			if (bad != NULL)
				fail_msg("\"%s\": bad_key \"%s\", want NULL", cases[i].qs, bad);
		} else {
			assert_non_null(bad);
			assert_string_equal(bad, cases[i].bad_key);
		}
	}
	/* bad_key may be NULL */
	{
		struct query q;
		assert_int_equal(query_parse(&q, "a=1&a=2", NULL), QUERY_DUPLICATE);
		assert_int_equal(query_parse(&q, "q=%zz", NULL), QUERY_BAD_ENCODING);
	}
}

/* Builds "k0=v&k1=v&...&k{n-1}=v" into a malloc'd string. */
static char *
make_params(size_t n, bool with_value)
{
	char *s = malloc(n * 16 + 1);
	size_t i, len = 0;
	assert_non_null(s);
	s[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "%sk%zu%s", i ? "&" : "", i, with_value ? "=v" : "");
	return s;
}

static void
test_param_count(void **state)
{
	struct query q;
	const char *bad;
	char *s;
	(void)state;

	s = make_params(QUERY_MAX_PARAMS, true);
	assert_int_equal(query_parse(&q, s, &bad), QUERY_OK);
	assert_int_equal(q.n, QUERY_MAX_PARAMS);
	assert_string_equal(query_get(&q, "k0"), "v");
	assert_string_equal(query_get(&q, "k31"), "v");
	free(s);

	s = make_params(QUERY_MAX_PARAMS + 1, true);
	assert_int_equal(query_parse(&q, s, &bad), QUERY_TOO_MANY);
	free(s);

	/* empty pairs do not count */
	{
		char buf[512];
		char *t = make_params(QUERY_MAX_PARAMS, true);
		snprintf(buf, sizeof(buf), "&&%s&&&", t);
		assert_int_equal(query_parse(&q, buf, &bad), QUERY_OK);
		assert_int_equal(q.n, QUERY_MAX_PARAMS);
		free(t);
	}
}

static void
test_length_limit(void **state)
{
	struct query q;
	const char *bad;
	char *s = malloc(QUERY_MAX_LEN + 2);
	(void)state;
	assert_non_null(s);

	/* exactly QUERY_MAX_LEN bytes: fine */
	s[0] = 'q';
	s[1] = '=';
	memset(s + 2, 'x', QUERY_MAX_LEN - 2);
	s[QUERY_MAX_LEN] = '\0';
	assert_int_equal(query_parse(&q, s, &bad), QUERY_OK);
	assert_int_equal(q.n, 1);
	assert_int_equal(strlen(query_get(&q, "q")), QUERY_MAX_LEN - 2);

	/* one more: too long */
	s[QUERY_MAX_LEN] = 'x';
	s[QUERY_MAX_LEN + 1] = '\0';
	assert_int_equal(query_parse(&q, s, &bad), QUERY_TOO_LONG);
	free(s);
}

/*
 * The worst case for the decoded storage: QUERY_MAX_PARAMS keys without '=' filling
 * QUERY_MAX_LEN bytes. Each such key decodes to key NUL + empty value NUL, one byte more
 * than its raw text plus separator.
 */
static void
test_storage_worst_case(void **state)
{
	struct query q;
	const char *bad;
	char *s = malloc(QUERY_MAX_LEN + 1);
	size_t off[QUERY_MAX_PARAMS], klen[QUERY_MAX_PARAMS];
	size_t i, len = 0, keylen;
	(void)state;
	assert_non_null(s);

	/* 32 distinct keys "kNNxxx..." separated by '&', QUERY_MAX_LEN bytes in all */
	keylen = (QUERY_MAX_LEN - (QUERY_MAX_PARAMS - 1)) / QUERY_MAX_PARAMS;
	for (i = 0; i < QUERY_MAX_PARAMS; i++) {
		if (i)
			s[len++] = '&';
		klen[i] = i == QUERY_MAX_PARAMS - 1 ? QUERY_MAX_LEN - len : keylen;
		off[i] = len;
		len += (size_t)sprintf(s + len, "k%02zu", i);
		memset(s + len, 'x', klen[i] - 3);
		len += klen[i] - 3;
	}
	s[len] = '\0';
	assert_int_equal(len, QUERY_MAX_LEN);

	assert_int_equal(query_parse(&q, s, &bad), QUERY_OK);
	assert_int_equal(q.n, QUERY_MAX_PARAMS);
	for (i = 0; i < QUERY_MAX_PARAMS; i++) {
		assert_int_equal(strlen(q.p[i].key), klen[i]);
		assert_memory_equal(q.p[i].key, s + off[i], klen[i]);
		assert_string_equal(q.p[i].value, "");
	}
	free(s);
}

static void
test_get_unknown(void **state)
{
	static const char *const allowed[] = { "year", "tenant", "page", NULL };
	static const char *const none[] = { NULL };
	struct query q;
	const char *bad;
	(void)state;

	assert_int_equal(query_parse(&q, "year=2026&tenant=oslo", &bad), QUERY_OK);
	assert_string_equal(query_get(&q, "year"), "2026");
	assert_string_equal(query_get(&q, "tenant"), "oslo");
	assert_null(query_get(&q, "page"));
	assert_null(query_get(&q, "Year"));
	assert_null(query_get(&q, "yea"));
	assert_null(query_unknown(&q, allowed));
	assert_string_equal(query_unknown(&q, none), "year");

	assert_int_equal(query_parse(&q, "year=2026&sort=x&zzz=1", &bad), QUERY_OK);
	assert_string_equal(query_unknown(&q, allowed), "sort"); /* the first one */

	assert_int_equal(query_parse(&q, "", &bad), QUERY_OK);
	assert_null(query_get(&q, "year"));
	assert_null(query_unknown(&q, none));
}

struct cookie_case {
	const char *header;
	const char *name;
	size_t outlen;
	bool found;
	const char *value;
};

static void
test_cookie_get(void **state)
{
	static const struct cookie_case cases[] = {
		{ "sid=abc", "sid", 64, true, "abc" },
		{ "a=1; sid=abc; b=2", "sid", 64, true, "abc" },
		{ "a=1;sid=abc;b=2", "sid", 64, true, "abc" },
		{ "a=1;   sid=abc  ;b=2", "sid", 64, true, "abc" },
		{ "a=1; b=2; sid=last", "sid", 64, true, "last" },
		{ "sid=\"quoted value\"", "sid", 64, true, "quoted value" },
		{ "sid=\"\"", "sid", 64, true, "" },
		{ "sid=", "sid", 64, true, "" },
		{ "sid=\"", "sid", 64, true, "\"" },                 /* a lone quote is not a quoted value */
		{ "xsid=wrong; sid=right", "sid", 64, true, "right" },
		{ "sid2=wrong; sid=right", "sid", 64, true, "right" },
		{ "xsid=wrong", "sid", 64, false, NULL },
		{ "sid2=wrong", "sid", 64, false, NULL },
		{ "sidx=1; asid=2; si=3", "sid", 64, false, NULL },
		{ "a=1; b=2", "sid", 64, false, NULL },
		{ "", "sid", 64, false, NULL },
		{ "sid", "sid", 64, false, NULL },
		{ "sid=first; sid=second", "sid", 64, true, "first" },
		/* value length against the buffer: outlen - 1 characters fit, outlen do not */
		{ "sid=abcd", "sid", 5, true, "abcd" },
		{ "sid=abcde", "sid", 5, false, NULL },
		{ "sid=\"abcd\"", "sid", 5, true, "abcd" },
		{ "sid=abc", "sid", 0, false, NULL },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[64];
		bool got;
		memset(out, '#', sizeof(out));
		got = cookie_get(cases[i].header, cases[i].name, out, cases[i].outlen);
		if (got != cases[i].found)
			fail_msg("\"%s\" / %s: got %d", cases[i].header, cases[i].name, (int)got);
		if (got)
			assert_string_equal(out, cases[i].value);
	}
	{
		char out[16];
		assert_false(cookie_get(NULL, "sid", out, sizeof(out)));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_param_count),
		cmocka_unit_test(test_length_limit),
		cmocka_unit_test(test_storage_worst_case),
		cmocka_unit_test(test_get_unknown),
		cmocka_unit_test(test_cookie_get),
	};
	return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
