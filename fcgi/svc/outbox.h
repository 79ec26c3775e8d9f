/*
 * outbox.h - the outbox sender: a child of the master (only when sendmail_command is set) that
 * delivers queued emails through a sendmail-compatible command and retries failures with backoff.
 * Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED, so senders on several hosts never send
 * the same email twice; a row is marked sent only after the command succeeded, so nothing is lost.
 * Each round first queues the report reminders that are due (30 and 7 days before the deadline).
 */
#ifndef PORTAL_OUTBOX_H
#define PORTAL_OUTBOX_H

#include "core/config.h"

/* Runs sender rounds every outbox_interval seconds until SIGTERM; returns the exit status. */
int outbox_run(const struct config *cfg);

/* Queues the report reminders that are due now (also done every sender round); for cron and
 * `portalctl reminders`. Returns the exit status. */
int outbox_reminders_once(const struct config *cfg);

/* Seconds to wait before the next attempt after `attempts` failures (30 s doubling, at most 6 h). Pure. */
long outbox_backoff(unsigned attempts);

#endif
