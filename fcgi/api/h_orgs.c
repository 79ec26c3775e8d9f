/*
 * h_orgs.c - organisations: registration (the registrant becomes admin and signer; a taken number
 * gets 409 and a way to ask for access), changes (audited), invitations by email with a role, and
 * what members see. For organisation routes the dispatcher has checked the user's role (else 404).
 */
#include "http/auth.h"
#include "db/db_apps.h"
#include "db/db_users.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/worker.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

void
h_org_get(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct query q;
	json_t *org = NULL, *roles;
	enum db_status s;
	unsigned bit;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((s = db_org_get(req->org_id, &org)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	roles = json_array();
	for (bit = 1; bit <= ROLE_ORG_VIEWER; bit <<= 1)
		if (req->org_roles & bit)
			json_array_append_new(roles, json_string(db_role_name(bit, true)));
	json_object_set_new(org, "my_roles", roles);
	json_send(req, 200, org);
}

void
h_org_members(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = db_org_members(req->org_id, &items);
	h_send_items(req, st, items);
}

/* ---- registration, changes, invitations, access requests ------------------------------------ */

#define H_INVITE_LIFETIME (7 * 24 * 3600)

static const char *const h_org_kinds[] = { "voluntary", "immigrant", "foundation", "municipality", "county", NULL };

/* Reads the organisation fields of a request body into in; answers and returns NULL on errors. */
static json_t *
h_org_body(struct http_req *req, struct db_org_input *in, bool with_orgnr)
{
	struct h_field f[] = {
		{ .name = "name", .type = H_STR, .required = true, .min = 2, .max = 200, .s = &in->name },
		{ .name = "municipality", .type = H_STR, .required = true, .min = 2, .max = 100, .s = &in->municipality },
		{ .name = "kind", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &in->kind },
		{ .name = "volunteer_register", .type = H_BOOL, .required = true, .b = &in->volunteer_register },
		{ .name = "volunteer_since", .type = H_STR, .min = 10, .max = 10, .s = &in->volunteer_since },
		{ .name = "business_register", .type = H_BOOL, .required = true, .b = &in->business_register },
		{ .name = "business_since", .type = H_STR, .min = 10, .max = 10, .s = &in->business_since },
		{ .name = "has_employees", .type = H_BOOL, .b = &in->has_employees },
		{ .name = "orgnr", .type = H_STR, .required = with_orgnr, .min = 1, .max = 20, .s = &in->orgnr },
	};
	struct problem_field errs[4];
	size_t n = 0, i;
	bool kind_ok = false;
	json_t *doc;

	memset(in, 0, sizeof(*in));
	if ((doc = h_json_body(req, f, with_orgnr ? 9 : 8)) == NULL)
		return NULL;
	if (with_orgnr && !valid_orgnr(in->orgnr))
		errs[n++] = (struct problem_field){ "orgnr",
			"Organisasjonsnummeret er ugyldig: det må ha 9 sifre og riktig kontrollsiffer (modulus 11)." };
	for (i = 0; h_org_kinds[i]; i++)
		if (strcmp(in->kind, h_org_kinds[i]) == 0)
			kind_ok = true;
	if (!kind_ok)
		errs[n++] = (struct problem_field){ "kind",
			"Velg voluntary, immigrant, foundation, municipality eller county." };
	if (in->volunteer_since && !valid_date(in->volunteer_since, NULL))
		errs[n++] = (struct problem_field){ "volunteer_since", "Må være en dato (ÅÅÅÅ-MM-DD)." };
	if (in->business_since && !valid_date(in->business_since, NULL))
		errs[n++] = (struct problem_field){ "business_since", "Må være en dato (ÅÅÅÅ-MM-DD)." };
	if (n > 0) {
		problem_send_fields(req, 422, "validation-failed", "Noen felt må rettes",
		    "Rett feltene som er nevnt og prøv igjen. Ingenting er lagret.", errs, n);
		json_decref(doc);
		return NULL;
	}
	if (!in->volunteer_register)
		in->volunteer_since = NULL;
	if (!in->business_register)
		in->business_since = NULL;
	return doc;
}

struct h_org_tx {
	struct http_req *req;
	struct db_org_input in;
	int64_t id;
};

static enum db_status
h_org_register_run(void *arg)
{
	struct h_org_tx *t = arg;
	enum db_status s;
	if ((s = db_org_insert(&t->in, &t->id)) != DB_OK)
		return s;
	/* the person who registers it becomes its admin and signer */
	if ((s = db_org_member_add(t->id, t->req->user_id, "admin")) != DB_OK ||
	    (s = db_org_member_add(t->id, t->req->user_id, "signer")) != DB_OK)
		return s;
	return db_seclog("org_registered", t->req->user_id, 0, 0, t->id, t->req->remote_addr, t->in.orgnr);
}

void
h_org_register(struct http_req *req)
{
	struct h_org_tx t = { .req = req };
	char loc[64];
	json_t *doc, *org = NULL;
	enum db_status s;

	if ((doc = h_org_body(req, &t.in, true)) == NULL)
		return;
	s = db_tx(h_org_register_run, &t);
	if (s == DB_CONFLICT) {
		struct problem_field f = { "orgnr", "Organisasjonen er allerede registrert i portalen." };
		json_t *p = problem_build(409, "organisation-exists", "Organisasjonen finnes allerede",
		    "Be organisasjonens administratorer om tilgang, så får du en invitasjon.", &f, 1);
		json_object_set_new(p, "access_request", json_pack("{s:s, s:s, s:s}", "method", "POST", "href",
		    "/api/v1/organisations/access-requests", "orgnr", t.in.orgnr));
		json_send_as(req, 409, "application/problem+json", p);
	} else if (s != DB_OK) {
		h_db_error(req, s);
	} else if ((s = db_org_get(t.id, &org)) != DB_OK) {
		h_db_error(req, s);
	} else {
		snprintf(loc, sizeof(loc), "/api/v1/organisations/%lld", (long long)t.id);
		http_add_header(req, "Location", loc);
		json_object_set_new(org, "my_roles", json_pack("[s, s]", "admin", "signer"));
		json_send(req, 201, org);
	}
	json_decref(doc);
}

static enum db_status
h_org_update_run(void *arg)
{
	struct h_org_tx *t = arg;
	json_t *before = NULL;
	char detail[TEXT_CAP(255)];
	enum db_status s;

	if ((s = db_org_get(t->req->org_id, &before)) != DB_OK)
		return s;
	const char *name = json_string_value(json_object_get(before, "name"));
	const char *muni = json_string_value(json_object_get(before, "municipality"));

	name = name ? name : "";
	muni = muni ? muni : "";
	snprintf(detail, sizeof(detail), "was: %.*s, %.*s, %s, volunteer %s, business %s, employees %s",
	    (int)utf8_prefix(name, 60), name, (int)utf8_prefix(muni, 40), muni,
	    json_string_value(json_object_get(before, "kind")),
	    json_is_true(json_object_get(before, "volunteer_register")) ? "yes" : "no",
	    json_is_true(json_object_get(before, "business_register")) ? "yes" : "no",
	    json_is_true(json_object_get(before, "has_employees")) ? "yes" : "no");
	json_decref(before);
	if ((s = db_org_update(t->req->org_id, &t->in)) != DB_OK)
		return s;
	return db_seclog("org_changed", t->req->user_id, 0, 0, t->req->org_id, t->req->remote_addr, detail);
}

void
h_org_update(struct http_req *req)
{
	struct h_org_tx t = { .req = req };
	json_t *doc, *org = NULL;
	enum db_status s;

	if ((doc = h_org_body(req, &t.in, false)) == NULL)
		return;
	if ((s = db_tx(h_org_update_run, &t)) != DB_OK || (s = db_org_get(req->org_id, &org)) != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 200, org);
	json_decref(doc);
}

struct h_invite_tx {
	struct http_req *req;
	const char *role;
	char norm[255];
	char base[300];
};

static enum db_status
h_invite_run(void *arg)
{
	struct h_invite_tx *t = arg;
	struct db_org_flags of;
	struct db_user inviter;
	char token[48], detail[120];
	struct buf body = { 0 };
	unsigned char th[32];
	enum db_status s;

	if ((s = db_org_flags(t->req->org_id, &of)) != DB_OK || (s = db_user_by_id(t->req->user_id, &inviter)) != DB_OK)
		return s;
	auth_token_new(token, th);
	if ((s = db_invite_insert(t->req->org_id, t->norm, t->role, th, t->req->user_id, H_INVITE_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei,\n\n%s har invitert deg til %s (org.nr. %s) i Tilskuddsportalen med rollen %s.\n"
	    "Logg inn (eller registrer deg med denne e-postadressen) og godta invitasjonen her:\n"
	    "%s/invitasjon.html?token=%s\n\nInvitasjonen gjelder i 7 dager.\n",
	    inviter.name, of.name, of.orgnr, t->role, t->base, token);
	s = db_outbox_add(t->norm, "Invitasjon til en organisasjon – Tilskuddsportalen", body.data, "org_invitation", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "invited %.*s as %s", (int)utf8_prefix(t->norm, 80), t->norm, t->role);
	return db_seclog("org_invited", t->req->user_id, 0, 0, t->req->org_id, t->req->remote_addr, detail);
}

void
h_org_invite(struct http_req *req)
{
	struct h_invite_tx t = { .req = req };
	const char *email = NULL, *origin = http_param(req, "REQUEST_ORIGIN");
	const struct config *cfg = worker_config();
	struct h_field f[] = {
		{ .name = "email", .type = H_STR, .required = true, .min = 3, .max = 254, .s = &email },
		{ .name = "role", .type = H_STR, .required = true, .min = 1, .max = 16, .s = &t.role },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (!auth_email_ok(email) || auth_email_normalize(email, t.norm, sizeof(t.norm)) != 0)
		h_invalid(req, "email", "Skriv en gyldig e-postadresse.");
	else if (db_roles_parse(t.role, true) == 0 || db_role_name(db_roles_parse(t.role, true), true) == NULL)
		h_invalid(req, "role", "Rollen må være admin, signer, editor eller viewer.");
	else {
		snprintf(t.base, sizeof(t.base), "%s", cfg && cfg->public_url[0] ? cfg->public_url : (origin ? origin : ""));
		if ((s = db_tx(h_invite_run, &t)) != DB_OK)
			h_db_error(req, s);
		else
			json_send(req, 201, json_pack("{s:s, s:s}", "email", t.norm, "role", t.role));
	}
	json_decref(doc);
}

struct h_accept_tx {
	struct http_req *req;
	unsigned char th[32];
	int64_t org_id;
	char role[16];
	bool wrong_person;
};

static enum db_status
h_accept_run(void *arg)
{
	struct h_accept_tx *t = arg;
	struct db_user u;
	char email[255], norm[255], detail[64];
	enum db_status s;

	if ((s = db_invite_take(t->th, &t->org_id, email, sizeof(email), t->role, sizeof(t->role))) != DB_OK)
		return s;
	if ((s = db_user_by_id(t->req->user_id, &u)) != DB_OK)
		return s;
	auth_email_normalize(u.email, norm, sizeof(norm));
	if (strcmp(norm, email) != 0) {
		t->wrong_person = true;
		return DB_CONFLICT;
	}
	if ((s = db_org_member_add(t->org_id, u.id, t->role)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s accepted", t->role);
	return db_seclog("role_added", u.id, 0, 0, t->org_id, t->req->remote_addr, detail);
}

void
h_invite_accept(struct http_req *req)
{
	struct h_accept_tx t = { .req = req };
	const char *token = NULL;
	struct h_field f[] = { { .name = "token", .type = H_STR, .required = true, .min = 1, .max = 64, .s = &token } };
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	auth_sha256(token, t.th);
	s = db_tx(h_accept_run, &t);
	if (s == DB_NOTFOUND)
		h_invalid(req, "token", "Invitasjonen er ugyldig, brukt eller utløpt.");
	else if (s == DB_CONFLICT && t.wrong_person)
		h_invalid(req, "token", "Invitasjonen gjelder en annen e-postadresse enn den du er logget inn med.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 200, json_pack("{s:I, s:s}", "organisation_id", (json_int_t)t.org_id, "role", t.role));
	json_decref(doc);
}

struct h_access_tx {
	struct http_req *req;
	const char *orgnr, *message;
	bool no_org;
};

static enum db_status
h_access_run(void *arg)
{
	struct h_access_tx *t = arg;
	struct db_user u;
	char name[TEXT_CAP(200)];
	struct buf body = { 0 };
	json_t *admins = NULL;
	int64_t org = 0;
	enum db_status s;
	size_t i;

	if ((s = db_org_by_orgnr(t->orgnr, &org, name, sizeof(name))) == DB_NOTFOUND) {
		t->no_org = true;
		return s;
	}
	if (s != DB_OK || (s = db_user_by_id(t->req->user_id, &u)) != DB_OK || (s = db_org_admins(org, &admins)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei,\n\n%s (%s) ber om tilgang til %s i Tilskuddsportalen.\n\nMelding: %s\n\n"
	    "Gi tilgang ved å invitere personen fra organisasjonens side i portalen.\n",
	    u.name, u.email, name, t->message ? t->message : "(ingen)");
	for (i = 0; i < json_array_size(admins) && s == DB_OK; i++)
		s = db_outbox_add(json_string_value(json_object_get(json_array_get(admins, i), "email")),
		    "Forespørsel om tilgang – Tilskuddsportalen", body.data, "access_request", 0);
	buf_free(&body);
	json_decref(admins);
	if (s != DB_OK)
		return s;
	return db_seclog("org_access_requested", u.id, 0, 0, org, t->req->remote_addr, NULL);
}

void
h_org_access_request(struct http_req *req)
{
	struct h_access_tx t = { .req = req };
	struct h_field f[] = {
		{ .name = "orgnr", .type = H_STR, .required = true, .min = 9, .max = 9, .s = &t.orgnr },
		{ .name = "message", .type = H_STR, .min = 0, .max = 500, .s = &t.message },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	s = db_tx(h_access_run, &t);
	if (s == DB_NOTFOUND && t.no_org)
		h_invalid(req, "orgnr", "Ingen organisasjon med dette nummeret er registrert.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 202, json_pack("{s:s, s:s}", "status", "accepted", "detail",
		    "Organisasjonens administratorer har fått beskjed."));
	json_decref(doc);
}
