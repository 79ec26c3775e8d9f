/*
 * totp.c - the second factor: enrolment, the second step of a login, recovery codes, turning it
 * off, and the demo accounts' secrets (see totp.h). liboath computes the codes; libsodium seals
 * the secrets, hashes the recovery codes and compares in constant time.
 */
#include "svc/totp.h"
#include "svc/svc_db.h"
#include "db/db_totp.h"
#include "db/db_users.h"
#include "domain/roles.h"
#include "domain/valid.h"
#include "core/log.h"

#include <oath.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOTP_WINDOW 1           /* steps either side of now that are accepted */
#define TOTP_NONCE crypto_secretbox_NONCEBYTES
#define TOTP_BOX_BYTES (TOTP_NONCE + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES)
#define TOTP_SALT_BYTES 16
_Static_assert(2 * TOTP_BOX_BYTES == TOTP_BOX_HEX, "TOTP_BOX_HEX is the sealed secret's length");
_Static_assert(TOTP_BOX_HEX <= DB_TOTP_BOX_MAX, "a sealed secret fits its column");

/* Crockford's base32: no i, l, o or u, so a code read aloud or copied by hand survives */
static const char totp_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/* ---- pure parts ------------------------------------------------------------------------------ */

bool
totp_code_parse(const char *in, char out[TOTP_DIGITS + 1])
{
	size_t n = 0;

	for (; in && *in; in++) {
		if (*in == ' ')
			continue;
		if (*in < '0' || *in > '9' || n == TOTP_DIGITS)
			return false;
		out[n++] = *in;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}

bool
totp_recovery_parse(const char *in, char out[TOTP_RECOVERY_LEN + 1])
{
	size_t n = 0;
	char c;

	for (; in && *in; in++) {
		c = *in >= 'A' && *in <= 'Z' ? (char)(*in - 'A' + 'a') : *in;
		if (c == '-' || c == ' ')
			continue;
		if (c == 'o')
			c = '0';
		else if (c == 'i' || c == 'l')
			c = '1';
		if (strchr(totp_alphabet, c) == NULL || n == TOTP_RECOVERY_LEN)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == TOTP_RECOVERY_LEN;
}

void
totp_uri(const char *email, const char *secret_b32, char *out, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char label[3 * 254 + 1];
	const unsigned char *p;
	size_t n = 0;

	for (p = (const unsigned char *)email; *p && n + 3 < sizeof(label); p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			label[n++] = (char)*p;
		} else {
			label[n++] = '%';
			label[n++] = hex[*p >> 4];
			label[n++] = hex[*p & 15];
		}
	}
	label[n] = '\0';
	snprintf(out, len, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d", TOTP_ISSUER,
	    label, secret_b32, TOTP_ISSUER, TOTP_DIGITS, TOTP_STEP_SECONDS);
}

int
totp_seal(const unsigned char key[32], const unsigned char secret[TOTP_SECRET_BYTES], char *out)
{
	unsigned char box[TOTP_BOX_BYTES];

	randombytes_buf(box, TOTP_NONCE);
	if (crypto_secretbox_easy(box + TOTP_NONCE, secret, TOTP_SECRET_BYTES, box, key) != 0)
		return -1;
	sodium_bin2hex(out, TOTP_BOX_HEX + 1, box, sizeof(box));
	return 0;
}

int
totp_open(const unsigned char key[32], const char *hex, unsigned char secret[TOTP_SECRET_BYTES])
{
	unsigned char box[TOTP_BOX_BYTES];
	size_t len = 0;

	if (strlen(hex) != TOTP_BOX_HEX ||
	    sodium_hex2bin(box, sizeof(box), hex, TOTP_BOX_HEX, NULL, &len, NULL) != 0 || len != sizeof(box))
		return -1;
	return crypto_secretbox_open_easy(secret, box + TOTP_NONCE, sizeof(box) - TOTP_NONCE, box, key) == 0 ? 0 : -1;
}

/* liboath's comparison of a computed code with the given one (handle): 0 when equal */
static int
totp_code_cmp(void *handle, const char *computed)
{
	return strlen(computed) == TOTP_DIGITS && sodium_memcmp(handle, computed, TOTP_DIGITS) == 0 ? 0 : 1;
}

int64_t
totp_match(const unsigned char secret[TOTP_SECRET_BYTES], const char *code, time_t now)
{
	static bool ready;
	char given[TOTP_DIGITS + 1];
	uint64_t counter = 0;
	int pos = 0;

	if (!ready) {
		if (oath_init() != OATH_OK) {
			log_error("totp: liboath failed to initialise");
			return 0;
		}
		ready = true;
	}
	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return 0;
	memcpy(given, code, sizeof(given));
	if (oath_totp_validate3_callback((const char *)secret, TOTP_SECRET_BYTES, now, TOTP_STEP_SECONDS, 0, TOTP_DIGITS,
	        TOTP_WINDOW, &pos, &counter, totp_code_cmp, given) < 0)
		return 0;
	return (int64_t)counter;
}

/* ---- the transactions ------------------------------------------------------------------------ */

struct totp_tx {
	const struct totp_input *in;
	struct totp_result *out;
	enum totp_outcome o;      /* a refusal: with DB_OK it was recorded, with DB_NOTFOUND nothing was */
	struct db_totp row;
};

/* Runs fn in a transaction; the refusal it set, or TOTP_DB. */
static enum totp_outcome
totp_run(db_tx_fn fn, const struct totp_input *in, struct totp_result *out)
{
	struct totp_tx t = { .in = in, .out = out };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_tx(fn, &t);
	out->status = svc_status_of(s);
	if (s == DB_OK || (s == DB_NOTFOUND && t.o != TOTP_OK))
		return t.o;
	return TOTP_DB;
}

/* A refusal that writes nothing. */
static enum db_status
totp_refuse(struct totp_tx *t, enum totp_outcome o)
{
	t->o = o;
	return DB_NOTFOUND;
}

static enum db_status
totp_log(const struct totp_tx *t, const char *event, const char *detail)
{
	return db_seclog(event, t->in->user_id, 0, 0, 0, t->in->remote_addr, detail);
}

/* The account, and for a pending login the check that its sessions were not ended since. */
static enum db_status
totp_account(struct totp_tx *t)
{
	struct db_user u;
	enum db_status s = db_user_by_id(t->in->user_id, &u);

	t->o = TOTP_OK;
	if (s == DB_NOTFOUND || (s == DB_OK && t->in->pending && u.gen != t->in->gen))
		return totp_refuse(t, TOTP_STALE);
	if (s != DB_OK)
		return s;
	t->out->user_id = u.id;
	t->out->gen = u.gen;
	snprintf(t->out->email, sizeof(t->out->email), "%s", u.email);
	snprintf(t->out->name, sizeof(t->out->name), "%s", u.name);
	return DB_OK;
}

/* Locks the account's row, which must hold a confirmed secret (or, enrolment, a started one). */
static enum db_status
totp_lock(struct totp_tx *t, bool enrolment)
{
	enum db_status s = db_totp_get(t->in->user_id, true, &t->row);

	if (s == DB_OK && (enrolment ? t->row.pending_box[0] : t->row.secret_box[0]) != '\0')
		return DB_OK;
	return s == DB_OK || s == DB_NOTFOUND ? totp_refuse(t, TOTP_NOT_ENROLLED) : s;
}

/* A wrong code: counted against the account and recorded (committed, with the refusal o). */
static enum db_status
totp_failed(struct totp_tx *t, enum totp_outcome o, const char *detail)
{
	enum db_status s;

	t->o = o;
	if ((s = db_totp_fail(t->in->user_id)) != DB_OK)
		return s;
	return totp_log(t, "totp_failed", detail);
}

/* Whether the account's second step is locked (then recorded, committed, and t->o says so). */
static bool
totp_locked(struct totp_tx *t, enum db_status *s)
{
	if (t->row.locked_seconds <= 0)
		return false;
	t->o = TOTP_LOCKED;
	t->out->retry_after = t->row.locked_seconds;
	*s = totp_log(t, "totp_failed", "sperret etter for mange feil");
	return true;
}

/* The step of the request's code under the sealed secret box (0: no match); -1 when the box does
 * not open with the key. */
static int64_t
totp_box_match(const struct totp_tx *t, const char *box)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	int64_t step;

	if (totp_open(t->in->key, box, secret) != 0) {
		log_error("totp: the secret of user %lld does not open with totp_key_file (another key?)",
		    (long long)t->in->user_id);
		return -1;
	}
	step = totp_match(secret, t->in->code, t->in->now);
	sodium_memzero(secret, sizeof(secret));
	return step;
}

