/*
 * publication.c - the unused funds and the totals of the published statistics (see publication.h).
 */
#include "domain/publication.h"

void
pub_stat_complete(struct pub_stat *s, bool has_frame)
{
	s->m.any = true;
	s->m.has_frame = has_frame;
	s->m.v[PUB_UNUSED] = has_frame ? s->m.v[PUB_FRAME] - s->m.v[PUB_AMOUNT_GRANTED] : 0;
	if (!has_frame)
		s->m.v[PUB_FRAME] = 0;
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
	t->any = true;
	t->has_frame = t->has_frame || row->has_frame;
}

bool
pub_known(const struct pub_measures *m, enum pub_measure k)
{
	if (k == PUB_UNUSED && m->v[PUB_AMOUNTS_UNKNOWN] > 0)
		return false;
	return m->any && (m->has_frame || (k != PUB_FRAME && k != PUB_UNUSED));
}
