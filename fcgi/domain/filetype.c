/*
 * filetype.c - recognising an attachment's type by its structure, and its stored name (see
 * filetype.h). PDF: ISO 32000-1 7.5.2 and 7.5.5; PNG: ISO/IEC 15948 5.2-5.6; JPEG: ITU-T T.81
 * B.1; OOXML: ISO/IEC 29500-2 10.1.2 ([Content_Types].xml); ODF 1.2 part 3, 3.3 (mimetype).
 */
#include "domain/filetype.h"
#include "domain/zip.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	enum filetype type;
	const char *mime;
	const char *ext[2]; /* the first is the usual one */
} ft_types[] = {
	{ FILETYPE_PDF, "application/pdf", { "pdf", NULL } },
	{ FILETYPE_PNG, "image/png", { "png", NULL } },
	{ FILETYPE_JPEG, "image/jpeg", { "jpg", "jpeg" } },
	{ FILETYPE_DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", { "docx", NULL } },
	{ FILETYPE_XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", { "xlsx", NULL } },
	{ FILETYPE_ODT, "application/vnd.oasis.opendocument.text", { "odt", NULL } },
	{ FILETYPE_ODS, "application/vnd.oasis.opendocument.spreadsheet", { "ods", NULL } },
};
#define FT_NTYPES (sizeof(ft_types) / sizeof(ft_types[0]))

/* the main parts' content types ([Content_Types].xml) */
#define FT_DOCX_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define FT_XLSX_MAIN "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
#define FT_PDF_TAIL  1024

static bool
ft_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
ft_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint32_t
ft_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ---- PDF, PNG, JPEG ------------------------------------------------------------------------ */

static bool
ft_pdf(const unsigned char *p, size_t n)
{
	size_t i;

	if (n < 8 || memcmp(p, "%PDF-", 5) != 0 || !ft_digit(p[5]) || p[6] != '.' || !ft_digit(p[7]))
		return false;
	for (i = n > FT_PDF_TAIL + 8 ? n - FT_PDF_TAIL : 8; i + 5 <= n; i++)
		if (p[i] == '%' && memcmp(p + i, "%%EOF", 5) == 0)
			return true;
	return false;
}

static bool
ft_png(const unsigned char *p, size_t n)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	size_t i = 8;
	bool idat = false;

	if (n < 8 + 25 || memcmp(p, sig, 8) != 0)
		return false;
	if (ft_be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0 || ft_be32(p + 16) == 0 || ft_be32(p + 20) == 0)
		return false;
	while (n - i >= 12) {
		uint32_t len = ft_be32(p + i);
		const unsigned char *type = p + i + 4;
		if (len > 0x7fffffffu || len > n - i - 12 || !ft_letter(type[0]) || !ft_letter(type[1]) ||
		    !ft_letter(type[2]) || !ft_letter(type[3]))
			return false;
		if (memcmp(type, "IDAT", 4) == 0)
			idat = true;
		if (memcmp(type, "IEND", 4) == 0)
			return len == 0 && idat && i + 12 == n;
		i += 12 + (size_t)len;
	}
	return false;
}

/* SOF0..SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC) */
static bool
ft_sof(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static bool
ft_jpeg(const unsigned char *p, size_t n)
{
	size_t i = 2, len;
	bool frame = false, scan = false;

	if (n < 4 || p[0] != 0xff || p[1] != 0xd8 || p[2] != 0xff)
		return false;
	while (i < n) {
		unsigned m;
		if (p[i] != 0xff) { /* entropy-coded data, only after a scan header */
			const unsigned char *ff = scan ? memchr(p + i, 0xff, n - i) : NULL;
			if (ff == NULL)
				return false;
			i = (size_t)(ff - p);
			continue;
		}
		if (n - i < 2)
			return false;
		m = p[i + 1];
		if (m == 0xff) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0xd9) /* EOI */
			return frame && scan;
		if (m == 0x00 || (m >= 0xd0 && m <= 0xd7)) { /* a stuffed 0xFF, RSTn: inside a scan only */
			if (!scan)
				return false;
			i += 2;
			continue;
		}
		if (m == 0x01) { /* TEM */
			i += 2;
			continue;
		}
		if (m < 0xc0 || m == 0xd8 || n - i < 4 || (len = (size_t)p[i + 2] << 8 | p[i + 3]) < 2 || len > n - i - 2)
			return false;
		frame = frame || ft_sof(m);
		if (m == 0xda && !(scan = frame))
			return false;
		i += 2 + len;
	}
	return false;
}

/* ---- ODF and OOXML ----------------------------------------------------------------------- */

static enum filetype
ft_odf(const struct zip *z)
{
	static const char text[] = "application/vnd.oasis.opendocument.text";
	static const char sheet[] = "application/vnd.oasis.opendocument.spreadsheet";
	unsigned char mt[64];
	struct zip_entry e, content;
	size_t len = 0;

	if (!zip_find(z, "mimetype", 8, &e) || memcmp(e.name, "mimetype", 8) != 0 || e.local != 0 || e.method != 0 ||
	    !zip_read(z, &e, mt, sizeof(mt), &len) || !zip_find(z, "content.xml", 11, &content))
		return FILETYPE_NONE;
	if (len == sizeof(text) - 1 && memcmp(mt, text, len) == 0)
		return FILETYPE_ODT;
	if (len == sizeof(sheet) - 1 && memcmp(mt, sheet, len) == 0)
		return FILETYPE_ODS;
	return FILETYPE_NONE;
}

static bool
ft_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct ft_text {
	const char *s;
	size_t n;
};

/* The PartName and ContentType attributes of the tag's attributes a[0..n). */
static void
ft_attrs(const char *a, size_t n, struct ft_text *part, struct ft_text *type)
{
	size_t i = 0, name, name_len;

	for (;;) {
		const char *q;
		while (i < n && ft_space(a[i]))
			i++;
		for (name = i; i < n && (ft_letter((unsigned char)a[i]) || a[i] == ':' || a[i] == '_' || a[i] == '-'); i++)
			;
		if ((name_len = i - name) == 0)
			return;
		while (i < n && ft_space(a[i]))
			i++;
		if (i >= n || a[i++] != '=')
			return;
		while (i < n && ft_space(a[i]))
			i++;
		if (i >= n || (a[i] != '"' && a[i] != '\'') || (q = memchr(a + i + 1, a[i], n - i - 1)) == NULL)
			return;
		if (name_len == 8 && memcmp(a + name, "PartName", 8) == 0)
			*part = (struct ft_text){ a + i + 1, (size_t)(q - a) - i - 1 };
		else if (name_len == 11 && memcmp(a + name, "ContentType", 11) == 0)
			*type = (struct ft_text){ a + i + 1, (size_t)(q - a) - i - 1 };
		i = (size_t)(q - a) + 1;
	}
}

/* Whether the Override declares the main part ctype, and that part is in the archive. */
static bool
ft_main_part(const struct zip *z, const struct ft_text *part, const struct ft_text *type, const char *ctype)
{
	struct zip_entry e;

	return type->n == strlen(ctype) && memcmp(type->s, ctype, type->n) == 0 && part->n > 1 && part->s[0] == '/' &&
	    zip_find(z, part->s + 1, part->n - 1, &e);
}

/* DOCX or XLSX by the main part the content types declare (exactly one of the two). */
static enum filetype
ft_content_types(const struct zip *z, const char *x, size_t n)
{
	bool docx = false, xlsx = false;
	const char *tag;
	size_t i = 0;

	while ((tag = memmem(x + i, n - i, "<Override", 9)) != NULL) {
		size_t at = (size_t)(tag - x) + 9;
		const char *end = at < n ? memchr(x + at, '>', n - at) : NULL;
		struct ft_text part = { NULL, 0 }, type = { NULL, 0 };
		if (end == NULL)
			break;
		if (ft_space(x[at])) {
			ft_attrs(x + at, (size_t)(end - x) - at, &part, &type);
			docx = docx || ft_main_part(z, &part, &type, FT_DOCX_MAIN);
			xlsx = xlsx || ft_main_part(z, &part, &type, FT_XLSX_MAIN);
		}
		i = (size_t)(end - x) + 1;
	}
	if (docx == xlsx)
		return FILETYPE_NONE;
	return docx ? FILETYPE_DOCX : FILETYPE_XLSX;
}

static enum filetype
ft_ooxml(const struct zip *z)
{
	struct zip_entry e;
	enum filetype t = FILETYPE_NONE;
	unsigned char *xml;
	size_t len = 0;

	if (!zip_find(z, "[Content_Types].xml", 19, &e) || e.usize == 0 || e.usize > FILETYPE_XML_MAX)
		return FILETYPE_NONE;
	xml = util_malloc(e.usize);
	if (zip_read(z, &e, xml, e.usize, &len))
		t = ft_content_types(z, (const char *)xml, len);
	free(xml);
	return t;
}

enum filetype
filetype_detect(const unsigned char *p, size_t n)
{
	struct zip z;
	enum filetype t;

	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return ft_pdf(p, n) ? FILETYPE_PDF : FILETYPE_NONE;
	if (n >= 8 && memcmp(p, "\x89PNG", 4) == 0)
		return ft_png(p, n) ? FILETYPE_PNG : FILETYPE_NONE;
	if (n >= 2 && p[0] == 0xff && p[1] == 0xd8)
		return ft_jpeg(p, n) ? FILETYPE_JPEG : FILETYPE_NONE;
	if (!zip_open(&z, p, n))
		return FILETYPE_NONE;
	if ((t = ft_odf(&z)) != FILETYPE_NONE)
		return t;
	return ft_ooxml(&z);
}

/* ---- types and names ----------------------------------------------------------------------- */

static size_t
ft_index(enum filetype t)
{
	size_t i;
	for (i = 0; i < FT_NTYPES; i++)
		if (ft_types[i].type == t)
			return i;
	return FT_NTYPES;
}

const char *
filetype_mime(enum filetype t)
{
	size_t i = ft_index(t);
	return i < FT_NTYPES ? ft_types[i].mime : NULL;
}

const char *
filetype_ext(enum filetype t)
{
	size_t i = ft_index(t);
	return i < FT_NTYPES ? ft_types[i].ext[0] : NULL;
}

enum filetype
filetype_from_mime(const char *mime)
{
	size_t i;
	for (i = 0; mime && i < FT_NTYPES; i++)
		if (strcmp(ft_types[i].mime, mime) == 0)
			return ft_types[i].type;
	return FILETYPE_NONE;
}

/* Characters a stored name never holds: controls (C0, DEL, C1), the bidirectional marks,
 * embeddings, overrides and isolates, and invisible separators. */
static bool
ft_hidden(unsigned long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200b || c == 0x200e || c == 0x200f ||
	    (c >= 0x2028 && c <= 0x202e) || c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

/* given without hidden characters, path and quote characters as '_' (a new string) */
static char *
ft_strip(const char *given, size_t n)
{
	char *s = util_malloc(n + 1);
	size_t i = 0, k = 0, len;
	unsigned long c = 0;

	while (i < n && (len = utf8_decode(given + i, n - i, &c)) > 0) {
		if (c == '/' || c == '\\' || c == '"')
			s[k++] = '_';
		else if (!ft_hidden(c))
			memcpy(s + k, given + i, len), k += len;
		i += len;
	}
	s[k] = '\0';
	return s;
}

/* s[0..*n) without trailing spaces and dots */
static void
ft_trim_end(const char *s, size_t *n)
{
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '.'))
		(*n)--;
}