static void
totp_recovery_hash(const unsigned char salt[TOTP_SALT_BYTES], const char *code, char hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)code, strlen(code), salt, TOTP_SALT_BYTES);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* New recovery codes (into out->recovery) under a new salt, replacing the account's. */
static enum db_status
totp_recovery_replace(struct totp_tx *t)
{
	unsigned char salt[TOTP_SALT_BYTES];
	char salt_hex[2 * TOTP_SALT_BYTES + 1], hashes[TOTP_RECOVERY_CODES][65], code[TOTP_RECOVERY_LEN + 1];
	size_t i, j;

	randombytes_buf(salt, sizeof(salt));
	sodium_bin2hex(salt_hex, sizeof(salt_hex), salt, sizeof(salt));
	for (i = 0; i < TOTP_RECOVERY_CODES; i++) {
		for (j = 0; j < TOTP_RECOVERY_LEN; j++)
			code[j] = totp_alphabet[randombytes_uniform(sizeof(totp_alphabet) - 1)];
		code[TOTP_RECOVERY_LEN] = '\0';
		totp_recovery_hash(salt, code, hashes[i]);
		snprintf(t->out->recovery[i], sizeof(t->out->recovery[i]), "%.5s-%s", code, code + 5);
	}
	sodium_memzero(code, sizeof(code));
	return db_recovery_set(t->in->user_id, salt_hex, hashes, TOTP_RECOVERY_CODES);
}

