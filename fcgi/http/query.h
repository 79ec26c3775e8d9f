/*
 * query.h - bounded parsing of URL query strings and Cookie headers.
 *
 * Pure functions: no allocation, fixed limits. A query is decoded into storage inside
 * struct query, so the keys and values live as long as it does.
 */
#ifndef PORTAL_QUERY_H
#define PORTAL_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#define QUERY_MAX_LEN 2048   /* bytes of raw query string */
#define QUERY_MAX_PARAMS 32

struct query_param {
	const char *key;
	const char *value;
};

struct query {
	char storage[QUERY_MAX_LEN + QUERY_MAX_PARAMS + 2]; /* decoded keys and values, 2 NULs a pair */
	struct query_param p[QUERY_MAX_PARAMS];
	size_t n;
};

enum query_err {
	QUERY_OK = 0,
	QUERY_TOO_LONG,     /* more than QUERY_MAX_LEN bytes */
	QUERY_TOO_MANY,     /* more than QUERY_MAX_PARAMS parameters */
	QUERY_BAD_ENCODING, /* bad %xx, NUL, control character or empty key */
	QUERY_DUPLICATE,    /* the same key twice */
};

/*
 * Parses qs (may be NULL or empty) into q. On error returns the reason and, where it is
 * about one parameter, points *bad_key at its (decoded, possibly partial) name or NULL.
 */
enum query_err query_parse(struct query *q, const char *qs, const char **bad_key);

/* The value of key, or NULL. Borrowed from q. */
const char *query_get(const struct query *q, const char *key);

/* The first key of q not in the NULL-terminated list allowed, or NULL when all are allowed. */
const char *query_unknown(const struct query *q, const char *const *allowed);

/*
 * Finds cookie name in a Cookie header and copies its value into out (size outlen).
 * Returns false when absent or longer than outlen - 1.
 */
bool cookie_get(const char *header, const char *name, char *out, size_t outlen);

#endif
