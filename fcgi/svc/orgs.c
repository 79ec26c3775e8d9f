/*
 * orgs.c - registering and changing organisations, invitations and access requests (see orgs.h).
 */
#include "svc/orgs.h"
#include "svc/svc_db.h"
#include "domain/valid.h"
#include "db/db_apps.h"
#include "db/db_users.h"
#include "domain/roles.h"
#include "core/jw.h"
#include "core/util.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

#define ORGS_INVITE_LIFETIME (7 * 24 * 3600)

static enum orgs_outcome
orgs_outcome_of(enum db_status s, struct orgs_result *out)
{
	out->status = svc_status_of(s);
	return s == DB_OK ? ORGS_OK : ORGS_DB;
}

static struct db_org_input
orgs_db_input(const struct orgs_fields *f)
{
	return (struct db_org_input){ .orgnr = f->orgnr, .name = f->name, .municipality = f->municipality,
		.kind = f->kind, .volunteer_register = f->volunteer_register, .business_register = f->business_register,
		.has_employees = f->has_employees, .volunteer_since = f->volunteer_since,
		.business_since = f->business_since };
}

/* ---- reads ------------------------------------------------------------------------------- */

/* The register's address of the organisation (register_email: null when the register does not
 * hold its number or has no address). */
static enum db_status
orgs_register_email(const struct db_org *org, struct jw *w)
{
	struct register_entry u;
	enum db_status s = DB_NOTFOUND;

	if (org->from_register && (s = db_register_get(org->orgnr, &u)) == DB_OK && u.email[0])
		jw_str(w, "register_email", u.email);
	else
		jw_null(w, "register_email");
	return s == DB_NOTFOUND ? DB_OK : s;
}

static enum db_status
orgs_view_db(int64_t org_id, unsigned roles, int64_t user_id, struct jw *w)
{
	struct db_org org;
	enum db_status s;
	unsigned bit;

	if ((s = db_org_write(org_id, w, &org)) != DB_OK)
		return s;
	jw_arr(w, "my_roles");
	for (bit = 1; bit <= ROLE_ORG_VIEWER; bit <<= 1)
		if (roles & bit)
			jw_str(w, NULL, db_role_name(bit, true));
	jw_end(w);
	if ((s = orgs_register_email(&org, w)) != DB_OK)
		return s;
	jw_obj(w, "my_signing");
	if ((s = signers_mine(org_id, user_id, (roles & ROLE_ORG_SIGNER) != 0, w)) != DB_OK)
		return s;
	jw_end(w);
	return DB_OK;
}

enum svc_status
orgs_view(int64_t org_id, unsigned roles, int64_t user_id, struct jw *w)
{
	return svc_status_of(orgs_view_db(org_id, roles, user_id, w));
}

enum svc_status
orgs_members(int64_t org_id, struct jw *out)
{
	return svc_status_of(db_org_members(org_id, out));
}

/* ---- register and update ----------------------------------------------------------------- */

struct orgs_tx {
	const struct orgs_input *in;
	struct db_org_input org;
	struct register_entry unit;   /* what the register says, when it holds the number */
	enum orgs_outcome refusal;      /* with DB_CONFLICT: why, when not a taken number */
	char form[TEXT_CAP(8)];
	int64_t id;
};

/*
 * Where register data is loaded, the fields come from the register. When registering, a number it
 * does not hold is refused, and so is a form the scheme is not for: DB_CONFLICT with t->refusal.
 */
static enum db_status
orgs_from_register(struct orgs_tx *t, const char *orgnr, bool registering)
{
	bool loaded = false;
	enum db_status s;

	if ((s = db_register_loaded(&loaded)) != DB_OK || !loaded)
		return s;
	if ((s = db_register_get(orgnr, &t->unit)) == DB_NOTFOUND && registering) {
		t->refusal = ORGS_NOT_IN_REGISTER;
		return DB_CONFLICT;
	}
	if (s != DB_OK)
		return s == DB_NOTFOUND ? DB_OK : s; /* registered before the register was loaded: as declared */
	if (!register_apply(&t->unit, &t->org) && registering) {
		utf8_copy(t->form, t->unit.form, sizeof(t->form));
		t->refusal = ORGS_FORM;
		return DB_CONFLICT;
	}
	return DB_OK;
}

