/*
 * auth.c - passwords, session cookies and CSRF checks (see auth.h).
 */
#include "http/auth.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define AUTH_VERSION 2
/* version(1) kid(1) uid(8) gen(4) sid(8) issued(8) expires(8); version 1 had no sid */
#define AUTH_PAYLOAD 38
#define AUTH_RAW (AUTH_PAYLOAD + crypto_auth_BYTES)

/*
 * The host's password-hashing slots: one SysV semaphore set, made by the master before it forks.
 * Semaphore 0 counts the free slots. The client addresses with a hash in flight are kept in a
 * table in shared memory: entry i holds an address while semaphore 2 + i is 0, and semaphore 1
 * locks the table while an address is looked up and an entry claimed. Every operation is SEM_UNDO,
 * so the kernel gives back whatever a process holds when it dies, even by kill -9: its slot, its
 * entry (whose stale address then counts for nothing) and the lock.
 */
#define AUTH_SEM_SLOTS 0
#define AUTH_SEM_LOCK 1
#define AUTH_SEM_ENTRY 2
#define AUTH_INFLIGHT 2048     /* hashes in flight on the host at most: one per worker, two generations */
#define AUTH_ADDR_LEN 64       /* an IPv6 address with a zone fits; longer ones are compared cut */

union auth_semun { int val; struct semid_ds *buf; unsigned short *array; };

static int auth_semid = -1;
static char (*auth_inflight)[AUTH_ADDR_LEN];   /* shared: the address of each entry */
static unsigned auth_wait_ms = AUTH_HASH_WAIT_MS;
static char auth_client[AUTH_ADDR_LEN];        /* the request's address; "" = unknown */
static int auth_entry = -1;                    /* the entry this process holds, -1 = none */
static char auth_dummy_hash[crypto_pwhash_STRBYTES];

int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return 0;
}

/* The key of the set named by name: SHA-256 of it, never IPC_PRIVATE. */
static key_t
auth_sem_key(const char *name)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	key_t k;
	crypto_hash_sha256(h, (const unsigned char *)name, strlen(name));
	memcpy(&k, h, sizeof(k));
	return k == IPC_PRIVATE ? 1 : k;
}

int
auth_hash_slots_init(unsigned slots, const char *name)
{
	static unsigned short vals[AUTH_SEM_ENTRY + AUTH_INFLIGHT];
	union auth_semun arg = { .array = vals };
	key_t key = name && name[0] ? auth_sem_key(name) : IPC_PRIVATE;
	int id, i, n = AUTH_SEM_ENTRY + AUTH_INFLIGHT;
	void *table;

	table = mmap(NULL, (size_t)AUTH_INFLIGHT * AUTH_ADDR_LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (table == MAP_FAILED)
		return -1;
	id = semget(key, n, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0 && errno == EEXIST && (id = semget(key, 0, 0)) >= 0) {
		/* left by a master that was killed: the caller made sure none runs under this name */
		semctl(id, 0, IPC_RMID);
		id = semget(key, n, IPC_CREAT | IPC_EXCL | 0600);
	}
	for (i = 0; i < n; i++)
		vals[i] = 1;
	vals[AUTH_SEM_SLOTS] = (unsigned short)(slots ? slots : 1);
	if (id < 0 || semctl(id, 0, SETALL, arg) != 0) {
		if (id >= 0)
			semctl(id, 0, IPC_RMID);
		munmap(table, (size_t)AUTH_INFLIGHT * AUTH_ADDR_LEN);
		return -1;
	}
	auth_inflight = table;
	auth_semid = id;
	return 0;
}

void
auth_hash_slots_close(void)
{
	if (auth_semid >= 0)
		semctl(auth_semid, 0, IPC_RMID);
	auth_semid = -1;
}

void
auth_hash_wait_set(unsigned ms)
{
	auth_wait_ms = ms;
}

void
auth_hash_client(const char *addr)
{
	snprintf(auth_client, sizeof(auth_client), "%s", addr ? addr : "");
}

/* One SEM_UNDO operation on one semaphore of the set. wait_us > 0 waits up to that long (retried
 * on EINTR with what is left); otherwise it does not wait. 0, or -1 (busy, timed out or failed). */
static int
auth_sem_op(int num, short op, int64_t wait_us)
{
	struct sembuf sb = { .sem_num = (unsigned short)num, .sem_op = op, .sem_flg = SEM_UNDO };
	int64_t end = util_now_us() + wait_us, left;
	struct timespec ts;

	if (wait_us <= 0) {
		sb.sem_flg |= IPC_NOWAIT;
		while (semop(auth_semid, &sb, 1) != 0)
			if (errno != EINTR)
				return -1;
		return 0;
	}
	while ((left = end - util_now_us()) > 0) {
		ts.tv_sec = (time_t)(left / 1000000);
		ts.tv_nsec = (long)(left % 1000000) * 1000L;
		if (semtimedop(auth_semid, &sb, 1, &ts) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return -1;
}

/* Claims a table entry for the client's address, unless the address already holds one (then -1,
 * as when the table is full). 0 with auth_entry set. */
static int
auth_addr_claim(void)
{
	static unsigned short vals[AUTH_SEM_ENTRY + AUTH_INFLIGHT];
	union auth_semun arg = { .array = vals };
	int i, free_i = -1, rc = -1;

	if (auth_sem_op(AUTH_SEM_LOCK, -1, 1000000) != 0) /* held for a few microseconds at a time */
		return -1;
	if (semctl(auth_semid, 0, GETALL, arg) != 0)
		goto out;
	for (i = 0; i < AUTH_INFLIGHT; i++) {
		if (vals[AUTH_SEM_ENTRY + i] == 0 && strcmp(auth_inflight[i], auth_client) == 0)
			goto out; /* this address has a hash in flight */
		if (vals[AUTH_SEM_ENTRY + i] != 0 && free_i < 0)
			free_i = i;
	}
	if (free_i < 0 || auth_sem_op(AUTH_SEM_ENTRY + free_i, -1, 0) != 0)
		goto out;
	memcpy(auth_inflight[free_i], auth_client, AUTH_ADDR_LEN);
	auth_entry = free_i;
	rc = 0;
out:
	auth_sem_op(AUTH_SEM_LOCK, 1, 0);
	return rc;
}

static void
auth_addr_release(void)
{
	if (auth_entry >= 0)
		auth_sem_op(AUTH_SEM_ENTRY + auth_entry, 1, 0);
	auth_entry = -1;
}

enum auth_result
auth_slot_take(void)
{
	if (auth_semid < 0)
		return AUTH_OK; /* no pool (tests, -P): no cap */
	/* one hash in flight per client address: a second one is refused at once, so one client's
	 * flood ties up one worker, not every worker waiting behind it */
	if (auth_client[0] != '\0' && auth_addr_claim() != 0)
		return AUTH_BUSY;
	/* the host's slots: wait a bounded time, in order of arrival (the kernel queues waiters) */
	if (auth_sem_op(AUTH_SEM_SLOTS, -1, (int64_t)auth_wait_ms * 1000) != 0) {
		auth_addr_release();
		return AUTH_BUSY;
	}
	return AUTH_OK;
}

void
auth_slot_give(void)
{
	if (auth_semid < 0)
		return;
	auth_sem_op(AUTH_SEM_SLOTS, 1, 0);
	auth_addr_release();
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
 * The thread is named "pwhash" (top -H, /proc/PID/task/TID/comm), so a hash in flight can be seen.
 * The host's slots (above) cap how many run at once.
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
	(void)pthread_setname_np(pthread_self(), "pwhash");
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
	if (auth_slot_take() != AUTH_OK)
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
