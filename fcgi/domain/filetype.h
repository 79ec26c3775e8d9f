/*
 * filetype.h - the file types an attachment may have, recognised by their structure rather than
 * their first bytes, and the name an attachment is stored and downloaded under.
 *
 * What each type must be (the first bytes only choose which check applies):
 *   PDF   "%PDF-d.d" at the start and "%%EOF" in the last 1024 bytes (where readers look for it);
 *   PNG   the signature, IHDR as the first chunk (13 bytes, width and height not 0), at least one
 *         IDAT, and IEND as the last chunk, ending the file; every chunk inside the file;
 *   JPEG  SOI, then well-formed marker segments with a frame header (SOFn) before the first scan
 *         (SOS), the entropy-coded data, and EOI. Bytes after EOI are allowed: cameras append
 *         previews and other images there (CIPA multi-picture format);
 *   DOCX, XLSX  a ZIP (domain/zip.h) whose [Content_Types].xml (stored or deflated, at most
 *         FILETYPE_XML_MAX bytes) declares the main part of a Word document or an Excel workbook
 *         (word/document.xml, xl/workbook.xml as Office writes them), and that part is in the
 *         archive. Macro-enabled files and templates declare other types, so they are not these;
 *   ODT, ODS  a ZIP whose first entry is "mimetype", stored, holding exactly the OpenDocument text
 *         or spreadsheet type, with a content.xml.
 *
 * Names: the name the user gave is cleaned of control characters and of the invisible characters
 * that reorder or hide text (bidirectional marks, embeddings, overrides and isolates, zero-width
 * space, line and paragraph separators, word joiner, byte order mark); path and quote characters
 * become '_'; leading and trailing spaces and dots go. Its extension is then made the type's own:
 * kept when it already is one of the type's extensions (any case), replaced when it looks like an
 * extension (1 to 8 ASCII letters and digits, at least one letter), otherwise added. So a PDF given
 * as "poly.html" is stored as "poly.pdf". The result has at most FILETYPE_NAME_MAX characters, is
 * never empty ("vedlegg" stands in for a name with nothing left), and cleaning it again gives it
 * back unchanged.
 *
 * Pure: no I/O. Detection reads only inside the buffer and allocates at most FILETYPE_XML_MAX
 * bytes (freed before it returns).
 */
#ifndef PORTAL_FILETYPE_H
#define PORTAL_FILETYPE_H

#include "core/utf8.h"

#include <stdbool.h>
#include <stddef.h>

enum filetype {
	FILETYPE_NONE = 0,
	FILETYPE_PDF,
	FILETYPE_PNG,
	FILETYPE_JPEG,
	FILETYPE_DOCX,
	FILETYPE_XLSX,
	FILETYPE_ODT,
	FILETYPE_ODS,
};

#define FILETYPE_NAME_MAX 200                      /* characters (the column is VARCHAR(200)) */
#define FILETYPE_NAME_CAP TEXT_CAP(FILETYPE_NAME_MAX)
#define FILETYPE_XML_MAX  (1024 * 1024)            /* the largest [Content_Types].xml read */

/* What p[0..n) is; FILETYPE_NONE for anything not listed above. */
enum filetype filetype_detect(const unsigned char *p, size_t n);

/* The type's media type ("application/pdf", ...), and its usual extension without the dot
 * ("pdf", "jpg", ...); NULL for FILETYPE_NONE. */
const char *filetype_mime(enum filetype t);
const char *filetype_ext(enum filetype t);

/* The type with this media type (as filetype_mime gives it); FILETYPE_NONE for others. */
enum filetype filetype_from_mime(const char *mime);

/* The stored name for given (NUL-terminated UTF-8) as a file of type t, into out
 * (FILETYPE_NAME_CAP bytes). False, with out empty, when given is not well-formed UTF-8 or t is
 * FILETYPE_NONE. */
bool filetype_name(const char *given, enum filetype t, char out[FILETYPE_NAME_CAP]);

#endif
