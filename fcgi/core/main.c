/*
 * main.c - the portal worker pool's entry point: flags, configuration, the listening socket,
 * daemonising and the pid file; then the master (master.c) takes over.
 *
 * Usage: portal [-c FILE] [-w N] [-l LISTEN] [-d] [-t]
 *   -c FILE    configuration file (key = value); re-read on SIGHUP
 *   -w N       workers (overrides the file; 0 = 2 per core)
 *   -l LISTEN  unix socket path or host:port (overrides the file)
 *   -d         run in the background (needs log_file and pid_file)
 *   -t         check the configuration and exit
 *   -P         read a password on standard input, print its hash (for seeding accounts) and exit
 *   -I FILE    import a CSV of past grants and exit (portalctl import)
 *   -E FILE    import a register file (Enhetsregisteret or Frivillighetsregisteret) and exit
 *              (portalctl import-register)
 *   -S YEAR:FILE  import a year's statistics table per municipality and exit (portalctl
 *              import-statistics)
 *   -T FILE    set the demo accounts' second factors listed in FILE ("email base32-secret" lines)
 *              where they have none, and exit (portalctl demo)
 */
#include "http/auth.h"
#include "core/config.h"
#include "db/db.h"
#include "svc/grantimport.h"
#include "svc/register.h"
#include "svc/statimport.h"
#include "svc/outbox.h"
#include "svc/totp.h"
#include "core/log.h"
#include "core/master.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "core/util.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *main_config_path;
static const char *main_flag_workers;
static const char *main_flag_listen;

/* Defaults, then the file, then the flags; then what the whole must hold (config_check). */
static int
main_load(struct config *c)
{
	char err[512];
	struct config n;

	config_defaults(&n);
	if (main_config_path && config_load(&n, main_config_path, err, sizeof(err)) != 0) {
		log_error("config: %s", err);
		return -1;
	}
	if (main_flag_workers && config_set(&n, "workers", main_flag_workers, err, sizeof(err)) != 0) {
		log_error("-w: %s", err);
		return -1;
	}
	if (main_flag_listen && config_set(&n, "listen", main_flag_listen, err, sizeof(err)) != 0) {
		log_error("-l: %s", err);
		return -1;
	}
	if (config_check(&n, err, sizeof(err)) != 0) {
		log_error("config: %s%s%s", main_config_path ? main_config_path : "", main_config_path ? ": " : "", err);
		return -1;
	}
	if (strcmp(n.listen, c->listen) != 0 && c->listen[0] != '\0')
		log_error("config: listen changed to %s; that takes a restart, keeping %s", n.listen, c->listen);
	if (c->listen[0] != '\0')
		memcpy(n.listen, c->listen, sizeof(n.listen));
	*c = n;
	return 0;
}

/* The command name (comm) of a process that runs, or "" when it is gone or a zombie. */
static void
main_comm(const char *pid, char *out, size_t len)
{
	char path[64], stat[512];
	const char *lp, *rp;
	size_t n;
	FILE *f;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	n = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	stat[n] = '\0';
	/* "pid (comm) S ...": the comm may hold anything, so the state follows the last ')' */
	if ((lp = strchr(stat, '(')) == NULL || (rp = strrchr(stat, ')')) == NULL || rp < lp || rp[1] != ' ' ||
	    rp[2] == 'Z' || rp[2] == 'X')
		return;
	n = (size_t)(rp - lp - 1);
	if (n >= len)
		n = len - 1;
	memcpy(out, lp + 1, n);
	out[n] = '\0';
}

/* Refuses to start when the pid file names a running process of this program (a zombie, or a pid
 * that another program has since been given, does not count). */
