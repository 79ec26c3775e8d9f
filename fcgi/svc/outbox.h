/*
 * outbox.h - the outbox sender: a child of the master (only when sendmail_command is set) that
 * delivers queued emails through a sendmail-compatible command (run as `sendmail_command -i`)
 * and retries failures with backoff. Each email is claimed in a short transaction (SELECT ... FOR
 * UPDATE SKIP LOCKED, so senders on several hosts pass each other's by) that leases it for a few
 * minutes; it is delivered with no transaction open, then marked sent or failed. An email whose
 * lease lapses unmarked (the sender died, or the database was away) is due again: delivered at
 * least once, never lost. Each round first queues the report reminders that are due (30 and 7
 * days before the deadline).
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