/* Uses the request's recovery code when it is one of the account's unused ones. */
static enum db_status
totp_recovery_use(struct totp_tx *t, bool *used)
{
	unsigned char salt[TOTP_SALT_BYTES];
	size_t len = 0;
	char hash[65];

	*used = false;
	if (sodium_hex2bin(salt, sizeof(salt), t->row.recovery_salt, strlen(t->row.recovery_salt), NULL, &len, NULL) != 0 ||
	    len != sizeof(salt))
		return DB_OK; /* no recovery codes yet */
	totp_recovery_hash(salt, t->in->recovery_code, hash);
	return db_recovery_use(t->in->user_id, hash, used);
}

/* Checks the request's code against the sealed secret box, in the transaction that locked the
 * account's row: a lock, a wrong code and (reuse) a code of a step not after the last one used are
 * refused and recorded (t->o says which; committed); otherwise *step is the code's step. */
static enum db_status
totp_code_check(struct totp_tx *t, const char *box, bool reuse, const char *wrong, int64_t *step)
{
	enum db_status s = DB_OK;

	*step = 0;
	if (totp_locked(t, &s))
		return s;
	if ((*step = totp_box_match(t, box)) < 0)
		return totp_refuse(t, TOTP_SEALED);
	if (*step == 0)
		return totp_failed(t, TOTP_WRONG, wrong);
	if (reuse && *step <= t->row.last_step)
		return totp_failed(t, TOTP_REUSED, "koden var brukt før");
	return DB_OK;
}

/*
 * Checks the request's code (or recovery code) against the account's confirmed secret, in the
 * transaction that locked its row: records the failure (t->o says which), or clears the failures
 * and keeps the step used so that its code cannot be used again.
 */
static enum db_status
totp_check(struct totp_tx *t)
{
	enum db_status s = DB_OK;
	int64_t step = 0;
	bool used = false;

	if (t->in->recovery_code == NULL) {
		if ((s = totp_code_check(t, t->row.secret_box, true, "feil kode", &step)) != DB_OK || t->o != TOTP_OK)
			return s;
	} else {
		if (totp_locked(t, &s) || (s = totp_recovery_use(t, &used)) != DB_OK)
			return s;
		if (!used)
			return totp_failed(t, TOTP_WRONG, "feil gjenopprettingskode");
	}
	return db_totp_passed(t->in->user_id, step);
}

/* ---- the use cases --------------------------------------------------------------------------- */

enum totp_step
totp_login_step(int64_t user_id, const char *remote_addr, enum svc_status *st)
{
	unsigned roles = 0;
	bool enabled = false;
	enum totp_step step;

	if ((*st = svc_status_of(db_totp_need(user_id, &roles, &enabled))) != SVC_OK)
		return TOTP_STEP_NONE;
	step = enabled ? TOTP_STEP_VERIFY : (roles & ROLE_SECOND_FACTOR) ? TOTP_STEP_ENROL : TOTP_STEP_NONE;
	if (step == TOTP_STEP_NONE)
		return step;
	*st = svc_status_of(db_seclog("login_second_step", user_id, 0, 0, 0, remote_addr,
	    step == TOTP_STEP_VERIFY ? "venter på kode" : "må ta i bruk totrinnsinnlogging"));
	return *st == SVC_OK ? step : TOTP_STEP_NONE;
}

