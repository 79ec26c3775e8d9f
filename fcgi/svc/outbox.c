/*
 * outbox.c - delivers the outbox through sendmail_command (see outbox.h).
 */
#include "svc/outbox.h"
#include "db/db.h"
#include "db/db_apps.h"
#include "db/db_casework.h"
#include "db/db_users.h"
#include "domain/rules.h"
#include "core/log.h"
#include "core/util.h"

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

struct outbox_mail {
	int64_t id;
	char *to, *subject, *body;
	unsigned attempts;
};

struct outbox_batch {
	struct outbox_mail *items;
	size_t n;
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

/* Pipes one message to the command; returns 0 when it exited 0. */
static int
outbox_deliver(const struct outbox_mail *m, char *err, size_t errlen)
{
	char subject[700];
	FILE *p;
	int st;

	if (strpbrk(m->to, "\r\n") != NULL) {
		snprintf(err, errlen, "bad recipient");
		return -1;
	}
	if ((p = popen(outbox_cfg->sendmail_command, "w")) == NULL) {
		snprintf(err, errlen, "cannot run the sendmail command");
		return -1;
	}
	outbox_subject(m->subject, subject, sizeof(subject));
	fprintf(p, "To: %s\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
	           "Content-Transfer-Encoding: 8bit\nX-Portal-Outbox-Id: %lld\n\n%s\n",
	    m->to, subject, (long long)m->id, m->body);
	st = pclose(p);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(err, errlen, "sendmail command failed (status %d)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return 0;
}

static int
outbox_row(void *arg, const struct db_row *row)
{
	struct outbox_batch *b = arg;
	struct outbox_mail *m;
	b->items = util_realloc(b->items, (b->n + 1) * sizeof(*b->items));
	m = &b->items[b->n++];
	m->id = db_row_int(row, DB_COL(OUTBOX_DUE, id));
	m->to = util_strdup(db_row_str(row, DB_COL(OUTBOX_DUE, to)) ? db_row_str(row, DB_COL(OUTBOX_DUE, to)) : "");
	m->subject = util_strdup(db_row_str(row, DB_COL(OUTBOX_DUE, subject)) ? db_row_str(row, DB_COL(OUTBOX_DUE, subject)) : "");
	m->body = util_strdup(db_row_str(row, DB_COL(OUTBOX_DUE, body)) ? db_row_str(row, DB_COL(OUTBOX_DUE, body)) : "");
	m->attempts = (unsigned)db_row_int(row, DB_COL(OUTBOX_DUE, attempts));
	return 0;
}

static void
outbox_batch_free(struct outbox_batch *b)
{
	size_t i;
	for (i = 0; i < b->n; i++) {
		free(b->items[i].to);
		free(b->items[i].subject);
		free(b->items[i].body);
	}
	free(b->items);
	memset(b, 0, sizeof(*b));
}

/* One round inside a transaction: claim due rows, deliver, record the outcome. */
static enum db_status
outbox_round(void *arg)
{
	struct outbox_batch *b = arg;
	enum db_status s;
	size_t i;

	outbox_batch_free(b);
	if ((s = db_query(DB_STMT_OUTBOX_DUE, NULL, 0, outbox_row, b)) != DB_OK)
		return s;
	for (i = 0; i < b->n; i++) {
		struct outbox_mail *m = &b->items[i];
		char err[200];
		if (outbox_deliver(m, err, sizeof(err)) == 0) {
			struct db_param p[] = { DB_INT(m->id) };
			if ((s = db_exec(DB_STMT_OUTBOX_SENT, p, 1, NULL, NULL)) != DB_OK)
				return s;
			b->sent++;
		} else {
			struct db_param p[] = { DB_STR(err), DB_INT(outbox_backoff(m->attempts)), DB_INT(m->id) };
			if ((s = db_exec(DB_STMT_OUTBOX_FAILED, p, 3, NULL, NULL)) != DB_OK)
				return s;
			b->failed++;
		}
	}
	return DB_OK;
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
	db_close();
	if (s != DB_OK)
		log_error("reminders: failed (%d)", (int)s);
	return s == DB_OK ? 0 : 1;
}

int
outbox_run(const struct config *cfg)
{
	struct outbox_batch b = { 0 };
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
	sigaction(SIGCHLD, &sa, NULL); /* pclose must be able to reap the command */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	db_init(cfg);
	log_info("outbox: sender started (every %d s)", cfg->outbox_interval);
	while (!outbox_stop) {
		enum db_status s;
		if ((s = db_tx(outbox_reminders, NULL)) != DB_OK && s != DB_UNAVAILABLE)
			log_error("outbox: reminders failed (%d)", (int)s);
		b.sent = b.failed = 0;
		s = db_tx(outbox_round, &b);
		if (s != DB_OK && s != DB_UNAVAILABLE)
			log_error("outbox: round failed (%d)", (int)s);
		if (b.sent || b.failed)
			log_info("outbox: %zu sent, %zu failed (will retry)", b.sent, b.failed);
		outbox_batch_free(&b);
		if (!outbox_stop)
			sleep((unsigned)cfg->outbox_interval);
	}
	db_close();
	return 0;
}
