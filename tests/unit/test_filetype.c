/*
 * test_filetype.c - attachments' types by structure (domain/filetype.h, domain/zip.h): each
 * allowed type when well-formed, and refused when only its first bytes are right (no trailer, no
 * IEND, no frame or EOI, a ZIP without a central directory, the wrong or a missing main part, a
 * macro-enabled document, mimetype not first or compressed, a bad CRC, an oversized
 * [Content_Types].xml); and the stored names: cleaned of control and bidi characters, the
 * extension made the detected type's, at most 200 characters, and stable when cleaned again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "domain/filetype.h"
#include "domain/zip.h"
#include "core/utf8.h"

/* ---- samples ------------------------------------------------------------------------------ */

static const unsigned char png1[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
	0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 13, 'I', 'D', 'A', 'T', 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 5, 0,
	2, 1, 0xa1, 0xf1, 0xa1, 0x69, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

/* a 1x1 grey baseline JPEG: DQT, SOF0, two DHT, SOS, one byte of data, EOI */
static unsigned char jpg1[2 + 69 + 13 + 22 + 22 + 10 + 1 + 2];

static size_t
jpeg_build(unsigned char *p)
{
	static const unsigned char sof[] = { 0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0 };
	static const unsigned char sos[] = { 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0 };
	size_t n = 0, t;
	p[n++] = 0xff, p[n++] = 0xd8;
	p[n++] = 0xff, p[n++] = 0xdb, p[n++] = 0, p[n++] = 67, p[n++] = 0;
	memset(p + n, 1, 64), n += 64;
	memcpy(p + n, sof, sizeof(sof)), n += sizeof(sof);
	for (t = 0; t < 2; t++) { /* DC then AC table 0: one code of length 1 for symbol 0 */
		p[n++] = 0xff, p[n++] = 0xc4, p[n++] = 0, p[n++] = 20, p[n++] = (unsigned char)(t << 4), p[n++] = 1;
		memset(p + n, 0, 16), n += 15;
		p[n++] = 0;
	}
	memcpy(p + n, sos, sizeof(sos)), n += sizeof(sos);
	p[n++] = 0x3f;
	p[n++] = 0xff, p[n++] = 0xd9;
	return n;
}

/* A ZIP written the way zip tools do: local headers, the central directory, the end record. */
struct zb {
	unsigned char *p, cd[16384];
	size_t n, cdn, cap;
	unsigned count;
};

static void
le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
}

static void
le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff), le16(p + 2, v >> 16);
}

static void
zb_init(struct zb *z, size_t cap)
{
	memset(z, 0, sizeof(*z));
	z->p = malloc(cap);
	z->cap = cap;
}

/* adds name with data (deflated when deflate), written with crc (the true one when crc == 0) */
static void
zb_add_crc(struct zb *z, const char *name, const void *data, size_t len, bool deflated, uint32_t crc)
{
	size_t nl = strlen(name), csize = len;
	unsigned char *h = z->p + z->n, *c = z->cd + z->cdn;

	assert_true((deflated || z->n + 30 + nl + len + 64 < z->cap) && z->cdn + 46 + nl < sizeof(z->cd));
	if (crc == 0)
		crc = (uint32_t)crc32(0, data, (uInt)len);
	memset(h, 0, 30);
	le32(h, 0x04034b50), le16(h + 4, 20), le16(h + 8, deflated ? 8 : 0), le32(h + 14, crc);
	le32(h + 22, (uint32_t)len), le16(h + 26, (unsigned)nl);
	memcpy(h + 30, name, nl);
	if (deflated) {
		z_stream s;
		memset(&s, 0, sizeof(s));
		assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
		s.next_in = (Bytef *)(uintptr_t)data, s.avail_in = (uInt)len;
		s.next_out = h + 30 + nl, s.avail_out = (uInt)(z->cap - z->n - 30 - nl);
		assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
		csize = s.total_out;
		deflateEnd(&s);
	} else {
		memcpy(h + 30 + nl, data, len);
	}
	le32(h + 18, (uint32_t)csize);
	memset(c, 0, 46);
	le32(c, 0x02014b50), le16(c + 4, 20), le16(c + 6, 20), le16(c + 10, deflated ? 8 : 0), le32(c + 16, crc);
	le32(c + 20, (uint32_t)csize), le32(c + 24, (uint32_t)len), le16(c + 28, (unsigned)nl), le32(c + 42, (uint32_t)z->n);
	memcpy(c + 46, name, nl);
	z->cdn += 46 + nl;
	z->n += 30 + nl + csize;
	z->count++;
}

