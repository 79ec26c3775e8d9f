/*
 * staff.c - a tenant's staff and roles, its security log and the outbox (see staff.h).
 */
#include "svc/staff.h"
#include "svc/svc_db.h"
#include "db/db_users.h"
#include "domain/roles.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum svc_status
staff_list(int64_t tenant_id, struct jw *out)
{
	return svc_status_of(db_staff_list(tenant_id, out));
}

struct staff_tx {
	const struct staff_input *in;
	struct staff_result *out;
	unsigned role_bit;
	bool no_account, self_lockout;
};

static enum db_status
staff_add_run(void *arg)
{
	struct staff_tx *t = arg;
	struct db_user u;
	char detail[96];
	enum db_status s = db_user_by_email(t->in->email_norm, &u);

	if (s == DB_NOTFOUND) {
		t->no_account = true;
		return DB_NOTFOUND;
	}
	if (s != DB_OK)
		return s;
	t->out->user_id = u.id;
	if ((s = db_staff_insert(t->in->tenant_id, u.id, t->in->role, &t->out->id)) != DB_OK)
		return s;
	/* a role that needs a second factor ends the grantee's sessions, so that the next login asks for
	 * it (an admin giving themselves a role logged in with one already) */
	if ((t->role_bit & ROLE_SECOND_FACTOR) && u.id != t->in->actor_id && (s = db_user_bump_gen(u.id)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s added", t->in->role);
	return db_seclog("role_added", u.id, t->in->actor_id, t->in->tenant_id, 0, t->in->remote_addr, detail);
}

enum staff_outcome
staff_add(const struct staff_input *in, struct staff_result *out)
{
	unsigned bit = db_roles_parse(in->role, false);
	struct staff_tx t = { .in = in, .out = out, .role_bit = bit };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if (bit == 0 || db_role_name(bit, false) == NULL)
		return STAFF_BAD_ROLE;
	if (bit == ROLE_NATIONAL_ADMIN && !(in->actor_roles & ROLE_NATIONAL_ADMIN))
		return STAFF_ROLE_DENIED;
	s = db_tx(staff_add_run, &t);
	out->status = svc_status_of(s);
	if (s == DB_NOTFOUND && t.no_account)
		return STAFF_NO_ACCOUNT;
	if (s == DB_CONFLICT)
		return STAFF_EXISTS;
	return s == DB_OK ? STAFF_OK : STAFF_DB;
}

static enum db_status
staff_remove_run(void *arg)
{
	struct staff_tx *t = arg;
	char detail[96];
	enum db_status s = db_staff_get(t->in->staff_id, t->in->tenant_id, &t->out->user_id, &t->role_bit);

	if (s != DB_OK)
		return s;
	if (t->out->user_id == t->in->actor_id && t->role_bit == ROLE_TENANT_ADMIN) {
		t->self_lockout = true;
		return DB_CONFLICT;
	}
	if ((s = db_staff_delete(t->in->staff_id, t->in->tenant_id)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s removed", db_role_name(t->role_bit, false));
	return db_seclog("role_removed", t->out->user_id, t->in->actor_id, t->in->tenant_id, 0, t->in->remote_addr,
	    detail);
}

enum staff_outcome
staff_remove(const struct staff_input *in, struct staff_result *out)
{
	struct staff_tx t = { .in = in, .out = out };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_tx(staff_remove_run, &t);
	out->status = svc_status_of(s);
	if (s == DB_CONFLICT && t.self_lockout)
		return STAFF_SELF_LOCKOUT;
	return s == DB_OK ? STAFF_OK : STAFF_DB;
}

enum svc_status
staff_security_log(int64_t tenant_id, unsigned roles, int64_t limit, int64_t offset, struct jw *w)
{
	/* IMDi's national administrators see every tenant's events; tenant administrators their own */
	return svc_status_of(db_seclog_list((roles & ROLE_NATIONAL_ADMIN) ? 0 : tenant_id, limit, offset, w));
}

enum svc_status
staff_outbox(const char *to, bool metadata_only, int64_t limit, int64_t offset, struct jw *w)
{
	return svc_status_of(db_outbox_list(to, metadata_only, limit, offset, w));
}
