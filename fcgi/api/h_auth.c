/*
 * h_auth.c - accounts: register, verify email, log in and out (here and everywhere), reset and
 * change the password, and "me". The use cases are in svc/accounts.c; here the bodies are parsed,
 * the address normalised (h_email: once, the same key for the lookup and the login throttle),
 * tokens and password hashes made, and the answers rendered. Answers never tell whether an email
 * address has an account.
 */
#include "http/auth.h"
#include "domain/valid.h"
#include "svc/accounts.h"
#include "api/h_common.h"
#include "api/h_totp.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/session.h"
#include "core/jw.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void
h_busy(struct http_req *req)
{
	http_add_header(req, "Retry-After", "2");
	problem_send(req, 503, "busy", "Travelt akkurat nå", "Mange logger inn samtidig. Prøv igjen om et par sekunder.");
}

/* Checks a new password's length and hashes it into hash; answers 422/503/500 itself and returns -1. */
static int
h_new_password(struct http_req *req, const char *field, const char *pw, char *hash)
{
	if (!auth_password_ok(pw)) {
		h_invalid(req, field, "Passordet må ha fra 12 til 256 tegn.");
		return -1;
	}
	switch (auth_password_hash(pw, hash)) {
	case AUTH_OK:
		return 0;
	case AUTH_BUSY:
		h_busy(req);
		return -1;
	default:
		problem_internal(req);
		return -1;
	}
}

/* The password check the use cases are given: in the host's hashing slots. */
static enum accounts_pw
h_password_verify(const char *hash, const char *password)
{
	switch (auth_password_verify(hash, password)) {
	case AUTH_OK:
		return ACC_PW_OK;
	case AUTH_BUSY:
		return ACC_PW_BUSY;
	default:
		return ACC_PW_WRONG;
	}
}

static void
h_accepted(struct http_req *req, const char *detail)
{
	json_send(req, 202, json_pack("{s:s, s:s}", "status", "accepted", "detail", detail));
}

/* ---- register ---------------------------------------------------------------------------- */

