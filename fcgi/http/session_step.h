/*
 * session_step.h - the cookie of a login that waits for its second step (svc/totp.h): a right
 * password gives this cookie, not a session. It names the user and the session generation, lives
 * SESSION_STEP_SECONDS, and is sent by the browser only to the second-step routes (its Path).
 * It is signed like the session cookie but with a key derived from the session key for this use
 * alone, so it is never accepted as a session, nor a session as it. Only api/h_totp.c reads it.
 */
#ifndef PORTAL_SESSION_STEP_H
#define PORTAL_SESSION_STEP_H

#include "http/session.h"

#include <stdint.h>

#define SESSION_STEP_COOKIE "portal_step"
#define SESSION_STEP_PATH "/api/v1/auth/totp"
#define SESSION_STEP_SECONDS 300

struct http_req;

/* Sets the cookie for user_id at session generation gen on the response. */
void session_step_write(struct http_req *req, int64_t user_id, uint32_t gen);

/* The cookie's user and generation (SESSION_OK), or SESSION_NONE / SESSION_INVALID (tampered,
 * expired, another key). The caller checks the generation against the database. */
enum session_status session_step_read(const struct http_req *req, int64_t *user_id, uint32_t *gen);

/* Clears the cookie on the response. */
void session_step_clear(struct http_req *req);

#endif
