/*
 * h_totp.c - the second factor's routes, and the hook the login calls after a right password.
 *
 * - h_totp_login_step: after a right password, an account that has a second factor (or whose
 *   roles need one) gets 202 and the cookie of a waiting login (http/session_step.h), not a
 *   session. That cookie is read here only: everywhere else the login is still logged out.
 * - POST /auth/totp/verify: the second step (a code or a recovery code); the session starts.
 * - POST /auth/totp/enrolment and /auth/totp/confirm: a new secret (QR code and URI), confirmed
 *   by its first code, which gives the recovery codes. From a session, or from a waiting login
 *   whose roles need a second factor it does not have yet (then the session starts on confirm).
 * - GET /me/totp, POST /me/totp/recovery-codes, POST /me/totp/disable: for a session.
 *
 * The use cases are in svc/totp.c; the sealing key (totp_key_file) is loaded here on first use.
 */
#include "api/h_totp.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "svc/totp.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/session.h"
#include "http/session_step.h"
#include "core/log.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static struct auth_key h_totp_sealing_key;

/* The key that seals the secrets, loaded on first use; NULL after answering 503 (logged once). */
static const unsigned char *
h_totp_key(struct http_req *req)
{
	static bool logged;
	const struct config *cfg = worker_config();
	char err[512] = "no totp_key_file is configured";

	if (h_totp_sealing_key.loaded)
		return h_totp_sealing_key.key;
	if (cfg && cfg->totp_key_file[0] && auth_key_load(&h_totp_sealing_key, cfg->totp_key_file, err, sizeof(err)) == 0)
		return h_totp_sealing_key.key;
	if (!logged)
		log_error("totp: %s; the second factor cannot be used", err);
	logged = true;
	http_add_header(req, "Retry-After", "60");
	problem_send(req, 503, "second-factor-unavailable", "Totrinnsinnlogging er ikke tilgjengelig",
	    "Totrinnsinnloggingen er ikke satt opp på tjeneren. Prøv igjen senere, eller kontakt brukerstøtten.");
	return NULL;
}

static void
h_totp_expired(struct http_req *req)
{
	problem_send(req, 401, "unauthorized", "Du må logge inn",
	    "Innloggingen er utløpt eller ikke gyldig lenger. Logg inn på nytt.");
}

/* Who calls: a login waiting for its second step, or (when sessions) a logged-in user; in->user_id,
 * in->pending and in->gen are set. A waiting login comes first: the login that made it cleared the
 * session cookie. 0, or -1 after answering. */
static int
h_totp_caller(struct http_req *req, bool sessions, struct totp_input *in)
{
	switch (session_step_read(req, &in->user_id, &in->gen)) {
	case SESSION_OK:
		in->pending = true;
		return 0;
	case SESSION_INVALID:
		session_step_clear(req);
		break;
	default:
		break;
	}
	switch (sessions ? session_authenticate(req) : SESSION_NONE) {
	case SESSION_OK:
		auth_session_touch(&req->session, time(NULL));
		session_write(req, &req->session);
		in->user_id = req->user_id;
		in->gen = req->session.gen;
		return 0;
	case SESSION_UNAVAILABLE:
		problem_unavailable(req);
		return -1;
	case SESSION_INVALID:
		session_clear(req);
		break;
	case SESSION_NONE:
		break;
	}
	h_totp_expired(req);
	return -1;
}

/* The field "code" parsed into code; answers 422 and returns -1 when it is not six digits. */
static int
h_totp_code(struct http_req *req, const char *given, char code[TOTP_DIGITS + 1])
{
	if (totp_code_parse(given, code))
		return 0;
	h_invalid(req, "code", "Koden er seks sifre, slik appen viser den.");
	return -1;
}

