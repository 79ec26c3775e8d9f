/*
 * h_totp.h - the hook of the second factor in the login (h_totp.c): what a right password leads
 * to for an account that has a second factor, or whose roles need one.
 */
#ifndef PORTAL_H_TOTP_H
#define PORTAL_H_TOTP_H

#include <stdint.h>

struct http_req;

/*
 * After a right password for user_id (at session generation gen): when a second step is due,
 * answers 202 {"status": "second_step_required", "step": "totp" | "enrol"} with the cookie of a
 * waiting login (and no session) and returns 1; on a database error answers it and returns 1;
 * otherwise returns 0 and the caller starts the session.
 */
int h_totp_login_step(struct http_req *req, int64_t user_id, uint32_t gen);

#endif