static enum db_status
orgs_register_run(void *arg)
{
	struct orgs_tx *t = arg;
	enum db_status s;

	t->org = orgs_db_input(&t->in->org);
	if ((s = orgs_from_register(t, t->org.orgnr, true)) != DB_OK || (s = db_org_insert(&t->org, &t->id)) != DB_OK)
		return s;
	/* the person who registers it becomes its admin; signing needs a verification (signers.h) */
	if ((s = db_org_member_add(t->id, t->in->user_id, "admin")) != DB_OK)
		return s;
	return db_seclog("org_registered", t->in->user_id, 0, 0, t->id, t->in->remote_addr, t->org.orgnr);
}

enum orgs_outcome
orgs_register(const struct orgs_input *in, struct orgs_result *out, struct jw *w)
{
	struct orgs_tx t = { .in = in };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = db_tx(orgs_register_run, &t)) == DB_CONFLICT) {
		out->status = svc_status_of(s);
		utf8_copy(out->form, t.form, sizeof(out->form));
		return t.refusal ? t.refusal : ORGS_EXISTS;
	}
	if (s != DB_OK || (s = orgs_view_db(t.id, ROLE_ORG_ADMIN, in->user_id, w)) != DB_OK)
		return orgs_outcome_of(s, out);
	out->org_id = t.id;
	return ORGS_OK;
}

/* What the organisation was, for the security log. */
static void
orgs_was(const struct db_org *before, const struct db_org_flags *flags, char *detail, size_t size)
{
	snprintf(detail, size, "was: %.*s, %.*s, %s, volunteer %s, business %s, employees %s",
	    (int)utf8_prefix(before->name, 60), before->name, (int)utf8_prefix(before->municipality, 40),
	    before->municipality, before->kind, before->volunteer_register ? "yes" : "no",
	    before->business_register ? "yes" : "no", flags->has_employees ? "yes" : "no");
}

static enum db_status
orgs_update_run(void *arg)
{
	struct orgs_tx *t = arg;
	struct db_org before;
	struct db_org_flags flags;
	char detail[TEXT_CAP(255)];
	enum db_status s;

	if ((s = db_org_get(t->in->org_id, &before)) != DB_OK || (s = db_org_flags(t->in->org_id, &flags)) != DB_OK)
		return s;
	orgs_was(&before, &flags, detail, sizeof(detail));
	t->org = orgs_db_input(&t->in->org);
	if ((s = orgs_from_register(t, before.orgnr, false)) != DB_OK ||
	    (s = db_org_update(t->in->org_id, &t->org)) != DB_OK)
		return s;
	return db_seclog("org_changed", t->in->user_id, 0, 0, t->in->org_id, t->in->remote_addr, detail);
}

enum orgs_outcome
orgs_update(const struct orgs_input *in, struct orgs_result *out, struct jw *w)
{
	struct orgs_tx t = { .in = in };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = db_tx(orgs_update_run, &t)) != DB_OK || (s = db_org_write(in->org_id, w, NULL)) != DB_OK)
		return orgs_outcome_of(s, out);
	out->org_id = in->org_id;
	return ORGS_OK;
}

/* ---- invitations ------------------------------------------------------------------------- */

