/*
 * utf8.c - counting, checking and cutting UTF-8 (see utf8.h).
 */
#include "core/utf8.h"

#include <string.h>

size_t
utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p, need, min, cp;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, min = 0x80, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, min = 0x800, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			return false;
		if ((size_t)(end - p) <= need)
			return false;
		for (unsigned i = 1; i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += need + 1;
	}
	return true;
}

size_t
utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	if (n <= max)
		return n;
	n = max;
	/* s[n] starts the first character left out: back off while it is a continuation byte */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* The length of the well-formed character at s (up to avail bytes), or 0. */
static size_t
utf8_char(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)*s;
	size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	return len && len <= avail && utf8_valid(s, len) ? len : 0;
}

size_t
utf8_decode(const char *s, size_t avail, unsigned long *cp)
{
	static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	size_t len = avail ? utf8_char(s, avail) : 0, i;
	unsigned long v;

	if (len == 0)
		return 0;
	v = (unsigned char)s[0] & lead_mask[len];
	for (i = 1; i < len; i++)
		v = v << 6 | ((unsigned char)s[i] & 0x3f);
	*cp = v;
	return len;
}

int
utf8_copy(char *dst, const char *src, size_t cap)
{
	size_t n = 0, len, avail = strnlen(src, cap + 3);

	while (src[n] && (len = utf8_char(src + n, avail - n)) > 0 && n + len < cap)
		n += len;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return src[n] ? -1 : 0;
}
