/*
 * accounts.h - the use cases of an account: register, verify the email address, log in, log out
 * (here or everywhere), ask for and use a password reset, check and change the password, and what
 * the logged-in user may see of themselves ("me"). Each change, its security-log record and its
 * email (through the outbox) commit in one transaction. Nothing here tells the caller whether an
 * email address has an account, except login (whose answer is the same either way).
 *
 * What belongs to http stays with the handler, which hands it in: the normalised address and its
 * hash, the tokens (made with auth_token_new(): the text for the link, the SHA-256 stored), the
 * password hashes, and the password check itself (accounts_pw_verify, which runs in the host's
 * hashing slots). Strings in the inputs are borrowed for the call.
 */
#ifndef PORTAL_ACCOUNTS_H
#define PORTAL_ACCOUNTS_H

#include "svc/status.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

enum accounts_outcome {
	ACC_OK = 0,
	ACC_BAD_TOKEN,        /* verify, reset: the link is unknown, used or expired */
	ACC_LOCKED,           /* login: too many failures on the account from this client, or the
	                       * account is slowed down for clients that have failed; out->retry_after seconds */
	ACC_BUSY,             /* login, password check: no password-hashing slot free */
	ACC_UNVERIFIED,       /* login: the right password, but the address is not verified yet */
	ACC_FAILED,           /* login: no such account, or the wrong password */
	ACC_WRONG_PASSWORD,   /* password check: the current password is wrong */
	ACC_DB,               /* out->status says why (not found, conflict, unavailable, error) */
};

/* The outcome of checking a password against its hash. */
enum accounts_pw { ACC_PW_OK = 0, ACC_PW_WRONG, ACC_PW_BUSY };
/* Checks password against hash; a NULL hash must still spend the time of one check. */
typedef enum accounts_pw (*accounts_pw_verify)(const char *hash, const char *password);

/* The input of every use case here; each reads the fields its comment names. */
struct accounts_input {
	int64_t user_id;              /* logout, password check and change: the logged-in user */
	const char *email;            /* register: as typed */
	const char *email_norm;       /* register, login, reset request: normalised */
	const unsigned char *email_hash; /* login: SHA-256 of email_norm (32 bytes), the throttle's key */
	const unsigned char *session_id; /* logout (not everywhere): the session's id (8 bytes), to end it */
	int64_t session_left;         /* logout: seconds until the session's absolute end (how long to remember it) */
	const char *name;             /* register */
	const char *password;         /* login, password check: as typed */
	const char *password_hash;    /* register, reset, password change: the new hash */
	const char *token;            /* register, reset request: the new token's text, for the link */
	const unsigned char *token_hash; /* register, reset request: the new token's; verify, reset: the given one's */
	const char *base_url;         /* register, reset request: the portal's address, for the link */
	bool everywhere;              /* logout: end every session (bump the generation) */
	accounts_pw_verify verify;    /* login, password check */
	const char *remote_addr;      /* the client address: recorded in the security log, and login throttling's
	                               * client (login, reset); may be NULL */
};

struct accounts_result {
	enum svc_status status;       /* ACC_DB: why */
	int64_t retry_after;          /* ACC_LOCKED */
	/* login (ACC_OK), password change (ACC_OK): the user, with the session generation now */
	int64_t user_id;
	uint32_t gen;
	char email[255];
	char name[TEXT_CAP(200)];
};

/* A new account (unverified) with a verification email, or, when the address has one, an email
 * saying so. ACC_OK either way. */
enum accounts_outcome accounts_register(const struct accounts_input *in, struct accounts_result *out);
/* Uses the verification token and marks the address verified. */
enum accounts_outcome accounts_verify(const struct accounts_input *in, struct accounts_result *out);
/* Checks the throttle, the account and the password, and records the attempt: a failure counts
 * against the account and against the account from this client, a success clears both (for this
 * client). A client that has failed five times on the account is locked out of it (30 s, doubling,
 * at most 15 minutes); from five failures on, all clients that have failed on it are slowed down
 * (one try per 1 s, doubling, at most 60 s); a client that has not failed on it is never held back
 * by others. ACC_OK fills out's user. */
enum accounts_outcome accounts_login(const struct accounts_input *in, struct accounts_result *out);
/* Ends the session (session_id: a replayed cookie gets 401) and records the logout; everywhere ends
 * every session of the user instead. */
enum accounts_outcome accounts_logout(const struct accounts_input *in, struct accounts_result *out);
/* Emails a reset link when the address has an account, and uses up every earlier one. ACC_OK either way. */
enum accounts_outcome accounts_reset_request(const struct accounts_input *in, struct accounts_result *out);
/* Uses the reset token: sets the new password, ends every session, uses up every other reset link,
 * clears the account's login slowdown and this client's lock, and marks the address verified. */
enum accounts_outcome accounts_reset(const struct accounts_input *in, struct accounts_result *out);
/* Checks the logged-in user's current password. */
enum accounts_outcome accounts_password_check(const struct accounts_input *in, struct accounts_result *out);
/* Sets the logged-in user's new password (ending every other session, and using up every reset
 * link); out gets the new generation. */
enum accounts_outcome accounts_password_change(const struct accounts_input *in, struct accounts_result *out);

/* The user with organisations and tenants, as keys into the object open on w: id, email, name,
 * email_verified, organisations, tenants. On an error what was written is to be thrown away. */
struct jw;
enum svc_status accounts_me(int64_t user_id, struct jw *w);

#endif
