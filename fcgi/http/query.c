/*
 * query.c - query string and cookie parsing.
 */
#include "http/query.h"

#include <string.h>

static int
query_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes [s, e) into dst; returns the end of the written bytes (NUL-terminated) or NULL. */
static char *
query_decode(char *dst, const char *s, const char *e)
{
	while (s < e) {
		unsigned char c = (unsigned char)*s;
		if (c == '%') {
			int hi, lo;
			if (e - s < 3 || (hi = query_hex(s[1])) < 0 || (lo = query_hex(s[2])) < 0)
				return NULL;
			c = (unsigned char)(hi * 16 + lo);
			s += 3;
		} else {
			if (c == '+')
				c = ' ';
			s++;
		}
		if (c == 0 || (c < 0x20 && c != '\t') || c == 0x7f)
			return NULL;
		*dst++ = (char)c;
	}
	*dst = '\0';
	return dst;
}

enum query_err
query_parse(struct query *q, const char *qs, const char **bad_key)
{
	const char *s, *end;
	char *out;
	size_t len;

	q->n = 0;
	if (bad_key)
		*bad_key = NULL;
	if (qs == NULL || *qs == '\0')
		return QUERY_OK;
	len = strlen(qs);
	if (len > QUERY_MAX_LEN)
		return QUERY_TOO_LONG;
	out = q->storage;
	s = qs;
	end = qs + len;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *pe = amp ? amp : end;
		const char *eq = memchr(s, '=', (size_t)(pe - s));
		const char *ke = eq ? eq : pe;
		char *key, *val;
		size_t i;

		if (pe == s) { /* empty pair: "a=1&&b=2" or trailing '&' */
			s = pe + 1;
			continue;
		}
		if (q->n == QUERY_MAX_PARAMS)
			return QUERY_TOO_MANY;
		key = out;
		if ((out = query_decode(out, s, ke)) == NULL || *key == '\0')
			return QUERY_BAD_ENCODING;
		out++;
		val = out;
		if ((out = query_decode(out, eq ? eq + 1 : pe, pe)) == NULL) {
			if (bad_key)
				*bad_key = key;
			return QUERY_BAD_ENCODING;
		}
		out++;
		for (i = 0; i < q->n; i++) {
			if (strcmp(q->p[i].key, key) == 0) {
				if (bad_key)
					*bad_key = key;
				return QUERY_DUPLICATE;
			}
		}
		q->p[q->n].key = key;
		q->p[q->n].value = val;
		q->n++;
		s = pe + (amp ? 1 : 0);
	}
	return QUERY_OK;
}

const char *
query_get(const struct query *q, const char *key)
{
	size_t i;
	for (i = 0; i < q->n; i++)
		if (strcmp(q->p[i].key, key) == 0)
			return q->p[i].value;
	return NULL;
}

const char *
query_unknown(const struct query *q, const char *const *allowed)
{
	size_t i, j;
	for (i = 0; i < q->n; i++) {
		bool ok = false;
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(q->p[i].key, allowed[j]) == 0)
				ok = true;
		if (!ok)
			return q->p[i].key;
	}
	return NULL;
}

bool
cookie_get(const char *header, const char *name, char *out, size_t outlen)
{
	size_t nlen = strlen(name);
	const char *s = header;

	if (header == NULL || outlen == 0)
		return false;
	while (*s) {
		const char *e, *v;
		size_t vlen;
		while (*s == ' ' || *s == '\t' || *s == ';')
			s++;
		e = strchr(s, ';');
		if (e == NULL)
			e = s + strlen(s);
		if ((size_t)(e - s) > nlen && strncmp(s, name, nlen) == 0 && s[nlen] == '=') {
			v = s + nlen + 1;
			vlen = (size_t)(e - v);
			while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (vlen >= outlen)
				return false;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return true;
		}
		s = e;
	}
	return false;
}
