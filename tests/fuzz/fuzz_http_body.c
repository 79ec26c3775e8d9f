/*
 * fuzz_http_body.c - request body bounds (http/http.h) in the order worker_dispatch applies them:
 * http_req_init from the FastCGI parameters, http_body_check of Content-Length against each body
 * limit the route table uses (and the hard maximum), http_content_type_is, and http_read_body.
 *
 * Input: "CONTENT_LENGTH\nCONTENT_TYPE\n" then the body as it arrives on FCGI_STDIN; the first body
 * byte picks how the stream hands it over (one byte at a time up to 64 KiB records), the rest is
 * the body. No newline: only a Content-Length; one newline: no body. The parameters are a real
 * FastCGI environment (envp) read with libfcgi's FCGX_GetParam; the input stream is a libfcgi
 * FCGX_Stream over the body bytes, whose fill procedure delivers the next record or reports end of
 * input, as the library's own does at the end of FCGI_STDIN.
 *
 * Invariants: an absent or empty Content-Length is 0 and fine; a plain decimal of up to 18 digits is
 * never a bad length and gives its value; anything with a byte that is neither digit nor '-' is a bad
 * length; an accepted length is within both the limit and HTTP_BODY_HARD_MAX, a refused one beyond
 * one of them; a matched Content-Type starts (after spaces) with the media type, followed by
 * nothing, spaces or ';'; http_read_body succeeds exactly when the stream holds at least the length,
 * and then holds exactly those bytes, NUL-terminated; the request frees everything.
 */
#include "http/http.h"

#include "fuzz.h"

#include <strings.h>

struct mem_stream {
	FCGX_Stream s; /* first, so the fill procedure can get back to the rest */
	unsigned char *p, *end;
	size_t record;
};

static void
mem_fill(FCGX_Stream *stream)
{
	struct mem_stream *m = (struct mem_stream *)stream;
	size_t n = (size_t)(m->end - m->p);

	if (n == 0) {
		stream->isClosed = 1; /* end of FCGI_STDIN */
		return;
	}
	if (n > m->record)
		n = m->record;
	stream->rdNext = stream->stopUnget = m->p;
	stream->stop = stream->wrNext = m->p + n;
	m->p += n;
}

static void
check_length(const char *cl, size_t limit)
{
	int64_t len = -1;
	enum http_body_check r = http_body_check(cl, limit, &len);
	size_t n = cl ? strlen(cl) : 0;

	FUZZ_CHECK(r == HTTP_BODY_OK || r == HTTP_BODY_TOO_LARGE || r == HTTP_BODY_BAD_LENGTH);
	FUZZ_CHECK(len >= 0);
	if (n == 0)
		FUZZ_CHECK(r == HTTP_BODY_OK && len == 0);
	if (n > 0 && n <= 18 && strspn(cl, "0123456789") == n) {
		FUZZ_CHECK(r != HTTP_BODY_BAD_LENGTH);
		FUZZ_CHECK((uint64_t)len == strtoull(cl, NULL, 10));
	}
	if (strspn(cl ? cl : "", "0123456789-") != n)
		FUZZ_CHECK(r == HTTP_BODY_BAD_LENGTH);
	if (r == HTTP_BODY_OK)
		FUZZ_CHECK((uint64_t)len <= limit && (uint64_t)len <= HTTP_BODY_HARD_MAX);
	if (r == HTTP_BODY_TOO_LARGE)
		FUZZ_CHECK((uint64_t)len > limit || (uint64_t)len > HTTP_BODY_HARD_MAX);
	if (r == HTTP_BODY_BAD_LENGTH)
		FUZZ_CHECK(len == 0);
}