static enum db_status
totp_enrol_run(void *arg)
{
	struct totp_tx *t = arg;
	unsigned char secret[TOTP_SECRET_BYTES];
	char box[TOTP_BOX_HEX + 1], *b32 = NULL;
	size_t b32len = 0;
	unsigned roles = 0;
	bool enabled = false;
	enum db_status s;

	if ((s = totp_account(t)) != DB_OK || (s = db_totp_need(t->in->user_id, &roles, &enabled)) != DB_OK)
		return s;
	if (t->in->pending && enabled)
		return totp_refuse(t, TOTP_ENROLLED);
	if (t->in->pending && !(roles & ROLE_SECOND_FACTOR))
		return totp_refuse(t, TOTP_NOT_REQUIRED);
	randombytes_buf(secret, sizeof(secret));
	if (totp_seal(t->in->key, secret, box) != 0 ||
	    oath_base32_encode((const char *)secret, sizeof(secret), &b32, &b32len) != OATH_OK) {
		sodium_memzero(secret, sizeof(secret));
		return DB_ERROR;
	}
	sodium_memzero(secret, sizeof(secret));
	snprintf(t->out->secret, sizeof(t->out->secret), "%s", b32);
	sodium_memzero(b32, b32len);
	free(b32);
	totp_uri(t->out->email, t->out->secret, t->out->uri, sizeof(t->out->uri));
	if ((s = db_totp_pending_set(t->in->user_id, box)) != DB_OK)
		return s;
	return totp_log(t, "totp_enrolment_started", NULL);
}

enum totp_outcome
totp_enrol(const struct totp_input *in, struct totp_result *out)
{
	return totp_run(totp_enrol_run, in, out);
}

static enum db_status
totp_confirm_run(void *arg)
{
	struct totp_tx *t = arg;
	enum db_status s = DB_OK;
	int64_t step;

	if ((s = totp_account(t)) != DB_OK || (s = totp_lock(t, true)) != DB_OK)
		return s;
	if (t->in->pending && t->row.secret_box[0] != '\0')
		return totp_refuse(t, TOTP_ENROLLED); /* a pending login verifies the factor it has */
	if ((s = totp_code_check(t, t->row.pending_box, false, "feil kode ved registrering", &step)) != DB_OK ||
	    t->o != TOTP_OK)
		return s;
	if ((s = db_totp_confirm(t->in->user_id, step)) != DB_OK || (s = totp_recovery_replace(t)) != DB_OK)
		return s;
	return totp_log(t, "totp_enrolled", NULL);
}

enum totp_outcome
totp_confirm(const struct totp_input *in, struct totp_result *out)
{
	return totp_run(totp_confirm_run, in, out);
}

static enum db_status
totp_verify_run(void *arg)
{
	struct totp_tx *t = arg;
	enum db_status s;
	char detail[48];

	if ((s = totp_account(t)) != DB_OK || (s = totp_lock(t, false)) != DB_OK)
		return s;
	if ((s = totp_check(t)) != DB_OK || t->o != TOTP_OK)
		return s;
	if (t->in->recovery_code == NULL)
		return totp_log(t, "totp_verified", NULL);
	t->out->recovery_left = t->row.recovery_left > 0 ? t->row.recovery_left - 1 : 0;
	snprintf(detail, sizeof(detail), "%lld koder igjen", (long long)t->out->recovery_left);
	return totp_log(t, "totp_recovery_used", detail);
}

enum totp_outcome
totp_verify(const struct totp_input *in, struct totp_result *out)
{
	return totp_run(totp_verify_run, in, out);
}

static enum db_status
totp_disable_run(void *arg)
{
	struct totp_tx *t = arg;
	unsigned roles = 0;
	bool enabled = false;
	enum db_status s;

	if ((s = totp_account(t)) != DB_OK || (s = db_totp_need(t->in->user_id, &roles, &enabled)) != DB_OK)
		return s;
	if (roles & ROLE_SECOND_FACTOR)
		return totp_refuse(t, TOTP_REQUIRED);
	if ((s = totp_lock(t, false)) != DB_OK || (s = totp_check(t)) != DB_OK || t->o != TOTP_OK)
		return s;
	if ((s = db_totp_delete(t->in->user_id)) != DB_OK)
		return s;
	return totp_log(t, "totp_disabled", NULL);
}

