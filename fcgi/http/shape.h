/*
 * shape.h - the shapes of requests: what each operation's query parameters and JSON body may
 * hold, with their bounds, and one checker for both.
 *
 * The shapes are not written by hand: fcgi/api/gen_shapes.mjs generates them (build/gen/api_ops.c
 * and .h) from the OpenAPI document fcgi/openapi.json at build time, so the document that clients
 * read and the checks the workers make are the same description. All shapes are static and
 * read-only, except the compiled form of a pattern, which is made on first use in each worker.
 */
#ifndef PORTAL_SHAPE_H
#define PORTAL_SHAPE_H

#include <jansson.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum shape_type { SHAPE_STRING = 0, SHAPE_INTEGER, SHAPE_BOOLEAN, SHAPE_OBJECT, SHAPE_ARRAY };

enum shape_format { SHAPE_FMT_NONE = 0, SHAPE_FMT_DATE /* YYYY-MM-DD, a real day */ };

/* A compiled pattern (POSIX extended regular expression), made the first time it is needed. */
struct shape_re {
	const char *source;
	bool compiled, bad;
	regex_t re;
};

struct shape_prop;

struct shape {
	enum shape_type type;
	bool nullable;                 /* null is a value (a required key may be null); as an object's
	                                * key, null otherwise means "not given" */
	bool has_min, has_max;
	int64_t min, max;              /* string: length in characters; integer: value; array: items */
	const char *const *values;     /* string: the allowed values, NULL-terminated; NULL = any */
	struct shape_re *pattern;      /* string: must match; NULL = any */
	enum shape_format format;
	const char *invalid;           /* the message when this value is wrong; NULL = a generic one */
	const struct shape_prop *props; /* object: its keys (no others allowed unless open) */
	size_t nprops;
	bool open;                     /* object: other keys allowed (their values unchecked) */
	const struct shape *items;     /* array: each item */
};

struct shape_prop {
	const char *name;
	bool required;
	const struct shape *shape;
};

/* One operation of the OpenAPI document: its query parameters and its JSON body (NULL = none). */
struct api_op {
	const char *id;
	const struct shape_prop *query;
	size_t nquery;
	const struct shape *body;
};

/* Field errors found by a check (the first 16 are kept, with their names and messages). */
struct shape_errors {
	size_t n;
	char field[16][96];
	char detail[16][200];
};

/* Checks value v (never NULL) against s; errors name the field path (e.g. "accounts[2].item").
 * Returns true when v fits. */
bool shape_check(const struct shape *s, const json_t *v, const char *path, struct shape_errors *e);

/* Checks one query parameter's text against its shape (string or integer). Returns true when it
 * fits; otherwise writes the message into detail. */
bool shape_check_text(const struct shape *s, const char *text, char *detail, size_t len);

#endif
