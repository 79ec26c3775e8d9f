/*
 * http.c - request parameters, bounded body reading, responses and the request log line.
 */
#include "http/http.h"
#include "domain/valid.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

const char *
http_param(const struct http_req *req, const char *name)
{
	return FCGX_GetParam(name, req->fcgx->envp);
}

void
http_req_init(struct http_req *req, FCGX_Request *fcgx)
{
	const char *uri, *q;
	size_t plen;

	memset(req, 0, sizeof(*req));
	req->fcgx = fcgx;
	req->start_us = util_now_us();
	req->method = router_method_parse(http_param(req, "REQUEST_METHOD"));
	uri = http_param(req, "REQUEST_URI");
	if (uri == NULL)
		uri = "/";
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen > HTTP_PATH_MAX)
		plen = HTTP_PATH_MAX; /* a truncated path matches no route: 404 */
	memcpy(req->path, uri, plen);
	req->path[plen] = '\0';
	req->query = q ? q + 1 : "";
	req->content_type = http_param(req, "CONTENT_TYPE");
	req->content_length = http_param(req, "CONTENT_LENGTH");
	req->remote_addr = http_param(req, "REMOTE_ADDR");
	req->cookie = http_param(req, "HTTP_COOKIE");
	req->https = http_param(req, "HTTPS");
}

void
http_req_free(struct http_req *req)
{
	buf_free(&req->body);
	buf_free(&req->headers);
}

enum http_body_check
http_body_check(const char *content_length, size_t limit, int64_t *len)
{
	int64_t v;

	*len = 0;
	if (content_length == NULL || *content_length == '\0')
		return HTTP_BODY_OK;
	if (!valid_int64(content_length, 0, INT64_MAX, &v))
		return HTTP_BODY_BAD_LENGTH;
	*len = v;
	if ((uint64_t)v > limit || (uint64_t)v > HTTP_BODY_HARD_MAX)
		return HTTP_BODY_TOO_LARGE;
	return HTTP_BODY_OK;
}

bool
http_content_type_is(const char *header, const char *media_type)
{
	size_t n = strlen(media_type);
	if (header == NULL)
		return false;
	while (*header == ' ')
		header++;
	if (strncasecmp(header, media_type, n) != 0)
		return false;
	header += n;
	while (*header == ' ')
		header++;
	return *header == '\0' || *header == ';';
}

int
http_read_body(struct http_req *req, int64_t len)
{
	char chunk[16384];
	int64_t left = len;

	buf_reset(&req->body);
	while (left > 0) {
		int want = left > (int64_t)sizeof(chunk) ? (int)sizeof(chunk) : (int)left;
		int got = FCGX_GetStr(chunk, want, req->fcgx->in);
		if (got <= 0)
			return -1;
		buf_append(&req->body, chunk, (size_t)got);
		left -= got;
	}
	return 0;
}

void
http_add_header(struct http_req *req, const char *name, const char *value)
{
	/* refuse header injection: values never carry CR or LF */
	if (strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n: ") != NULL)
		return;
	buf_printf(&req->headers, "%s: %s\r\n", name, value);
}

static const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

void
http_respond(struct http_req *req, int status, const char *content_type, const void *body, size_t len)
{
	struct buf h = { 0 };

	if (req->status != 0)
		return; /* one response per request */
	buf_printf(&h, "Status: %d %s\r\n", status, http_reason(status));
	if (content_type)
		buf_printf(&h, "Content-Type: %s\r\n", content_type);
	buf_printf(&h, "Content-Length: %zu\r\n", len);
	if (req->headers.len == 0 || strstr(req->headers.data, "Cache-Control:") == NULL)
		buf_puts(&h, "Cache-Control: no-store\r\n");
	if (req->headers.len)
		buf_append(&h, req->headers.data, req->headers.len);
	if (req->set_cookie[0])
		buf_printf(&h, "Set-Cookie: %s\r\n", req->set_cookie);
	buf_puts(&h, "\r\n");
	FCGX_PutStr(h.data, (int)h.len, req->fcgx->out);
	if (len && req->method != HTTP_HEAD)
		FCGX_PutStr(body, (int)len, req->fcgx->out);
	req->status = status;
	req->sent_bytes = len;
	buf_free(&h);
}

bool
http_method_safe(enum http_method m)
{
	return m == HTTP_GET || m == HTTP_HEAD || m == HTTP_OPTIONS;
}

void
http_log(const struct http_req *req)
{
	char line[1600], ts[32], uid[24];
	struct timeval tv;
	struct tm tm;
	int64_t us = util_now_us() - req->start_us;
	int n;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	if (req->user_id)
		snprintf(uid, sizeof(uid), "%lld", (long long)req->user_id);
	else
		snprintf(uid, sizeof(uid), "-");
	n = snprintf(line, sizeof(line),
	    "%s.%03ldZ access pid=%ld %s %.512s route=%s status=%d bytes=%zu ms=%.3f user=%s tenant=%s ip=%s\n", ts,
	    (long)(tv.tv_usec / 1000), (long)getpid(), router_method_name(req->method), req->path,
	    req->route ? req->route->pattern : "-", req->status, req->sent_bytes, (double)us / 1000.0, uid,
	    req->tenant[0] ? req->tenant : "-", req->remote_addr ? req->remote_addr : "-");
	if (n > 0) {
		size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
		if (write(STDERR_FILENO, line, len) < 0) {
			/* nowhere left to report it */
		}
	}
}
