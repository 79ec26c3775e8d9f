/*
 * register.c - the register import and the organisation's fields from the register (see register.h).
 */
#include "svc/register.h"
#include "svc/svc_db.h"

#include "db/db_users.h"
#include "domain/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
register_apply(const struct register_entry *u, struct db_org_input *o)
{
	const char *kind = register_kind(u->form, o->kind);

	o->name = u->name;
	if (u->municipality[0])
		o->municipality = u->municipality;
	o->volunteer_register = u->volunteer;
	o->volunteer_since = u->volunteer && u->volunteer_since[0] ? u->volunteer_since : NULL;
	o->business_register = true;
	o->business_since = u->registered_on[0] ? u->registered_on : NULL;
	if (kind)
		o->kind = kind;
	return kind != NULL;
}

enum svc_status
register_lookup(const char *orgnr, bool *loaded, bool *found, struct register_entry *u)
{
	enum db_status s;

	*found = false;
	memset(u, 0, sizeof(*u));
	if ((s = db_register_loaded(loaded)) != DB_OK || !*loaded)
		return svc_status_of(s);
	s = db_register_get(orgnr, u);
	*found = s == DB_OK;
	return svc_status_of(s == DB_NOTFOUND ? DB_OK : s);
}

struct register_tx {
	const char *data;
	size_t len;
	struct register_import_result *r;
	enum db_status s;
};

/* One good row into the database (a registercsv_fn): 1 stops the reading on a db error. */
static int
register_put(void *arg, const struct registercsv_row *row)
{
	struct register_tx *t = arg;
	const struct register_unit *u = &row->unit;
	uint64_t changed = 0;

	if (row->kind == REGISTERCSV_UNITS)
		t->s = db_register_unit_put(u->orgnr, u->name, u->form, u->municipality, u->email, u->registered_on,
		    u->volunteer, &changed);
	else
		t->s = db_register_listing_put(row->listing.orgnr, row->listing.since, &changed);
	if (t->s != DB_OK)
		return 1;
	t->r->added += changed == 1;
	t->r->changed += changed == 2;
	t->r->unchanged += changed == 0;
	return 0;
}

/* The portal's organisations the register holds get what the register says of them. */
static enum db_status
register_sync(struct register_import_result *r)
{
	struct db_register_org *orgs = NULL;
	size_t n = 0, i;
	enum db_status s = db_register_orgs(&orgs, &n);

	for (i = 0; i < n && s == DB_OK; i++) {
		const char *kind = register_kind(orgs[i].u.form, orgs[i].kind);
		bool changed = false;
		s = db_register_sync(orgs[i].id, &orgs[i].u, kind ? kind : orgs[i].kind, &changed);
		r->orgs_updated += changed;
	}
	free(orgs);
	return s;
}

static enum db_status
register_import_run(void *arg)
{
	struct register_tx *t = arg;
	struct register_import_result *r = t->r;
	struct registercsv_result res = { .faults = { r->faults, sizeof(r->faults) / sizeof(r->faults[0]), 0 } };
	char detail[160];
	enum db_status s;

	r->added = r->changed = r->unchanged = r->orgs_updated = 0;
	t->s = DB_OK;
	if (registercsv_parse(t->data, t->len, register_put, t, &res) != 0)
		return t->s != DB_OK ? t->s : DB_ERROR; /* the file was checked before: only the db stops it */
	if ((s = register_sync(r)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "%s: %zu rows, %zu new, %zu changed; %zu organisations updated",
	    r->kind == REGISTERCSV_UNITS ? "Enhetsregisteret" : "Frivillighetsregisteret", res.rows, r->added, r->changed,
	    r->orgs_updated);
	return db_seclog("register_imported", 0, 0, 0, 0, NULL, detail);
}

enum svc_status
register_import(const char *data, size_t len, struct register_import_result *r)
{
	struct registercsv_result res = { .faults = { r->faults, sizeof(r->faults) / sizeof(r->faults[0]), 0 } };
	struct register_tx t = { data, len, r, DB_OK };

	memset(r, 0, sizeof(*r));
	/* every row is checked before anything is written */
	if (registercsv_parse(data, len, NULL, NULL, &res) != 0) {
		r->kind = res.kind;
		r->rows = res.rows;
		r->nfaults = res.faults.n;
		return SVC_CONFLICT;
	}
	r->kind = res.kind;
	r->rows = res.rows;
	r->emails_unusable = res.emails_unusable;
	return svc_status_of(db_tx(register_import_run, &t));
}
