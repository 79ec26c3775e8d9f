/*
 * fuzz_filetype.c - filetype_detect and filetype_name (domain/filetype.h) and the bounded ZIP
 * view under them (domain/zip.h), on a fuzzed upload.
 *
 * The input is the file. Invariants: detection reads only inside the buffer (ASan) and gives the
 * same answer twice; a recognised type has its media type and extension, maps back from its media
 * type, and starts as its family does (a PDF with "%PDF-" and an "%%EOF" in its last 1024 bytes, a
 * PNG ending in IEND, a JPEG with SOI, the office types with a ZIP local header); a PNG cut by one
 * byte is no PNG. A ZIP that opens walks exactly its declared count of entries, every entry's data
 * lies before the central directory, and an entry read within a cap has its declared size.
 *
 * The input up to its first NUL (at most 1000 bytes) is also a file name, cleaned for every type:
 * refused exactly when it is not UTF-8; otherwise well-formed UTF-8 of 1 to 200 characters with no
 * control, bidirectional or invisible character and no / \ ", not starting or ending with a space
 * or a dot, ending in "." and one of the type's extensions, and the same when cleaned again.
 */
#include "domain/filetype.h"
#include "domain/zip.h"
#include "core/utf8.h"

#include "fuzz.h"

#include <strings.h>

static bool
has(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	return n >= k && memmem(p, n, s, k) != NULL;
}

static void
check_family(enum filetype t, const uint8_t *p, size_t n)
{
	size_t tail = n > 1024 ? n - 1024 : 0;

	switch (t) {
	case FILETYPE_PDF:
		FUZZ_CHECK(n >= 8 && memcmp(p, "%PDF-", 5) == 0 && has(p + tail, n - tail, "%%EOF"));
		break;
	case FILETYPE_PNG:
		FUZZ_CHECK(n >= 45 && memcmp(p + n - 8, "IEND", 4) == 0);
		FUZZ_CHECK(filetype_detect(p, n - 1) == FILETYPE_NONE);
		break;
	case FILETYPE_JPEG:
		FUZZ_CHECK(n >= 4 && p[0] == 0xff && p[1] == 0xd8 && has(p, n, "\xff\xd9"));
		break;
	case FILETYPE_NONE:
		break;
	default:
		FUZZ_CHECK(n >= 30 && memcmp(p, "PK\x03\x04", 4) == 0);
		break;
	}
}

static void
check_zip(const uint8_t *p, size_t n)
{
	static unsigned char out[4096];
	struct zip z;
	struct zip_entry e;
	size_t pos, len;
	unsigned count = 0;

	if (!zip_open(&z, p, n))
		return;
	FUZZ_CHECK(z.count >= 1 && z.count <= ZIP_MAX_ENTRIES && z.cd + z.cd_size <= n);
	for (pos = z.cd; zip_next(&z, &pos, &e); count++) {
		const unsigned char *d = zip_data(&z, &e);
		FUZZ_CHECK(e.name >= p + z.cd && e.name + e.name_len <= p + z.cd + z.cd_size);
		FUZZ_CHECK(d == NULL || (d >= p && d + e.csize <= p + z.cd));
		if (zip_read(&z, &e, out, sizeof(out), &len))
			FUZZ_CHECK(d != NULL && len == e.usize && len <= sizeof(out));
	}
	FUZZ_CHECK(count == z.count && pos == z.cd + z.cd_size);
}

static bool
hidden(unsigned long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || (c >= 0x200e && c <= 0x200f) || c == 0x200b ||
	    (c >= 0x2028 && c <= 0x202e) || c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff || c == '/' ||
	    c == '\\' || c == '"';
}

static void
check_name(const char *given, enum filetype t)
{
	char out[FILETYPE_NAME_CAP], again[FILETYPE_NAME_CAP];
	const char *ext = filetype_ext(t), *dot;
	size_t n, i, len;
	unsigned long c;
	bool ok = filetype_name(given, t, out);

	FUZZ_CHECK(ok == utf8_valid(given, strlen(given)));
	if (!ok) {
		FUZZ_CHECK(out[0] == '\0');
		return;
	}
	n = strlen(out);
	FUZZ_CHECK(n > 0 && utf8_valid(out, n) && utf8_len(out) <= FILETYPE_NAME_MAX);
	for (i = 0; i < n; i += len) {
		FUZZ_CHECK((len = utf8_decode(out + i, n - i, &c)) > 0);
		FUZZ_CHECK(!hidden(c));
	}
	FUZZ_CHECK(out[0] != ' ' && out[0] != '.' && out[n - 1] != ' ' && out[n - 1] != '.');
	FUZZ_CHECK((dot = strrchr(out, '.')) != NULL && dot > out);
	FUZZ_CHECK(strcasecmp(dot + 1, ext) == 0 || (t == FILETYPE_JPEG && strcasecmp(dot + 1, "jpeg") == 0));
	FUZZ_CHECK(filetype_name(out, t, again) && strcmp(out, again) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum filetype t = filetype_detect(data, size);
	size_t name_len = strnlen((const char *)data, size < 1000 ? size : 1000);
	char *name = fuzz_str(data, name_len);
	int k;

	FUZZ_CHECK(filetype_detect(data, size) == t);
	if (t != FILETYPE_NONE) {
		FUZZ_CHECK(filetype_mime(t) != NULL && filetype_ext(t) != NULL);
		FUZZ_CHECK(filetype_from_mime(filetype_mime(t)) == t);
	}
	check_family(t, data, size);
	check_zip(data, size);
	for (k = FILETYPE_PDF; k <= FILETYPE_ODS; k++)
		check_name(name, (enum filetype)k);
	FUZZ_CHECK(!filetype_name(name, FILETYPE_NONE, (char[FILETYPE_NAME_CAP]){ 0 }));
	free(name);
	return 0;
}
