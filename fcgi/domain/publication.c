/*
 * publication.c - the unused funds and the totals of the published statistics (see publication.h).
 */
#include "domain/publication.h"

#define PUB_BIT(k) (1u << (k))

void
pub_stat_complete(struct pub_stat *s, bool has_frame, const int64_t *unused)
{
	struct pub_measures *m = &s->m;
	unsigned k, need = PUB_BIT(PUB_ALLOCATION) | PUB_BIT(PUB_AMOUNT_GRANTED) | PUB_BIT(PUB_ADMIN_COSTS);

	m->any = true;
	m->has_frame = has_frame;
	if (!has_frame)
		m->v[PUB_FRAME] = 0;
	m->unknown |= PUB_BIT(PUB_UNUSED);
	if (unused) {
		m->v[PUB_UNUSED] = *unused;
		m->unknown &= ~PUB_BIT(PUB_UNUSED);
	} else if (!(m->unknown & need)) {
		m->v[PUB_UNUSED] = m->v[PUB_ALLOCATION] - m->v[PUB_AMOUNT_GRANTED] - m->v[PUB_ADMIN_COSTS];
		m->unknown &= ~PUB_BIT(PUB_UNUSED);
	} else if (has_frame && (m->unknown & PUB_BIT(PUB_ALLOCATION)) && !(m->unknown & PUB_BIT(PUB_AMOUNT_GRANTED))) {
		m->v[PUB_UNUSED] = m->v[PUB_FRAME] - m->v[PUB_AMOUNT_GRANTED];
		m->unknown &= ~PUB_BIT(PUB_UNUSED);
	}
	for (k = 0; k < PUB_NMEASURES; k++)
		if (m->unknown & PUB_BIT(k))
			m->v[k] = 0;
}

void
pub_totals_add(struct pub_measures *t, const struct pub_measures *row)
{
	unsigned k;

	if (!row->any)
		return;
	/* an unknown frame is 0, so the frames and unused funds sum over the rows that have them */
	for (k = 0; k < PUB_NMEASURES; k++)
		t->v[k] += row->v[k];
	/* an unknown measure is 0 too: a total is known when one row knows it */
	t->unknown = t->any ? t->unknown & row->unknown : row->unknown;
	t->any = true;
	t->has_frame = t->has_frame || row->has_frame;
}

bool
pub_known(const struct pub_measures *m, enum pub_measure k)
{
	if (k == PUB_UNUSED && m->v[PUB_AMOUNTS_UNKNOWN] > 0)
		return false;
	return m->any && !(m->unknown & PUB_BIT(k)) && (m->has_frame || k != PUB_FRAME);
}