static int
main_check_pidfile(const char *path)
{
	char pid[32], theirs[64], ours[64];
	long n = 0;
	FILE *f;

	if (path[0] == '\0' || (f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &n) != 1)
		n = 0;
	fclose(f);
	if (n <= 0)
		return 0;
	snprintf(pid, sizeof(pid), "%ld", n);
	main_comm(pid, theirs, sizeof(theirs));
	main_comm("self", ours, sizeof(ours));
	if (theirs[0] != '\0' && strcmp(theirs, ours) == 0) {
		log_error("already running as pid %ld (%s)", n, path);
		return -1;
	}
	return 0;
}

static int
main_write_pidfile(const char *path)
{
	FILE *f;
	if (path[0] == '\0')
		return 0;
	if ((f = fopen(path, "w")) == NULL) {
		log_error("cannot write pid file %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
	return 0;
}

static int
main_daemonize(const struct config *c)
{
	pid_t pid;
	int fd;

	if ((pid = fork()) < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	setsid();
	if ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	if ((fd = open(c->log_file, O_WRONLY | O_APPEND | O_CREAT, 0640)) < 0)
		return -1;
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return 0;
}

/* -P: hashes one line of standard input with the portal's password rules. */
static int
main_hash_password(void)
{
	char pw[1100], hash[crypto_pwhash_STRBYTES];
	size_t n;

	if (auth_init() != 0 || fgets(pw, sizeof(pw), stdin) == NULL)
		return 1;
	n = strlen(pw);
	while (n > 0 && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		pw[--n] = '\0';
	if (!auth_password_ok(pw)) {
		fprintf(stderr, "the password must have %d to %d characters\n", AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
		return 1;
	}
	if (auth_password_hash(pw, hash) != AUTH_OK)
		return 1;
	printf("%s\n", hash);
	sodium_memzero(pw, sizeof(pw));
	return 0;
}

/* An import's file, mapped read-only (a register's bulk file is large); an empty file is "". */
struct main_file {
	const char *data;
	size_t len;
	void *map;
};

static int
main_file_open(const char *what, const char *path, struct main_file *m)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	memset(m, 0, sizeof(*m));
	m->data = "";
	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "%s: cannot open %s: %s\n", what, path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (st.st_size > 0 && (m->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		fprintf(stderr, "%s: cannot read %s: %s\n", what, path, strerror(errno));
		m->map = NULL;
		close(fd);
		return -1;
	}
	close(fd);
	if (m->map) {
		m->data = m->map;
		m->len = (size_t)st.st_size;
	}
	return 0;
}

static void
main_file_close(struct main_file *m)
{
	if (m->map)
		munmap(m->map, m->len);
	m->map = NULL;
}

/* Prints an import's faults with their lines, or its database error; 1. */
static int
main_import_failed(const char *what, const char *path, enum svc_status s, const struct csv_fault *f, size_t max,
    size_t n)
{
	size_t i;

	if (s != SVC_CONFLICT || n == 0) {
		fprintf(stderr, "%s: database error (%d); nothing was imported\n", what, (int)s);
		return 1;
	}
	for (i = 0; i < n && i < max; i++)
		fprintf(stderr, "%s:%d: %s: %s\n", path, f[i].line, f[i].field, f[i].detail);
	fprintf(stderr, "%s: %zu faults; nothing was imported\n", what, n);
	return 1;
}

/* Imports a CSV of past grants (grantimport.h); prints the outcome or every fault with its line. */
static int
main_import(const struct config *cfg, const char *path)
{
	static struct grantimport_result r;
	struct main_file m;
	enum svc_status s;

	if (main_file_open("import", path, &m) != 0)
		return 1;
	db_init(cfg);
	s = grantimport_run(m.data, m.len, 0, &r);
	db_close();
	main_file_close(&m);
	if (s != SVC_OK)
		return main_import_failed("import", path, s, r.errs, sizeof(r.errs) / sizeof(r.errs[0]), r.nerr);
	printf("import: %zu rows, %zu new, %zu already imported, %lld kroner in all", r.rows, r.imported, r.unchanged,
	    (long long)r.total);
	if (r.unknown)
		printf(" (%zu rows without an amount)", r.unknown);
	printf("\n");
	return 0;
}

/* Imports a year's statistics table (statimport.h) from "YEAR:FILE"; prints the outcome, the
 * printed sums that differ from the rows', or every fault with its line. */
static int
main_import_statistics(const struct config *cfg, const char *arg)
{
	static struct statimport_result r;
	const char *path = strchr(arg, ':');
	char year_s[8] = "";
	struct main_file m;
	int64_t year = 0;
	enum svc_status s;
	size_t i;

	if (path && (size_t)(path - arg) < sizeof(year_s))
		memcpy(year_s, arg, (size_t)(path - arg));
	if (path == NULL || !valid_int64(year_s, 2000, 2100, &year)) {
		fprintf(stderr, "import-statistics: give YEAR:FILE, the year 2000 to 2100\n");
		return 2;
	}
	if (main_file_open("import-statistics", ++path, &m) != 0)
		return 1;
	db_init(cfg);
	s = statimport_run(m.data, m.len, (int)year, 0, &r);
	db_close();
	main_file_close(&m);
	if (s != SVC_OK)
		return main_import_failed("import-statistics", path, s, r.errs, sizeof(r.errs) / sizeof(r.errs[0]), r.nerr);
	for (i = 0; i < r.ndiff; i++)
		printf("import-statistics: the printed sum of %s is %lld, the rows sum to %lld\n", statcsv_key(r.diffs[i].col),
		    (long long)r.diffs[i].printed, (long long)r.diffs[i].computed);
	printf("import-statistics: %lld: %zu municipalities, %zu new, %zu changed, %zu unchanged\n", (long long)year, r.rows,
	    r.imported, r.changed, r.unchanged);
	return 0;
}

/* Sets the demo accounts' second factors from path (totp_seed_file), sealed with totp_key_file. */
static int
main_totp_seed(const struct config *cfg, const char *path)
{
	struct auth_key key = { .loaded = false };
	char err[512];
	int rc;

	if (auth_init() != 0)
		return 1;
	if (cfg->totp_key_file[0] == '\0' || auth_key_load(&key, cfg->totp_key_file, err, sizeof(err)) != 0) {
		fprintf(stderr, "totp: %s\n", cfg->totp_key_file[0] ? err : "no totp_key_file in the configuration");
		return 1;
	}
	db_init(cfg);
	rc = totp_seed_file(path, key.key);
	db_close();
	sodium_memzero(&key, sizeof(key));
	return rc;
}

/* Imports a register file (svc/register.h); prints the outcome or every fault with its line. */
static int
main_import_register(const struct config *cfg, const char *path)
{
	static struct register_import_result r;
	struct main_file m;
	enum svc_status s;

	if (main_file_open("import-register", path, &m) != 0)
		return 1;
	db_init(cfg);
	s = register_import(m.data, m.len, &r);
	db_close();
	main_file_close(&m);
	if (s != SVC_OK)
		return main_import_failed("import-register", path, s, r.faults, sizeof(r.faults) / sizeof(r.faults[0]),
		    r.nfaults);
	printf("import-register: %s, %zu rows: %zu new, %zu changed, %zu unchanged; %zu organisations in the portal "
	    "updated; %zu e-mail addresses not usable (left out)\n",
	    r.kind == REGISTERCSV_UNITS ? "Enhetsregisteret" : "Frivillighetsregisteret", r.rows, r.added, r.changed,
	    r.unchanged, r.orgs_updated, r.emails_unusable);
	return 0;
}

/* Everything the serving master needs before it forks: libraries, the password hashing slots,
 * the listening socket, the background and the log. The socket, or -1 (logged). */
static int
main_serve_setup(struct config *cfg, bool daemon)
{
	int fd;

	rules_init();
	if (auth_init() != 0) {
		log_error("libsodium failed to initialise");
		return -1;
	}
	/* password hashes at once on this host, shared by all workers (default: one per core); named
	 * by the pid file, so a set a killed master left behind is replaced, not leaked */
	if (auth_hash_slots_init((unsigned)config_hash_slots(cfg), cfg->pid_file) != 0) {
		log_error("cannot create the password hashing slots (SysV semaphores): %s", strerror(errno));
		return -1;
	}
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return -1;
	}
	if (strchr(cfg->listen, '/') != NULL)
		unlink(cfg->listen); /* a stale socket of a dead master; the pid file check guards a live one */
	if ((fd = FCGX_OpenSocket(cfg->listen, cfg->backlog)) < 0) {
		log_error("cannot listen on %s: %s", cfg->listen, strerror(errno));
		return -1;
	}
	if (strchr(cfg->listen, '/') != NULL && chmod(cfg->listen, (mode_t)cfg->socket_mode) != 0)
		log_error("chmod %s: %s", cfg->listen, strerror(errno));
	if (daemon && main_daemonize(cfg) != 0) {
		log_error("cannot daemonize: %s", strerror(errno));
		return -1;
	}
	if (!daemon && cfg->log_file[0] != '\0') {
		int lfd = open(cfg->log_file, O_WRONLY | O_APPEND | O_CREAT, 0640);
		if (lfd >= 0) {
			dup2(lfd, STDERR_FILENO);
			close(lfd);
		}
	}
	return fd;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	bool daemon = false, test = false, reminders = false;
	const char *import_file = NULL, *totp_file = NULL, *register_file = NULL, *stats_file = NULL;
	int opt, fd, rc;

	while ((opt = getopt(argc, argv, "c:w:l:dtRI:E:S:T:Ph")) != -1) {
		switch (opt) {
		case 'c': main_config_path = optarg; break;
		case 'w': main_flag_workers = optarg; break;
		case 'l': main_flag_listen = optarg; break;
		case 'd': daemon = true; break;
		case 't': test = true; break;
		case 'R': reminders = true; break;
		case 'I': import_file = optarg; break;
		case 'T': totp_file = optarg; break;
		case 'E': register_file = optarg; break;
		case 'S': stats_file = optarg; break;
		case 'P': return main_hash_password();
		default:
			fprintf(stderr, "usage: %s [-c config] [-w workers] [-l listen] [-d] [-t] [-R] [-I grants.csv] [-E register.csv] [-S year:table.tsv] [-T secrets] | -P\n", argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	memset(&cfg, 0, sizeof(cfg));
	if (main_load(&cfg) != 0)
		return 1;
	if (test) {
		printf("configuration ok: listen=%s workers=%d max_requests=%ld\n", cfg.listen, config_workers(&cfg),
		    cfg.max_requests);
		return 0;
	}
	if (import_file) /* the historical import of past grants, and exit (portalctl import) */
		return main_import(&cfg, import_file);
	if (stats_file) /* a year's statistics table, and exit (portalctl import-statistics) */
		return main_import_statistics(&cfg, stats_file);
	if (totp_file) /* the demo accounts' second factors, and exit (portalctl demo) */
		return main_totp_seed(&cfg, totp_file);
	if (register_file) /* the register import, and exit (portalctl import-register) */
		return main_import_register(&cfg, register_file);
	if (reminders) /* queue the report reminders that are due, and exit (cron, portalctl reminders) */
		return outbox_reminders_once(&cfg);
	if (daemon && cfg.log_file[0] == '\0') {
		log_error("-d needs log_file in the configuration");
		return 1;
	}
	if (main_check_pidfile(cfg.pid_file) != 0)
		return 1;
	if ((fd = main_serve_setup(&cfg, daemon)) < 0 || main_write_pidfile(cfg.pid_file) != 0) {
		auth_hash_slots_close();
		return 1;
	}
	rc = master_run(fd, &cfg, main_load);
	auth_hash_slots_close();
	close(fd);
	if (strchr(cfg.listen, '/') != NULL)
		unlink(cfg.listen);
	if (cfg.pid_file[0] != '\0')
		unlink(cfg.pid_file);
	return rc;
}
