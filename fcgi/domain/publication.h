/*
 * publication.h - the published figures as typed rows: one recipient of a published year, and the
 * statistics of one published tenant-year (its measures, and the first four per sub-goal); the
 * unused funds of a year and the totals over tenant-years. The db layer fills these rows from its
 * statements (db/stmt_publish.def), the handlers write them as JSON or CSV. Pure.
 */
#ifndef PORTAL_PUBLICATION_H
#define PORTAL_PUBLICATION_H

#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>

/* One recipient: a grant in force, or a past grant from the historical import. */
struct pub_recipient {
	char organisation[TEXT_CAP(200)];
	char orgnr[10];
	bool has_orgnr;              /* a past grant may have no organisation number (orgnr is "") */
	char title[TEXT_CAP(300)];
	int64_t amount;              /* 0 when !amount_known */
	bool amount_known;           /* false: a past grant whose source gives no amount (beløp ikke oppgitt) */
	char sub_goals[16];          /* "A,C", or a priority area "4"; "" for a past grant without one */
	char scheme[65];             /* the scheme's code */
	char scheme_name[TEXT_CAP(255)];
};

/* The measures of a tenant-year, in the order the API and the CSV give them. A sub-goal has the
 * first PUB_GOAL_MEASURES. */
enum pub_measure {
	PUB_RECEIVED,                /* applications received (submitted, not withdrawn) */
	PUB_APPLIED,                 /* the amount they applied for */
	PUB_GRANTED,                 /* grants in force, past grants included */
	PUB_AMOUNT_GRANTED,          /* their amount */
	PUB_OPERATING_ORGS,          /* organisations with operating support */
	PUB_OPERATING_IMMIGRANT,     /* ... of them immigrant organisations */
	PUB_ACTIVITY_ORGS,           /* organisations with activity support */
	PUB_ACTIVITY_IMMIGRANT,      /* ... of them immigrant organisations */
	PUB_FRAME,                   /* the budget frames of the year's calls */
	PUB_UNUSED,                  /* what of the allocation (else the frame) was not granted nor spent */
	PUB_ALLOCATION,              /* IMDi's allocation to the municipality (every scheme) */
	PUB_OPERATING_MEMBERS,       /* members of the organisations with operating support */
	PUB_OPERATING_AMOUNT,        /* the amount of operating support */
	PUB_ACTIVITY_AMOUNT,         /* the amount of activity support */
	PUB_ADMIN_COSTS,             /* administration costs spent of the allocation */
	PUB_ADMIN_UNCONSENTED,       /* ... of them without IMDi's consent (shown flagged) */
	PUB_AMOUNTS_UNKNOWN,         /* grants counted in PUB_GRANTED whose amount is not known (past grants
	                                whose source gives none): PUB_AMOUNT_GRANTED sums the known ones */
	PUB_NMEASURES
};
#define PUB_GOAL_MEASURES 4

struct pub_measures {
	int64_t v[PUB_NMEASURES];
	bool any;                    /* false: no tenant-year (totals over none): every measure unknown */
	bool has_frame;              /* false: PUB_FRAME and PUB_UNUSED unknown (no call had a frame) */
	unsigned unknown;            /* bit k: measure k is not known (an imported year that lacks it) */
};

/* One published tenant-year. */
struct pub_stat {
	char tenant[33];             /* slug */
	char tenant_name[TEXT_CAP(128)];
	char tenant_kind[16];
	int64_t year;
	struct pub_measures m;
	struct {
		char name[TEXT_CAP(200)];
		int64_t v[PUB_GOAL_MEASURES];
	} goals[4];                  /* sub-goals A, B, C, D */
	bool imported;               /* a year before the portal, from the statistics import */
	char source_name[TEXT_CAP(100)]; /* imported: the municipality as the source names it */
};

/* Called for each row; non-zero stops the reading (an error). */
typedef int (*pub_recipient_fn)(void *arg, const struct pub_recipient *r);
typedef int (*pub_stat_fn)(void *arg, const struct pub_stat *s);

/* Completes a row whose measures but PUB_UNUSED are read (s->m.unknown marking those that are
 * not known): known, with or without a frame, and the unused funds: given by an imported year as
 * *unused (NULL when not), else the allocation less the amount granted and the administration
 * costs, else (no allocation) the frame less the amount granted. */
void pub_stat_complete(struct pub_stat *s, bool has_frame, const int64_t *unused);
/* Adds the row's measures to the totals t (start from all zero: nothing known). */
void pub_totals_add(struct pub_measures *t, const struct pub_measures *row);
/* Whether measure k of m is known (unknown ones are null in JSON and empty in CSV). The unused funds
 * are not known while some amount granted is not. */
bool pub_known(const struct pub_measures *m, enum pub_measure k);

#endif
