/*
 * totp.h - the second factor (TOTP, RFC 6238, through liboath): what a login needs after the
 * password, enrolment (a new secret, confirmed by a first code, then ten recovery codes shown
 * once), the second step of a login (a code or a recovery code), and turning it off or renewing
 * the recovery codes. Holders of the roles in ROLE_SECOND_FACTOR (domain/roles.h) must have one;
 * anyone else may.
 *
 * Codes: six digits, 30-second steps, one step either side accepted; a code whose step is not
 * after the last accepted one is refused (no reuse). Five wrong codes in a row lock the account's
 * second step for 30 s, doubling up to 15 minutes. Every enrolment, success, failure and
 * recovery-code use is written to the security log in the same transaction.
 *
 * Secrets are stored sealed with crypto_secretbox under the key the handler hands in (the
 * totp_key_file of the configuration); recovery codes only as BLAKE2b hashes keyed with a random
 * salt of the account. Strings in the inputs are borrowed for the call.
 */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include "svc/status.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20      /* 160 bits, as RFC 4226 recommends */
#define TOTP_STEP_SECONDS 30
#define TOTP_DIGITS 6
#define TOTP_RECOVERY_CODES 10
#define TOTP_RECOVERY_LEN 10      /* characters of a recovery code (50 bits), without its hyphen */
#define TOTP_ISSUER "Tilskuddsportalen"
/* hex characters of a sealed secret: nonce, MAC and secret */
#define TOTP_BOX_HEX (2 * (24 + 16 + TOTP_SECRET_BYTES))

/* What a login needs after a right password. */
enum totp_step {
	TOTP_STEP_NONE = 0, /* nothing: the session starts */
	TOTP_STEP_VERIFY,   /* a code (or a recovery code) */
	TOTP_STEP_ENROL,    /* the roles need a second factor and the account has none: enrol first */
};

enum totp_outcome {
	TOTP_OK = 0,
	TOTP_WRONG,          /* the code or recovery code does not match (counted against the account) */
	TOTP_REUSED,         /* the code's time step was used already (counted too) */
	TOTP_LOCKED,         /* too many wrong codes: out->retry_after seconds */
	TOTP_NOT_ENROLLED,   /* verify, disable, renew: no second factor; confirm: no enrolment started */
	TOTP_ENROLLED,       /* enrol from a pending login of an account that has one: verify instead */
	TOTP_NOT_REQUIRED,   /* enrol from a pending login of an account whose roles need none */
	TOTP_REQUIRED,       /* disable: the account's roles need a second factor */
	TOTP_STALE,          /* the pending login's account is gone, or its sessions were ended since */
	TOTP_SEALED,         /* a stored secret does not open with the key (another key?); logged */
	TOTP_DB,             /* out->status says why */
};

/* The input of every use case here; each reads the fields its comment names. */
struct totp_input {
	int64_t user_id;              /* all */
	bool pending;                 /* all but status: a login waiting for its second step (not a session) */
	uint32_t gen;                 /* pending: the session generation the login was made at */
	const char *code;             /* verify, confirm, disable, renew: six digits (totp_code_parse) */
	const char *recovery_code;    /* verify, instead of code: normalised (totp_recovery_parse) */
	const unsigned char *key;     /* enrol, confirm, verify, disable, renew: the sealing key (32 bytes) */
	const char *remote_addr;      /* recorded in the security log; may be NULL */
	time_t now;                   /* the time the code is checked at */
};

struct totp_result {
	enum svc_status status;       /* TOTP_DB: why */
	int64_t retry_after;          /* TOTP_LOCKED */
	char secret[40];              /* enrol: base32, for typing in */
	char uri[1024];               /* enrol: the otpauth:// URI, for the QR code */
	char recovery[TOTP_RECOVERY_CODES][TOTP_RECOVERY_LEN + 2]; /* confirm, renew: "xxxxx-xxxxx", shown once */
	int64_t recovery_left;        /* verify, status: unused recovery codes */
	bool enabled, required, enrolling; /* status */
	/* verify, confirm: the account, with its session generation, for the session that starts */
	int64_t user_id;
	uint32_t gen;
	char email[255];
	char name[TEXT_CAP(200)];
};

/* What the login of user_id needs after its right password; a second step is recorded in the
 * security log. *st how the database answered (TOTP_STEP_NONE when it is not SVC_OK). */
enum totp_step totp_login_step(int64_t user_id, const char *remote_addr, enum svc_status *st);

/* A new secret waiting for its first code: out->secret and out->uri. A pending login may enrol
 * only when its roles need a second factor and it has none; a session may always (a confirmed
 * secret stays until the new one is confirmed). */
enum totp_outcome totp_enrol(const struct totp_input *in, struct totp_result *out);
/* Confirms the enrolment with its first code: it becomes the second factor, with new recovery
 * codes (out->recovery); out gets the account. */
enum totp_outcome totp_confirm(const struct totp_input *in, struct totp_result *out);
/* The second step of a login: a code or an unused recovery code; out gets the account. */
enum totp_outcome totp_verify(const struct totp_input *in, struct totp_result *out);
/* Turns the second factor off after a right code, unless the roles need it. */
enum totp_outcome totp_disable(const struct totp_input *in, struct totp_result *out);
/* New recovery codes (the old ones stop working) after a right code. */
enum totp_outcome totp_renew(const struct totp_input *in, struct totp_result *out);
/* Whether the user has a second factor, needs one, is enrolling, and how many recovery codes are left. */
enum totp_outcome totp_status(const struct totp_input *in, struct totp_result *out);

/* Loads the second factors of the demo accounts from path: lines "email base32-secret" ('#'
 * starts a comment), each set as a confirmed second factor unless the account has one. Prints
 * what it did; returns 0, or 1 after printing why not. */
int totp_seed_file(const char *path, const unsigned char key[32]);

/* Pure: six digits, spaces allowed between them, into out (7 bytes). */
bool totp_code_parse(const char *in, char out[TOTP_DIGITS + 1]);
/* Pure: a recovery code as printed (case, hyphens and spaces ignored; o read as 0, i and l as 1)
 * into its TOTP_RECOVERY_LEN characters (out: TOTP_RECOVERY_LEN + 1 bytes). */
bool totp_recovery_parse(const char *in, char out[TOTP_RECOVERY_LEN + 1]);
/* Pure: the otpauth:// URI of a base32 secret for the account email (percent-encoded). */
void totp_uri(const char *email, const char *secret_b32, char *out, size_t len);
/* Seals a secret into hex (out: TOTP_BOX_HEX + 1 bytes) and opens it again; 0 or -1. */
int totp_seal(const unsigned char key[32], const unsigned char secret[TOTP_SECRET_BYTES], char *out);
int totp_open(const unsigned char key[32], const char *hex, unsigned char secret[TOTP_SECRET_BYTES]);
/* The time step of a six-digit code of secret within one step of now (0 = none). */
int64_t totp_match(const unsigned char secret[TOTP_SECRET_BYTES], const char *code, time_t now);

#endif
