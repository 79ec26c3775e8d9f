/*
 * budget.c - a call's budget: the frame, the earmarks as reservations and the free part (see
 * budget.h).
 */
#include "domain/budget.h"

#include <string.h>

void
budget_init(struct budget *b, bool has_frame, int64_t frame)
{
	memset(b, 0, sizeof(*b));
	b->has_frame = has_frame;
	b->frame = has_frame ? frame : 0;
}

int
budget_add_mark(struct budget *b, char goal, int64_t amount)
{
	size_t i;
	if (b->n_marks >= BUDGET_MARKS_MAX || goal == '\0')
		return -1;
	for (i = 0; i < b->n_marks; i++)
		if (b->marks[i].goal == goal)
			return -1;
	b->marks[b->n_marks++] = (struct budget_mark){ .goal = goal, .amount = amount };
	b->reserved += amount;
	return 0;
}

int
budget_attribute(const struct budget *b, const char *goals)
{
	size_t i;
	for (; goals && *goals; goals++)
		for (i = 0; i < b->n_marks; i++)
			if (b->marks[i].goal == *goals)
				return (int)i;
	return -1;
}

void
budget_add_grants(struct budget *b, const char *goals, int64_t committed, int64_t paid)
{
	int m = budget_attribute(b, goals);
	b->committed += committed;
	b->paid += paid;
	if (m < 0) {
		b->direct += committed;
		return;
	}
	b->marks[m].committed += committed;
	b->marks[m].paid += paid;
}

void
budget_finish(struct budget *b)
{
	size_t i;
	b->free_committed = b->direct;
	for (i = 0; i < b->n_marks; i++) {
		struct budget_mark *m = &b->marks[i];
		m->used = m->committed < m->amount ? m->committed : m->amount;
		m->remaining = m->amount - m->used;
		b->free_committed += m->committed - m->used;
	}
	b->free = b->frame - b->reserved;
	b->free_remaining = b->free - b->free_committed;
	b->remaining = b->frame - b->committed;
	for (i = 0; i < b->n_marks; i++)
		b->marks[i].available = b->has_frame ? b->marks[i].remaining + b->free_remaining : 0;
}

int64_t
budget_overrun(const struct budget *b, const char *goals, int64_t amount, int *mark)
{
	int64_t available;
	*mark = budget_attribute(b, goals);
	if (!b->has_frame)
		return 0;
	available = *mark >= 0 ? b->marks[*mark].available : b->free_remaining;
	return amount > available ? amount - available : 0;
}
