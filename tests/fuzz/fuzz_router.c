/*
 * fuzz_router.c - router_match (http/router.h) of a fuzzed "METHOD PATH" against the portal's own
 * route table (api/routes.c), as worker_dispatch does it with a 64-byte Allow buffer.
 *
 * Invariants:
 *  - ROUTE_FOUND: the route is in the table, has the method (HEAD takes GET routes), and its pattern
 *    with the placeholders replaced by the params gives back exactly the path; each param obeys its
 *    placeholder's type ({id}/{*_id}: 1..2^53-1 without leading zeros, {slug}: valid_slug(32), other:
 *    1..64 of [A-Za-z0-9._-]) and router_param finds it; the route carries what the dispatcher reads
 *    for its kind of auth ({id} for ROUTE_ORG/ROUTE_APP, {slug} for ROUTE_TENANT); no earlier route
 *    of the same method matches; GET and HEAD agree.
 *  - ROUTE_BAD_METHOD: Allow lists only methods that match, never the one asked for, and HEAD with GET.
 *  - ROUTE_NOT_FOUND: no method matches the path.
 *  A too-small Allow buffer is never overrun and never ends in half a method name.
 */
#include "http/router.h"
#include "domain/valid.h"

#include "fuzz.h"

#include <stdbool.h>

static size_t
count_placeholders(const char *pattern)
{
	size_t n = 0;
	for (; *pattern; pattern++)
		n += *pattern == '{';
	return n;
}

static bool
param_ok(const char *type, const char *v)
{
	size_t tl = strlen(type), len = strlen(v), i;
	if (len == 0 || len > ROUTE_PARAM_MAX)
		return false;
	if (strcmp(type, "id") == 0 || (tl > 3 && strcmp(type + tl - 3, "_id") == 0))
		return v[0] != '0' && valid_int64(v, 1, (INT64_C(1) << 53) - 1, NULL);
	if (strcmp(type, "slug") == 0)
		return valid_slug(v, 32);
	for (i = 0; i < len; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
		        v[i] == '.' || v[i] == '_' || v[i] == '-'))
			return false;
	return true;
}

/* the pattern with its placeholders filled in from params, compared with path */
static void
check_found(const struct route *r, const struct route_params *params, const char *path)
{
	const char *p = r->pattern, *s = path;
	size_t k = 0;

	FUZZ_CHECK(r >= routes && r < routes + routes_count);
	FUZZ_CHECK(params->n == count_placeholders(r->pattern) && params->n <= ROUTE_MAX_PARAMS);
	while (*p) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			size_t tl, vl;
			FUZZ_CHECK(e != NULL && k < params->n);
			tl = (size_t)(e - p - 1);
			FUZZ_CHECK(strlen(params->p[k].name) == tl && memcmp(params->p[k].name, p + 1, tl) == 0);
			FUZZ_CHECK(param_ok(params->p[k].name, params->p[k].value));
			FUZZ_CHECK(router_param(params, params->p[k].name) == params->p[k].value);
			vl = strlen(params->p[k].value);
			FUZZ_CHECK(strncmp(s, params->p[k].value, vl) == 0);
			s += vl;
			p = e + 1;
			k++;
		} else {
			FUZZ_CHECK(*s == *p);
			p++;
			s++;
		}
	}
	FUZZ_CHECK(*s == '\0' && k == params->n);
	if (r->auth == ROUTE_ORG || r->auth == ROUTE_APP)
		FUZZ_CHECK(router_param(params, "id") != NULL);
	if (r->auth == ROUTE_TENANT)
		FUZZ_CHECK(router_param(params, "slug") != NULL);
	if (r->body_type != NULL)
		FUZZ_CHECK(r->body_max > 0);
}

static enum route_result
match(enum http_method m, const char *path, const struct route **r, struct route_params *params)
{
	char allow[64];
	return router_match(routes, routes_count, m, path, r, params, allow, sizeof(allow));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size), *path = strchr(in, ' ');
	const struct route *r = NULL, *r2;
	struct route_params params, params2;
	char allow[64], small[12];
	enum http_method m;
	enum route_result res;
	size_t i;
	int k;

	if (path == NULL) {
		free(in);
		return 0;
	}
	*path++ = '\0';
	m = router_method_parse(in);
	FUZZ_CHECK(strcmp(router_method_name(m), m == HTTP_OTHER ? "OTHER" : in) == 0);
	memset(allow, 'x', sizeof(allow));
	res = router_match(routes, routes_count, m, path, &r, &params, allow, sizeof(allow));
	FUZZ_CHECK(memchr(allow, '\0', sizeof(allow)) != NULL);

	switch (res) {
	case ROUTE_FOUND:
		FUZZ_CHECK(r != NULL && (r->method == m || (m == HTTP_HEAD && r->method == HTTP_GET)));
		check_found(r, &params, path);
		for (i = 0; &routes[i] < r; i++) {
			struct route_params tmp;
			const struct route *t = NULL;
			if (routes[i].method == r->method) /* an earlier route of this method would have won */
				FUZZ_CHECK(router_match(&routes[i], 1, r->method, path, &t, &tmp, NULL, 0) != ROUTE_FOUND);
		}
		if (m == HTTP_GET || m == HTTP_HEAD) {
			FUZZ_CHECK(match(m == HTTP_GET ? HTTP_HEAD : HTTP_GET, path, &r2, &params2) == ROUTE_FOUND);
			FUZZ_CHECK(r2 == r && memcmp(&params, &params2, sizeof(params)) == 0);
		}
		break;
	case ROUTE_BAD_METHOD:
		FUZZ_CHECK(allow[0] != '\0');
		for (k = 0; k < HTTP_OTHER; k++) {
			const char *name = router_method_name((enum http_method)k);
			bool listed = false;
			const char *a = allow;
			size_t nl = strlen(name);
			while ((a = strstr(a, name)) != NULL) { /* a whole item of "GET, HEAD, POST" */
				if ((a == allow || a[-1] == ' ') && (a[nl] == '\0' || a[nl] == ','))
					listed = true;
				a += nl;
			}
			FUZZ_CHECK(listed == (match((enum http_method)k, path, &r2, &params2) == ROUTE_FOUND));
		}
		FUZZ_CHECK(match(m, path, &r2, &params2) == ROUTE_BAD_METHOD);
		/* a small Allow buffer: truncated between names */
		memset(small, 'x', sizeof(small));
		FUZZ_CHECK(router_match(routes, routes_count, m, path, &r2, &params2, small, sizeof(small)) ==
		    ROUTE_BAD_METHOD);
		FUZZ_CHECK(memchr(small, '\0', sizeof(small)) != NULL);
		FUZZ_CHECK(strncmp(allow, small, strlen(small)) == 0);
		FUZZ_CHECK(allow[strlen(small)] == '\0' || allow[strlen(small)] == ',');
		break;
	case ROUTE_NOT_FOUND:
		for (k = 0; k <= HTTP_OTHER; k++)
			FUZZ_CHECK(match((enum http_method)k, path, &r2, &params2) == ROUTE_NOT_FOUND);
		break;
	default:
		FUZZ_CHECK(!"router_match returned something else");
	}
	free(in);
	return 0;
}
