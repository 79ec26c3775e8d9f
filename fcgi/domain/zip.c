/*
 * zip.c - the bounded ZIP view (see zip.h). Formats: PKWARE APPNOTE.TXT 4.3.7 (local file
 * header), 4.3.12 (central directory header) and 4.3.16 (end of central directory record).
 */
#include "domain/zip.h"

#define ZLIB_CONST
#include <string.h>
#include <zlib.h>

#define ZIP_LOCAL_SIG   0x04034b50u
#define ZIP_CENTRAL_SIG 0x02014b50u
#define ZIP_END_SIG     0x06054b50u
#define ZIP_LOCAL_LEN   30u
#define ZIP_CENTRAL_LEN 46u
#define ZIP_END_LEN     22u

static unsigned
zip_u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
zip_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The end-of-central-directory record: the last signature whose comment runs exactly to the end. */
static bool
zip_find_end(const unsigned char *p, size_t n, size_t *at)
{
	size_t i, lowest;

	if (n < ZIP_END_LEN)
		return false;
	lowest = n - ZIP_END_LEN > 0xffff ? n - ZIP_END_LEN - 0xffff : 0;
	for (i = n - ZIP_END_LEN + 1; i-- > lowest;)
		if (zip_u32(p + i) == ZIP_END_SIG && zip_u16(p + i + 20) == n - i - ZIP_END_LEN) {
			*at = i;
			return true;
		}
	return false;
}

bool
zip_next(const struct zip *z, size_t *pos, struct zip_entry *e)
{
	const unsigned char *h;
	size_t end = z->cd + z->cd_size, len;

	if (*pos > end || end - *pos < ZIP_CENTRAL_LEN)
		return false;
	h = z->p + *pos;
	if (zip_u32(h) != ZIP_CENTRAL_SIG || zip_u16(h + 34) != 0)
		return false;
	len = ZIP_CENTRAL_LEN + zip_u16(h + 28) + zip_u16(h + 30) + zip_u16(h + 32);
	if (len > end - *pos)
		return false;
	e->flags = zip_u16(h + 8);
	e->method = zip_u16(h + 10);
	e->crc = zip_u32(h + 16);
	e->csize = zip_u32(h + 20);
	e->usize = zip_u32(h + 24);
	e->name_len = zip_u16(h + 28);
	e->name = h + ZIP_CENTRAL_LEN;
	e->local = zip_u32(h + 42);
	*pos += len;
	return true;
}

bool
zip_open(struct zip *z, const unsigned char *p, size_t n)
{
	struct zip_entry e;
	size_t end, pos;
	unsigned i;

	memset(z, 0, sizeof(*z));
	if (n < ZIP_LOCAL_LEN || zip_u32(p) != ZIP_LOCAL_SIG || !zip_find_end(p, n, &end))
		return false;
	/* one disk, every entry on it, the directory right before the end record */
	if (zip_u16(p + end + 4) != 0 || zip_u16(p + end + 6) != 0 || zip_u16(p + end + 8) != zip_u16(p + end + 10))
		return false;
	z->p = p;
	z->n = n;
	z->count = zip_u16(p + end + 10);
	z->cd_size = zip_u32(p + end + 12);
	z->cd = zip_u32(p + end + 16);
	if (z->count == 0 || z->count > ZIP_MAX_ENTRIES || z->cd > end || z->cd_size != end - z->cd)
		return false;
	for (pos = z->cd, i = 0; i < z->count; i++)
		if (!zip_next(z, &pos, &e))
			return false;
	return pos == end;
}

static bool
zip_name_is(const struct zip_entry *e, const char *name, size_t len)
{
	size_t i;

	if (e->name_len != len)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char a = e->name[i], b = (unsigned char)name[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

bool
zip_find(const struct zip *z, const char *name, size_t name_len, struct zip_entry *e)
{
	size_t pos = z->cd;

	while (zip_next(z, &pos, e))
		if (zip_name_is(e, name, name_len))
			return true;
	return false;
}

const unsigned char *
zip_data(const struct zip *z, const struct zip_entry *e)
{
	const unsigned char *h;
	size_t head;

	if (e->local > z->cd || z->cd - e->local < ZIP_LOCAL_LEN)
		return NULL;
	h = z->p + e->local;
	head = ZIP_LOCAL_LEN + zip_u16(h + 26) + zip_u16(h + 28);
	if (zip_u32(h) != ZIP_LOCAL_SIG || head > z->cd - e->local || zip_u16(h + 26) != e->name_len ||
	    memcmp(h + ZIP_LOCAL_LEN, e->name, e->name_len) != 0 || e->csize > z->cd - e->local - head)
		return NULL;
	return h + head;
}

/* Inflates the raw deflate stream in[0..in_len) into exactly out_len bytes. */
static bool
zip_inflate(const unsigned char *in, size_t in_len, unsigned char *out, size_t out_len)
{
	z_stream s;
	bool ok;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
		return false;
	s.next_in = in;
	s.avail_in = (uInt)in_len;
	s.next_out = out;
	s.avail_out = (uInt)out_len;
	ok = inflate(&s, Z_FINISH) == Z_STREAM_END && s.total_out == out_len;
	inflateEnd(&s);
	return ok;
}

bool
zip_read(const struct zip *z, const struct zip_entry *e, unsigned char *out, size_t cap, size_t *len)
{
	const unsigned char *d;

	if ((e->flags & 1u) != 0 || e->usize > cap || (d = zip_data(z, e)) == NULL)
		return false;
	if (e->method == 0) {
		if (e->csize != e->usize)
			return false;
		if (e->usize > 0)
			memcpy(out, d, e->usize);
	} else if (e->method != 8 || !zip_inflate(d, e->csize, out, e->usize)) {
		return false;
	}
	if (crc32(0L, out, e->usize) != e->crc)
		return false;
	*len = e->usize;
	return true;
}