/* Answers a refusal of the use case; field names the input a wrong code was given in. */
static void
h_totp_refused(struct http_req *req, enum totp_outcome o, const struct totp_result *out, const char *field)
{
	char retry[24];

	switch (o) {
	case TOTP_WRONG:
		h_invalid(req, field, strcmp(field, "code") == 0 ? "Koden stemmer ikke. Skriv inn koden appen viser nå."
		                                                : "Gjenopprettingskoden stemmer ikke, eller er brukt før.");
		break;
	case TOTP_REUSED:
		h_invalid(req, field, "Denne koden er brukt allerede. Vent på neste kode i appen.");
		break;
	case TOTP_LOCKED:
		snprintf(retry, sizeof(retry), "%lld", (long long)out->retry_after);
		http_add_header(req, "Retry-After", retry);
		problem_send(req, 429, "too-many-attempts", "For mange forsøk", "For mange feil koder. Vent litt før du prøver igjen.");
		break;
	case TOTP_NOT_ENROLLED:
		problem_send(req, 409, "second-factor-not-enrolled", "Totrinnsinnlogging er ikke satt opp",
		    "Start registreringen av totrinnsinnlogging (på nytt) først.");
		break;
	case TOTP_ENROLLED:
		problem_send(req, 409, "second-factor-enrolled", "Totrinnsinnlogging er allerede i bruk",
		    "Logg inn med koden fra appen din.");
		break;
	case TOTP_NOT_REQUIRED:
		problem_send(req, 403, "forbidden", "Du har ikke tilgang",
		    "Logg inn først. Fra «Min konto» kan du så ta i bruk totrinnsinnlogging.");
		break;
	case TOTP_REQUIRED:
		problem_send(req, 409, "second-factor-required", "Totrinnsinnlogging kreves",
		    "Rollene dine krever totrinnsinnlogging, så den kan ikke slås av.");
		break;
	case TOTP_STALE:
		session_step_clear(req);
		h_totp_expired(req);
		break;
	case TOTP_SEALED:
		problem_internal(req);
		break;
	default:
		h_svc_error(req, out->status);
		break;
	}
}

/* The session starts (a right second step): the waiting login's cookie goes, the session's comes. */
static void
h_totp_session_start(struct http_req *req, const struct totp_result *out)
{
	struct auth_session sess;

	auth_session_new(&sess, out->user_id, out->gen, time(NULL));
	req->user_id = out->user_id;
	session_write(req, &sess);
	session_step_clear(req);
}

static json_t *
h_totp_codes_json(const struct totp_result *out)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < TOTP_RECOVERY_CODES; i++)
		json_array_append_new(a, json_string(out->recovery[i]));
	return a;
}

/* ---- the login's hook -------------------------------------------------------------------- */

int
h_totp_login_step(struct http_req *req, int64_t user_id, uint32_t gen)
{
	enum svc_status st;
	enum totp_step step = totp_login_step(user_id, req->remote_addr, &st);

	if (st != SVC_OK) {
		h_svc_error(req, st);
		return 1;
	}
	if (step == TOTP_STEP_NONE)
		return 0;
	session_clear(req); /* whoever was logged in here is not any more */
	session_step_write(req, user_id, gen);
	json_send(req, 202, json_pack("{s:s, s:s}", "status", "second_step_required", "step",
	    step == TOTP_STEP_VERIFY ? "totp" : "enrol"));
	return 1;
}

/* ---- the second step --------------------------------------------------------------------- */

void
h_totp_verify(struct http_req *req)
{
	struct totp_input in = { .remote_addr = req->remote_addr, .now = time(NULL) };
	struct totp_result out;
	const char *code = NULL, *recovery = NULL;
	char digits[TOTP_DIGITS + 1], rc[TOTP_RECOVERY_LEN + 1];
	struct h_field f[] = {
		H_FIELD(totpVerify, code, .s = &code),
		H_FIELD(totpVerify, recovery_code, .s = &recovery),
	};
	enum totp_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if ((code == NULL) == (recovery == NULL)) {
		h_invalid(req, "code", "Skriv inn enten koden fra appen eller en gjenopprettingskode.");
		goto out;
	}
	if (code && h_totp_code(req, code, digits) != 0)
		goto out;
	if (recovery && !totp_recovery_parse(recovery, rc)) {
		h_invalid(req, "recovery_code", "En gjenopprettingskode har ti tegn, som xxxxx-xxxxx.");
		goto out;
	}
	in.code = code ? digits : NULL;
	in.recovery_code = recovery ? rc : NULL;
	if (h_totp_caller(req, false, &in) != 0 || (in.key = h_totp_key(req)) == NULL)
		goto out;
	if ((o = totp_verify(&in, &out)) != TOTP_OK) {
		h_totp_refused(req, o, &out, code ? "code" : "recovery_code");
		goto out;
	}
	h_totp_session_start(req, &out);
	if (recovery)
		json_send(req, 200, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)out.user_id, "email", out.email,
		    "name", out.name, "recovery_codes_left", (json_int_t)out.recovery_left));
	else
		json_send(req, 200, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)out.user_id, "email", out.email, "name",
		    out.name));