static void
check_type(const char *header, const char *media)
{
	bool is = http_content_type_is(header, media);
	if (header == NULL) {
		FUZZ_CHECK(!is);
	} else if (is) {
		size_t n = strlen(media);
		header += strspn(header, " ");
		FUZZ_CHECK(strncasecmp(header, media, n) == 0);
		header += n;
		header += strspn(header, " ");
		FUZZ_CHECK(*header == '\0' || *header == ';');
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t limits[] = { 0, 64 * 1024, 256 * 1024, 5 * 1024 * 1024, 10 * 1024 * 1024,
		HTTP_BODY_HARD_MAX, HTTP_BODY_HARD_MAX + 1, SIZE_MAX };
	static const size_t records[] = { 1, 2, 7, 100, 4096, 8192, 16383, 16384, 16385, 65535 };
	const uint8_t *nl1 = memchr(data, '\n', size), *nl2 = NULL, *body = data + size;
	char *cl, *ct = NULL, *env_cl, *env_ct = NULL;
	char *envp[5];
	size_t i, bodylen = 0, envn = 0;
	struct mem_stream in;
	FCGX_Request fcgx;
	struct http_req req;
	int64_t len;

	/* the parameters */
	cl = fuzz_str(data, nl1 ? (size_t)(nl1 - data) : size);
	if (nl1) {
		nl2 = memchr(nl1 + 1, '\n', (size_t)(data + size - nl1 - 1));
		ct = fuzz_str(nl1 + 1, nl2 ? (size_t)(nl2 - nl1 - 1) : (size_t)(data + size - nl1 - 1));
		if (nl2) {
			body = nl2 + 1;
			bodylen = (size_t)(data + size - body);
		}
	}
	env_cl = malloc(strlen(cl) + sizeof("CONTENT_LENGTH="));
	FUZZ_CHECK(env_cl != NULL);
	strcpy(env_cl, "CONTENT_LENGTH=");
	strcat(env_cl, cl);
	envp[envn++] = (char *)"REQUEST_METHOD=POST";
	envp[envn++] = (char *)"REQUEST_URI=/api/v1/applications/12?fields=all";
	envp[envn++] = env_cl;
	if (ct) {
		env_ct = malloc(strlen(ct) + sizeof("CONTENT_TYPE="));
		FUZZ_CHECK(env_ct != NULL);
		strcpy(env_ct, "CONTENT_TYPE=");
		strcat(env_ct, ct);
		envp[envn++] = env_ct;
	}
	envp[envn] = NULL;

	/* the stream: a heap copy of the body, so reading past it is an ASan report */
	memset(&in, 0, sizeof(in));
	in.record = records[bodylen ? body[0] % (sizeof(records) / sizeof(records[0])) : 0];
	if (bodylen) {
		body++;
		bodylen--;
	}
	in.p = malloc(bodylen ? bodylen : 1);
	FUZZ_CHECK(in.p != NULL);
	if (bodylen)
		memcpy(in.p, body, bodylen);
	in.end = in.p + bodylen;
	in.s.isReader = 1;
	in.s.fillBuffProc = mem_fill;
	{
		unsigned char *start = in.p;

		memset(&fcgx, 0, sizeof(fcgx));
		fcgx.in = &in.s;
		fcgx.envp = envp;
		http_req_init(&req, &fcgx);
		FUZZ_CHECK(req.method == HTTP_POST && strcmp(req.path, "/api/v1/applications/12") == 0);
		FUZZ_CHECK(strcmp(req.query, "fields=all") == 0);
		FUZZ_CHECK(req.content_length != NULL && strcmp(req.content_length, cl) == 0);
		FUZZ_CHECK(ct ? req.content_type != NULL && strcmp(req.content_type, ct) == 0 : req.content_type == NULL);

		for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
			check_length(req.content_length, limits[i]);
		check_length(NULL, 0);
		check_type(req.content_type, "application/json");
		check_type(req.content_type, "text/csv");
		check_type(NULL, "application/json");

		/* the body, within the largest limit a route has that holds the input */
		if (http_body_check(req.content_length, 256 * 1024, &len) == HTTP_BODY_OK && len > 0) {
			int rc = http_read_body(&req, len);
			FUZZ_CHECK(rc == ((uint64_t)len <= bodylen ? 0 : -1));
			if (rc == 0) {
				FUZZ_CHECK(req.body.len == (size_t)len);
				FUZZ_CHECK(memcmp(req.body.data, start, (size_t)len) == 0);
				FUZZ_CHECK(req.body.data[len] == '\0');
			}
			FUZZ_CHECK(http_read_body(&req, 0) == 0 && req.body.len == 0);
		}
		http_req_free(&req);
		free(start);
	}
	free(env_cl);
	free(env_ct);
	free(cl);
	free(ct);
	return 0;
}
