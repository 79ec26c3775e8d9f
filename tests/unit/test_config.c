/*
 * test_config.c - the configuration file: defaults, comments and spacing, every error named with
 * file and line, bounds on values, and the derived worker and hashing-slot counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"

static char path[64];

static void
write_file(const char *text)
{
	FILE *f;
	int fd;
	strcpy(path, "/tmp/portal-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
}

static void
test_defaults(void **state)
{
	struct config c;
	(void)state;
	config_defaults(&c);
	assert_int_equal(c.workers, 0);
	assert_int_equal(c.max_requests, 100000);
	assert_int_equal(c.socket_mode, 0660);
	assert_int_equal(c.db_port, 3306);
	assert_string_equal(c.db_name, "portal");
	assert_int_equal(c.drafts_per_call, 10);
	assert_int_equal(c.org_storage_mib, 1024);
	assert_int_equal(config_workers(&c), 2 * sysconf(_SC_NPROCESSORS_ONLN));
	c.workers = 7;
	assert_int_equal(config_workers(&c), 7);
	assert_int_equal(config_hash_slots(&c), sysconf(_SC_NPROCESSORS_ONLN)); /* one per core */
	assert_int_equal(c.hash_wait_ms, 2000);
	c.hash_slots = 1;
	assert_int_equal(config_hash_slots(&c), 1);
	c.hash_slots = 1000;
	assert_int_equal(config_hash_slots(&c), sysconf(_SC_NPROCESSORS_ONLN)); /* never more than one per core */
}

static void
test_load(void **state)
{
	struct config c;
	char err[512];
	(void)state;
	config_defaults(&c);
	write_file("# the pool\n\n  workers   =  5  \nlisten = 127.0.0.1:9000\nsocket_mode = 0600\ndb_password = a=b\n"
	    "drafts_per_call = 3\norg_storage_mib = 50\n");
	assert_int_equal(config_load(&c, path, err, sizeof(err)), 0);
	assert_int_equal(c.workers, 5);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(c.socket_mode, 0600);
	assert_string_equal(c.db_password, "a=b");
	assert_int_equal(c.drafts_per_call, 3);
	assert_int_equal(c.org_storage_mib, 50);
	unlink(path);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *text, *expect;
	} bad[] = {
		{ "workers = 2\nwrokers = 3\n", ":2: unknown setting \"wrokers\"" },
		{ "workers = -1\n", ":1: workers: expected an integer from 0 to 1024" },
		{ "workers = abc\n", ":1: workers: expected an integer" },
		{ "db_port = 70000\n", ":1: db_port" },
		{ "drafts_per_call = 0\n", ":1: drafts_per_call: expected an integer from 1 to 1000" },
		{ "org_storage_mib = 1048577\n", ":1: org_storage_mib: expected an integer from 1 to 1048576" },
		{ "socket_mode = 999\n", ":1: socket_mode" },
		{ "socket_mode = 1000\n", ":1: socket_mode" },
		{ "socket_mode = -1\n", ":1: socket_mode" },
		{ "socket_mode = \n", ":1: socket_mode" },
		{ "workers = 1025\n", ":1: workers" },
		{ "workers = 2.5\n", ":1: workers" },
		{ "hash_wait_ms = 60001\n", ":1: hash_wait_ms: expected an integer from 0 to 60000" },
		{ "db_port = 0\n", ":1: db_port" },
		{ "# ok\n\nbacklog = 0\n", ":3: backlog" },
		{ "listen = a\n= b\n", ":2: unknown setting \"\"" },
		{ "just words\n", ":1: expected key = value" },
		{ "public_url = tilskudd.example.no\n", ":1: public_url: expected the portal's origin" },
		{ "public_url = https://tilskudd.example.no/\n", ":1: public_url" },
		{ "public_url = https://tilskudd.example.no/portal\n", ":1: public_url" },
		{ "public_url = https://Tilskudd.example.no\n", ":1: public_url" },
		{ "public_url = https://user@tilskudd.example.no\n", ":1: public_url" },
		{ "public_url = https://tilskudd.example.no:0\n", ":1: public_url" },
		{ "public_url = https://tilskudd.example.no:\n", ":1: public_url" },
		{ "public_url = https://tilskudd.example.no?x\n", ":1: public_url" },
		{ "public_url = ftp://tilskudd.example.no\n", ":1: public_url" },
		{ "public_url = https://\n", ":1: public_url" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config c;
		char err[512];
		config_defaults(&c);
		write_file(bad[i].text);
		assert_int_equal(config_load(&c, path, err, sizeof(err)), -1);
		if (strstr(err, path) == NULL || strstr(err, bad[i].expect) == NULL)
			fail_msg("\"%s\" does not name %s and \"%s\"", err, path, bad[i].expect);
		unlink(path);
	}
	{
		struct config c;
		char err[512];
		config_defaults(&c);
		assert_int_equal(config_load(&c, "/nonexistent/portal.conf", err, sizeof(err)), -1);
		assert_non_null(strstr(err, "/nonexistent/portal.conf"));
	}
}

/* public_url is required, and is an origin as a browser sends it */
static void
test_public_url(void **state)
{
	static const char *const good[] = { "https://tilskudd.example.no", "http://127.0.0.1:8080", "http://[::1]:9000",
		"https://xn--tilskudd-9za.example", "http://localhost" };
	struct config c;
	char err[512];
	size_t i;
	(void)state;
	config_defaults(&c);
	assert_int_equal(config_check(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "public_url is missing"));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (config_set(&c, "public_url", good[i], err, sizeof(err)) != 0)
			fail_msg("%s refused: %s", good[i], err);
		assert_string_equal(c.public_url, good[i]);
		assert_int_equal(config_check(&c, err, sizeof(err)), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_defaults), cmocka_unit_test(test_load), cmocka_unit_test(test_errors),
		cmocka_unit_test(test_public_url) };
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
