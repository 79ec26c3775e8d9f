/*
 * util.h - allocation that aborts on failure, and a growable byte buffer.
 *
 * Allocation failure aborts the worker; the master re-forks it (redis zmalloc).
 */
#ifndef PORTAL_UTIL_H
#define PORTAL_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *util_malloc(size_t n);             /* never returns NULL */
void *util_calloc(size_t n, size_t size);
void *util_realloc(void *p, size_t n);
char *util_strdup(const char *s);        /* caller frees */
char *util_strndup(const char *s, size_t n);

/* Monotonic clock in microseconds. */
int64_t util_now_us(void);

/* A growable buffer; always NUL-terminated. Zero-initialise, free with buf_free. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
