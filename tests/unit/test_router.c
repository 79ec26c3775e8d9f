/*
 * test_router.c - unit tests for router.c: path matching against a local route table
 * (literal segments, {id}, {slug}, {year} and generic {name} placeholders), 404 / 405 with the
 * Allow list, HEAD answered by GET routes, placeholder validation, router_param, and
 * router_method_parse / router_method_name.
 *
 * The portal's own table (routes[] in routes.c) is not part of the unit-test link (routes.c
 * pulls in every handler), so these tests use a table of their own with no-op handlers.
 */
#include "http/router.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static void h_list(struct http_req *req) { (void)req; }
static void h_create(struct http_req *req) { (void)req; }
static void h_item(struct http_req *req) { (void)req; }
static void h_item_put(struct http_req *req) { (void)req; }
static void h_item_delete(struct http_req *req) { (void)req; }
static void h_tenant(struct http_req *req) { (void)req; }
static void h_staff(struct http_req *req) { (void)req; }
static void h_file(struct http_req *req) { (void)req; }
static void h_ping(struct http_req *req) { (void)req; }

static const struct route table[] = {
	{ HTTP_GET, "/api/v1/ping", NULL, h_ping, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/calls", NULL, h_list, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_POST, "/api/v1/calls", NULL, h_create, ROUTE_USER, 1024, "application/json", 0 },
	{ HTTP_GET, "/api/v1/calls/{id}", NULL, h_item, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_PUT, "/api/v1/calls/{id}", NULL, h_item_put, ROUTE_USER, 1024, "application/json", 0 },
	{ HTTP_DELETE, "/api/v1/calls/{id}", NULL, h_item_delete, ROUTE_USER, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/tenants/{slug}", NULL, h_tenant, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/api/v1/tenants/{slug}/staff/{id}", NULL, h_staff, ROUTE_TENANT, 0, NULL, ROLE_TENANT_ADMIN },
	{ HTTP_GET, "/files/{name}", NULL, h_file, ROUTE_PUBLIC, 0, NULL, 0 },
	{ HTTP_GET, "/years/{year}", NULL, h_file, ROUTE_PUBLIC, 0, NULL, 0 },
};
static const size_t table_n = sizeof(table) / sizeof(table[0]);

struct match_case {
	enum http_method method;
	const char *path;
	enum route_result want;
	route_handler handler;   /* ROUTE_FOUND: the route expected */
	const char *allow;       /* ROUTE_BAD_METHOD: the Allow value expected */
};

static void
check_case(const struct match_case *c)
{
	const struct route *r = NULL;
	struct route_params params;
	char allow[128];
	enum route_result got;

	memset(&params, 0, sizeof(params));
	memset(allow, 'x', sizeof(allow));
	allow[sizeof(allow) - 1] = '\0';
	got = router_match(table, table_n, c->method, c->path, &r, &params, allow, sizeof(allow));
	if (got != c->want)
		fail_msg("%s %s: got result %d, want %d", router_method_name(c->method), c->path, (int)got,
		    (int)c->want);
	if (c->want == ROUTE_FOUND) {
		assert_non_null(r);
		if (r->handler != c->handler)
			fail_msg("%s %s: matched pattern %s", router_method_name(c->method), c->path, r->pattern);
	} else if (c->want == ROUTE_BAD_METHOD) {
		assert_string_equal(allow, c->allow);
	}
}

static void
test_match_table(void **state)
{
	static const struct match_case cases[] = {
		/* literal paths */
		{ HTTP_GET, "/api/v1/ping", ROUTE_FOUND, h_ping, NULL },
		{ HTTP_GET, "/api/v1/calls", ROUTE_FOUND, h_list, NULL },
		{ HTTP_POST, "/api/v1/calls", ROUTE_FOUND, h_create, NULL },
		/* HEAD is answered by the GET route */
		{ HTTP_HEAD, "/api/v1/calls", ROUTE_FOUND, h_list, NULL },
		{ HTTP_HEAD, "/api/v1/calls/7", ROUTE_FOUND, h_item, NULL },
		/* placeholders */
		{ HTTP_GET, "/api/v1/calls/1", ROUTE_FOUND, h_item, NULL },
		{ HTTP_PUT, "/api/v1/calls/42", ROUTE_FOUND, h_item_put, NULL },
		{ HTTP_DELETE, "/api/v1/calls/42", ROUTE_FOUND, h_item_delete, NULL },
		{ HTTP_GET, "/api/v1/tenants/oslo", ROUTE_FOUND, h_tenant, NULL },
		{ HTTP_GET, "/api/v1/tenants/nord-fron-2", ROUTE_FOUND, h_tenant, NULL },
		{ HTTP_GET, "/api/v1/tenants/oslo/staff/9", ROUTE_FOUND, h_staff, NULL },
		{ HTTP_GET, "/files/Report_2026-v1.PDF", ROUTE_FOUND, h_file, NULL },
		/* not found */
		{ HTTP_GET, "/", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/nope", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/pin", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/pingg", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/calls/1/extra", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/tenants/oslo/staff", ROUTE_NOT_FOUND, NULL, NULL },
		/* a trailing slash is a different path */
		{ HTTP_GET, "/api/v1/ping/", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/calls/", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/calls/5/", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/api/v1/tenants/oslo/", ROUTE_NOT_FOUND, NULL, NULL },
		/* an empty placeholder segment */
		{ HTTP_GET, "/api/v1/tenants//staff/1", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/files/", ROUTE_NOT_FOUND, NULL, NULL },
		/* generic {name}: only [A-Za-z0-9._-] */
		{ HTTP_GET, "/files/a%20b", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/files/a b", ROUTE_NOT_FOUND, NULL, NULL },
		{ HTTP_GET, "/files/a~b", ROUTE_NOT_FOUND, NULL, NULL },
		/* the wrong method on a known path: 405 with the allowed methods */
		{ HTTP_POST, "/api/v1/ping", ROUTE_BAD_METHOD, NULL, "GET, HEAD" },
		{ HTTP_DELETE, "/api/v1/calls", ROUTE_BAD_METHOD, NULL, "GET, HEAD, POST" },
		{ HTTP_PATCH, "/api/v1/calls", ROUTE_BAD_METHOD, NULL, "GET, HEAD, POST" },
		{ HTTP_POST, "/api/v1/calls/3", ROUTE_BAD_METHOD, NULL, "GET, HEAD, PUT, DELETE" },
		{ HTTP_OPTIONS, "/api/v1/tenants/oslo", ROUTE_BAD_METHOD, NULL, "GET, HEAD" },
		{ HTTP_OTHER, "/api/v1/ping", ROUTE_BAD_METHOD, NULL, "GET, HEAD" },
		/* the wrong method on an invalid placeholder is still 404, not 405 */
		{ HTTP_POST, "/api/v1/calls/abc", ROUTE_NOT_FOUND, NULL, NULL },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}

struct id_case {
	const char *id;
	const char *want;   /* the {id} value matched, or NULL for 404 */
};

static void
test_id_placeholder(void **state)
{
	static const struct id_case cases[] = {
		{ "1", "1" },
		{ "42", "42" },
		{ "9007199254740991", "9007199254740991" }, /* 2^53 - 1 */
		{ "0", NULL },
		{ "01", NULL },
		{ "007", NULL },
		{ "-1", NULL },
		{ "+1", NULL },
		{ "abc", NULL },
		{ "12a", NULL },
		{ "1.5", NULL },
		{ "9007199254740992", NULL },      /* 2^53 */
		{ "9007199254740993", NULL },
		{ "99999999999999999", NULL },     /* 17 digits */
		{ "9223372036854775807", NULL },   /* INT64_MAX */
		{ "99999999999999999999999", NULL },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[128];
		const struct route *r = NULL;
		struct route_params params;
		char allow[64];
		enum route_result got;

		snprintf(path, sizeof(path), "/api/v1/calls/%s", cases[i].id);
		got = router_match(table, table_n, HTTP_GET, path, &r, &params, allow, sizeof(allow));
		if (cases[i].want == NULL) {
			if (got != ROUTE_NOT_FOUND)
				fail_msg("id \"%s\" accepted (result %d)", cases[i].id, (int)got);
			continue;
		}
		if (got != ROUTE_FOUND)
			fail_msg("id \"%s\" rejected (result %d)", cases[i].id, (int)got);
		assert_ptr_equal(r->handler, h_item);
		assert_int_equal(params.n, 1);
		assert_string_equal(router_param(&params, "id"), cases[i].want);
	}
}

static void
test_slug_placeholder(void **state)
{
	static const struct {
		const char *slug;
		bool ok;
	} cases[] = {
		{ "oslo", true },
		{ "nord-fron", true },
		{ "a", true },
		{ "2026", true },
		{ "a-", true },
		{ "abcdefghijklmnopqrstuvwxyz012345", true },  /* 32 characters */
		{ "abcdefghijklmnopqrstuvwxyz0123456", false }, /* 33 characters */
		{ "Oslo", false },
		{ "OSLO", false },
		{ "-oslo", false },
		{ "os_lo", false },
		{ "os.lo", false },
		{ "øslo", false },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[128];
		const struct route *r = NULL;
		struct route_params params;
		enum route_result got;

		snprintf(path, sizeof(path), "/api/v1/tenants/%s", cases[i].slug);
		got = router_match(table, table_n, HTTP_GET, path, &r, &params, NULL, 0);
		if (cases[i].ok) {
			if (got != ROUTE_FOUND)
				fail_msg("slug \"%s\" rejected (result %d)", cases[i].slug, (int)got);
			assert_ptr_equal(r->handler, h_tenant);
			assert_string_equal(router_param(&params, "slug"), cases[i].slug);
		} else if (got != ROUTE_NOT_FOUND) {
			fail_msg("slug \"%s\" accepted (result %d)", cases[i].slug, (int)got);
		}
	}
}

/* {year}: four digits, 2000 to 2100 */
static void
test_year_placeholder(void **state)
{
	static const struct {
		const char *year;
		bool ok;
	} cases[] = {
		{ "2000", true }, { "2026", true }, { "2100", true }, { "1999", false }, { "2101", false }, { "026", false },
		{ "02026", false }, { "20x6", false }, { "+202", false }, { "-2026", false },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[64];
		const struct route *r = NULL;
		struct route_params params;
		enum route_result got;

		snprintf(path, sizeof(path), "/years/%s", cases[i].year);
		got = router_match(table, table_n, HTTP_GET, path, &r, &params, NULL, 0);
		if (cases[i].ok != (got == ROUTE_FOUND))
			fail_msg("year \"%s\": result %d", cases[i].year, (int)got);
		if (cases[i].ok)
			assert_string_equal(router_param(&params, "year"), cases[i].year);
	}
}

static void
test_name_placeholder_length(void **state)
{
	char path[128], name[80];
	const struct route *r = NULL;
	struct route_params params;
	(void)state;

	/* 64 characters is the most a placeholder holds */
	memset(name, 'n', 64);
	name[64] = '\0';
	snprintf(path, sizeof(path), "/files/%s", name);
	assert_int_equal(router_match(table, table_n, HTTP_GET, path, &r, &params, NULL, 0), ROUTE_FOUND);
	assert_string_equal(router_param(&params, "name"), name);

	memset(name, 'n', 65);
	name[65] = '\0';
	snprintf(path, sizeof(path), "/files/%s", name);
	assert_int_equal(router_match(table, table_n, HTTP_GET, path, &r, &params, NULL, 0), ROUTE_NOT_FOUND);
}

static void
test_params(void **state)
{
	const struct route *r = NULL;
	struct route_params params;
	(void)state;

	assert_int_equal(router_match(table, table_n, HTTP_GET, "/api/v1/tenants/nord-fron/staff/123", &r, &params,
	    NULL, 0), ROUTE_FOUND);
	assert_ptr_equal(r, &table[7]);
	assert_int_equal(params.n, 2);
	assert_string_equal(router_param(&params, "slug"), "nord-fron");
	assert_string_equal(router_param(&params, "id"), "123");
	assert_null(router_param(&params, "name"));
	assert_null(router_param(&params, "ID"));
	assert_null(router_param(&params, ""));

	/* a literal route has no parameters */
	assert_int_equal(router_match(table, table_n, HTTP_GET, "/api/v1/ping", &r, &params, NULL, 0), ROUTE_FOUND);
	assert_int_equal(params.n, 0);
	assert_null(router_param(&params, "id"));
}

static void
test_allow_buffer_small(void **state)
{
	const struct route *r = NULL;
	struct route_params params;
	char allow[8];
	(void)state;

	/* a short buffer is never overrun and stays a (truncated) string starting with the first method */
	memset(allow, 'x', sizeof(allow));
	assert_int_equal(router_match(table, table_n, HTTP_POST, "/api/v1/calls/3", &r, &params, allow, sizeof(allow)),
	    ROUTE_BAD_METHOD);
	assert_true(memchr(allow, '\0', sizeof(allow)) != NULL);
	assert_memory_equal(allow, "GET", 3);
}

static void
test_method_parse_name(void **state)
{
	static const struct {
		const char *s;
		enum http_method m;
	} cases[] = {
		{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST }, { "PUT", HTTP_PUT },
		{ "PATCH", HTTP_PATCH }, { "DELETE", HTTP_DELETE }, { "OPTIONS", HTTP_OPTIONS },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(router_method_parse(cases[i].s), cases[i].m);
		assert_string_equal(router_method_name(cases[i].m), cases[i].s);
	}
	/* method names are case-sensitive (RFC 9110) */
	assert_int_equal(router_method_parse("get"), HTTP_OTHER);
	assert_int_equal(router_method_parse("Post"), HTTP_OTHER);
	assert_int_equal(router_method_parse("TRACE"), HTTP_OTHER);
	assert_int_equal(router_method_parse("OTHER"), HTTP_OTHER);
	assert_int_equal(router_method_parse("GETX"), HTTP_OTHER);
	assert_int_equal(router_method_parse(""), HTTP_OTHER);
	assert_int_equal(router_method_parse(NULL), HTTP_OTHER);
	assert_string_equal(router_method_name(HTTP_OTHER), "OTHER");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_table),
		cmocka_unit_test(test_id_placeholder),
		cmocka_unit_test(test_slug_placeholder),
		cmocka_unit_test(test_year_placeholder),
		cmocka_unit_test(test_name_placeholder_length),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_allow_buffer_small),
		cmocka_unit_test(test_method_parse_name),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
