/*
 * router.c - matches a request path against the static route table.
 */
#include "http/router.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const router_methods[] = {
	[HTTP_GET] = "GET", [HTTP_HEAD] = "HEAD", [HTTP_POST] = "POST", [HTTP_PUT] = "PUT",
	[HTTP_PATCH] = "PATCH", [HTTP_DELETE] = "DELETE", [HTTP_OPTIONS] = "OPTIONS", [HTTP_OTHER] = "OTHER",
};

const char *
router_method_name(enum http_method m)
{
	return m <= HTTP_OTHER ? router_methods[m] : "OTHER";
}

enum http_method
router_method_parse(const char *s)
{
	int i;
	if (s == NULL)
		return HTTP_OTHER;
	for (i = 0; i < HTTP_OTHER; i++)
		if (strcmp(s, router_methods[i]) == 0)
			return (enum http_method)i;
	return HTTP_OTHER;
}

static bool
router_segment_ok(const char *type, const char *v, size_t len)
{
	size_t i;
	if (len == 0 || len > ROUTE_PARAM_MAX)
		return false;
	size_t tl = strlen(type);
	if (strcmp(type, "id") == 0 || (tl > 3 && strcmp(type + tl - 3, "_id") == 0)) {
		char tmp[ROUTE_PARAM_MAX + 1];
		if (v[0] == '0' || len > 16)
			return false;
		memcpy(tmp, v, len);
		tmp[len] = '\0';
		return valid_int64(tmp, 1, (INT64_C(1) << 53) - 1, NULL);
	}
	if (strcmp(type, "year") == 0) { /* a year of the portal: 2000 to 2100 */
		char tmp[ROUTE_PARAM_MAX + 1];
		if (len != 4)
			return false;
		memcpy(tmp, v, len);
		tmp[len] = '\0';
		return valid_int64(tmp, 2000, 2100, NULL);
	}
	if (strcmp(type, "slug") == 0) {
		char tmp[ROUTE_PARAM_MAX + 1];
		memcpy(tmp, v, len);
		tmp[len] = '\0';
		return valid_slug(tmp, 32);
	}
	for (i = 0; i < len; i++) {
		char c = v[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		    c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Does path match pattern? Fills params when it does. */
static bool
router_path_match(const char *pattern, const char *path, struct route_params *params)
{
	const char *p = pattern, *s = path;

	params->n = 0;
	while (*p && *s) {
		if (*p == '{') {
			const char *pe = strchr(p, '}');
			const char *se = strchr(s, '/');
			char type[16];
			size_t tlen, slen;
			if (pe == NULL)
				return false;
			tlen = (size_t)(pe - p - 1);
			if (tlen == 0 || tlen >= sizeof(type))
				return false;
			memcpy(type, p + 1, tlen);
			type[tlen] = '\0';
			if (se == NULL)
				se = s + strlen(s);
			slen = (size_t)(se - s);
			if (!router_segment_ok(type, s, slen) || params->n == ROUTE_MAX_PARAMS)
				return false;
			utf8_copy(params->p[params->n].name, type, sizeof(params->p[0].name));
			memcpy(params->p[params->n].value, s, slen);
			params->p[params->n].value[slen] = '\0';
			params->n++;
			p = pe + 1;
			s = se;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

enum route_result
router_match(const struct route *table, size_t n, enum http_method method, const char *path,
    const struct route **out, struct route_params *params, char *allow, size_t allowlen)
{
	struct route_params tmp;
	bool path_found = false;
	unsigned seen = 0;
	size_t i;

	if (allow && allowlen)
		allow[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct route *r = &table[i];
		if (!router_path_match(r->pattern, path, &tmp))
			continue;
		path_found = true;
		if (r->method == method || (method == HTTP_HEAD && r->method == HTTP_GET)) {
			*out = r;
			*params = tmp;
			return ROUTE_FOUND;
		}
		seen |= 1u << r->method;
		if (r->method == HTTP_GET)
			seen |= 1u << HTTP_HEAD;
	}
	if (!path_found)
		return ROUTE_NOT_FOUND;
	if (allow && allowlen) {
		size_t len = 0;
		int m;
		for (m = 0; m < HTTP_OTHER; m++) {
			int k;
			if (!(seen & (1u << m)))
				continue;
			k = snprintf(allow + len, allowlen - len, "%s%s", len ? ", " : "", router_methods[m]);
			if (k < 0 || (size_t)k >= allowlen - len) {
				allow[len] = '\0'; /* no half-written method name */
				break;
			}
			len += (size_t)k;
		}
	}
	return ROUTE_BAD_METHOD;
}

const char *
router_param(const struct route_params *params, const char *name)
{
	size_t i;
	for (i = 0; i < params->n; i++)
		if (strcmp(params->p[i].name, name) == 0)
			return params->p[i].value;
	return NULL;
}
