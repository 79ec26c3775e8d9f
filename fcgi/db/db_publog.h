/*
 * db_publog.h - publishing and withdrawing a tenant's year, each logged (publication_events,
 * migration 024), and the tenant's published years with that log. The functions that change
 * something run inside the caller's transaction (db_tx, or db_tx_dry for a preview).
 */
#ifndef PORTAL_DB_PUBLOG_H
#define PORTAL_DB_PUBLOG_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct jw; /* core/jw.h */

/* Publishes the year; when it was not published before (*published_now), logs it by user_id. */
enum db_status db_publog_publish(int64_t tenant_id, int year, int64_t user_id, bool *published_now);
/* Withdraws the published year and logs it with the reason (borrowed); DB_NOTFOUND when the year
 * is not published (nothing written). */
enum db_status db_publog_unpublish(int64_t tenant_id, int year, int64_t user_id, const char *reason);
/* Writes "years": [{year, published_at}] and "events": [{year, kind, reason, by_name, at}] (newest
 * first) into the object open on w. */
enum db_status db_publog_write(int64_t tenant_id, struct jw *w);

#endif
