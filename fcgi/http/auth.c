/*
 * auth.c - passwords, session cookies and CSRF checks (see auth.h).
 */
#include "http/auth.h"
#include "core/log.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define AUTH_VERSION 2
/* version(1) kid(1) uid(8) gen(4) sid(8) issued(8) expires(8); version 1 had no sid */
#define AUTH_PAYLOAD 38
#define AUTH_RAW (AUTH_PAYLOAD + crypto_auth_BYTES)

static sem_t *auth_hash_sem;
static char auth_dummy_hash[crypto_pwhash_STRBYTES];

int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return 0;
}

int
auth_hash_slots_init(unsigned slots)
{
	void *p = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	if (sem_init(p, 1, slots ? slots : 1) != 0) {
		munmap(p, sizeof(sem_t));
		return -1;
	}
	auth_hash_sem = p;
	return 0;
}

static bool
auth_slot_take(void)
{
	struct timespec ts;
	if (auth_hash_sem == NULL)
		return true; /* no pool (tests): no cap */
	if (AUTH_HASH_WAIT_MS == 0) {
		while (sem_trywait(auth_hash_sem) != 0)
			if (errno != EINTR)
				return false;
		return true;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += AUTH_HASH_WAIT_MS / 1000;
	ts.tv_nsec += (long)(AUTH_HASH_WAIT_MS % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	while (sem_timedwait(auth_hash_sem, &ts) != 0) {
		if (errno != EINTR)
			return false;
	}
	return true;
}

static void
auth_slot_give(void)
{
	if (auth_hash_sem)
		sem_post(auth_hash_sem);
}

void
auth_key_set(struct auth_key *k, const unsigned char raw[crypto_auth_KEYBYTES])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	memcpy(k->key, raw, crypto_auth_KEYBYTES);
	crypto_hash_sha256(h, raw, crypto_auth_KEYBYTES);
	k->id = h[0];
	k->loaded = true;
}

int
auth_key_load(struct auth_key *k, const char *path, char *err, size_t errlen)
{
	unsigned char raw[crypto_auth_KEYBYTES + 1];
	struct stat st;
	ssize_t n;
	int fd = -1, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s: must not be readable by group or others (chmod 600)", path);
		goto out;
	}
	n = read(fd, raw, sizeof(raw));
	if (n != crypto_auth_KEYBYTES) {
		snprintf(err, errlen, "%s: must hold exactly %d bytes", path, crypto_auth_KEYBYTES);
		goto out;
	}
	auth_key_set(k, raw);
	rc = 0;
out:
	sodium_memzero(raw, sizeof(raw));
	if (fd >= 0)
		close(fd);
	return rc;
}

