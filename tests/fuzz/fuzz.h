/*
 * fuzz.h - what every libFuzzer harness here shares: the entry point's prototype (the build uses
 * -Wmissing-prototypes), a NUL-terminated copy of the input, and an invariant check that aborts
 * (libFuzzer then saves the input as a crash).
 */
#ifndef PORTAL_FUZZ_H
#define PORTAL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A NUL-terminated heap copy of data[0..n), allocated to the byte so ASan sees any overread. */
static inline char *
fuzz_str(const void *data, size_t n)
{
	char *s = malloc(n + 1);
	if (s == NULL)
		abort();
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

#define FUZZ_CHECK(cond)                                                                       \
	do {                                                                                       \
		if (!(cond)) {                                                                         \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
			abort();                                                                           \
		}                                                                                      \
	} while (0)

/* The input read as a recipe, one byte at a time (0 once it is used up). */
struct fuzz_gen {
	const uint8_t *p;
	size_t n;
};

static inline unsigned
fuzz_next(struct fuzz_gen *g)
{
	if (g->n == 0)
		return 0;
	g->n--;
	return *g->p++;
}

/* Text of up to 40 symbols (æøå, quotes, CSV separators, newlines, tabs, formula characters, 2-, 3-
 * and 4-byte characters) repeated up to 8 times, from the recipe g. */
static inline void
fuzz_text(struct fuzz_gen *g, char *out, size_t cap)
{
	static const char *const alphabet[] = { "a", "b", "k", "Z", "0", "7", " ", " ", "æ", "ø", "å", "Å", "é", "\"",
		";", ",", "\n", "\r\n", "\t", "'", "-", "=", "@", "+", "—", "€", "\xc2\xa0", "𝄞", "ü", "\\", "/", "." };
	char chunk[40 * 4 + 1];
	size_t k = 0, len = fuzz_next(g) % 41, reps = 1 + fuzz_next(g) % 8, i;

	for (i = 0; i < len; i++) {
		const char *sym = alphabet[fuzz_next(g) % (sizeof(alphabet) / sizeof(alphabet[0]))];
		memcpy(chunk + k, sym, strlen(sym));
		k += strlen(sym);
	}
	chunk[k] = '\0';
	out[0] = '\0';
	for (i = 0; i < reps && strlen(out) + k < cap; i++)
		strcat(out, chunk);
}

/* What a CSV reader (domain/csvread.h) sees of a text domain/csv.h's csv_text wrote: the formula
 * apostrophe, then trimmed. */
static inline void
fuzz_csv_as_read(const char *text, char *out, size_t cap)
{
	const char *s;
	size_t n;
	bool apos = strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0';

	snprintf(out, cap, "%s%s", apos ? "'" : "", text);
	s = out + strspn(out, " \t");
	memmove(out, s, strlen(s) + 1);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
}

#endif
