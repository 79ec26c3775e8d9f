/*
 * master.c - the prefork worker pool.
 *
 * Signals are blocked except inside sigsuspend(), so the handlers only set flags and the loop
 * does the work. Workers of the current generation are re-forked at once when they die (a crash
 * loop is slowed to at most ten forks a second). SIGHUP forks a new generation, then asks the old
 * one to drain; SIGTERM drains everyone, then SIGKILLs stragglers after shutdown_timeout.
 */
#include "core/master.h"
#include "core/log.h"
#include "core/util.h"
#include "svc/outbox.h"
#include "core/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct master_slot {
	pid_t pid;           /* 0 = free */
	unsigned gen;
	int64_t started_us;
	bool retiring;       /* asked to drain; not re-forked */
};

static volatile sig_atomic_t master_got_chld, master_got_hup, master_got_term, master_got_alrm;
static struct master_slot *master_slots;
static size_t master_nslots;
static unsigned master_gen;
static int master_fast_deaths;
static pid_t master_sender;      /* the outbox sender, 0 = none */

/* Starts the outbox sender when a sendmail command is configured. */
static void
master_sender_start(const struct config *cfg)
{
	pid_t pid;
	if (master_sender != 0 || cfg->sendmail_command[0] == '\0')
		return;
	if ((pid = fork()) < 0) {
		log_error("master: fork of the outbox sender failed: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		free(master_slots);
		exit(outbox_run(cfg));
	}
	master_sender = pid;
}

static void
master_sender_stop(void)
{
	if (master_sender != 0)
		kill(master_sender, SIGTERM);
}

static void
master_on_signal(int sig)
{
	switch (sig) {
	case SIGCHLD: master_got_chld = 1; break;
	case SIGHUP: master_got_hup = 1; break;
	case SIGALRM: master_got_alrm = 1; break;
	default: master_got_term = 1; break;
	}
}

static void
master_reopen_log(const struct config *cfg)
{
	int fd;
	if (cfg->log_file[0] == '\0')
		return;
	if ((fd = open(cfg->log_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
		log_error("master: cannot open log file %s: %s", cfg->log_file, strerror(errno));
		return;
	}
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static void
master_spawn(struct master_slot *s, int listen_fd, const struct config *cfg)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("master: fork failed: %s", strerror(errno));
		s->pid = 0;
		return;
	}
	if (pid == 0) {
		free(master_slots);
		exit(worker_run(listen_fd, cfg)); /* exit, not _exit: LeakSanitizer checks at exit */
	}
	s->pid = pid;
	s->gen = master_gen;
	s->started_us = util_now_us();
	s->retiring = false;
}

static size_t
master_live(void)
{
	size_t i, n = master_sender != 0;
	for (i = 0; i < master_nslots; i++)
		if (master_slots[i].pid)
			n++;
	return n;
}

/* Makes sure the current generation has want live workers; workers of older generations do not
 * count (after SIGHUP they are still busy, and the new ones must take the requests meanwhile). */
static void
master_fill(int listen_fd, const struct config *cfg, size_t want)
{
	size_t i, have = 0;

	for (i = 0; i < master_nslots; i++)
		if (master_slots[i].pid && !master_slots[i].retiring && master_slots[i].gen == master_gen)
			have++;
	for (i = 0; have < want && i < master_nslots; i++) {
		if (master_slots[i].pid == 0) {
			master_spawn(&master_slots[i], listen_fd, cfg);
			if (master_slots[i].pid)
				have++;
		}
	}
	while (have < want) {
		master_slots = util_realloc(master_slots, (master_nslots + 1) * sizeof(*master_slots));
		memset(&master_slots[master_nslots], 0, sizeof(*master_slots));
		master_spawn(&master_slots[master_nslots], listen_fd, cfg);
		if (master_slots[master_nslots].pid == 0)
			break;
		master_nslots++;
		have++;
	}
}

static void
master_reap(void)
{
	pid_t pid;
	int status;
	size_t i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == master_sender) {
			master_sender = 0;
			continue;
		}
		for (i = 0; i < master_nslots; i++) {
			struct master_slot *s = &master_slots[i];
			if (s->pid != pid)
				continue;
			if (!s->retiring && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
				if (WIFSIGNALED(status))
					log_error("master: worker %ld killed by signal %d; re-forking", (long)pid,
					    WTERMSIG(status));
				else
					log_error("master: worker %ld exited with %d; re-forking", (long)pid,
					    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				if (util_now_us() - s->started_us < 1000000)
					master_fast_deaths++;
				else
					master_fast_deaths = 0;
			}
			s->pid = 0;
			s->retiring = false;
		}
	}
}

static void
master_signal_all(int sig, bool only_old)
{
	size_t i;
	for (i = 0; i < master_nslots; i++) {
		struct master_slot *s = &master_slots[i];
		if (s->pid == 0 || (only_old && s->gen == master_gen))
			continue;
		s->retiring = true;
		kill(s->pid, sig);
	}
}

int
master_run(int listen_fd, struct config *cfg, master_reload_fn reload)
{
	struct sigaction sa;
	sigset_t block, old;
	size_t want = (size_t)config_workers(cfg);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = master_on_signal;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);

	log_info("master: starting %zu workers on %s", want, cfg->listen);
	master_fill(listen_fd, cfg, want);
	master_sender_start(cfg);
	for (;;) {
		sigsuspend(&old);
		if (master_got_term)
			break;
		if (master_got_chld) {
			master_got_chld = 0;
			master_reap();
			if (master_fast_deaths > 3)
				usleep(100000); /* a crash loop: at most ~10 forks a second */
			master_fill(listen_fd, cfg, want);
			master_sender_start(cfg);
		}
		if (master_got_hup) {
			master_got_hup = 0;
			if (reload(cfg) != 0) {
				log_error("master: SIGHUP: configuration not reloaded; keeping the old one");
				continue;
			}
			master_reopen_log(cfg);
			want = (size_t)config_workers(cfg);
			master_gen++;
			log_info("master: SIGHUP: replacing workers with %zu new ones", want);
			/* the new generation first, so the socket always has workers accepting; then the
			 * old one is asked to finish what it has in hand and exit */
			master_fill(listen_fd, cfg, want);
			master_signal_all(SIGTERM, true);
			master_sender_stop(); /* re-started with the new configuration once it has exited */
		}
	}

	log_info("master: SIGTERM: draining %zu workers", master_live());
	master_signal_all(SIGTERM, false);
	master_sender_stop();
	alarm((unsigned)cfg->shutdown_timeout);
	while (master_live() > 0) {
		master_reap();
		if (master_live() == 0)
			break;
		if (master_got_alrm) {
			log_error("master: workers still busy after %d s; killing them", cfg->shutdown_timeout);
			master_signal_all(SIGKILL, false);
			if (master_sender != 0)
				kill(master_sender, SIGKILL);
			master_got_alrm = 0;
		}
		sigsuspend(&old);
	}
	free(master_slots);
	log_info("master: stopped");
	return 0;
}
