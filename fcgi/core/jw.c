/*
 * jw.c - the streaming JSON writer (see jw.h).
 */
#include "core/jw.h"
#include "core/utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
jw_init(struct jw *w, struct buf *b)
{
	*w = (struct jw){ .b = b };
}

bool
jw_ok(const struct jw *w)
{
	return !w->bad && w->depth == 0 && (w->started & 1u);
}

static void jw_quote(struct buf *b, const char *s, size_t n);

/* The separator and key before a value at the current level; false (and bad) on misuse. */
static bool
jw_key(struct jw *w, const char *key)
{
	uint32_t bit = 1u << w->depth;
	bool in_object = w->depth > 0 && !(w->array & bit);

	if (w->bad || in_object != (key != NULL) || (w->depth == 0 && (w->started & 1u))) {
		w->bad = true;
		return false;
	}
	if (w->started & bit)
		buf_append(w->b, ",", 1);
	w->started |= bit;
	if (key != NULL) {
		jw_quote(w->b, key, strlen(key));
		buf_append(w->b, ":", 1);
	}
	return true;
}

static void
jw_open(struct jw *w, const char *key, bool array)
{
	if (!jw_key(w, key))
		return;
	if (w->depth + 1 >= JW_DEPTH_MAX) {
		w->bad = true;
		return;
	}
	w->depth++;
	if (array)
		w->array |= 1u << w->depth;
	else
		w->array &= ~(1u << w->depth);
	w->started &= ~(1u << w->depth);
	buf_append(w->b, array ? "[" : "{", 1);
}

void
jw_obj(struct jw *w, const char *key)
{
	jw_open(w, key, false);
}

void
jw_arr(struct jw *w, const char *key)
{
	jw_open(w, key, true);
}

void
jw_end(struct jw *w)
{
	if (w->bad || w->depth == 0) {
		w->bad = true;
		return;
	}
	buf_append(w->b, (w->array & (1u << w->depth)) ? "]" : "}", 1);
	w->depth--;
}

/* Writes a quoted, escaped string; invalid UTF-8 bytes become U+FFFD. */
static void
jw_quote(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;

	buf_append(b, "\"", 1);
	while (p < end) {
		unsigned char c = *p;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0x80) {
			/* the length of a well-formed sequence starting here, or 0 */
			size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
			if (len && (size_t)(end - p) >= len && utf8_valid((const char *)p, len)) {
				p += len;
				continue;
			}
			buf_append(b, run, (size_t)(p - run));
			buf_append(b, "\xef\xbf\xbd", 3);
			run = ++p;
			continue;
		}
		buf_append(b, run, (size_t)(p - run));
		switch (c) {
		case '"': buf_append(b, "\\\"", 2); break;
		case '\\': buf_append(b, "\\\\", 2); break;
		case '\b': buf_append(b, "\\b", 2); break;
		case '\f': buf_append(b, "\\f", 2); break;
		case '\n': buf_append(b, "\\n", 2); break;
		case '\r': buf_append(b, "\\r", 2); break;
		case '\t': buf_append(b, "\\t", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_append(b, u, 6);
		}
		}
		run = ++p;
	}
	buf_append(b, run, (size_t)(p - run));
	buf_append(b, "\"", 1);
}

void
jw_strn(struct jw *w, const char *key, const char *s, size_t n)
{
	if (s == NULL) {
		jw_null(w, key);
		return;
	}
	if (jw_key(w, key))
		jw_quote(w->b, s, n);
}

void
jw_str(struct jw *w, const char *key, const char *s)
{
	jw_strn(w, key, s, s ? strlen(s) : 0);
}

void
jw_int(struct jw *w, const char *key, int64_t v)
{
	if (jw_key(w, key))
		buf_printf(w->b, "%" PRId64, v);
}

void
jw_bool(struct jw *w, const char *key, bool v)
{
	if (jw_key(w, key))
		buf_append(w->b, v ? "true" : "false", v ? 4 : 5);
}

void
jw_null(struct jw *w, const char *key)
{
	if (jw_key(w, key))
		buf_append(w->b, "null", 4);
}

void
jw_raw(struct jw *w, const char *key, const char *json, size_t n)
{
	if (n == 0) {
		jw_null(w, key);
		return;
	}
	if (jw_key(w, key))
		buf_append(w->b, json, n);
}

void
jw_json(struct jw *w, const char *key, const json_t *v)
{
	const char *k;
	json_t *item;
	size_t i;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		jw_obj(w, key);
		json_object_foreach((json_t *)v, k, item)
			jw_json(w, k, item);
		jw_end(w);
		break;
	case JSON_ARRAY:
		jw_arr(w, key);
		json_array_foreach(v, i, item)
			jw_json(w, NULL, item);
		jw_end(w);
		break;
	case JSON_STRING:
		jw_strn(w, key, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		jw_int(w, key, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		if (jw_key(w, key))
			buf_printf(w->b, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jw_bool(w, key, json_is_true(v));
		break;
	case JSON_NULL:
		jw_null(w, key);
		break;
	}
}
