/*
 * auth.h - passwords, session cookies and CSRF checks.
 *
 * Passwords: libsodium crypto_pwhash_str (argon2id, INTERACTIVE limits). The host has a few
 * hashing slots (one per core by default): a SysV semaphore set the master makes before it forks,
 * taken with SEM_UNDO, so the kernel releases a slot whose holder dies. A hash waits up to the
 * configured time (hash_wait_ms) for a slot, in order of arrival; at most one hash per client
 * address is in flight on the host, and a second one from the same address is refused at once.
 * Refused or timed out: AUTH_BUSY (the handler answers 503). The hash itself runs in a thread at
 * nice 19, so logins use spare CPU, not the other requests'.
 *
 * Sessions: the cookie holds version, key id, user id, session generation, a random session id,
 * issue time and idle expiry, authenticated with crypto_auth (HMAC-SHA512-256) and checked with
 * crypto_auth_verify. Two keys may be loaded: the current one signs and verifies, the previous one
 * only verifies (key rotation). The caller checks the generation and the session id (ended by a
 * logout?) against the database.
 */
#ifndef PORTAL_AUTH_H
#define PORTAL_AUTH_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define AUTH_IDLE_SECONDS (30 * 60)        /* sliding idle timeout */
#define AUTH_ABSOLUTE_SECONDS (12 * 3600)  /* absolute lifetime from login */
#define AUTH_COOKIE_NAME "portal_session"
#define AUTH_SID_BYTES 8                   /* the random session id */
#define AUTH_COOKIE_MAX 128                /* base64url of payload + MAC, NUL included */
#define AUTH_PASSWORD_MIN 12               /* characters (Unicode code points) */
#define AUTH_PASSWORD_MAX 256
#define AUTH_HASH_WAIT_MS 2000 /* default wait for a hashing slot (config hash_wait_ms) */
#define AUTH_CSRF_HEADER "X-Portal-Request" /* CGI name HTTP_X_PORTAL_REQUEST; any value */

struct auth_key {
	unsigned char key[crypto_auth_KEYBYTES];
	uint8_t id;            /* first byte of the key's SHA-256 */
	bool loaded;
};

struct auth_keys {
	struct auth_key current;   /* signs and verifies */
	struct auth_key previous;  /* verifies only; optional */
};

struct auth_session {
	int64_t user_id;
	uint32_t gen;
	unsigned char sid[AUTH_SID_BYTES]; /* random, made at login: what a logout revokes */
	int64_t issued;    /* login time (unix seconds) */
	int64_t expires;   /* idle expiry (unix seconds) */
};

enum auth_result {
	AUTH_OK = 0,
	AUTH_MALFORMED,        /* not our format: wrong length, bad base64, wrong version */
	AUTH_UNKNOWN_KEY,      /* signed with a key we no longer have */
	AUTH_BAD_MAC,          /* tampered */
	AUTH_EXPIRED,          /* idle timeout or absolute lifetime passed */
	AUTH_BUSY,             /* no password hashing slot free */
	AUTH_FAILED,           /* wrong password / hashing failed */
};

/* Must run once per process before anything else here. Returns 0 or -1. */
int auth_init(void);

/* Makes the host's hashing slots (master, before fork; workers inherit them). name (the pid file,
 * say) names the set so that a set left by a killed master of that name is replaced; NULL or ""
 * makes a private one. Returns 0, or -1 with errno. Without it nothing caps hashing (tools, tests). */
int auth_hash_slots_init(unsigned slots, const char *name);

/* Removes the set (the master, at exit). */
void auth_hash_slots_close(void);

/* How long a hash waits for a slot, in milliseconds (each worker, from its configuration). */
void auth_hash_wait_set(unsigned ms);

/* The client address of the request in hand (REMOTE_ADDR; NULL = unknown): at most one hash per
 * address runs at once on the host. Copied. */
void auth_hash_client(const char *addr);

/* Takes a hashing slot (and the client address's turn): AUTH_OK or AUTH_BUSY. Every AUTH_OK is
 * paired with one auth_slot_give(). The password functions below do this themselves. */
enum auth_result auth_slot_take(void);
void auth_slot_give(void);

/* Loads a 32-byte key file (must not be readable by group or others). Returns 0, or -1 with err. */
int auth_key_load(struct auth_key *k, const char *path, char *err, size_t errlen);

/* Sets a key from raw bytes (tests, rotation). */
void auth_key_set(struct auth_key *k, const unsigned char raw[crypto_auth_KEYBYTES]);

/* Encodes s signed with keys->current into out (AUTH_COOKIE_MAX). Returns 0 or -1 (no key). */
int auth_session_encode(const struct auth_keys *keys, const struct auth_session *s, char *out);

/* Decodes and verifies a cookie value at time now; on AUTH_OK fills out. Pure. */
enum auth_result auth_session_decode(const struct auth_keys *keys, const char *cookie, time_t now,
    struct auth_session *out);

/* A session that starts now for user/gen, with a new random session id. */
void auth_session_new(struct auth_session *s, int64_t user_id, uint32_t gen, time_t now);

/* Slides the idle expiry to now + AUTH_IDLE_SECONDS, never past the absolute lifetime. */
void auth_session_touch(struct auth_session *s, time_t now);

/* Password length rule: AUTH_PASSWORD_MIN..AUTH_PASSWORD_MAX code points of valid UTF-8. */
bool auth_password_ok(const char *pw);

/* Hashes pw into out (crypto_pwhash_STRBYTES). AUTH_OK, AUTH_BUSY or AUTH_FAILED. */
enum auth_result auth_password_hash(const char *pw, char *out);

/* Verifies pw against hash; an empty/NULL hash still spends the time of one hash. AUTH_OK, AUTH_BUSY or AUTH_FAILED. */
enum auth_result auth_password_verify(const char *hash, const char *pw);

/*
 * CSRF and origin check for a state-changing request: the custom header must be present (a
 * cross-site form cannot send it, and a cross-site fetch would need a CORS preflight we never
 * allow) and Origin must equal the portal's own origin, public_url (scheme://host[:port]), byte
 * for byte. Only that one: the Host a request names is the client's to choose. Pure.
 */
bool auth_csrf_ok(const char *csrf_header, const char *origin, const char *public_url);


/* A random URL-safe token (43 characters) into out (>= 44 bytes) and its SHA-256 into hash. */
void auth_token_new(char *out, unsigned char hash[32]);

/* SHA-256 of a string. */
void auth_sha256(const char *s, unsigned char hash[32]);

#endif