static enum db_status
orgs_invite_run(void *arg)
{
	const struct orgs_input *in = arg;
	struct db_org_flags of;
	struct db_user inviter;
	char detail[120];
	struct buf body = { 0 };
	enum db_status s;

	if ((s = db_org_flags(in->org_id, &of)) != DB_OK || (s = db_user_by_id(in->user_id, &inviter)) != DB_OK)
		return s;
	if ((s = db_invite_insert(in->org_id, in->email_norm, in->role, in->token_hash, in->user_id,
	    ORGS_INVITE_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei,\n\n%s har invitert deg til %s (org.nr. %s) i Tilskuddsportalen med rollen %s.\n"
	    "Logg inn (eller registrer deg med denne e-postadressen) og godta invitasjonen her:\n"
	    "%s/invitasjon.html?token=%s\n\nInvitasjonen gjelder i 7 dager.\n",
	    inviter.name, of.name, of.orgnr, in->role, in->base_url, in->token);
	s = db_outbox_add_secret(in->email_norm, "Invitasjon til en organisasjon – Tilskuddsportalen", body.data,
	    "org_invitation", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "invited %.*s as %s", (int)utf8_prefix(in->email_norm, 80), in->email_norm,
	    in->role);
	return db_seclog("org_invited", in->user_id, 0, 0, in->org_id, in->remote_addr, detail);
}

enum orgs_outcome
orgs_invite(const struct orgs_input *in, struct orgs_result *out)
{
	unsigned bit = db_roles_parse(in->role, true);

	memset(out, 0, sizeof(*out));
	if (bit == 0 || db_role_name(bit, true) == NULL)
		return ORGS_BAD_ROLE;
	if (bit == ROLE_ORG_SIGNER && !(in->roles & ROLE_ORG_SIGNER))
		return ORGS_NOT_SIGNER; /* signing authority is delegated only by one who has it */
	return orgs_outcome_of(db_tx(orgs_invite_run, (void *)in), out);
}

/* Whether the account's address (as stored) is the invitation's (normalised: valid_email_normalize). */
static bool
orgs_email_same(const char *account, const char *invited)
{
	char norm[255];
	return valid_email_normalize(account, norm, sizeof(norm)) == 0 && strcmp(norm, invited) == 0;
}

struct orgs_accept_tx {
	const struct orgs_input *in;
	struct orgs_result *out;
	bool wrong_person;
};

static enum db_status
orgs_accept_run(void *arg)
{
	struct orgs_accept_tx *t = arg;
	struct db_invite_taken inv;
	struct db_user u;
	char detail[64];
	enum db_status s;

	if ((s = db_invite_take(t->in->token_hash, &inv)) != DB_OK)
		return s;
	t->out->org_id = inv.org_id;
	utf8_copy(t->out->role, inv.role, sizeof(t->out->role));
	if ((s = db_user_by_id(t->in->user_id, &u)) != DB_OK)
		return s;
	if (!orgs_email_same(u.email, inv.email)) {
		t->wrong_person = true;
		return DB_CONFLICT;
	}
	/* a signer invited by a signer holds the authority the inviter delegated */
	struct db_authority_input a = { .org_id = inv.org_id, .user_id = u.id, .method = "delegated",
		.by_user = inv.invited_by };
	if ((s = strcmp(inv.role, "signer") == 0 ? signers_grant(&a) : db_org_member_add(inv.org_id, u.id, inv.role)) !=
	    DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s accepted", inv.role);
	return db_seclog("role_added", u.id, 0, 0, inv.org_id, t->in->remote_addr, detail);
}

enum orgs_outcome
orgs_invite_accept(const struct orgs_input *in, struct orgs_result *out)
{
	struct orgs_accept_tx t = { .in = in, .out = out };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_tx(orgs_accept_run, &t);
	out->status = svc_status_of(s);
	if (s == DB_NOTFOUND)
		return ORGS_BAD_TOKEN;
	if (s == DB_CONFLICT && t.wrong_person)
		return ORGS_WRONG_PERSON;
	return orgs_outcome_of(s, out);
}

/* ---- access requests --------------------------------------------------------------------- */

struct orgs_access_tx {
	const struct orgs_input *in;
	bool no_org;
};

/* The email to the organisation's admins. */
static enum db_status
orgs_access_mail(int64_t org, const char *org_name, const struct db_user *u, const char *message)
{
	struct db_org_admin admins[DB_ADMINS_MAX];
	struct buf body = { 0 };
	enum db_status s;
	size_t i, n = 0;

	if ((s = db_org_admins(org, admins, &n)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei,\n\n%s (%s) ber om tilgang til %s i Tilskuddsportalen.\n\nMelding: %s\n\n"
	    "Gi tilgang ved å invitere personen fra organisasjonens side i portalen.\n",
	    u->name, u->email, org_name, message ? message : "(ingen)");
	for (i = 0; i < n && s == DB_OK; i++)
		s = db_outbox_add(admins[i].email, "Forespørsel om tilgang – Tilskuddsportalen", body.data, "access_request",
		    0);
	buf_free(&body);
	return s;
}

static enum db_status
orgs_access_run(void *arg)
{
	struct orgs_access_tx *t = arg;
	struct db_user u;
	char name[TEXT_CAP(200)];
	int64_t org = 0;
	enum db_status s;

	if ((s = db_org_by_orgnr(t->in->orgnr, &org, name, sizeof(name))) == DB_NOTFOUND) {
		t->no_org = true;
		return s;
	}
	if (s != DB_OK || (s = db_user_by_id(t->in->user_id, &u)) != DB_OK ||
	    (s = orgs_access_mail(org, name, &u, t->in->message)) != DB_OK)
		return s;
	return db_seclog("org_access_requested", u.id, 0, 0, org, t->in->remote_addr, NULL);
}

enum orgs_outcome
orgs_access_request(const struct orgs_input *in, struct orgs_result *out)
{
	struct orgs_access_tx t = { .in = in };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_tx(orgs_access_run, &t);
	if (s == DB_NOTFOUND && t.no_org) {
		out->status = svc_status_of(s);
		return ORGS_NO_ORG;
	}
	return orgs_outcome_of(s, out);
}