/* Whether e[0..n) is one of type i's extensions (any case); or, with any, looks like an extension. */
static bool
ft_ext_is(size_t i, const char *e, size_t n, bool any)
{
	size_t j, letters = 0;

	for (j = 0; !any && j < 2; j++)
		if (ft_types[i].ext[j] && strlen(ft_types[i].ext[j]) == n && strncasecmp(e, ft_types[i].ext[j], n) == 0)
			return true;
	for (j = 0; any && j < n; j++) {
		if (!ft_letter((unsigned char)e[j]) && !ft_digit((unsigned char)e[j]))
			return false;
		letters += ft_letter((unsigned char)e[j]);
	}
	return any && n >= 1 && n <= 8 && letters > 0;
}

bool
filetype_name(const char *given, enum filetype t, char out[FILETYPE_NAME_CAP])
{
	size_t ti = ft_index(t), n = strlen(given), start = 0, base_len, ext_len, chars, cut;
	const char *ext, *dot;
	char *s;

	out[0] = '\0';
	if (ti == FT_NTYPES || !utf8_valid(given, n))
		return false;
	s = ft_strip(given, n);
	n = strlen(s);
	while (start < n && (s[start] == ' ' || s[start] == '.'))
		start++;
	ft_trim_end(s, &n);
	base_len = n > start ? n - start : 0;
	ext = ft_types[ti].ext[0];
	ext_len = strlen(ext);
	if (base_len > 0 && (dot = memrchr(s + start, '.', base_len)) != NULL) {
		size_t el = (size_t)(s + n - dot - 1);
		bool own = ft_ext_is(ti, dot + 1, el, false);
		if (own) { /* already the type's own: kept as written */
			ext = dot + 1;
			ext_len = el;
		}
		if (own || ft_ext_is(ti, dot + 1, el, true))
			base_len = (size_t)(dot - s) - start;
	}
	ft_trim_end(s + start, &base_len);
	/* at most FILETYPE_NAME_MAX characters with the dot and the extension */
	for (cut = 0, chars = 0; cut < base_len && chars < FILETYPE_NAME_MAX - 1 - ext_len; chars++)
		for (cut++; cut < base_len && ((unsigned char)s[start + cut] & 0xc0) == 0x80; cut++)
			;
	base_len = cut;
	ft_trim_end(s + start, &base_len);
	if (base_len == 0)
		snprintf(out, FILETYPE_NAME_CAP, "vedlegg.%.*s", (int)ext_len, ext);
	else
		snprintf(out, FILETYPE_NAME_CAP, "%.*s.%.*s", (int)base_len, s + start, (int)ext_len, ext);
	free(s);
	return true;
}
