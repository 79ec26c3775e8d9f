/*
 * jw.h - the streaming JSON writer (in the spirit of kcgi's kjson): values are written straight
 * into a growable buffer, in order, with the commas, colons and escapes JSON needs. No tree is
 * built. Every response body is written through it (json_send serialises a jansson value with
 * jw_json; lists from the database are written row by row).
 *
 * Keys are given with each value inside an object and are NULL inside an array or at the top.
 * Misuse (a key in an array, a missing key in an object, closing too much, nesting past
 * JW_DEPTH_MAX) marks the writer bad; jw_ok() tells, and the caller answers 500.
 * Strings are written as UTF-8; a byte that is not part of well-formed UTF-8 becomes U+FFFD.
 * The buffer is the caller's (struct buf from core/util.h).
 */
#ifndef PORTAL_JW_H
#define PORTAL_JW_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#define JW_DEPTH_MAX 32

struct jw {
	struct buf *b;
	unsigned depth;
	uint32_t array;   /* bit d: level d is an array (else an object) */
	uint32_t started; /* bit d: level d has a value already (the next one needs a comma) */
	bool bad;
};

void jw_init(struct jw *w, struct buf *b);
bool jw_ok(const struct jw *w);   /* nothing misused and every object and array closed */

void jw_obj(struct jw *w, const char *key);  /* opens an object */
void jw_arr(struct jw *w, const char *key);  /* opens an array */
void jw_end(struct jw *w);                   /* closes the innermost object or array */

void jw_str(struct jw *w, const char *key, const char *s);          /* NULL: null */
void jw_strn(struct jw *w, const char *key, const char *s, size_t n);
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_bool(struct jw *w, const char *key, bool v);
void jw_null(struct jw *w, const char *key);
/* A value that is already JSON text (a JSON column the database checked); empty: null. */
void jw_raw(struct jw *w, const char *key, const char *json, size_t n);
/* A jansson value (parsed input, or a document built with jansson); NULL: null. */
void jw_json(struct jw *w, const char *key, const json_t *v);

#endif
