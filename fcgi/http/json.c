/*
 * json.c - sending JSON (through the streaming writer, jw.c) and small jansson helpers.
 */
#include "http/json.h"
#include "http/http.h"
#include "core/jw.h"

#include <stdlib.h>
#include <string.h>

void
json_send_as(struct http_req *req, int status, const char *content_type, json_t *doc)
{
	struct buf b = { 0 };
	struct jw w;

	jw_init(&w, &b);
	if (doc != NULL)
		jw_json(&w, NULL, doc);
	json_decref(doc);
	jw_send(req, status, content_type, &w);
	buf_free(&b);
}

void
jw_send(struct http_req *req, int status, const char *content_type, const struct jw *w)
{
	static const char fallback[] = "{\"type\":\"https://tilskudd.example/problems/internal-error\","
	    "\"title\":\"Intern feil\",\"status\":500}";

	if (!jw_ok(w))
		http_respond(req, 500, "application/problem+json", fallback, sizeof(fallback) - 1);
	else
		http_respond(req, status, content_type, w->b->data, w->b->len);
}

void
json_send(struct http_req *req, int status, json_t *doc)
{
	json_send_as(req, status, "application/json", doc);
}

json_t *
json_string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *
json_parse_object(const char *text, size_t len)
{
	json_error_t err;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}