static void
zb_add(struct zb *z, const char *name, const char *text, bool deflate)
{
	zb_add_crc(z, name, text, strlen(text), deflate, 0);
}

/* appends the directory and the end record; returns the archive's length */
static size_t
zb_end(struct zb *z)
{
	unsigned char *e;
	memcpy(z->p + z->n, z->cd, z->cdn);
	e = z->p + z->n + z->cdn;
	memset(e, 0, 22);
	le32(e, 0x06054b50), le16(e + 8, z->count), le16(e + 10, z->count), le32(e + 12, (uint32_t)z->cdn);
	le32(e + 16, (uint32_t)z->n);
	return z->n + z->cdn + 22;
}

#define CT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
#define CT_DOCX "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
#define CT_XLSX "<Override ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'\n PartName = '/xl/workbook.xml' />"
#define CT_DOCM "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>"

/* an OOXML package with the given content types and main part */
static enum filetype
ooxml(const char *types, const char *part, bool deflate)
{
	struct zb z;
	enum filetype t;
	zb_init(&z, 1 << 16);
	zb_add(&z, "[Content_Types].xml", types, deflate);
	zb_add(&z, "_rels/.rels", "<Relationships/>", deflate);
	zb_add(&z, part, "<document/>", deflate);
	t = filetype_detect(z.p, zb_end(&z));
	free(z.p);
	return t;
}

static enum filetype
odf(const char *first, const char *mimetype, bool deflate, bool content)
{
	struct zb z;
	enum filetype t;
	zb_init(&z, 1 << 16);
	zb_add(&z, first, mimetype, deflate);
	if (content)
		zb_add(&z, "content.xml", "<office:document-content/>", true);
	zb_add(&z, "META-INF/manifest.xml", "<manifest:manifest/>", true);
	t = filetype_detect(z.p, zb_end(&z));
	free(z.p);
	return t;
}

#define ODT_MIME "application/vnd.oasis.opendocument.text"
#define ODS_MIME "application/vnd.oasis.opendocument.spreadsheet"

static enum filetype
detect_str(const char *s)
{
	return filetype_detect((const unsigned char *)s, strlen(s));
}

/* ---- detection -------------------------------------------------------------------------- */

