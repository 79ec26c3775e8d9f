/*
 * budget.h - a call's budget as one definition, shared by the decision's frame check and the
 * budget page, so the two always agree.
 *
 * A call has a frame (or none) and earmarks. An earmark is a reservation: its amount can go only
 * to grants for its sub-goal; the rest of the frame (the free part) is open to every grant. Each
 * grant is attributed to one earmark: the first of the application's sub-goals, in the order of
 * the sub-goals (A, B, C, D, 1, 2, 4, 5), that has an earmark in the call; a grant with none is
 * the free part's. An earmarked grant uses its reservation first and then the free part. So:
 *
 *   used(e)        = min(committed to e, amount of e)
 *   free           = frame - sum of earmarks
 *   free committed = grants with no earmark + what earmarked grants took beyond their reservation
 *   free remaining = free - free committed
 *   remaining(e)   = amount of e - used(e)
 *   available(e)   = remaining(e) + free remaining     (what a new grant for e may take)
 *
 * and the frame's remaining (frame - committed) is the sum of every remaining(e) and the free
 * remaining. A call without a frame has no limit: nothing is refused, and only the earmarks'
 * use is shown. Committed is what grants in force have granted (docs/domain.md). Pure: no I/O.
 */
#ifndef PORTAL_BUDGET_H
#define PORTAL_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUDGET_MARKS_MAX 8      /* one per sub-goal or priority area a call may offer */

struct budget_mark {
	char goal;                   /* the sub-goal's code */
	int64_t amount;              /* reserved */
	int64_t committed;           /* granted to applications attributed to it */
	int64_t paid;                /* paid out on those */
	int64_t used;                /* of the reservation: min(committed, amount) */
	int64_t remaining;           /* of the reservation: amount - used */
	int64_t available;           /* what a new grant for it may take (with a frame) */
};

struct budget {
	bool has_frame;
	int64_t frame, committed, paid;
	int64_t remaining;           /* frame - committed (with a frame) */
	int64_t reserved;            /* the sum of the earmarks */
	int64_t free;                /* frame - reserved: the part open to every grant */
	int64_t free_committed;      /* grants with no earmark, and earmarked grants beyond their reservation */
	int64_t free_remaining;      /* free - free_committed */
	size_t n_marks;
	struct budget_mark marks[BUDGET_MARKS_MAX];
	int64_t direct;              /* (while adding) grants with no earmark */
};

/* Starts an empty budget for a call with the frame (has_frame false: none). */
void budget_init(struct budget *b, bool has_frame, int64_t frame);

/* Adds an earmark of amount for goal; earmarks come before grants. -1 when full or goal repeats. */
int budget_add_mark(struct budget *b, char goal, int64_t amount);

/* Adds what grants to applications with these sub-goals ("B,C", as the database writes a set)
 * have committed and what has been paid on them. */
void budget_add_grants(struct budget *b, const char *goals, int64_t committed, int64_t paid);

/* Works out the use of the reservations and the free part; after the last add. */
void budget_finish(struct budget *b);

/* The earmark a grant for an application with these sub-goals is attributed to (an index of
 * b->marks), or -1 for the free part. */
int budget_attribute(const struct budget *b, const char *goals);

/* How far a new grant of amount for an application with these sub-goals would go over what it may
 * use (its earmark's remaining reservation and the free part), 0 when it fits or the call has no
 * frame. *mark is the earmark it is attributed to, -1 for none. On a finished budget. */
int64_t budget_overrun(const struct budget *b, const char *goals, int64_t amount, int *mark);

#endif
