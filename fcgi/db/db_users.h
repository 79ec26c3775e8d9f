/*
 * db_users.h - accounts, tokens, the outbox, login throttling, sessions ended by a logout, the
 * security log and role lookups.
 *
 * Writes that belong together are run by the caller inside db_tx(). Listings for the UI are written
 * into the response (core/jw.h) with the writer binders of db.h; the rest come as typed values.
 */
#ifndef PORTAL_DB_USERS_H
#define PORTAL_DB_USERS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>
#include "core/utf8.h"

struct jw; /* core/jw.h: lists are written into the response through it */

struct db_user {
	int64_t id;
	char email[255];
	char name[TEXT_CAP(200)];
	char password_hash[256];
	bool verified;
	uint32_t gen;
};

enum db_status db_user_by_email(const char *email_norm, struct db_user *out);  /* DB_NOTFOUND */
enum db_status db_user_by_id(int64_t id, struct db_user *out);                 /* DB_NOTFOUND */
/* DB_CONFLICT when the address is taken. */
enum db_status db_user_insert(const char *email, const char *email_norm, const char *name, const char *hash,
    int64_t *id);
/* Sets the password and bumps the session generation; verify also marks the email verified. */
enum db_status db_user_set_password(int64_t id, const char *hash, bool verify);
enum db_status db_user_bump_gen(int64_t id);
enum db_status db_user_verify(int64_t id);

/* purpose: "verify" or "reset"; lifetime in seconds. */
enum db_status db_token_insert(int64_t user_id, const char *purpose, const unsigned char hash[32], int64_t lifetime);
/* Finds an unused, unexpired token of purpose, marks it used, gives its user. DB_NOTFOUND otherwise. In a tx. */
enum db_status db_token_take(const unsigned char hash[32], const char *purpose, int64_t *user_id);
/* Uses up every unused token of the user for purpose. */
enum db_status db_token_revoke(int64_t user_id, const char *purpose);

/* Queues an email; tenant_id 0 = none. */
enum db_status db_outbox_add(const char *to, const char *subject, const char *body, const char *kind,
    int64_t tenant_id);
/* The same for an email whose body carries a one-time link: sent, never shown in the outbox view. */
enum db_status db_outbox_add_secret(const char *to, const char *subject, const char *body, const char *kind,
    int64_t tenant_id);
/* Newest first; to may be NULL for all. The body is null for a secret email, and for every email
 * when metadata_only. */
enum db_status db_outbox_list(const char *to, bool metadata_only, int64_t limit, int64_t offset, struct jw *w);

/* Login throttling by the address's hash (email_hash, 32 bytes) and the client address (client,
 * "" when unknown); see stmt_users.def. The seconds client must wait before trying the account. */
enum db_status db_throttle_get(const unsigned char email_hash[32], const char *client, int64_t *wait_seconds);
/* A failed login: counts against the account and against the account from client. */
enum db_status db_throttle_fail(const unsigned char email_hash[32], const char *client);
/* A login: clears the account's count and client's. */
enum db_status db_throttle_clear(const unsigned char email_hash[32], const char *client);
/* A password reset from client: the same for the user's account. */
enum db_status db_throttle_clear_user(int64_t user_id, const char *client);

/* The user's session generation and whether a logout ended session sid. DB_NOTFOUND: no user. */
enum db_status db_session_check(int64_t user_id, const unsigned char sid[8], uint32_t *gen, bool *revoked);
/* Ends session sid of the user, remembered for seconds (until its absolute end), and forgets a few
 * revocations that have expired. */
enum db_status db_session_revoke(int64_t user_id, const unsigned char sid[8], int64_t seconds);

/* Appends to the security log; 0 ids and NULL strings are stored as NULL. */
enum db_status db_seclog(const char *event, int64_t user_id, int64_t actor_id, int64_t tenant_id, int64_t org_id,
    const char *ip, const char *detail);
/* Newest first, each entry an object into the array open on w; tenant_id 0 = all tenants. */
enum db_status db_seclog_list(int64_t tenant_id, int64_t limit, int64_t offset, struct jw *w);

/* The user's organisations ({id, orgnr, name, roles}) and tenants ({slug, name, roles}) for /me:
 * an array under key in the object open on w. */
enum db_status db_me_orgs(int64_t user_id, struct jw *w, const char *key);
enum db_status db_me_tenants(int64_t user_id, struct jw *w, const char *key);

/* db_session_check's answer, and the tenant of slug (0 when there is no such tenant) and the user's
 * role bits there (0 = none), in one statement. DB_NOTFOUND when there is no such user. */
struct db_tenant_auth {
	uint32_t gen;
	bool revoked;
	int64_t tenant_id;
	unsigned roles;
};
enum db_status db_tenant_auth(const unsigned char sid[8], const char *slug, int64_t user_id,
    struct db_tenant_auth *out);
/* The user's role bits in the organisation (0 = none or no such organisation). */
enum db_status db_org_auth(int64_t org_id, int64_t user_id, unsigned *roles);

/* Role names <-> bits. */
unsigned db_roles_parse(const char *csv, bool org);
const char *db_role_name(unsigned bit, bool org);

/* One organisation (ORG_GET). The dates are "" when not registered. */
struct db_org {
	int64_t id;
	char orgnr[10];
	char name[TEXT_CAP(200)], municipality[TEXT_CAP(100)];
	char kind[16];
	bool volunteer_register, business_register, from_register;
	char volunteer_since[12], business_since[12];   /* YYYY-MM-DD or "" */
	char created_at[32];                          /* YYYY-MM-DDTHH:MM:SSZ */
};
enum db_status db_org_get(int64_t org_id, struct db_org *out);   /* DB_NOTFOUND */
/* The organisation's columns as keys into the object open on w (id, orgnr, name, municipality,
 * kind, volunteer_register, volunteer_since, business_register, business_since, created_at,
 * from_register: the dates null when not registered), and into out when not NULL. DB_NOTFOUND
 * (nothing written). */
enum db_status db_org_write(int64_t org_id, struct jw *w, struct db_org *out);
enum db_status db_org_members(int64_t org_id, struct jw *w);

enum db_status db_staff_list(int64_t tenant_id, struct jw *w);
/* DB_CONFLICT when the person already has the role there. */
enum db_status db_staff_insert(int64_t tenant_id, int64_t user_id, const char *role, int64_t *id);
/* The staff entry id of tenant (locked); DB_NOTFOUND otherwise. */
enum db_status db_staff_get(int64_t id, int64_t tenant_id, int64_t *user_id, unsigned *role);
enum db_status db_staff_delete(int64_t id, int64_t tenant_id);

#endif
