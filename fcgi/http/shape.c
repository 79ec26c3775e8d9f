/*
 * shape.c - checks a JSON value or a query parameter against its generated shape (shape.h).
 *
 * Messages are for people: a shape's own message (x-invalid in the OpenAPI document) when it has
 * one, otherwise one made from the bounds ("Må ha 1 til 4000 tegn.").
 */
#include "http/shape.h"
#include "core/utf8.h"
#include "domain/valid.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void shape_err(struct shape_errors *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
shape_err(struct shape_errors *e, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->n >= sizeof(e->field) / sizeof(e->field[0]))
		return;
	snprintf(e->field[e->n], sizeof(e->field[0]), "%s", field);
	va_start(ap, fmt);
	vsnprintf(e->detail[e->n], sizeof(e->detail[0]), fmt, ap);
	va_end(ap);
	e->n++;
}

static bool
shape_matches(struct shape_re *p, const char *s)
{
	if (!p->compiled) {
		p->compiled = true;
		p->bad = regcomp(&p->re, p->source, REG_EXTENDED | REG_NOSUB) != 0;
	}
	return !p->bad && regexec(&p->re, s, 0, NULL, 0) == 0;
}

/* The generic message for a value of shape s that does not fit, into out. */
static void
shape_message(const struct shape *s, char *out, size_t len)
{
	size_t i, used;

	if (s->invalid) {
		snprintf(out, len, "%s", s->invalid);
		return;
	}
	switch (s->type) {
	case SHAPE_STRING:
		if (s->values) {
			used = (size_t)snprintf(out, len, "Velg en av: ");
			for (i = 0; s->values[i] && used < len; i++)
				used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : "", s->values[i]);
			if (used < len)
				snprintf(out + used, len - used, ".");
		} else if (s->format == SHAPE_FMT_DATE)
			snprintf(out, len, "Oppgi en dato som ÅÅÅÅ-MM-DD.");
		else if (s->has_min && s->has_max && s->min == s->max)
			snprintf(out, len, "Må ha %lld tegn.", (long long)s->min);
		else
			snprintf(out, len, "Må være tekst med %lld til %lld tegn.", (long long)(s->has_min ? s->min : 0),
			    (long long)s->max);
		break;
	case SHAPE_INTEGER:
		if (s->has_max)
			snprintf(out, len, "Må være et heltall fra %lld til %lld.", (long long)s->min, (long long)s->max);
		else
			snprintf(out, len, "Må være et heltall fra %lld.", (long long)s->min);
		break;
	case SHAPE_BOOLEAN:
		snprintf(out, len, "Må være ja (true) eller nei (false).");
		break;
	case SHAPE_OBJECT:
		snprintf(out, len, "Må være et objekt.");
		break;
	case SHAPE_ARRAY:
		snprintf(out, len, "Må være en liste med %lld til %lld elementer.", (long long)(s->has_min ? s->min : 0),
		    (long long)s->max);
		break;
	}
}

/* Does string str fit s? */
static bool
shape_string_ok(const struct shape *s, const char *str)
{
	struct valid_datetime d;
	size_t n, i;

	if (!utf8_valid(str, strlen(str)))
		return false;
	n = utf8_len(str);
	if ((s->has_min && n < (size_t)s->min) || (s->has_max && n > (size_t)s->max))
		return false;
	if (s->values) {
		for (i = 0; s->values[i] && strcmp(s->values[i], str) != 0; i++)
			;
		if (s->values[i] == NULL)
			return false;
	}
	if (s->format == SHAPE_FMT_DATE && !valid_date(str, &d))
		return false;
	return s->pattern == NULL || shape_matches(s->pattern, str);
}

static bool
shape_int_ok(const struct shape *s, int64_t v)
{
	return (!s->has_min || v >= s->min) && (!s->has_max || v <= s->max);
}

static bool shape_check_object(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e);
static bool shape_check_array(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e);

bool
shape_check(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e)
{
	char msg[200];
	bool ok;

	if (json_is_null(v) && s->nullable)
		return true;
	switch (s->type) {
	case SHAPE_STRING:
		ok = json_is_string(v) && shape_string_ok(s, json_string_value(v));
		break;
	case SHAPE_INTEGER:
		ok = json_is_integer(v) && shape_int_ok(s, json_integer_value(v));
		break;
	case SHAPE_BOOLEAN:
		ok = json_is_boolean(v);
		break;
	case SHAPE_OBJECT:
		return shape_check_object(s, v, path, e);
	case SHAPE_ARRAY:
		return shape_check_array(s, v, path, e);
	default:
		ok = false;
	}
	if (!ok) {
		shape_message(s, msg, sizeof(msg));
		shape_err(e, path, "%s", msg);
	}
	return ok;
}

static bool
shape_check_object(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e)
{
	char sub[96], msg[200];
	const char *key;
	json_t *val;
	size_t i, before = e->n;

	if (!json_is_object(v)) {
		shape_message(s, msg, sizeof(msg));
		shape_err(e, path, "%s", msg);
		return false;
	}
	json_object_foreach((json_t *)v, key, val) {
		for (i = 0; i < s->nprops && strcmp(s->props[i].name, key) != 0; i++)
			;
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", key);
		if (i == s->nprops) {
			if (!s->open)
				shape_err(e, sub, "Ukjent felt.");
		} else if (!json_is_null(val) || s->props[i].shape->nullable) {
			shape_check(s->props[i].shape, val, sub, e); /* otherwise null is a key not given */
		}
	}
	for (i = 0; i < s->nprops; i++) {
		val = json_object_get(v, s->props[i].name);
		if (s->props[i].required && (val == NULL || (json_is_null(val) && !s->props[i].shape->nullable))) {
			if (s->invalid && *path) { /* an object with its own message is named as a whole */
				shape_err(e, path, "%s", s->invalid);
				break;
			}
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", s->props[i].name);
			shape_err(e, sub, "Må fylles ut.");
		}
	}
	return e->n == before;
}

static bool
shape_check_array(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e)
{
	char sub[96], msg[200];
	size_t i, n, before = e->n;

	n = json_array_size(v);
	if (!json_is_array(v) || (s->has_min && n < (size_t)s->min) || (s->has_max && n > (size_t)s->max)) {
		shape_message(s, msg, sizeof(msg));
		shape_err(e, path, "%s", msg);
		return false;
	}
	for (i = 0; i < n && s->items; i++) {
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		shape_check(s->items, json_array_get(v, i), sub, e);
	}
	return e->n == before;
}

bool
shape_check_text(const struct shape *s, const char *text, char *detail, size_t len)
{
	int64_t v;
	bool ok;

	if (s->type == SHAPE_INTEGER)
		ok = valid_int64(text, s->has_min ? s->min : INT64_MIN, s->has_max ? s->max : INT64_MAX, &v);
	else
		ok = s->type == SHAPE_STRING && shape_string_ok(s, text);
	if (!ok)
		shape_message(s, detail, len);
	return ok;
}
