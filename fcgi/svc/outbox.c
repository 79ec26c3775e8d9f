/*
 * outbox.c - delivers the outbox through sendmail_command (see outbox.h).
 */
#include "svc/outbox.h"
#include "svc/idem_db.h"
#include "db/db.h"
#include "db/db_apps.h"
#include "db/db_casework.h"
#include "db/db_users.h"
#include "domain/rules.h"
#include "core/log.h"
#include "core/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>

static volatile sig_atomic_t outbox_stop;
static const struct config *outbox_cfg;

/* How long a claimed email is leased to this sender: longer than a delivery may take, so no
 * other sender takes it meanwhile; when the lease lapses (the sender died, or could not record the
 * outcome) the email is due again. */
#define OUTBOX_LEASE_S 300
#define OUTBOX_SEND_TIMEOUT_S 120   /* the sendmail command is killed after this */
#define OUTBOX_ROUND_MAX 20         /* emails per round */

struct outbox_mail {
	int64_t id;
	char *to, *subject, *body;
	unsigned attempts;
};

struct outbox_counts {
	size_t sent, failed;
};

static void
outbox_on_term(int sig)
{
	(void)sig;
	outbox_stop = 1;
}

long
outbox_backoff(unsigned attempts)
{
	long s = 30;
	unsigned i;
	for (i = 0; i < attempts && s < 6 * 3600; i++)
		s *= 2;
	return s < 6 * 3600 ? s : 6 * 3600;
}

/* RFC 2047 encoded-word for a UTF-8 subject. */
static void
outbox_subject(const char *subject, char *out, size_t len)
{
	char b64[600];
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)subject, strnlen(subject, 400),
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(out, len, "=?UTF-8?B?%s?=", b64);
}

/* The message, headers and body, in an unlinked temporary file read from its start; NULL on failure. */
static FILE *
outbox_message(const struct outbox_mail *m)
{
	char subject[700];
	FILE *f = tmpfile();

	if (f == NULL)
		return NULL;
	outbox_subject(m->subject, subject, sizeof(subject));
	fprintf(f, "To: %s\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
	           "Content-Transfer-Encoding: 8bit\nX-Portal-Outbox-Id: %lld\n\n%s\n",
	    m->to, subject, (long long)m->id, m->body);
	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	return f;
}

/* Waits for the command, killing its process group after OUTBOX_SEND_TIMEOUT_S. Its wait status,
 * or -1 when it timed out. */
