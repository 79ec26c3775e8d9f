/*
 * config.h - the worker pool's configuration: a key = value file, overridden by flags.
 *
 * The file is read at start and again on SIGHUP. Unknown keys and bad values are errors
 * (reported with file and line) so a typo never silently falls back to a default.
 */
#ifndef PORTAL_CONFIG_H
#define PORTAL_CONFIG_H

#include <stddef.h>

struct config {
	char listen[256];        /* unix socket path (contains '/') or host:port */
	int socket_mode;         /* permission bits of a unix socket, default 0660 */
	int backlog;             /* listen backlog */
	int workers;             /* worker processes; 0 = 2 per core */
	long max_requests;       /* recycle a worker after this many requests; 0 = never */
	int shutdown_timeout;    /* seconds to drain on SIGTERM before SIGKILL */
	char db_socket[256];     /* MariaDB unix socket; empty = TCP to db_host:db_port */
	char db_host[128];
	int db_port;
	char db_name[64];
	char db_user[64];
	char db_password[128];
	char log_file[256];      /* empty = stderr */
	char pid_file[256];      /* empty = none */
	char session_key_file[256];          /* 32 random bytes, mode 0600: signs and verifies sessions */
	char session_key_previous_file[256]; /* optional: the key before rotation, verifies only */
	char totp_key_file[256];             /* 32 random bytes, mode 0600: seals the second-factor secrets */
	char public_url[256];                /* the origin, e.g. https://tilskudd.example.no: required; the
	                                        Origin check and the links in emails */
	char sendmail_command[256];          /* e.g. /usr/sbin/sendmail -t; empty = outbox only (demo) */
	int outbox_interval;                 /* seconds between outbox sender rounds */
	int hash_slots;                      /* password hashes at once on the host; 0 = one per core */
	int hash_wait_ms;                    /* how long a password hash waits for a slot */
	int drafts_per_call;                 /* open drafts an organisation may have for one call */
	int org_storage_mib;                 /* MiB of attachments an organisation may store in all */
};

#define CONFIG_DRAFTS_PER_CALL 10
#define CONFIG_ORG_STORAGE_MIB 1024

/* Sets the defaults. */
void config_defaults(struct config *c);

/*
 * Reads path into c (on top of what c holds). Returns 0, or -1 with a message
 * in err (size errlen) naming the file and line.
 */
int config_load(struct config *c, const char *path, char *err, size_t errlen);

/* Applies one "key = value" setting; the same rules as the file. Returns 0 or -1. */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);

/* Whether the whole configuration can serve: what no single key can say (public_url is
 * required). Returns 0, or -1 with a message in err. */
int config_check(const struct config *c, char *err, size_t errlen);

/* The effective number of workers (resolves 0 to 2 per online core). */
int config_workers(const struct config *c);

/* The effective number of password-hashing slots (resolves 0 to one per core; never more than one
 * per core). */
int config_hash_slots(const struct config *c);

#endif
