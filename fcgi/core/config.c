/*
 * config.c - parses the key = value configuration file.
 */
#include "core/config.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"
#include "http/auth.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	utf8_copy(c->listen, "var/run/portal.sock", sizeof(c->listen));
	c->socket_mode = 0660;
	c->backlog = 1024;
	c->workers = 0;
	c->max_requests = 100000;
	c->shutdown_timeout = 30;
	utf8_copy(c->db_host, "127.0.0.1", sizeof(c->db_host));
	c->db_port = 3306;
	utf8_copy(c->db_name, "portal", sizeof(c->db_name));
	utf8_copy(c->db_user, "portal", sizeof(c->db_user));
	c->outbox_interval = 5;
	c->drafts_per_call = CONFIG_DRAFTS_PER_CALL;
	c->org_storage_mib = CONFIG_ORG_STORAGE_MIB;
	c->hash_wait_ms = AUTH_HASH_WAIT_MS;
}

static int
config_str(char *dst, size_t dstlen, const char *key, const char *value, char *err, size_t errlen)
{
	if (utf8_copy(dst, value, dstlen) != 0) {
		snprintf(err, errlen, "%s: value longer than %zu characters", key, dstlen - 1);
		return -1;
	}
	return 0;
}

static int
config_int(int *dst, const char *key, const char *value, long long min, long long max, char *err, size_t errlen)
{
	int64_t v;
	if (!valid_int64(value, min, max, &v)) {
		snprintf(err, errlen, "%s: expected an integer from %lld to %lld, got \"%s\"", key, min, max, value);
		return -1;
	}
	*dst = (int)v;
	return 0;
}

/* The host of an origin, h[0..n): lower-case letters, digits, '.' and '-', or an IPv6 address
 * in brackets. */
