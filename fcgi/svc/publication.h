/*
 * publication.h - the use cases of the publication page (besides publish_year, publish.h): the
 * preview of a year exactly as the public would see it once published, withdrawing a published
 * year with a reason (logged), and the tenant's published years with the log.
 *
 * The preview publishes the year in a transaction that is always rolled back, and reads the
 * recipients and the statistics inside it with the very statements the public routes use: what
 * it shows is what publishing gives, and nothing of it is kept.
 */
#ifndef PORTAL_SVC_PUBLICATION_H
#define PORTAL_SVC_PUBLICATION_H

#include "svc/status.h"
#include "core/utf8.h"
#include "domain/publication.h"

#include <stdbool.h>
#include <stdint.h>

struct jw; /* core/jw.h */

struct publication_preview {
	/* in */
	int64_t tenant_id;
	const char *tenant;          /* the slug (borrowed) */
	int year;
	int64_t user_id;
	pub_recipient_fn recipient;  /* each recipient, as publish_recipients_each gives them */
	void *recipient_arg;
	pub_stat_fn stat;            /* the year's statistics, as publish_statistics gives them */
	void *stat_arg;
	/* out */
	bool published;              /* the year is published already */
	char tenant_name[TEXT_CAP(128)];
	char published_at[32];       /* when it was (or would be, published now) */
	int64_t total, count, unknown; /* unknown: recipients whose amount is not given */
	struct pub_measures totals;
};

/* Fills p's out fields and calls its functions with what the public would see of the year. */
enum svc_status publication_preview(struct publication_preview *p);

/* Withdraws the tenant's published year, logged with the user and the reason (borrowed):
 * SVC_NOT_FOUND when the year is not published. */
enum svc_status publication_unpublish(int64_t tenant_id, int year, int64_t user_id, const char *reason);

/* Writes "years" and "events" (the log, newest first) into the object open on w. */
enum svc_status publication_log(int64_t tenant_id, struct jw *w);

#endif
