/*
 * zip.h - a bounded, read-only view of a ZIP archive held in memory, for recognising office
 * documents (domain/filetype.h): the end-of-central-directory record, the central directory's
 * entries, an entry's local header, and reading one small entry (stored or deflated, with a size
 * cap and its CRC checked).
 *
 * Nothing is trusted: every offset and length is checked against the buffer before it is read,
 * the central directory must parse exactly (the count it declares, ending where it says), every
 * entry's data must lie before the central directory, and the local header must name the same
 * entry. Refused: archives not starting with a local header at offset 0 (self-extracting and
 * other prefixed files), several disks, ZIP64, more than ZIP_MAX_ENTRIES entries. Reading refuses
 * encrypted entries, methods other than stored and deflate, and an entry over the caller's cap,
 * so a small compressed entry cannot expand into a large allocation.
 *
 * Pure: no I/O; the only library is zlib's raw inflate and crc32. The view borrows the buffer.
 */
#ifndef PORTAL_ZIP_H
#define PORTAL_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZIP_MAX_ENTRIES 10000

struct zip {
	const unsigned char *p;  /* the archive (borrowed) */
	size_t n;
	size_t cd, cd_size;      /* the central directory: offset and length */
	unsigned count;          /* entries in it */
};

/* One central-directory entry; name points into the archive (not NUL-terminated). */
struct zip_entry {
	const unsigned char *name;
	size_t name_len;
	unsigned flags, method;
	uint32_t crc, csize, usize, local;
};

/* Opens the view of p[0..n); false when it is not a ZIP this reader accepts. */
bool zip_open(struct zip *z, const unsigned char *p, size_t n);

/* The entry at central-directory offset *pos (start with *pos = z->cd); advances *pos. False at
 * the end or on a malformed entry (zip_open has already walked them all, so only at the end). */
bool zip_next(const struct zip *z, size_t *pos, struct zip_entry *e);

/* The first entry named name (compared ignoring ASCII case, as OPC part names are); false if none. */
bool zip_find(const struct zip *z, const char *name, size_t name_len, struct zip_entry *e);

/* The entry's data as stored in the archive (csize bytes), after its local header; NULL when the
 * local header is missing, names another entry, or the data runs into the central directory. */
const unsigned char *zip_data(const struct zip *z, const struct zip_entry *e);

/* Reads the entry into out (cap bytes); *len gets its length. False when it is encrypted, over
 * cap, neither stored nor deflated, or its data does not inflate to exactly usize bytes with the
 * CRC the directory gives. */
bool zip_read(const struct zip *z, const struct zip_entry *e, unsigned char *out, size_t cap, size_t *len);

#endif
