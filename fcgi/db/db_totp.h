/*
 * db_totp.h - an account's second factor: the sealed TOTP secret (confirmed, and one being
 * enrolled), the last time step whose code was accepted, the count of wrong codes and the lock
 * they cause, and the hashed recovery codes. The values are opaque here: svc/totp.c seals, hashes
 * and checks them. Writes that belong together are run by the caller inside db_tx().
 */
#ifndef PORTAL_DB_TOTP_H
#define PORTAL_DB_TOTP_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define DB_TOTP_BOX_MAX 160   /* hex characters of a sealed secret (the column's width) */

struct db_totp {
	char secret_box[DB_TOTP_BOX_MAX + 1];  /* "" until an enrolment is confirmed */
	char pending_box[DB_TOTP_BOX_MAX + 1]; /* "" when no enrolment waits for its first code */
	int64_t last_step;                     /* the last accepted time step (0 = none) */
	int64_t locked_seconds;                /* seconds the account's second step stays locked (0 = not) */
	char recovery_salt[33];                /* hex; "" before the first confirmation */
	int64_t recovery_left;                 /* unused recovery codes */
};

/* The account's row (lock: SELECT ... FOR UPDATE, in a transaction); DB_NOTFOUND when it has none. */
enum db_status db_totp_get(int64_t user_id, bool lock, struct db_totp *out);
/* The user's tenant role bits in any tenant, and whether a confirmed second factor exists. */
enum db_status db_totp_need(int64_t user_id, unsigned *roles, bool *enabled);
/* Starts (or restarts) an enrolment with the sealed secret box. */
enum db_status db_totp_pending_set(int64_t user_id, const char *box);
/* The enrolment becomes the account's second factor, step its last used step; DB_NOTFOUND when
 * no enrolment was started. */
enum db_status db_totp_confirm(int64_t user_id, int64_t step);
/* A code of step (0: a recovery code) was accepted: clears the failures and the lock. */
enum db_status db_totp_passed(int64_t user_id, int64_t step);
/* Counts a wrong code (five lock the account's second step for a while). */
enum db_status db_totp_fail(int64_t user_id);
/* Removes the second factor and every recovery code. */
enum db_status db_totp_delete(int64_t user_id);
/* A confirmed second factor with box, unless the account has one; *added says which (demo data). */
enum db_status db_totp_seed(int64_t user_id, const char *box, bool *added);

/* Replaces the recovery codes with the n hex hashes given, made with the salt (hex). */
enum db_status db_recovery_set(int64_t user_id, const char *salt_hex, const char (*hash_hex)[65], size_t n);
/* Marks the unused recovery code with this hash used; *used false when there is none. */
enum db_status db_recovery_use(int64_t user_id, const char *hash_hex, bool *used);

#endif