out:
	sodium_memzero(rc, sizeof(rc));
	json_decref(doc);
}

/* ---- enrolment --------------------------------------------------------------------------- */

void
h_totp_enrol(struct http_req *req)
{
	struct totp_input in = { .remote_addr = req->remote_addr, .now = time(NULL) };
	struct totp_result out;
	enum totp_outcome o;
	json_t *doc;

	if ((doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	if (h_totp_caller(req, true, &in) != 0 || (in.key = h_totp_key(req)) == NULL)
		goto out;
	if ((o = totp_enrol(&in, &out)) != TOTP_OK) {
		h_totp_refused(req, o, &out, "code");
		goto out;
	}
	json_send(req, 200, json_pack("{s:s, s:s, s:s}", "secret", out.secret, "uri", out.uri, "issuer", TOTP_ISSUER));
	sodium_memzero(&out, sizeof(out));
out:
	json_decref(doc);
}

void
h_totp_confirm(struct http_req *req)
{
	struct totp_input in = { .remote_addr = req->remote_addr, .now = time(NULL) };
	struct totp_result out;
	const char *code = NULL;
	char digits[TOTP_DIGITS + 1];
	struct h_field f[] = { H_FIELD(totpConfirm, code, .s = &code) };
	enum totp_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_totp_code(req, code, digits) != 0 || h_totp_caller(req, true, &in) != 0 || (in.key = h_totp_key(req)) == NULL)
		goto out;
	in.code = digits;
	if ((o = totp_confirm(&in, &out)) != TOTP_OK) {
		h_totp_refused(req, o, &out, "code");
		goto out;
	}
	if (in.pending) /* a login that had to enrol first: it is complete now */
		h_totp_session_start(req, &out);
	json_send(req, 200, json_pack("{s:o}", "recovery_codes", h_totp_codes_json(&out)));
	sodium_memzero(&out, sizeof(out));
out:
	json_decref(doc);
}

/* ---- for a session ----------------------------------------------------------------------- */

void
h_totp_status(struct http_req *req)
{
	struct totp_input in = { .user_id = req->user_id };
	struct totp_result out;

	if (totp_status(&in, &out) != TOTP_OK) {
		h_svc_error(req, out.status);
		return;
	}
	json_send(req, 200, json_pack("{s:b, s:b, s:b, s:I}", "enabled", out.enabled, "required", out.required,
	    "enrolling", out.enrolling, "recovery_codes_left", (json_int_t)out.recovery_left));
}

/* Checks the body's code for a change to a session's second factor, and runs it; 0 on TOTP_OK. */
static int
h_totp_change(struct http_req *req, enum totp_outcome (*run)(const struct totp_input *, struct totp_result *),
    struct totp_result *out)
{
	struct totp_input in = { .user_id = req->user_id, .remote_addr = req->remote_addr, .now = time(NULL) };
	const char *code = NULL;
	char digits[TOTP_DIGITS + 1];
	struct h_field f[] = { H_FIELD(totpDisable, code, .s = &code) }; /* the same body as totpRenewRecoveryCodes */
	enum totp_outcome o;
	json_t *doc;
	int rc = -1;

	if ((doc = H_BODY(req, f)) == NULL)
		return -1;
	if (h_totp_code(req, code, digits) != 0 || (in.key = h_totp_key(req)) == NULL)
		goto out;
	in.code = digits;
	if ((o = run(&in, out)) != TOTP_OK) {
		h_totp_refused(req, o, out, "code");
		goto out;
	}
	rc = 0;
out:
	json_decref(doc);
	return rc;
}

void
h_totp_renew(struct http_req *req)
{
	struct totp_result out;

	if (h_totp_change(req, totp_renew, &out) != 0)
		return;
	json_send(req, 200, json_pack("{s:o}", "recovery_codes", h_totp_codes_json(&out)));
	sodium_memzero(&out, sizeof(out));
}

void
h_totp_disable(struct http_req *req)
{
	struct totp_result out;

	if (h_totp_change(req, totp_disable, &out) == 0)
		http_respond(req, 204, NULL, NULL, 0);
}
