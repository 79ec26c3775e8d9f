/*
 * utf8.h - the one place that knows UTF-8: counting characters, checking validity and cutting
 * text only between characters.
 *
 * Columns are sized in characters (VARCHAR(n) of utf8mb4), buffers in bytes: a buffer for a
 * column of n characters is TEXT_CAP(n) bytes, which holds any value the column can hold.
 */
#ifndef PORTAL_UTF8_H
#define PORTAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes that hold n characters of UTF-8 (4 bytes each at most) and the terminating NUL. */
#define TEXT_CAP(n) ((n) * 4 + 1)

/* Characters (code points) in the NUL-terminated UTF-8 string s (continuation bytes not counted). */
size_t utf8_len(const char *s);

/* Whether s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool utf8_valid(const char *s, size_t n);

/* The well-formed character at s (at most avail bytes): its length in bytes (1 to 4) with its code
 * point in *cp, or 0 when s does not start with one (*cp is then untouched). */
size_t utf8_decode(const char *s, size_t avail, unsigned long *cp);

/* The length in bytes of the longest prefix of s that has at most max bytes and does not end
 * inside a character. */
size_t utf8_prefix(const char *s, size_t max);

/* Copies src into dst (cap bytes, cap > 0), cutting only between characters and stopping before
 * a sequence that is not well-formed, so dst is always well-formed UTF-8; always NUL-terminates.
 * Returns 0, or -1 when not all of src was copied. */
int utf8_copy(char *dst, const char *src, size_t cap);

#endif