static bool
config_host_ok(const char *h, size_t n)
{
	size_t i, first = 0, last = n;

	if (n >= 3 && h[0] == '[' && h[n - 1] == ']')
		first = 1, last = n - 1;
	if (first == last)
		return false;
	for (i = first; i < last; i++) {
		char ch = h[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
		if (!ok && !(first == 1 && ch == ':'))
			return false;
	}
	return true;
}

/* public_url is an origin: http:// or https://, the host in lower case, and an optional :port; no
 * user, path, query or trailing slash. The Origin header a browser sends has exactly this form,
 * and the workers compare it byte for byte. */
static int
config_origin(char *dst, size_t dstlen, const char *value, char *err, size_t errlen)
{
	const char *h = NULL, *colon, *bracket;
	int64_t port;

	if (strncmp(value, "https://", 8) == 0)
		h = value + 8;
	else if (strncmp(value, "http://", 7) == 0)
		h = value + 7;
	if (h != NULL) {
		colon = strrchr(h, ':');
		bracket = strrchr(h, ']');
		if (colon && bracket && colon < bracket)
			colon = NULL; /* inside an IPv6 address */
		if (colon && !valid_int64(colon + 1, 1, 65535, &port))
			h = NULL;
		else if (!config_host_ok(h, colon ? (size_t)(colon - h) : strlen(h)))
			h = NULL;
	}
	if (h == NULL) {
		snprintf(err, errlen, "public_url: expected the portal's origin like https://tilskudd.example.no "
		                      "(scheme, lower-case host and port only), got \"%s\"", value);
		return -1;
	}
	return config_str(dst, dstlen, "public_url", value, err, errlen);
}

int
config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
	int64_t v;

	if (strcmp(key, "listen") == 0)
		return config_str(c->listen, sizeof(c->listen), key, value, err, errlen);
	if (strcmp(key, "socket_mode") == 0) {
		char *end;
		long m;
		errno = 0;
		m = strtol(value, &end, 8);
		if (errno || *value == '\0' || *end != '\0' || m < 0 || m > 0777) {
			snprintf(err, errlen, "socket_mode: expected octal permissions like 0660, got \"%s\"", value);
			return -1;
		}
		c->socket_mode = (int)m;
		return 0;
	}
	if (strcmp(key, "backlog") == 0)
		return config_int(&c->backlog, key, value, 1, 65535, err, errlen);
	if (strcmp(key, "workers") == 0)
		return config_int(&c->workers, key, value, 0, 1024, err, errlen);
	if (strcmp(key, "max_requests") == 0) {
		if (!valid_int64(value, 0, 1000000000, &v)) {
			snprintf(err, errlen, "max_requests: expected an integer from 0 to 1000000000, got \"%s\"", value);
			return -1;
		}
		c->max_requests = (long)v;
		return 0;
	}
	if (strcmp(key, "shutdown_timeout") == 0)
		return config_int(&c->shutdown_timeout, key, value, 1, 3600, err, errlen);
	if (strcmp(key, "db_socket") == 0)
		return config_str(c->db_socket, sizeof(c->db_socket), key, value, err, errlen);
	if (strcmp(key, "db_host") == 0)
		return config_str(c->db_host, sizeof(c->db_host), key, value, err, errlen);
	if (strcmp(key, "db_port") == 0)
		return config_int(&c->db_port, key, value, 1, 65535, err, errlen);
	if (strcmp(key, "db_name") == 0)
		return config_str(c->db_name, sizeof(c->db_name), key, value, err, errlen);
	if (strcmp(key, "db_user") == 0)
		return config_str(c->db_user, sizeof(c->db_user), key, value, err, errlen);
	if (strcmp(key, "db_password") == 0)
		return config_str(c->db_password, sizeof(c->db_password), key, value, err, errlen);
	if (strcmp(key, "log_file") == 0)
		return config_str(c->log_file, sizeof(c->log_file), key, value, err, errlen);
	if (strcmp(key, "pid_file") == 0)
		return config_str(c->pid_file, sizeof(c->pid_file), key, value, err, errlen);
	if (strcmp(key, "session_key_file") == 0)
		return config_str(c->session_key_file, sizeof(c->session_key_file), key, value, err, errlen);
	if (strcmp(key, "session_key_previous_file") == 0)
		return config_str(c->session_key_previous_file, sizeof(c->session_key_previous_file), key, value, err,
		    errlen);
	if (strcmp(key, "totp_key_file") == 0)
		return config_str(c->totp_key_file, sizeof(c->totp_key_file), key, value, err, errlen);
	if (strcmp(key, "public_url") == 0)
		return config_origin(c->public_url, sizeof(c->public_url), value, err, errlen);
	if (strcmp(key, "sendmail_command") == 0)
		return config_str(c->sendmail_command, sizeof(c->sendmail_command), key, value, err, errlen);
	if (strcmp(key, "hash_slots") == 0)
		return config_int(&c->hash_slots, key, value, 0, 1024, err, errlen);
	if (strcmp(key, "hash_wait_ms") == 0)
		return config_int(&c->hash_wait_ms, key, value, 0, 60000, err, errlen);
	if (strcmp(key, "outbox_interval") == 0)
		return config_int(&c->outbox_interval, key, value, 1, 3600, err, errlen);
	if (strcmp(key, "drafts_per_call") == 0)
		return config_int(&c->drafts_per_call, key, value, 1, 1000, err, errlen);
	if (strcmp(key, "org_storage_mib") == 0)
		return config_int(&c->org_storage_mib, key, value, 1, 1048576, err, errlen);
	snprintf(err, errlen, "unknown setting \"%s\"", key);
	return -1;
}

static char *
config_trim(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = NULL;
	char line[1024], msg[512];
	int lineno = 0, rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *eq, *key, *value, *s;
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path, lineno);
			goto out;
		}
		s = config_trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if ((eq = strchr(s, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
			goto out;
		}
		*eq = '\0';
		key = config_trim(s);
		value = config_trim(eq + 1);
		if (config_set(c, key, value, msg, sizeof(msg)) != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
			goto out;
		}
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	return rc;
}

int
config_check(const struct config *c, char *err, size_t errlen)
{
	if (c->public_url[0] == '\0') {
		snprintf(err, errlen, "public_url is missing: set the portal's origin, e.g. public_url = "
		                      "https://tilskudd.example.no (the Origin check and the links in emails use it)");
		return -1;
	}
	return 0;
}

int
config_workers(const struct config *c)
{
	long n;
	if (c->workers > 0)
		return c->workers;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return (int)(2 * n);
}

int
config_hash_slots(const struct config *c)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	if (c->hash_slots > 0 && c->hash_slots < cores)
		return c->hash_slots;
	return (int)cores;
}