enum totp_outcome
totp_disable(const struct totp_input *in, struct totp_result *out)
{
	return totp_run(totp_disable_run, in, out);
}

static enum db_status
totp_renew_run(void *arg)
{
	struct totp_tx *t = arg;
	enum db_status s;

	if ((s = totp_account(t)) != DB_OK || (s = totp_lock(t, false)) != DB_OK)
		return s;
	if ((s = totp_check(t)) != DB_OK || t->o != TOTP_OK || (s = totp_recovery_replace(t)) != DB_OK)
		return s;
	return totp_log(t, "totp_recovery_renewed", NULL);
}

enum totp_outcome
totp_renew(const struct totp_input *in, struct totp_result *out)
{
	return totp_run(totp_renew_run, in, out);
}

enum totp_outcome
totp_status(const struct totp_input *in, struct totp_result *out)
{
	struct db_totp row;
	unsigned roles = 0;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = db_totp_need(in->user_id, &roles, &out->enabled)) == DB_OK &&
	    (s = db_totp_get(in->user_id, false, &row)) == DB_OK) {
		out->enrolling = row.pending_box[0] != '\0';
		out->recovery_left = row.recovery_left;
	}
	out->required = (roles & ROLE_SECOND_FACTOR) != 0;
	out->status = svc_status_of(s);
	return s == DB_OK || s == DB_NOTFOUND ? TOTP_OK : TOTP_DB;
}

/* ---- the demo accounts' secrets -------------------------------------------------------------- */

struct totp_seed_tx {
	int64_t user_id;
	const char *box;
	bool added;
};

static enum db_status
totp_seed_run(void *arg)
{
	struct totp_seed_tx *t = arg;
	enum db_status s = db_totp_seed(t->user_id, t->box, &t->added);
	if (s != DB_OK || !t->added)
		return s;
	return db_seclog("totp_enrolled", t->user_id, 0, 0, 0, NULL, "demodata");
}

/* One line "email base32-secret" of the seed file; 0, or -1 after printing why not. */
static int
totp_seed_line(const char *path, int lineno, const char *line, const unsigned char key[32])
{
	char email[256] = "", b32[80] = "", norm[255], box[TOTP_BOX_HEX + 1], *secret = NULL;
	struct totp_seed_tx t = { .box = box };
	size_t len = 0;
	struct db_user u;
	enum db_status s;
	int rc = -1;

	if (sscanf(line, "%255s %79s", email, b32) != 2 || valid_email_normalize(email, norm, sizeof(norm)) != 0) {
		fprintf(stderr, "%s:%d: expected \"email base32-secret\"\n", path, lineno);
		return -1;
	}
	if (oath_base32_decode(b32, strlen(b32), &secret, &len) != OATH_OK || len != TOTP_SECRET_BYTES) {
		fprintf(stderr, "%s:%d: the secret must be %d bytes in base32\n", path, lineno, TOTP_SECRET_BYTES);
		goto out;
	}
	if ((s = db_user_by_email(norm, &u)) == DB_NOTFOUND) {
		printf("totp: %s has no account; skipped\n", norm);
		rc = 0;
		goto out;
	}
	t.user_id = u.id;
	if (s != DB_OK || totp_seal(key, (const unsigned char *)secret, box) != 0 || (s = db_tx(totp_seed_run, &t)) != DB_OK) {
		fprintf(stderr, "%s:%d: database error (%d)\n", path, lineno, (int)s);
		goto out;
	}
	printf("totp: %s %s\n", norm, t.added ? "has the demo secret" : "already has a second factor; unchanged");
	rc = 0;
out:
	if (secret) {
		sodium_memzero(secret, len);
		free(secret);
	}
	return rc;
}

int
totp_seed_file(const char *path, const unsigned char key[32])
{
	char line[512], *p;
	int lineno = 0, rc = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "totp: cannot open %s\n", path);
		return 1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		for (p = line; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
			;
		if (*p != '\0' && totp_seed_line(path, lineno, p, key) != 0)
			rc = 1;
	}
	fclose(f);
	return rc;
}