static void
test_pdf(void **state)
{
	char *big;
	(void)state;
	assert_int_equal(detect_str("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), FILETYPE_PDF);
	assert_int_equal(detect_str("%PDF-1.7\n%%EOF"), FILETYPE_PDF);
	/* a PDF that is also an HTML page is a PDF (and is named and served as one) */
	assert_int_equal(detect_str("%PDF-1.5\n<html><script>alert(1)</script></html>\n%%EOF\r\n"), FILETYPE_PDF);
	assert_int_equal(detect_str("%PDF-1.4\n1 0 obj <<>> endobj\n"), FILETYPE_NONE);   /* no trailer */
	assert_int_equal(detect_str("%PDF-"), FILETYPE_NONE);
	assert_int_equal(detect_str("%PDF-x.y\n%%EOF"), FILETYPE_NONE);
	assert_int_equal(detect_str("%PDF%%EOF"), FILETYPE_NONE);
	assert_int_equal(detect_str(" %PDF-1.4\n%%EOF"), FILETYPE_NONE);
	/* %%EOF must be within the last 1024 bytes */
	big = malloc(4096);
	memset(big, ' ', 4095);
	big[4095] = '\0';
	memcpy(big, "%PDF-1.4\n%%EOF\n", 15);
	assert_int_equal(detect_str(big), FILETYPE_NONE);
	memcpy(big + 4095 - 1024, "%%EOF", 5);
	assert_int_equal(detect_str(big), FILETYPE_PDF);
	free(big);
}

static void
test_png(void **state)
{
	unsigned char p[sizeof(png1) + 8];
	(void)state;
	assert_int_equal(filetype_detect(png1, sizeof(png1)), FILETYPE_PNG);
	assert_int_equal(filetype_detect(png1, 8), FILETYPE_NONE);              /* the signature alone */
	assert_int_equal(filetype_detect(png1, sizeof(png1) - 1), FILETYPE_NONE); /* IEND cut */
	assert_int_equal(filetype_detect(png1, sizeof(png1) - 12), FILETYPE_NONE); /* no IEND */
	memcpy(p, png1, sizeof(png1));
	memcpy(p + sizeof(png1), "PK\x05\x06 zip", 8);                           /* something after IEND */
	assert_int_equal(filetype_detect(p, sizeof(png1) + 8), FILETYPE_NONE);
	memcpy(p, png1, sizeof(png1));
	p[12] = 'X';                                                            /* IHDR not first */
	assert_int_equal(filetype_detect(p, sizeof(png1)), FILETYPE_NONE);
	memcpy(p, png1, sizeof(png1));
	p[16 + 3] = 0;                                                          /* width 0 */
	assert_int_equal(filetype_detect(p, sizeof(png1)), FILETYPE_NONE);
	memcpy(p, png1, sizeof(png1));
	p[33] = 0x7f;                                                           /* IDAT past the end */
	assert_int_equal(filetype_detect(p, sizeof(png1)), FILETYPE_NONE);
	memcpy(p, png1, sizeof(png1));
	memcpy(p + 37, "IDA1", 4);                                              /* not a chunk type */
	assert_int_equal(filetype_detect(p, sizeof(png1)), FILETYPE_NONE);
	memcpy(p + 37, "tEXt", 4);                                              /* no IDAT */
	assert_int_equal(filetype_detect(p, sizeof(png1)), FILETYPE_NONE);
}

static void
test_jpeg(void **state)
{
	static const unsigned char app0_only[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0, 1, 0,
		1, 0, 0, 0xff, 0xd9 };
	unsigned char p[sizeof(jpg1) + 16];
	size_t n = jpeg_build(jpg1);
	(void)state;
	assert_int_equal(n, sizeof(jpg1));
	assert_int_equal(filetype_detect(jpg1, n), FILETYPE_JPEG);
	/* what cameras append after EOI is allowed */
	memcpy(p, jpg1, n);
	memcpy(p + n, "\xff\xd8\xff\xe1 trailer", 12);
	assert_int_equal(filetype_detect(p, n + 12), FILETYPE_JPEG);
	/* entropy data with a stuffed 0xFF, a restart marker and fill bytes */
	memcpy(p, jpg1, n - 3);
	memcpy(p + n - 3, "\x3f\xff\x00\x12\xff\xd0\x34\xff\xff\xff\xd9", 11);
	assert_int_equal(filetype_detect(p, n + 8), FILETYPE_JPEG);
	assert_int_equal(filetype_detect(app0_only, sizeof(app0_only)), FILETYPE_NONE); /* SOI, EOI, no image */
	assert_int_equal(filetype_detect(jpg1, n - 2), FILETYPE_NONE);                  /* no EOI */
	assert_int_equal(filetype_detect(jpg1, 3), FILETYPE_NONE);
	memcpy(p, jpg1, n);
	p[2 + 69 + 1] = 0xc4;                                                            /* no frame before the scan */
	assert_int_equal(filetype_detect(p, n), FILETYPE_NONE);
	memcpy(p, jpg1, n);
	p[4] = 0xff;                                                                     /* DQT runs past the end */
	assert_int_equal(filetype_detect(p, n), FILETYPE_NONE);
	memcpy(p, jpg1, n);
	p[2 + 69] = 0x12;                                                                /* data before any scan */
	assert_int_equal(filetype_detect(p, n), FILETYPE_NONE);
}

static void
test_ooxml(void **state)
{
	unsigned char junk[64];
	struct zb z;
	(void)state;
	assert_int_equal(ooxml(CT_HEAD CT_DOCX "</Types>", "word/document.xml", false), FILETYPE_DOCX);
	assert_int_equal(ooxml(CT_HEAD CT_DOCX "</Types>", "word/document.xml", true), FILETYPE_DOCX);
	assert_int_equal(ooxml(CT_HEAD CT_XLSX "</Types>", "xl/workbook.xml", true), FILETYPE_XLSX);
	/* part names are compared ignoring case, as OPC does */
	assert_int_equal(ooxml(CT_HEAD CT_DOCX "</Types>", "Word/Document.xml", true), FILETYPE_DOCX);
	/* the main part declared but not in the archive; not declared; macro-enabled; both */
	assert_int_equal(ooxml(CT_HEAD CT_DOCX "</Types>", "word/other.xml", true), FILETYPE_NONE);
	assert_int_equal(ooxml(CT_HEAD "</Types>", "word/document.xml", true), FILETYPE_NONE);
	assert_int_equal(ooxml(CT_HEAD CT_DOCM "</Types>", "word/document.xml", true), FILETYPE_NONE);
	/* a workbook declared whose part is missing does not count; both present are neither */
	assert_int_equal(ooxml(CT_HEAD CT_DOCX CT_XLSX "</Types>", "word/document.xml", true), FILETYPE_DOCX);
	zb_init(&z, 1 << 16);
	zb_add(&z, "[Content_Types].xml", CT_HEAD CT_DOCX CT_XLSX "</Types>", true);
	zb_add(&z, "word/document.xml", "<w/>", true);
	zb_add(&z, "xl/workbook.xml", "<x/>", true);
	assert_int_equal(filetype_detect(z.p, zb_end(&z)), FILETYPE_NONE);
	free(z.p);
	/* the names alone (what first-bytes sniffing looked at) are not enough */
	assert_int_equal(ooxml("<Types/>", "word/document.xml", false), FILETYPE_NONE);
	assert_int_equal(ooxml(CT_HEAD "<OverrideX PartName=\"/word/document.xml\" ContentType=\"application/vnd."
	    "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>", "word/document.xml", false),
	    FILETYPE_NONE);
	assert_int_equal(ooxml(CT_HEAD "<Override PartName=\"/word/document.xml\"", "word/document.xml", false),
	    FILETYPE_NONE);
	memset(junk, 'x', sizeof(junk));
	memcpy(junk, "PK\x03\x04", 4);
	assert_int_equal(filetype_detect(junk, sizeof(junk)), FILETYPE_NONE);
}

static void
test_zip_bounds(void **state)
{
	struct zb z;
	size_t n;
	unsigned char *big = calloc(FILETYPE_XML_MAX + 2, 1);
	(void)state;
	/* no central directory: local headers only, as a careless writer (or an attacker) makes them */
	zb_init(&z, 1 << 16);
	zb_add(&z, "[Content_Types].xml", CT_HEAD CT_DOCX "</Types>", false);
	zb_add(&z, "word/document.xml", "<w/>", false);
	assert_int_equal(filetype_detect(z.p, z.n), FILETYPE_NONE);
	n = zb_end(&z);
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_DOCX);
	z.p[n - 22 + 10] = 3;                                              /* the count does not match */
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_NONE);
	z.p[n - 22 + 10] = 2;
	z.p[n - 22 + 16] ^= 1;                                             /* the directory moved */
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_NONE);
	z.p[n - 22 + 16] ^= 1;
	assert_int_equal(filetype_detect(z.p, n - 1), FILETYPE_NONE);      /* the end record cut */
	z.p[30 + 19] ^= 0x20;                                              /* the data (and CRC) changed */
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_NONE);
	z.p[30 + 19] ^= 0x20;
	z.p[6] = 1;                                                        /* encrypted (local flag only) */
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_DOCX);
	z.p[z.n + 8] = 1;                                                  /* encrypted (directory) */
	assert_int_equal(filetype_detect(z.p, n), FILETYPE_NONE);
	free(z.p);
	/* a wrong CRC */
	zb_init(&z, 1 << 16);
	zb_add_crc(&z, "[Content_Types].xml", CT_HEAD CT_DOCX "</Types>", strlen(CT_HEAD CT_DOCX "</Types>"), true, 1);
	zb_add(&z, "word/document.xml", "<w/>", false);
	assert_int_equal(filetype_detect(z.p, zb_end(&z)), FILETYPE_NONE);
	free(z.p);
	/* [Content_Types].xml that inflates past the cap is not read (a few KiB compressed) */
	memset(big, ' ', FILETYPE_XML_MAX + 1);
	memcpy(big, CT_HEAD CT_DOCX "</Types>", strlen(CT_HEAD CT_DOCX "</Types>"));
	zb_init(&z, 1 << 16);
	zb_add_crc(&z, "[Content_Types].xml", big, FILETYPE_XML_MAX + 1, true, 0);
	zb_add(&z, "word/document.xml", "<w/>", false);
	assert_true(z.n < 8192);
	assert_int_equal(filetype_detect(z.p, zb_end(&z)), FILETYPE_NONE);
	free(z.p);
	/* at the cap it is */
	zb_init(&z, 1 << 16);
	zb_add_crc(&z, "[Content_Types].xml", big, FILETYPE_XML_MAX, true, 0);
	zb_add(&z, "word/document.xml", "<w/>", false);
	assert_int_equal(filetype_detect(z.p, zb_end(&z)), FILETYPE_DOCX);
	free(z.p);
	free(big);
}

