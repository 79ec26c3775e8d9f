/*
 * fuzz.h - what every libFuzzer harness here shares: the entry point's prototype (the build uses
 * -Wmissing-prototypes), a NUL-terminated copy of the input, and an invariant check that aborts
 * (libFuzzer then saves the input as a crash).
 */
#ifndef PORTAL_FUZZ_H
#define PORTAL_FUZZ_H

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

#endif
