/*
 * h_orgs.c - organisations: registration (the registrant becomes admin; a taken number gets 409
 * and a way to ask for access; where register data is loaded, a number it does not hold gets 422),
 * changes (audited), invitations by email with a role, and what members see. For organisation
 * routes the dispatcher has checked the user's role (else 404). The use cases are in svc/orgs.c;
 * here the bodies are parsed and checked, and the answers rendered.
 */
#include "http/auth.h"
#include "domain/valid.h"
#include "svc/orgs.h"
#include "api/h_common.h"
#include "core/jw.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>

void
h_org_get(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_jw_send(req, orgs_view(req->org_id, req->org_roles, req->user_id, &w), &w, &b, 1);
}

void
h_org_members(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, orgs_members(req->org_id, &w), &w, &b);
}

/* ---- registration, changes, invitations, access requests ------------------------------------ */

/* Reads the organisation fields of a request body into in (their types, the kinds and the dates
 * checked against the operation's shape); answers and returns NULL on errors. */
static json_t *
h_org_body(struct http_req *req, struct orgs_fields *in, bool with_orgnr)
{
	struct h_field f[] = {
		H_FIELD(registerOrganisation, name, .s = &in->name),
		H_FIELD(registerOrganisation, municipality, .s = &in->municipality),
		H_FIELD(registerOrganisation, kind, .s = &in->kind),
		H_FIELD(registerOrganisation, volunteer_register, .b = &in->volunteer_register),
		H_FIELD(registerOrganisation, volunteer_since, .s = &in->volunteer_since),
		H_FIELD(registerOrganisation, business_register, .b = &in->business_register),
		H_FIELD(registerOrganisation, business_since, .s = &in->business_since),
		H_FIELD(registerOrganisation, has_employees, .b = &in->has_employees),
		H_FIELD(registerOrganisation, orgnr, .s = &in->orgnr),
	};
	json_t *doc;

	memset(in, 0, sizeof(*in));
	if ((doc = h_json_body(req, f, with_orgnr ? 9 : 8)) == NULL)
		return NULL;
	if (with_orgnr && !valid_orgnr(in->orgnr)) {
		h_invalid(req, "orgnr", "Organisasjonsnummeret er ugyldig: det må ha 9 sifre og riktig kontrollsiffer (modulus 11).");
		json_decref(doc);
		return NULL;
	}
	if (!in->volunteer_register)
		in->volunteer_since = NULL;
	if (!in->business_register)
		in->business_since = NULL;
	return doc;
}

/* Answers 422 for a register form the scheme is not for. */
static void
h_org_form(struct http_req *req, const char *form)
{
	char detail[200];
	snprintf(detail, sizeof(detail), "Organisasjonsformen i Enhetsregisteret (%s) kan ikke søke her: ordningen gjelder "
	    "foreninger og lag, stiftelser, kommuner og fylkeskommuner.", form);
	h_invalid(req, "orgnr", detail);
}

/* Answers 409 for a number registered already, with the way to ask for access. */
static void
h_org_exists(struct http_req *req, const char *orgnr)
{
	struct problem_field f = { "orgnr", "Organisasjonen er allerede registrert i portalen." };
	json_t *p = problem_build(409, "organisation-exists", "Organisasjonen finnes allerede",
	    "Be organisasjonens administratorer om tilgang, så får du en invitasjon.", &f, 1);

	json_object_set_new(p, "access_request", json_pack("{s:s, s:s, s:s}", "method", "POST", "href",
	    "/api/v1/organisations/access-requests", "orgnr", orgnr));
	json_send_as(req, 409, "application/problem+json", p);
}