static int
outbox_wait(pid_t pid)
{
	int64_t deadline = util_now_us() + OUTBOX_SEND_TIMEOUT_S * 1000000LL;
	struct timespec tick = { 0, 10 * 1000000L };
	int st = 0;
	pid_t r;

	while ((r = waitpid(pid, &st, WNOHANG)) == 0 || (r < 0 && errno == EINTR)) {
		if (util_now_us() > deadline) {
			kill(-pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	return r == pid ? st : -1;
}

/*
 * Runs `sendmail_command -i` through sh, in its own process group, with the message on its
 * standard input; returns 0 when it exited 0. -i: a line holding a single dot is text, not the end
 * of the message.
 */
static int
outbox_deliver(const struct outbox_mail *m, char *err, size_t errlen)
{
	char cmd[sizeof(outbox_cfg->sendmail_command) + 8];
	FILE *msg = NULL;
	int st, rc = -1;
	pid_t pid;

	if (strpbrk(m->to, "\r\n") != NULL) {
		snprintf(err, errlen, "bad recipient");
		goto out;
	}
	snprintf(cmd, sizeof(cmd), "%s -i", outbox_cfg->sendmail_command);
	if ((msg = outbox_message(m)) == NULL || (pid = fork()) < 0) {
		snprintf(err, errlen, "cannot run the sendmail command");
		goto out;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(fileno(msg), STDIN_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if ((st = outbox_wait(pid)) == -1)
		snprintf(err, errlen, "sendmail command timed out after %d s", OUTBOX_SEND_TIMEOUT_S);
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		snprintf(err, errlen, "sendmail command failed (status %d)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	else
		rc = 0;
out:
	if (msg)
		fclose(msg);
	return rc;
}

static void
outbox_mail_free(struct outbox_mail *m)
{
	free(m->to);
	free(m->subject);
	free(m->body);
	memset(m, 0, sizeof(*m));
}

static int
outbox_row(void *arg, const struct db_row *row)
{
	struct outbox_mail *m = arg;
	const char *to = db_row_str(row, DB_COL(OUTBOX_DUE, to)), *subject = db_row_str(row, DB_COL(OUTBOX_DUE, subject));
	const char *body = db_row_str(row, DB_COL(OUTBOX_DUE, body));

	m->id = db_row_int(row, DB_COL(OUTBOX_DUE, id));
	m->to = util_strdup(to ? to : "");
	m->subject = util_strdup(subject ? subject : "");
	m->body = util_strdup(body ? body : "");
	m->attempts = (unsigned)db_row_int(row, DB_COL(OUTBOX_DUE, attempts));
	return 0;
}

/* The claim, one short transaction: the next due email, locked (SKIP LOCKED), and leased.
 * DB_NOTFOUND when none is due. */
static enum db_status
outbox_claim(void *arg)
{
	struct outbox_mail *m = arg;
	enum db_status s;

	outbox_mail_free(m);
	if ((s = db_query(DB_STMT_OUTBOX_DUE, NULL, 0, outbox_row, m)) != DB_OK)
		return s;
	if (m->id == 0)
		return DB_NOTFOUND;
	return db_exec(DB_STMT_OUTBOX_LEASE, (struct db_param[]){ DB_INT(OUTBOX_LEASE_S), DB_INT(m->id) }, 2, NULL, NULL);
}

/*
 * One round: up to OUTBOX_ROUND_MAX emails, each claimed, then delivered with no transaction
 * open, then marked sent, or failed with its backoff. A mark that does not reach the database
 * leaves the lease to lapse, and the email is tried again: at least once, never lost.
 */
static void
outbox_round(struct outbox_counts *c)
{
	struct outbox_mail m = { 0 };
	char err[200];
	int i;

	for (i = 0; i < OUTBOX_ROUND_MAX && !outbox_stop; i++) {
		enum db_status s = db_tx(outbox_claim, &m);
		bool ok;
		if (s != DB_OK) {
			if (s != DB_NOTFOUND && s != DB_UNAVAILABLE)
				log_error("outbox: claiming failed (%d)", (int)s);
			break;
		}
		if ((ok = outbox_deliver(&m, err, sizeof(err)) == 0))
			s = db_exec(DB_STMT_OUTBOX_SENT, (struct db_param[]){ DB_INT(m.id) }, 1, NULL, NULL);
		else
			s = db_exec(DB_STMT_OUTBOX_FAILED,
			    (struct db_param[]){ DB_STR(err), DB_INT(outbox_backoff(m.attempts)), DB_INT(m.id) }, 3, NULL, NULL);
		if (s != DB_OK)
			log_error("outbox: email %lld: the outcome was not recorded (%d); it is tried again in %d s",
			    (long long)m.id, (int)s, OUTBOX_LEASE_S);
		if (ok)
			c->sent++;
		else
			c->failed++;
	}
	outbox_mail_free(&m);
}

/* Report reminders: 30 and 7 days before the report is due, one email round each per case; the
 * first also makes a fully paid case report_due. Rows are claimed with SKIP LOCKED like the mail. */
static enum db_status
outbox_reminders(void *arg)
{
	struct db_reminder r[100];
	struct valid_datetime d;
	char today[48];
	size_t n = 0, i, j;
	enum db_status s;

	(void)arg;
	rules_oslo_from_utc(time(NULL), &d);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", d.year, d.month, d.day);
	if ((s = db_reminders_due(today, r, 100, &n)) != DB_OK)
		return s;
	for (i = 0; i < n; i++) {
		/* within 7 days: the 7-day reminder (and the 30-day one is not sent late as well) */
		bool week = rules_days_between(today, r[i].report_due) <= 7;
		struct buf subject = { 0 }, body = { 0 };
		struct db_notify to[DB_NOTIFY_MAX];
		size_t nto = 0;
		buf_printf(&subject, "Påminnelse: rapport for %s skal leveres innen %s", r[i].reference,
		    r[i].report_due);
		buf_printf(&body, "Rapport og regnskap for tilskuddet i sak %s skal sendes i Tilskuddsportalen innen "
		    "%s. Tilskudd på 100 000 kroner eller mer krever regnskap attestert av revisor.\n", r[i].reference,
		    r[i].report_due);
		if ((s = db_org_notify(r[i].org_id, to, &nto)) == DB_OK)
			for (j = 0; j < nto && s == DB_OK; j++)
				s = db_outbox_add(to[j].email, subject.data, body.data, "reminder", r[i].tenant_id);
		buf_free(&subject);
		buf_free(&body);
		if (s != DB_OK || (s = db_reminded(r[i].case_id, week ? 3 : (r[i].sent | 1))) != DB_OK)
			return s;
		if ((s = db_event_add(r[i].case_id, 0, "report_reminder", week ? "7 dager" : "30 dager")) != DB_OK)
			return s;
	}
	return DB_OK;
}

int
outbox_reminders_once(const struct config *cfg)
{
	enum db_status s;
	db_init(cfg);
	s = db_tx(outbox_reminders, NULL);
	if (idem_forget_old() != DB_OK)
		log_error("reminders: forgetting old idempotency keys failed");
	db_close();
	if (s != DB_OK)
		log_error("reminders: failed (%d)", (int)s);
	return s == DB_OK ? 0 : 1;
}

int
outbox_run(const struct config *cfg)
{
	struct sigaction sa;
	sigset_t none;

	outbox_cfg = cfg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = outbox_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL); /* the sendmail command must be reaped */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	db_init(cfg);
	log_info("outbox: sender started (every %d s)", cfg->outbox_interval);
	while (!outbox_stop) {
		struct outbox_counts c = { 0, 0 };
		enum db_status s;
		if ((s = db_tx(outbox_reminders, NULL)) != DB_OK && s != DB_UNAVAILABLE)
			log_error("outbox: reminders failed (%d)", (int)s);
		outbox_round(&c);
		(void)idem_forget_old(); /* housekeeping: keys older than a day */
		if (c.sent || c.failed)
			log_info("outbox: %zu sent, %zu failed (will retry)", c.sent, c.failed);
		if (!outbox_stop)
			sleep((unsigned)cfg->outbox_interval);
	}
	db_close();
	return 0;
}
