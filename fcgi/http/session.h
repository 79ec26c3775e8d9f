/*
 * session.h - the logged-in user of a request: reads and verifies the session cookie, checks the
 * user's session generation and that no logout ended the session in the database, and writes or
 * clears the cookie on the response.
 *
 * The keys are loaded once per worker (session_load_keys) from the configured key files.
 */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include "http/auth.h"
#include "core/config.h"

struct http_req;

enum session_status {
	SESSION_OK = 0,
	SESSION_NONE,         /* no cookie */
	SESSION_INVALID,      /* tampered, truncated, expired, unknown key, old generation or logged out */
	SESSION_UNAVAILABLE,  /* the database cannot say */
};

/* Loads the current and (optional) previous key. Returns 0, or -1 after logging why. */
int session_load_keys(const struct config *cfg);

/* The loaded keys (borrowed). */
const struct auth_keys *session_keys(void);

/* Authenticates req from its cookie; on SESSION_OK sets req->user_id and req->session. */
enum session_status session_authenticate(struct http_req *req);

/* The same, and in the same database round trip the tenant of slug and the user's role bits there:
 * *tenant_id 0 when there is no such tenant, *roles 0 when the user has no role in it (both 0
 * unless SESSION_OK). For every route under /api/v1/tenants/{slug}/. */
enum session_status session_authenticate_tenant(struct http_req *req, const char *slug, int64_t *tenant_id,
    unsigned *roles);

/* Sets the cookie for s on the response (HttpOnly, SameSite=Strict, Path=/, Secure under TLS). */
void session_write(struct http_req *req, const struct auth_session *s);

/* Clears the cookie on the response. */
void session_clear(struct http_req *req);

#endif