void
h_auth_register(struct http_req *req)
{
	struct accounts_input in = { .remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *password = NULL;
	char hash[crypto_pwhash_STRBYTES], norm[255], typed[255], base[300], token[48];
	unsigned char th[32];
	struct h_field f[] = {
		H_FIELD(register, email, .s = &in.email),
		H_FIELD(register, name, .s = &in.name),
		H_FIELD(register, password, .s = &password),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_email(req, in.email, norm, sizeof(norm), "Skriv en gyldig e-postadresse, f.eks. navn@eksempel.no.") != 0)
		goto out;
	valid_email_trim(in.email, typed, sizeof(typed)); /* fits: h_email trimmed it into norm */
	in.email = typed;                                 /* kept as typed, without the spaces around it */
	if (h_new_password(req, "password", password, hash) != 0)
		goto out;
	worker_base_url(req, base, sizeof(base));
	auth_token_new(token, th);
	in.email_norm = norm;
	in.password_hash = hash;
	in.base_url = base;
	in.token = token;
	in.token_hash = th;
	if (accounts_register(&in, &out) != ACC_OK) {
		h_svc_error(req, out.status);
		goto out;
	}
	/* the same answer whether or not the address had an account */
	h_accepted(req, "Vi har sendt en e-post til adressen. Følg lenken i den for å bekrefte kontoen.");
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}

/* ---- verify ------------------------------------------------------------------------------ */

void
h_auth_verify(struct http_req *req)
{
	unsigned char th[32];
	struct accounts_input in = { .token_hash = th, .remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *token = NULL;
	struct h_field f[] = { H_FIELD(verifyEmail, token, .s = &token) };
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	auth_sha256(token, th);
	switch (accounts_verify(&in, &out)) {
	case ACC_OK:
		json_send(req, 200, json_pack("{s:s}", "status", "verified"));
		break;
	case ACC_BAD_TOKEN:
		h_invalid(req, "token", "Lenken er ugyldig, brukt eller utløpt. Logg inn for å få en ny.");
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
	json_decref(doc);
}

/* ---- login ------------------------------------------------------------------------------- */

static void
h_login_fail(struct http_req *req)
{
	problem_send(req, 401, "login-failed", "Innloggingen mislyktes", "Feil e-postadresse eller passord.");
}

/* Answers a login that did not succeed. */
static void
h_login_refused(struct http_req *req, enum accounts_outcome o, const struct accounts_result *out)
{
	char retry[24];

	switch (o) {
	case ACC_LOCKED:
		snprintf(retry, sizeof(retry), "%lld", (long long)out->retry_after);
		http_add_header(req, "Retry-After", retry);
		problem_send(req, 429, "too-many-attempts", "For mange forsøk",
		    "For mange mislykkede innlogginger. Vent litt før du prøver igjen.");
		break;
	case ACC_BUSY:
		h_busy(req);
		break;
	case ACC_UNVERIFIED:
		problem_send(req, 403, "email-not-verified", "E-postadressen er ikke bekreftet",
		    "Åpne lenken i e-posten vi sendte da du registrerte deg.");
		break;
	case ACC_FAILED:
		h_login_fail(req);
		break;
	default:
		h_svc_error(req, out->status);
		break;
	}
}

void
h_auth_login(struct http_req *req)
{
	unsigned char eh[32];
	char norm[255];
	struct accounts_input in = { .email_norm = norm, .email_hash = eh, .verify = h_password_verify,
		.remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *email = NULL;
	struct h_field f[] = {
		H_FIELD(login, email, .s = &email),
		H_FIELD(login, password, .s = &in.password),
	};
	struct auth_session sess;
	enum accounts_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_email(req, email, norm, sizeof(norm), "Skriv en gyldig e-postadresse.") != 0)
		goto out;
	auth_sha256(norm, eh);
	if ((o = accounts_login(&in, &out)) != ACC_OK) {
		h_login_refused(req, o, &out);
		goto out;
	}
	if (h_totp_login_step(req, out.user_id, out.gen) != 0) /* a second factor is due: answered */
		goto out;
	auth_session_new(&sess, out.user_id, out.gen, time(NULL));
	req->user_id = out.user_id;
	session_write(req, &sess);
	json_send(req, 200, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)out.user_id, "email", out.email, "name",
	    out.name));
out:
	json_decref(doc);
}

/* ---- logout ------------------------------------------------------------------------------ */

static void
h_logout_common(struct http_req *req, bool everywhere)
{
	struct accounts_input in = { .user_id = req->user_id, .everywhere = everywhere, .remote_addr = req->remote_addr,
		.session_id = req->session.sid,
		.session_left = req->session.issued + AUTH_ABSOLUTE_SECONDS - (int64_t)time(NULL) };
	struct accounts_result out;

	if (accounts_logout(&in, &out) != ACC_OK) {
		h_svc_error(req, out.status);
		return;
	}
	session_clear(req);
	http_respond(req, 204, NULL, NULL, 0);
}

void
h_auth_logout(struct http_req *req)
{
	h_logout_common(req, false);
}

void
h_auth_logout_all(struct http_req *req)
{
	h_logout_common(req, true);
}

/* ---- password reset ---------------------------------------------------------------------- */

void
h_auth_reset_request(struct http_req *req)
{
	char norm[255], base[300], token[48];
	unsigned char th[32];
	struct accounts_input in = { .email_norm = norm, .token = token, .token_hash = th, .base_url = base,
		.remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *email = NULL;
	struct h_field f[] = { H_FIELD(resetRequest, email, .s = &email) };
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_email(req, email, norm, sizeof(norm), "Skriv en gyldig e-postadresse.") != 0)
		goto out;
	worker_base_url(req, base, sizeof(base));
	auth_token_new(token, th);
	if (accounts_reset_request(&in, &out) != ACC_OK) {
		h_svc_error(req, out.status);
		goto out;
	}
	h_accepted(req, "Finnes det en konto med denne adressen, har vi sendt en e-post med en lenke for å lage nytt passord.");
out:
	json_decref(doc);
}

void
h_auth_reset(struct http_req *req)
{
	char hash[crypto_pwhash_STRBYTES];
	unsigned char th[32];
	struct accounts_input in = { .token_hash = th, .password_hash = hash, .remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *token = NULL, *password = NULL;
	struct h_field f[] = {
		H_FIELD(reset, token, .s = &token),
		H_FIELD(reset, password, .s = &password),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (h_new_password(req, "password", password, hash) != 0)
		goto out;
	auth_sha256(token, th);
	switch (accounts_reset(&in, &out)) {
	case ACC_OK:
		session_clear(req);
		json_send(req, 200, json_pack("{s:s}", "status", "password_changed"));
		break;
	case ACC_BAD_TOKEN:
		h_invalid(req, "token", "Lenken er ugyldig, brukt eller utløpt. Be om en ny.");
		break;
	default:
		h_svc_error(req, out.status);
		break;
	}
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}

/* ---- me ---------------------------------------------------------------------------------- */

/* The logged-in user with organisations, tenants and when the session expires, as keys into the
 * object open on w. */
static enum svc_status
h_me_write(struct http_req *req, struct jw *w)
{
	enum svc_status s = accounts_me(req->user_id, w);
	if (s == SVC_OK)
		jw_int(w, "session_expires_at", (int64_t)req->session.expires);
	return s;
}

void
h_me(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	jw_init(&w, &b);
	jw_obj(&w, NULL);
	h_jw_send(req, h_me_write(req, &w), &w, &b, 1);
}

void
h_session(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	switch (session_authenticate(req)) {
	case SESSION_OK:
		auth_session_touch(&req->session, time(NULL));
		session_write(req, &req->session);
		jw_init(&w, &b);
		jw_obj(&w, NULL);
		jw_bool(&w, "authenticated", true);
		jw_obj(&w, "user");
		h_jw_send(req, h_me_write(req, &w), &w, &b, 2);
		return;
	case SESSION_UNAVAILABLE:
		problem_unavailable(req);
		return;
	case SESSION_INVALID:
		session_clear(req);
		/* fall through */
	case SESSION_NONE:
		json_send(req, 200, json_pack("{s:b, s:n}", "authenticated", 0, "user"));
		return;
	}
}

void
h_me_password(struct http_req *req)
{
	char hash[crypto_pwhash_STRBYTES];
	struct accounts_input in = { .user_id = req->user_id, .verify = h_password_verify, .password_hash = hash,
		.remote_addr = req->remote_addr };
	struct accounts_result out;
	const char *next = NULL;
	struct h_field f[] = {
		H_FIELD(changePassword, current_password, .s = &in.password),
		H_FIELD(changePassword, new_password, .s = &next),
	};
	struct auth_session sess;
	enum accounts_outcome o;
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (!auth_password_ok(next)) { /* before spending a hash on the current password */
		h_invalid(req, "new_password", "Passordet må ha fra 12 til 256 tegn.");
		goto out;
	}
	if ((o = accounts_password_check(&in, &out)) == ACC_BUSY)
		h_busy(req);
	else if (o == ACC_WRONG_PASSWORD)
		h_invalid(req, "current_password", "Nåværende passord er feil.");
	else if (o != ACC_OK)
		h_svc_error(req, out.status);
	if (o != ACC_OK || h_new_password(req, "new_password", next, hash) != 0)
		goto out;
	if (accounts_password_change(&in, &out) != ACC_OK) {
		h_svc_error(req, out.status);
		goto out;
	}
	auth_session_new(&sess, out.user_id, out.gen, time(NULL));
	session_write(req, &sess);
	json_send(req, 200, json_pack("{s:s}", "status", "password_changed"));
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}