static void
auth_put64(unsigned char *p, uint64_t v)
{
	int i;
	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t
auth_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;
	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

int
auth_session_encode(const struct auth_keys *keys, const struct auth_session *s, char *out)
{
	unsigned char raw[AUTH_RAW];

	if (!keys->current.loaded)
		return -1;
	raw[0] = AUTH_VERSION;
	raw[1] = keys->current.id;
	auth_put64(raw + 2, (uint64_t)s->user_id);
	raw[10] = (unsigned char)(s->gen >> 24);
	raw[11] = (unsigned char)(s->gen >> 16);
	raw[12] = (unsigned char)(s->gen >> 8);
	raw[13] = (unsigned char)s->gen;
	memcpy(raw + 14, s->sid, AUTH_SID_BYTES);
	auth_put64(raw + 22, (uint64_t)s->issued);
	auth_put64(raw + 30, (uint64_t)s->expires);
	crypto_auth(raw + AUTH_PAYLOAD, raw, AUTH_PAYLOAD, keys->current.key);
	sodium_bin2base64(out, AUTH_COOKIE_MAX, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

enum auth_result
auth_session_decode(const struct auth_keys *keys, const char *cookie, time_t now, struct auth_session *out)
{
	unsigned char raw[AUTH_RAW + 1];
	size_t len = 0;
	const struct auth_key *k[2] = { &keys->current, &keys->previous };
	bool known = false, good = false;
	int i;

	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	if (cookie == NULL || strlen(cookie) >= AUTH_COOKIE_MAX)
		return AUTH_MALFORMED;
	/* only the URL-safe base64 alphabet: libsodium 1.0.18 decodes bytes >= 0x80 as '_', which would
	 * give one cookie many accepted spellings (found by tests/fuzz/fuzz_session.c) */
	if (strspn(cookie, alphabet) != strlen(cookie))
		return AUTH_MALFORMED;
	if (sodium_base642bin(raw, sizeof(raw), cookie, strlen(cookie), NULL, &len, NULL,
	        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != AUTH_RAW || raw[0] != AUTH_VERSION)
		return AUTH_MALFORMED;
	for (i = 0; i < 2; i++) {
		if (!k[i]->loaded || k[i]->id != raw[1])
			continue;
		known = true;
		if (crypto_auth_verify(raw + AUTH_PAYLOAD, raw, AUTH_PAYLOAD, k[i]->key) == 0)
			good = true;
	}
	if (!known)
		return AUTH_UNKNOWN_KEY;
	if (!good)
		return AUTH_BAD_MAC;
	out->user_id = (int64_t)auth_get64(raw + 2);
	out->gen = (uint32_t)raw[10] << 24 | (uint32_t)raw[11] << 16 | (uint32_t)raw[12] << 8 | raw[13];
	memcpy(out->sid, raw + 14, AUTH_SID_BYTES);
	out->issued = (int64_t)auth_get64(raw + 22);
	out->expires = (int64_t)auth_get64(raw + 30);
	if (out->user_id <= 0)
		return AUTH_MALFORMED;
	/* compared as now - issued, which cannot overflow for a now and an issued of this era */
	if (out->issued < 0 || out->issued > (int64_t)now + 300 /* issued in the future: clock skew beyond reason */ ||
	    (int64_t)now >= out->expires || (int64_t)now - out->issued >= AUTH_ABSOLUTE_SECONDS)
		return AUTH_EXPIRED;
	return AUTH_OK;
}

void
auth_session_new(struct auth_session *s, int64_t user_id, uint32_t gen, time_t now)
{
	s->user_id = user_id;
	s->gen = gen;
	randombytes_buf(s->sid, sizeof(s->sid));
	s->issued = (int64_t)now;
	s->expires = 0;
	auth_session_touch(s, now);
}

void
auth_session_touch(struct auth_session *s, time_t now)
{
	int64_t idle = (int64_t)now + AUTH_IDLE_SECONDS, abs_end = s->issued + AUTH_ABSOLUTE_SECONDS;
	s->expires = idle < abs_end ? idle : abs_end;
}

bool
auth_password_ok(const char *pw)
{
	size_t chars;
	const unsigned char *p = (const unsigned char *)pw;

	if (pw == NULL || !utf8_valid(pw, strlen(pw)))
		return false;
	for (; *p; p++)
		if (*p < 0x20 && *p != '\t')
			return false;
	chars = utf8_len(pw);
	return chars >= AUTH_PASSWORD_MIN && chars <= AUTH_PASSWORD_MAX;
}

/*
 * Password hashing runs in a short-lived thread at nice 19 (that thread only), so a flood of logins
 * takes spare CPU and does not starve the requests of the other workers; the worker waits for it.
 * The host-wide semaphore caps how many run at once; with no free slot the login gets 503 at once.
 */
struct auth_pw_job {
	const char *hash;     /* verify: the stored hash; NULL = hash pw into out */
	const char *pw;
	char *out;
	int rc;
};

static void *
auth_pw_thread(void *arg)
{
	struct auth_pw_job *j = arg;
	/* nice 19 for this thread only: requests come first, yet a login always gets a small share
	 * (SCHED_IDLE would starve logins completely while other requests keep the CPU busy) */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	if (j->hash)
		j->rc = crypto_pwhash_str_verify(j->hash, j->pw, strlen(j->pw));
	else
		j->rc = crypto_pwhash_str(j->out, j->pw, strlen(j->pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE);
	return NULL;
}

static enum auth_result
auth_pw_run(struct auth_pw_job *j)
{
	pthread_t t;
	if (!auth_slot_take())
		return AUTH_BUSY;
	if (pthread_create(&t, NULL, auth_pw_thread, j) != 0)
		auth_pw_thread(j); /* no thread to be had: do it here */
	else
		pthread_join(t, NULL);
	auth_slot_give();
	return j->rc == 0 ? AUTH_OK : AUTH_FAILED;
}

enum auth_result
auth_password_hash(const char *pw, char *out)
{
	struct auth_pw_job j = { NULL, pw, out, -1 };
	return auth_pw_run(&j);
}

enum auth_result
auth_password_verify(const char *hash, const char *pw)
{
	struct auth_pw_job j = { hash, pw, NULL, -1 };
	enum auth_result r;

	if (hash == NULL || hash[0] == '\0') {
		/* no such account: spend the time of a real check, then fail */
		if (auth_dummy_hash[0] == '\0' && auth_password_hash("not-a-password-at-all", auth_dummy_hash) != AUTH_OK)
			return AUTH_BUSY;
		j.hash = auth_dummy_hash;
		r = auth_pw_run(&j);
		return r == AUTH_BUSY ? AUTH_BUSY : AUTH_FAILED;
	}
	return auth_pw_run(&j);
}

bool
auth_csrf_ok(const char *csrf_header, const char *origin, const char *public_url)
{
	if (csrf_header == NULL || origin == NULL || origin[0] == '\0' || public_url == NULL || public_url[0] == '\0')
		return false;
	return strcmp(origin, public_url) == 0;
}

void
auth_token_new(char *out, unsigned char hash[32])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	auth_sha256(out, hash);
}

void
auth_sha256(const char *s, unsigned char hash[32])
{
	crypto_hash_sha256(hash, (const unsigned char *)s, strlen(s));
}
