/*
 * h_signers.c - the public register and who may sign: what the register holds of a number (for
 * the registration form), asking for signing rights (a link to the organisation's e-mail address in
 * the register, or a caseworker's check), confirming with the link, and the tenant's list and
 * decisions of the requests to a caseworker. The use cases are in svc/register.c and
 * svc/signers.c; here the input is parsed and checked, and the answers rendered.
 */
#include "http/auth.h"
#include "domain/register.h"
#include "domain/valid.h"
#include "svc/register.h"
#include "svc/signers.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "core/jw.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/router.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>

/* A string, or null when it is empty. */
static json_t *
h_text_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

/* What the register holds, as the registration form shows it (read-only). */
static json_t *
h_register_unit_json(const struct register_entry *u)
{
	const char *kind = register_kind(u->form, NULL), *other = register_kind(u->form, "immigrant");
	json_t *kinds = json_array();

	if (kind)
		json_array_append_new(kinds, json_string(kind));
	if (other && strcmp(other, kind) != 0)
		json_array_append_new(kinds, json_string(other));
	return json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:b, s:o, s:b, s:o}", "name", u->name, "form", u->form, "kind",
	    h_text_or_null(kind), "kinds", kinds, "municipality", u->municipality, "email", h_text_or_null(u->email),
	    "volunteer_register", u->volunteer, "volunteer_since", h_text_or_null(u->volunteer ? u->volunteer_since : NULL),
	    "business_register", 1, "business_since", h_text_or_null(u->registered_on));
}

void
h_register_lookup(struct http_req *req)
{
	struct register_entry u;
	const char *orgnr = params_get(req, "orgnr"); /* required, 9 digits: checked by the dispatcher */
	bool loaded = false, found = false;
	enum svc_status s;

	if (orgnr == NULL || !valid_orgnr(orgnr)) {
		problem_bad_param(req, "orgnr", "Oppgi et organisasjonsnummer med 9 sifre og riktig kontrollsiffer.");
		return;
	}
	if ((s = register_lookup(orgnr, &loaded, &found, &u)) != SVC_OK) {
		h_svc_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:s, s:b, s:b, s:o}", "orgnr", orgnr, "loaded", loaded, "found", found, "unit",
	    found ? h_register_unit_json(&u) : json_null()));
}

/* Answers a refused signer request, confirmation or decision. */
static void
h_signers_refused(struct http_req *req, enum signers_outcome o, const struct signers_result *out)
{
	switch (o) {
	case SIGNERS_ALREADY:
		problem_send(req, 409, "already-signer", "Du har allerede signaturrett", "Du kan signere for organisasjonen.");
		break;
	case SIGNERS_NO_EMAIL:
		h_invalid(req, "method", "Enhetsregisteret har ingen e-postadresse for organisasjonen. Be en saksbehandler "
		    "hos forvalteren du søker, kontrollere signaturretten i stedet.");
		break;
	case SIGNERS_TOO_MANY:
		http_add_header(req, "Retry-After", "3600");
		problem_send(req, 429, "too-many-links", "For mange lenker",
		    "Organisasjonens e-postadresse har fått tre lenker det siste døgnet. Prøv igjen senere.");
		break;
	case SIGNERS_NO_TENANT:
		h_invalid(req, "tenant", "Ingen forvalter har dette kortnavnet.");
		break;
	case SIGNERS_NO_CASE:
		h_invalid(req, "tenant", "Organisasjonen har ingen søknad hos denne forvalteren. Start en søknad først.");
		break;
	case SIGNERS_BAD_TOKEN:
		h_invalid(req, "token", "Lenken er ugyldig, brukt eller utløpt, eller organisasjonens e-postadresse i "
		    "Enhetsregisteret er endret siden den ble sendt.");
		break;
	case SIGNERS_NOT_MEMBER:
		problem_send(req, 409, "not-a-member", "Ikke lenger medlem",
		    "Personen er ikke lenger medlem av organisasjonen, og kan ikke få signaturrett.");
		break;
	case SIGNERS_DECIDED:
		problem_send(req, 409, "already-decided", "Allerede avgjort", "Forespørselen er allerede avgjort.");
		break;
	default:
		h_svc_error(req, out->status);
		break;
	}
}