static void
test_odf(void **state)
{
	struct zb z;
	size_t n;
	unsigned char *pre;
	(void)state;
	assert_int_equal(odf("mimetype", ODT_MIME, false, true), FILETYPE_ODT);
	assert_int_equal(odf("mimetype", ODS_MIME, false, true), FILETYPE_ODS);
	assert_int_equal(odf("mimetype", ODS_MIME, true, true), FILETYPE_NONE);   /* compressed */
	assert_int_equal(odf("mimetype", ODT_MIME, false, false), FILETYPE_NONE); /* no content.xml */
	assert_int_equal(odf("mimetype", "application/epub+zip", false, true), FILETYPE_NONE);
	assert_int_equal(odf("mimetype", ODT_MIME "\n", false, true), FILETYPE_NONE);
	assert_int_equal(odf("MIMETYPE", ODT_MIME, false, true), FILETYPE_NONE);
	/* mimetype must be the first entry */
	zb_init(&z, 1 << 16);
	zb_add(&z, "content.xml", "<x/>", true);
	zb_add(&z, "mimetype", ODT_MIME, false);
	assert_int_equal(filetype_detect(z.p, zb_end(&z)), FILETYPE_NONE);
	free(z.p);
	/* nothing before the archive (a self-extracting or polyglot prefix) */
	zb_init(&z, 1 << 16);
	zb_add(&z, "mimetype", ODT_MIME, false);
	zb_add(&z, "content.xml", "<x/>", true);
	n = zb_end(&z);
	pre = malloc(n + 4);
	memcpy(pre, "MZ\x90\x00", 4);
	memcpy(pre + 4, z.p, n);
	assert_int_equal(filetype_detect(pre, n + 4), FILETYPE_NONE);
	free(pre);
	free(z.p);
}

