/*
 * json.h - sending JSON documents (written by the streaming writer, core/jw.h) and jansson helpers.
 *
 * json_send and json_send_as STEAL the reference to doc (they decref it).
 */
#ifndef PORTAL_JSON_H
#define PORTAL_JSON_H

#include <jansson.h>
#include <stdint.h>

struct http_req;

/* Sends doc as application/json; steals doc. A NULL doc sends 500. */
void json_send(struct http_req *req, int status, json_t *doc);

/* Sends doc with the given content type; steals doc. */
void json_send_as(struct http_req *req, int status, const char *content_type, json_t *doc);

/* Sends what the writer holds (500 problem+json when it was misused or is not complete). */
struct jw;
void jw_send(struct http_req *req, int status, const char *content_type, const struct jw *w);

/* A string value, or JSON null when s is NULL. New reference. */
json_t *json_string_or_null(const char *s);

/* Parses text as a JSON object; NULL when it is not. New reference. */
json_t *json_parse_object(const char *text, size_t len);

#endif