/* The request's method (one of the two: checked against the shape) and tenant; answers 422 and
 * returns -1 when they do not go together. */
static int
h_signer_request_check(struct http_req *req, const struct signers_input *in)
{
	bool email = strcmp(in->method, "email") == 0;

	if (!email && in->tenant == NULL)
		h_invalid(req, "tenant", "Oppgi forvalteren med kortnavnet, for eksempel oslo.");
	else if (email && in->tenant != NULL)
		h_invalid(req, "tenant", "Forvalteren oppgis bare når en saksbehandler skal kontrollere.");
	else
		return 0;
	return -1;
}

void
h_signer_request(struct http_req *req)
{
	char base[300], token[48];
	unsigned char th[32];
	struct signers_input in = { .org_id = req->org_id, .user_id = req->user_id, .token = token, .token_hash = th,
		.base_url = base, .remote_addr = req->remote_addr };
	struct signers_result out;
	struct h_field f[] = {
		H_FIELD(requestSigning, method, .s = &in.method),
		H_FIELD(requestSigning, tenant, .s = &in.tenant),
	};
	enum signers_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_signer_request_check(req, &in) == 0) {
		worker_base_url(req, base, sizeof(base));
		auth_token_new(token, th);
		if ((o = signers_request(&in, &out)) == SIGNERS_OK)
			json_send(req, 202, json_pack("{s:s, s:o}", "method", in.method, "email",
			    h_text_or_null(out.email)));
		else
			h_signers_refused(req, o, &out);
	}
	json_decref(doc);
}

void
h_signer_confirm(struct http_req *req)
{
	unsigned char th[32];
	struct signers_input in = { .token_hash = th, .remote_addr = req->remote_addr };
	struct signers_result out;
	const char *token = NULL;
	struct h_field f[] = { H_FIELD(confirmSigner, token, .s = &token) };
	enum signers_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	auth_sha256(token, th);
	if ((o = signers_confirm(&in, &out)) == SIGNERS_OK)
		json_send(req, 200, json_pack("{s:I, s:s, s:s}", "organisation_id", (json_int_t)out.org_id, "organisation",
		    out.organisation, "name", out.person));
	else
		h_signers_refused(req, o, &out);
	json_decref(doc);
}

void
h_signer_requests_list(struct http_req *req)
{
	const char *v = params_get(req, "status"); /* pending (when not given) or all */
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, signers_list(req->tenant_id, v && strcmp(v, "all") == 0, &w), &w, &b);
}

/* The decision's fields that depend on each other (each is checked against the shape); answers
 * 422 and returns -1 when they do not go together. */
static int
h_signer_decision_check(struct http_req *req, const char *outcome, struct signers_input *in)
{
	in->confirm = strcmp(outcome, "confirm") == 0;
	if (in->confirm && in->checked_against == NULL) {
		h_invalid(req, "checked_against", "Si hva du har kontrollert mot: register_roles (rollene i "
		    "Enhetsregisteret) eller authorisation_document (en fullmakt).");
		return -1;
	}
	if (!in->confirm && (in->note == NULL || in->note[0] == '\0')) {
		h_invalid(req, "note", "Et avslag må begrunnes.");
		return -1;
	}
	if (!in->confirm)
		in->checked_against = NULL;
	return 0;
}

void
h_signer_decide(struct http_req *req)
{
	struct signers_input in = { .tenant_id = req->tenant_id, .user_id = req->user_id, .remote_addr = req->remote_addr };
	struct signers_result out;
	const char *outcome = NULL;
	struct h_field f[] = {
		H_FIELD(decideSignerRequest, outcome, .s = &outcome),
		H_FIELD(decideSignerRequest, checked_against, .s = &in.checked_against),
		H_FIELD(decideSignerRequest, note, .s = &in.note),
	};
	enum signers_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "request_id"), 1, INT64_MAX, &in.request_id);
	if (h_signer_decision_check(req, outcome, &in) == 0) {
		if ((o = signers_decide(&in, &out)) == SIGNERS_OK)
			json_send(req, 200, json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)in.request_id, "status",
			    in.confirm ? "confirmed" : "refused", "organisation_id", (json_int_t)out.org_id, "name", out.person));
		else
			h_signers_refused(req, o, &out);
	}
	json_decref(doc);
}
