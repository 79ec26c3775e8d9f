/*
 * fuzz_query.c - query_parse (http/query.h) on a fuzzed query string, as h_parse_query feeds it
 * req->query.
 *
 * Invariants: never more than QUERY_MAX_PARAMS parameters; too long is QUERY_TOO_LONG; on QUERY_OK
 * every key is non-empty and unique, keys and values live inside q->storage, carry no control
 * character but tab, decode to no more bytes than the raw string, are found again by query_get and
 * query_unknown; and percent-encoding the parameters again parses back to the same list.
 */
#include "http/query.h"

#include "fuzz.h"

#include <stdbool.h>

static bool
in_storage(const struct query *q, const char *p)
{
	return p >= q->storage && p < q->storage + sizeof(q->storage);
}

/* the string starting at p ends (its NUL) inside q->storage */
static bool
ends_in_storage(const struct query *q, const char *p)
{
	size_t room = (size_t)(q->storage + sizeof(q->storage) - p);
	return in_storage(q, p) && memchr(p, '\0', room) != NULL;
}

static bool
clean(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

/* percent-encodes s onto out at *len (cap bytes); false when it does not fit */
static bool
encode(char *out, size_t cap, size_t *len, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (*len + 4 > cap)
			return false;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			out[(*len)++] = (char)c;
		} else {
			out[(*len)++] = '%';
			out[(*len)++] = hex[c >> 4];
			out[(*len)++] = hex[c & 15];
		}
	}
	out[*len] = '\0';
	return true;
}

static void
round_trip(const struct query *q)
{
	static char enc[4 * QUERY_MAX_LEN];
	static struct query q2;
	size_t len = 0, i;
	const char *bad;

	enc[0] = '\0';
	for (i = 0; i < q->n; i++) {
		if (i > 0)
			enc[len++] = '&';
		if (!encode(enc, sizeof(enc), &len, q->p[i].key))
			return;
		enc[len++] = '=';
		if (!encode(enc, sizeof(enc), &len, q->p[i].value))
			return;
	}
	enc[len] = '\0';
	if (len > QUERY_MAX_LEN)
		return; /* the canonical form may be longer than the input; nothing to compare */
	FUZZ_CHECK(query_parse(&q2, enc, &bad) == QUERY_OK);
	FUZZ_CHECK(q2.n == q->n);
	for (i = 0; i < q->n; i++) {
		FUZZ_CHECK(strcmp(q2.p[i].key, q->p[i].key) == 0);
		FUZZ_CHECK(strcmp(q2.p[i].value, q->p[i].value) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct query q;
	char *qs = fuzz_str(data, size);
	size_t len = strlen(qs), total = 0, i, j;
	const char *bad = qs; /* must be reset by query_parse */
	enum query_err e = query_parse(&q, qs, &bad);

	FUZZ_CHECK(e >= QUERY_OK && e <= QUERY_DUPLICATE);
	FUZZ_CHECK(q.n <= QUERY_MAX_PARAMS);
	FUZZ_CHECK(bad == NULL || ends_in_storage(&q, bad));
	if (len > QUERY_MAX_LEN)
		FUZZ_CHECK(e == QUERY_TOO_LONG);
	if (len == 0)
		FUZZ_CHECK(e == QUERY_OK && q.n == 0);
	if (e == QUERY_DUPLICATE)
		FUZZ_CHECK(bad != NULL && query_get(&q, bad) != NULL);

	if (e == QUERY_OK) {
		const char *allowed[QUERY_MAX_PARAMS + 1];
		static const char *const none[] = { NULL };

		FUZZ_CHECK(bad == NULL);
		for (i = 0; i < q.n; i++) {
			const char *k = q.p[i].key, *v = q.p[i].value;
			FUZZ_CHECK(ends_in_storage(&q, k) && ends_in_storage(&q, v));
			FUZZ_CHECK(k[0] != '\0');
			FUZZ_CHECK(clean(k) && clean(v));
			for (j = 0; j < i; j++)
				FUZZ_CHECK(strcmp(q.p[j].key, k) != 0);
			FUZZ_CHECK(query_get(&q, k) == v);
			total += strlen(k) + strlen(v);
			allowed[i] = k;
		}
		allowed[q.n] = NULL;
		FUZZ_CHECK(total <= len);
		FUZZ_CHECK(query_unknown(&q, allowed) == NULL);
		FUZZ_CHECK(query_unknown(&q, none) == (q.n ? q.p[0].key : NULL));
		FUZZ_CHECK(query_get(&q, "") == NULL);
		round_trip(&q);
	}
	free(qs);
	return 0;
}