void
h_org_register(struct http_req *req)
{
	struct orgs_input in = { .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct orgs_result out = { 0 };
	struct buf b = { 0 };
	struct jw w;
	char loc[64];
	json_t *doc;

	if ((doc = h_org_body(req, &in.org, true)) == NULL)
		return;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	switch (orgs_register(&in, &out, &w)) {
	case ORGS_OK:
		snprintf(loc, sizeof(loc), "/api/v1/organisations/%lld", (long long)out.org_id);
		http_add_header(req, "Location", loc);
		jw_end(&w);
		jw_send(req, 201, "application/json", &w);
		break;
	case ORGS_EXISTS:
		h_org_exists(req, in.org.orgnr);
		break;
	case ORGS_NOT_IN_REGISTER:
		h_invalid(req, "orgnr", "Enhetsregisteret, slik portalen har det, har ikke dette organisasjonsnummeret. "
		    "Sjekk nummeret, eller kontakt forvalteren hvis organisasjonen er nyregistrert.");
		break;
	case ORGS_FORM:
		h_org_form(req, out.form);
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
	buf_free(&b);
	json_decref(doc);
}

void
h_org_update(struct http_req *req)
{
	struct orgs_input in = { .org_id = req->org_id, .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct orgs_result out = { 0 };
	struct buf b = { 0 };
	struct jw w;
	json_t *doc;

	if ((doc = h_org_body(req, &in.org, false)) == NULL)
		return;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	if (orgs_update(&in, &out, &w) == ORGS_OK)
		out.status = SVC_OK;
	h_jw_send(req, out.status, &w, &b, 1);
	json_decref(doc);
}

void
h_org_invite(struct http_req *req)
{
	char norm[255], base[300], token[48];
	unsigned char th[32];
	struct orgs_input in = { .org_id = req->org_id, .user_id = req->user_id, .email_norm = norm, .token = token,
		.token_hash = th, .base_url = base, .remote_addr = req->remote_addr, .roles = req->org_roles };
	struct orgs_result out;
	const char *email = NULL;
	struct h_field f[] = {
		H_FIELD(invite, email, .s = &email),
		H_FIELD(invite, role, .s = &in.role),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_email(req, email, norm, sizeof(norm), "Skriv en gyldig e-postadresse.") != 0)
		goto out;
	worker_base_url(req, base, sizeof(base));
	auth_token_new(token, th);
	switch (orgs_invite(&in, &out)) {
	case ORGS_OK:
		json_send(req, 201, json_pack("{s:s, s:s}", "email", norm, "role", in.role));
		break;
	case ORGS_BAD_ROLE:
		h_invalid(req, "role", "Rollen må være admin, signer, editor eller viewer.");
		break;
	case ORGS_NOT_SIGNER:
		h_invalid(req, "role", "Bare den som selv har signaturrett, kan gi signaturrett videre.");
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
out:
	json_decref(doc);
}

void
h_invite_accept(struct http_req *req)
{
	unsigned char th[32];
	struct orgs_input in = { .user_id = req->user_id, .token_hash = th, .remote_addr = req->remote_addr };
	struct orgs_result out;
	const char *token = NULL;
	struct h_field f[] = { H_FIELD(acceptInvitation, token, .s = &token) };
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	auth_sha256(token, th);
	switch (orgs_invite_accept(&in, &out)) {
	case ORGS_OK:
		json_send(req, 200, json_pack("{s:I, s:s}", "organisation_id", (json_int_t)out.org_id, "role", out.role));
		break;
	case ORGS_BAD_TOKEN:
		h_invalid(req, "token", "Invitasjonen er ugyldig, brukt eller utløpt.");
		break;
	case ORGS_WRONG_PERSON:
		h_invalid(req, "token", "Invitasjonen gjelder en annen e-postadresse enn den du er logget inn med.");
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
	json_decref(doc);
}

void
h_org_access_request(struct http_req *req)
{
	struct orgs_input in = { .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct orgs_result out;
	struct h_field f[] = {
		H_FIELD(requestAccess, orgnr, .s = &in.orgnr),
		H_FIELD(requestAccess, message, .s = &in.message),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	switch (orgs_access_request(&in, &out)) {
	case ORGS_OK:
		json_send(req, 202, json_pack("{s:s, s:s}", "status", "accepted", "detail",
		    "Organisasjonens administratorer har fått beskjed."));
		break;
	case ORGS_NO_ORG:
		h_invalid(req, "orgnr", "Ingen organisasjon med dette nummeret er registrert.");
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
	json_decref(doc);
}
