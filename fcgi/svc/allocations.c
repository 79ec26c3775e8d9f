/*
 * allocations.c - IMDi's allocations and the administration costs (see allocations.h).
 */
#include "svc/allocations.h"
#include "svc/svc_db.h"
#include "db/db_alloc.h"

#include <stdbool.h>
#include <string.h>

/* the tenant's id when it is IMDi (the directorate), else 0 */
static enum db_status
alloc_tenant_kind(const char *slug, const char *kind, int64_t *id)
{
	struct db_alloc_ref t;
	enum db_status s = db_alloc_tenant(slug, &t);

	*id = (s == DB_OK && strcmp(t.kind, kind) == 0) ? t.id : 0;
	return s;
}

/* the scheme of code, which must be a municipal one (voluntary or operating) */
static enum alloc_outcome
alloc_scheme(const char *code, int64_t *id, struct alloc_result *out)
{
	struct db_alloc_ref sc;
	enum db_status s = db_alloc_scheme(code, &sc);

	if (s == DB_NOTFOUND)
		return ALLOC_NO_SCHEME;
	if ((out->status = svc_status_of(s)) != SVC_OK)
		return ALLOC_DB;
	if (strcmp(sc.kind, "voluntary") != 0 && strcmp(sc.kind, "operating") != 0)
		return ALLOC_NOT_MUNICIPAL;
	*id = sc.id;
	return ALLOC_OK;
}

enum svc_status
alloc_list(const char *tenant, int year, struct jw *w)
{
	struct db_alloc_ref t;
	enum db_status s = db_alloc_tenant(tenant, &t);

	if (s != DB_OK)
		return svc_status_of(s);
	return svc_status_of(db_alloc_list(strcmp(t.kind, "directorate") == 0 ? 0 : t.id, year, w));
}

struct alloc_tx {
	const struct alloc_input *in;
	struct alloc_result *out;
	int64_t tenant_id, scheme_id;
	bool below;
};

static enum db_status
alloc_set_run(void *arg)
{
	struct alloc_tx *t = arg;
	enum db_status s;

	/* the allocation's row lock first: a call's frame checked against it waits for this */
	if ((s = db_alloc_set(t->tenant_id, t->scheme_id, t->in->year, t->in->amount, t->in->user_id)) != DB_OK)
		return s;
	if ((s = db_alloc_frames(t->tenant_id, t->scheme_id, t->in->year, &t->out->frames)) != DB_OK)
		return s;
	if (t->in->amount < t->out->frames) {
		t->below = true;
		return DB_CONFLICT;
	}
	return DB_OK;
}

enum alloc_outcome
alloc_set(const struct alloc_input *in, struct alloc_result *out)
{
	struct alloc_tx t = { .in = in, .out = out };
	struct db_alloc_ref m;
	enum alloc_outcome o;
	int64_t imdi = 0;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = alloc_tenant_kind(in->tenant, "directorate", &imdi)) == DB_OK && imdi == 0)
		return ALLOC_NOT_IMDI;
	if (s == DB_OK && (s = db_alloc_tenant(in->municipality, &m)) == DB_OK && strcmp(m.kind, "municipality") != 0)
		s = DB_NOTFOUND;
	if (s == DB_NOTFOUND)
		return ALLOC_NO_MUNICIPALITY;
	if ((out->status = svc_status_of(s)) != SVC_OK)
		return ALLOC_DB;
	if ((o = alloc_scheme(in->scheme, &t.scheme_id, out)) != ALLOC_OK)
		return o;
	t.tenant_id = m.id;
	s = db_tx(alloc_set_run, &t);
	if (s == DB_CONFLICT && t.below)
		return ALLOC_BELOW_FRAMES;
	out->status = svc_status_of(s);
	return s == DB_OK ? ALLOC_OK : ALLOC_DB;
}

enum alloc_outcome
admincost_record(const struct alloc_input *in, struct alloc_result *out)
{
	enum alloc_outcome o;
	int64_t tenant_id = 0, scheme_id = 0;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = alloc_tenant_kind(in->tenant, "municipality", &tenant_id)) == DB_OK && tenant_id == 0)
		return ALLOC_NOT_MUNICIPALITY;
	if ((out->status = svc_status_of(s)) != SVC_OK)
		return ALLOC_DB;
	if ((o = alloc_scheme(in->scheme, &scheme_id, out)) != ALLOC_OK)
		return o;
	s = db_admin_cost_add(tenant_id, scheme_id, in->year, in->amount, in->note ? in->note : "", in->user_id, &out->id);
	out->status = svc_status_of(s);
	return s == DB_OK ? ALLOC_OK : ALLOC_DB;
}

enum svc_status
admincost_list(const char *tenant, int year, int64_t cost_id, struct jw *w)
{
	struct db_alloc_ref t;
	enum db_status s = db_alloc_tenant(tenant, &t);

	if (s != DB_OK)
		return svc_status_of(s);
	return svc_status_of(db_admin_cost_list(strcmp(t.kind, "directorate") == 0 ? 0 : t.id, year, cost_id, w));
}

static enum db_status
admincost_decide_run(void *arg)
{
	struct alloc_tx *t = arg;
	struct db_alloc_ref c;
	enum db_status s = db_admin_cost_lock(t->in->cost_id, &c);

	if (s != DB_OK)
		return s;
	if (strcmp(c.kind, "pending") != 0) {
		memcpy(t->out->consent, c.kind, sizeof(t->out->consent));
		t->below = true; /* decided already */
		return DB_CONFLICT;
	}
	return db_admin_cost_decide(t->in->cost_id, t->in->consent, t->in->user_id);
}

enum alloc_outcome
admincost_decide(const struct alloc_input *in, struct alloc_result *out)
{
	struct alloc_tx t = { .in = in, .out = out };
	int64_t imdi = 0;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = alloc_tenant_kind(in->tenant, "directorate", &imdi)) == DB_OK && imdi == 0)
		return ALLOC_NOT_IMDI;
	if (s == DB_OK)
		s = db_tx(admincost_decide_run, &t);
	if (s == DB_CONFLICT && t.below)
		return ALLOC_DECIDED;
	out->status = svc_status_of(s);
	return s == DB_OK ? ALLOC_OK : ALLOC_DB;
}