static void
test_others(void **state)
{
	(void)state;
	assert_int_equal(filetype_detect((const unsigned char *)"", 0), FILETYPE_NONE);
	assert_int_equal(detect_str("MZ\x90"), FILETYPE_NONE);
	assert_int_equal(detect_str("<html><script>alert(1)</script></html>"), FILETYPE_NONE);
	assert_int_equal(detect_str("GIF89a"), FILETYPE_NONE);
}

/* ---- types and names --------------------------------------------------------------------- */

static void
test_mime_ext(void **state)
{
	int t;
	(void)state;
	for (t = FILETYPE_PDF; t <= FILETYPE_ODS; t++) {
		assert_non_null(filetype_mime((enum filetype)t));
		assert_non_null(filetype_ext((enum filetype)t));
		assert_int_equal(filetype_from_mime(filetype_mime((enum filetype)t)), t);
	}
	assert_string_equal(filetype_mime(FILETYPE_JPEG), "image/jpeg");
	assert_string_equal(filetype_ext(FILETYPE_JPEG), "jpg");
	assert_string_equal(filetype_ext(FILETYPE_XLSX), "xlsx");
	assert_null(filetype_mime(FILETYPE_NONE));
	assert_null(filetype_ext(FILETYPE_NONE));
	assert_int_equal(filetype_from_mime("text/html"), FILETYPE_NONE);
	assert_int_equal(filetype_from_mime(NULL), FILETYPE_NONE);
}

/* the cleaned name, checked to be stable when cleaned again */
static const char *
name(const char *given, enum filetype t)
{
	static char out[FILETYPE_NAME_CAP];
	char again[FILETYPE_NAME_CAP];
	assert_true(filetype_name(given, t, out));
	assert_true(utf8_valid(out, strlen(out)));
	assert_true(utf8_len(out) <= FILETYPE_NAME_MAX);
	assert_true(filetype_name(out, t, again));
	assert_string_equal(again, out);
	return out;
}

static void
test_names(void **state)
{
	/* "invoice" U+202E "gpj.exe" shows as "invoiceexe.jpg"; LRM, RLM, FSI, PDI; C0, DEL, C1 (NEL) */
	static const struct {
		const char *given;
		enum filetype type;
		const char *stored;
	} cases[] = {
		{ "poly.html", FILETYPE_PDF, "poly.pdf" },
		{ "budsjett.pdf", FILETYPE_PDF, "budsjett.pdf" },
		{ "Budsjett.PDF", FILETYPE_PDF, "Budsjett.PDF" },
		{ "bilde.jpeg", FILETYPE_JPEG, "bilde.jpeg" },
		{ "bilde.png", FILETYPE_JPEG, "bilde.jpg" },
		{ "fil", FILETYPE_PDF, "fil.pdf" },
		{ "rapport v1.2", FILETYPE_DOCX, "rapport v1.2.docx" },
		{ "regnskap.tar.gz", FILETYPE_XLSX, "regnskap.tar.xlsx" },
		{ "evil.pdf.exe", FILETYPE_PDF, "evil.pdf.pdf" },
		{ "Søknad – 2026.odt", FILETYPE_ODT, "Søknad – 2026.odt" },
		{ "invoice\xe2\x80\xaegpj.exe", FILETYPE_PDF, "invoicegpj.pdf" },
		{ "a\xe2\x80\x8e" "b\xe2\x80\x8f" "c\xe2\x81\xa6" "d\xe2\x81\xa9.png", FILETYPE_PNG, "abcd.png" },
		{ "a\tb\x01\x7f" "c\xc2\x85.pdf", FILETYPE_PDF, "abc.pdf" },
		{ "\xe2\x80\x8e\xe2\x80\xae", FILETYPE_PDF, "vedlegg.pdf" },
		{ "", FILETYPE_ODS, "vedlegg.ods" },
		{ "...", FILETYPE_PDF, "vedlegg.pdf" },
		{ ".htaccess", FILETYPE_PDF, "htaccess.pdf" },
		{ "  navn .pdf. ", FILETYPE_PDF, "navn.pdf" },
		{ "a/b\\c\"d.pdf", FILETYPE_PDF, "a_b_c_d.pdf" },
	};
	char out[FILETYPE_NAME_CAP], longname[600];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(name(cases[i].given, cases[i].type), cases[i].stored);
	/* at most 200 characters, the extension kept, never a character cut */
	memset(longname, 'x', 250);
	strcpy(longname + 250, ".pdf");
	assert_int_equal(strlen(name(longname, FILETYPE_PDF)), 200);
	assert_string_equal(name(longname, FILETYPE_PDF) + 196, ".pdf");
	for (size_t i = 0; i < 250; i++)
		memcpy(longname + 2 * i, "\xc3\xa6", 2);
	strcpy(longname + 500, ".html");
	assert_int_equal(utf8_len(name(longname, FILETYPE_PNG)), 200);
	assert_string_equal(name(longname, FILETYPE_PNG) + 2 * 196, ".png");
	/* refused: not UTF-8, or no type */
	assert_false(filetype_name("a\xff.pdf", FILETYPE_PDF, out));
	assert_string_equal(out, "");
	assert_false(filetype_name("a.pdf", FILETYPE_NONE, out));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_jpeg),
		cmocka_unit_test(test_ooxml),
		cmocka_unit_test(test_zip_bounds),
		cmocka_unit_test(test_odf),
		cmocka_unit_test(test_others),
		cmocka_unit_test(test_mime_ext),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
