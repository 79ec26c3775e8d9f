/*
 * h_auth.c - accounts: register, verify email, log in and out (here and everywhere), reset and
 * change the password, and "me". Every change and its security-log record and email commit in one
 * transaction. Answers never tell whether an email address has an account.
 */
#include "http/auth.h"
#include "db/db_users.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/session.h"
#include "core/util.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define H_VERIFY_LIFETIME (24 * 3600)
#define H_RESET_LIFETIME 3600

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

static void
h_accepted(struct http_req *req, const char *detail)
{
	json_send(req, 202, json_pack("{s:s, s:s}", "status", "accepted", "detail", detail));
}

/* ---- register ---------------------------------------------------------------------------- */

struct h_register_tx {
	struct http_req *req;
	const char *email, *name, *hash;
	char norm[255];
	char base[300];
	bool existed;
};

static enum db_status
h_register_run(void *arg)
{
	struct h_register_tx *t = arg;
	char token[48];
	struct buf body = { 0 };
	unsigned char th[32];
	struct db_user u;
	int64_t id = 0;
	enum db_status s;

	s = db_user_insert(t->email, t->norm, t->name, t->hash, &id);
	if (s == DB_CONFLICT) {
		t->existed = true;
		if ((s = db_user_by_email(t->norm, &u)) != DB_OK)
			return s;
		buf_printf(&body,
		    "Hei %s,\n\nNoen prøvde å registrere en ny konto i Tilskuddsportalen med denne e-postadressen, men du har "
		    "allerede en konto.\n\nHar du glemt passordet, kan du lage et nytt her:\n%s/glemt-passord.html\n\n"
		    "Var det ikke deg, kan du se bort fra denne e-posten.\n",
		    u.name, t->base);
		s = db_outbox_add(u.email, "Du har allerede en konto – Tilskuddsportalen", body.data, "register_exists", 0);
		buf_free(&body);
		if (s != DB_OK)
			return s;
		return db_seclog("register_existing", u.id, 0, 0, 0, t->req->remote_addr, NULL);
	}
	if (s != DB_OK)
		return s;
	auth_token_new(token, th);
	if ((s = db_token_insert(id, "verify", th, H_VERIFY_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei %s,\n\nVelkommen til Tilskuddsportalen. Bekreft e-postadressen din ved å åpne denne lenken:\n"
	    "%s/bekreft.html?token=%s\n\nLenken gjelder i 24 timer.\n\nVar det ikke deg, kan du se bort fra denne e-posten.\n",
	    t->name, t->base, token);
	s = db_outbox_add(t->email, "Bekreft e-postadressen din – Tilskuddsportalen", body.data, "verify_email", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	return db_seclog("register", id, 0, 0, 0, t->req->remote_addr, NULL);
}

void
h_auth_register(struct http_req *req)
{
	struct h_register_tx t = { .req = req };
	const char *password = NULL;
	char hash[crypto_pwhash_STRBYTES];
	struct h_field f[] = {
		{ .name = "email", .type = H_STR, .required = true, .min = 3, .max = 254, .s = &t.email },
		{ .name = "name", .type = H_STR, .required = true, .min = 1, .max = 200, .s = &t.name },
		{ .name = "password", .type = H_STR, .required = true, .min = 0, .max = 1024, .s = &password },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 3)) == NULL)
		return;
	if (!auth_email_ok(t.email) || auth_email_normalize(t.email, t.norm, sizeof(t.norm)) != 0) {
		h_invalid(req, "email", "Skriv en gyldig e-postadresse, f.eks. navn@eksempel.no.");
		goto out;
	}
	if (h_new_password(req, "password", password, hash) != 0)
		goto out;
	t.hash = hash;
	worker_base_url(req, t.base, sizeof(t.base));
	if ((s = db_tx(h_register_run, &t)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	/* the same answer whether or not the address had an account */
	h_accepted(req, "Vi har sendt en e-post til adressen. Følg lenken i den for å bekrefte kontoen.");
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}

/* ---- verify ------------------------------------------------------------------------------ */

struct h_token_tx {
	struct http_req *req;
	unsigned char th[32];
	const char *hash;     /* reset: the new password hash */
	int64_t user_id;
};

static enum db_status
h_verify_run(void *arg)
{
	struct h_token_tx *t = arg;
	enum db_status s;
	if ((s = db_token_take(t->th, "verify", &t->user_id)) != DB_OK)
		return s;
	if ((s = db_user_verify(t->user_id)) != DB_OK)
		return s;
	return db_seclog("email_verified", t->user_id, 0, 0, 0, t->req->remote_addr, NULL);
}

void
h_auth_verify(struct http_req *req)
{
	struct h_token_tx t = { .req = req };
	const char *token = NULL;
	struct h_field f[] = { { .name = "token", .type = H_STR, .required = true, .min = 1, .max = 64, .s = &token } };
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	auth_sha256(token, t.th);
	s = db_tx(h_verify_run, &t);
	if (s == DB_NOTFOUND)
		h_invalid(req, "token", "Lenken er ugyldig, brukt eller utløpt. Logg inn for å få en ny.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 200, json_pack("{s:s}", "status", "verified"));
	json_decref(doc);
}

/* ---- login ------------------------------------------------------------------------------- */

struct h_login_tx {
	struct http_req *req;
	unsigned char eh[32];
	int64_t user_id;
	bool ok;
};

static enum db_status
h_login_record(void *arg)
{
	struct h_login_tx *t = arg;
	enum db_status s;
	if (t->ok) {
		if ((s = db_throttle_clear(t->eh)) != DB_OK)
			return s;
		return db_seclog("login", t->user_id, 0, 0, 0, t->req->remote_addr, NULL);
	}
	if ((s = db_throttle_fail(t->eh)) != DB_OK)
		return s;
	return db_seclog("login_failed", t->user_id, 0, 0, 0, t->req->remote_addr,
	    t->user_id ? "wrong password" : "no such account");
}

static void
h_login_fail(struct http_req *req)
{
	problem_send(req, 401, "login-failed", "Innloggingen mislyktes", "Feil e-postadresse eller passord.");
}

void
h_auth_login(struct http_req *req)
{
	struct h_login_tx t = { .req = req };
	const char *email = NULL, *password = NULL;
	struct h_field f[] = {
		{ .name = "email", .type = H_STR, .required = true, .min = 1, .max = 254, .s = &email },
		{ .name = "password", .type = H_STR, .required = true, .min = 1, .max = 1024, .s = &password },
	};
	char norm[255], retry[24];
	struct auth_session sess;
	struct db_user u;
	int64_t locked = 0;
	enum db_status s;
	enum auth_result ar;
	json_t *doc;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (auth_email_normalize(email, norm, sizeof(norm)) != 0) {
		h_login_fail(req);
		goto out;
	}
	auth_sha256(norm, t.eh);
	if ((s = db_throttle_get(t.eh, &locked)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	if (locked > 0) {
		snprintf(retry, sizeof(retry), "%lld", (long long)locked);
		http_add_header(req, "Retry-After", retry);
		problem_send(req, 429, "too-many-attempts", "For mange forsøk",
		    "For mange mislykkede innlogginger. Vent litt før du prøver igjen.");
		goto out;
	}
	s = db_user_by_email(norm, &u);
	if (s != DB_OK && s != DB_NOTFOUND) {
		h_db_error(req, s);
		goto out;
	}
	ar = auth_password_verify(s == DB_OK ? u.password_hash : NULL, password);
	if (ar == AUTH_BUSY) {
		h_busy(req);
		goto out;
	}
	t.user_id = s == DB_OK ? u.id : 0;
	t.ok = ar == AUTH_OK;
	if (t.ok && !u.verified) {
		/* the right password, but the address is not proven yet: no session */
		if ((s = db_seclog("login_unverified", u.id, 0, 0, 0, req->remote_addr, NULL)) != DB_OK) {
			h_db_error(req, s);
			goto out;
		}
		problem_send(req, 403, "email-not-verified", "E-postadressen er ikke bekreftet",
		    "Åpne lenken i e-posten vi sendte da du registrerte deg.");
		goto out;
	}
	if ((s = db_tx(h_login_record, &t)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	if (!t.ok) {
		h_login_fail(req);
		goto out;
	}
	auth_session_new(&sess, u.id, u.gen, time(NULL));
	req->user_id = u.id;
	session_write(req, &sess);
	json_send(req, 200, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u.id, "email", u.email, "name", u.name));
out:
	json_decref(doc);
}

/* ---- logout ------------------------------------------------------------------------------ */

struct h_user_tx {
	struct http_req *req;
	const char *event;
	bool bump;
	const char *hash;
};

static enum db_status
h_user_event_run(void *arg)
{
	struct h_user_tx *t = arg;
	enum db_status s;
	if (t->hash && (s = db_user_set_password(t->req->user_id, t->hash, false)) != DB_OK)
		return s;
	if (t->bump && (s = db_user_bump_gen(t->req->user_id)) != DB_OK)
		return s;
	return db_seclog(t->event, t->req->user_id, 0, 0, 0, t->req->remote_addr, NULL);
}

static void
h_logout_common(struct http_req *req, const char *event, bool bump)
{
	struct h_user_tx t = { req, event, bump, NULL };
	enum db_status s = db_tx(h_user_event_run, &t);
	if (s != DB_OK) {
		h_db_error(req, s);
		return;
	}
	session_clear(req);
	http_respond(req, 204, NULL, NULL, 0);
}

void
h_auth_logout(struct http_req *req)
{
	h_logout_common(req, "logout", false);
}

void
h_auth_logout_all(struct http_req *req)
{
	h_logout_common(req, "logout_everywhere", true);
}

/* ---- password reset ---------------------------------------------------------------------- */

struct h_reset_req_tx {
	struct http_req *req;
	char norm[255];
	char base[300];
};

static enum db_status
h_reset_request_run(void *arg)
{
	struct h_reset_req_tx *t = arg;
	char token[48];
	struct buf body = { 0 };
	unsigned char th[32];
	struct db_user u;
	enum db_status s = db_user_by_email(t->norm, &u);

	if (s == DB_NOTFOUND)
		return DB_OK; /* nothing to send, and nothing to tell */
	if (s != DB_OK)
		return s;
	auth_token_new(token, th);
	if ((s = db_token_insert(u.id, "reset", th, H_RESET_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei %s,\n\nNoen ba om å tilbakestille passordet ditt i Tilskuddsportalen. Lag et nytt passord her:\n"
	    "%s/nytt-passord.html?token=%s\n\nLenken gjelder i én time og kan brukes én gang.\n\n"
	    "Var det ikke deg, kan du se bort fra denne e-posten; passordet ditt er ikke endret.\n",
	    u.name, t->base, token);
	s = db_outbox_add(u.email, "Tilbakestill passordet – Tilskuddsportalen", body.data, "password_reset", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	return db_seclog("password_reset_requested", u.id, 0, 0, 0, t->req->remote_addr, NULL);
}

void
h_auth_reset_request(struct http_req *req)
{
	struct h_reset_req_tx t = { .req = req };
	const char *email = NULL;
	struct h_field f[] = { { .name = "email", .type = H_STR, .required = true, .min = 1, .max = 254, .s = &email } };
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	if (!auth_email_ok(email) || auth_email_normalize(email, t.norm, sizeof(t.norm)) != 0) {
		h_invalid(req, "email", "Skriv en gyldig e-postadresse.");
		goto out;
	}
	worker_base_url(req, t.base, sizeof(t.base));
	if ((s = db_tx(h_reset_request_run, &t)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	h_accepted(req, "Finnes det en konto med denne adressen, har vi sendt en e-post med en lenke for å lage nytt passord.");
out:
	json_decref(doc);
}

static enum db_status
h_reset_run(void *arg)
{
	struct h_token_tx *t = arg;
	enum db_status s;
	if ((s = db_token_take(t->th, "reset", &t->user_id)) != DB_OK)
		return s;
	/* a working reset link proves the address too */
	if ((s = db_user_set_password(t->user_id, t->hash, true)) != DB_OK)
		return s;
	return db_seclog("password_reset", t->user_id, 0, 0, 0, t->req->remote_addr, NULL);
}

void
h_auth_reset(struct http_req *req)
{
	struct h_token_tx t = { .req = req };
	const char *token = NULL, *password = NULL;
	char hash[crypto_pwhash_STRBYTES];
	struct h_field f[] = {
		{ .name = "token", .type = H_STR, .required = true, .min = 1, .max = 64, .s = &token },
		{ .name = "password", .type = H_STR, .required = true, .min = 0, .max = 1024, .s = &password },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (h_new_password(req, "password", password, hash) != 0)
		goto out;
	auth_sha256(token, t.th);
	t.hash = hash;
	s = db_tx(h_reset_run, &t);
	if (s == DB_NOTFOUND)
		h_invalid(req, "token", "Lenken er ugyldig, brukt eller utløpt. Be om en ny.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else {
		session_clear(req);
		json_send(req, 200, json_pack("{s:s}", "status", "password_changed"));
	}
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}

/* ---- me ---------------------------------------------------------------------------------- */

/* The logged-in user with organisations and tenants, or NULL after answering an error. */
static json_t *
h_me_json(struct http_req *req)
{
	json_t *orgs = NULL, *tenants = NULL;
	struct db_user u;
	enum db_status s;

	if ((s = db_user_by_id(req->user_id, &u)) != DB_OK || (s = db_me_orgs(u.id, &orgs)) != DB_OK ||
	    (s = db_me_tenants(u.id, &tenants)) != DB_OK) {
		json_decref(orgs);
		h_db_error(req, s);
		return NULL;
	}
	return json_pack("{s:I, s:s, s:s, s:b, s:o, s:o, s:I}", "id", (json_int_t)u.id, "email", u.email, "name", u.name,
	    "email_verified", u.verified, "organisations", orgs, "tenants", tenants, "session_expires_at",
	    (json_int_t)req->session.expires);
}

void
h_me(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct query q;
	json_t *me;

	if (h_parse_query(req, &q, allowed) != 0 || (me = h_me_json(req)) == NULL)
		return;
	json_send(req, 200, me);
}

void
h_session(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct query q;
	json_t *me;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	switch (session_authenticate(req)) {
	case SESSION_OK:
		auth_session_touch(&req->session, time(NULL));
		session_write(req, &req->session);
		if ((me = h_me_json(req)) != NULL)
			json_send(req, 200, json_pack("{s:b, s:o}", "authenticated", 1, "user", me));
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
	struct h_user_tx t = { req, "password_changed", false, NULL };
	const char *current = NULL, *next = NULL;
	char hash[crypto_pwhash_STRBYTES];
	struct h_field f[] = {
		{ .name = "current_password", .type = H_STR, .required = true, .min = 1, .max = 1024, .s = &current },
		{ .name = "new_password", .type = H_STR, .required = true, .min = 0, .max = 1024, .s = &next },
	};
	struct auth_session sess;
	struct db_user u;
	enum db_status s;
	enum auth_result ar;
	json_t *doc;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (!auth_password_ok(next)) { /* before spending a hash on the current password */
		h_invalid(req, "new_password", "Passordet må ha fra 12 til 256 tegn.");
		goto out;
	}
	if ((s = db_user_by_id(req->user_id, &u)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	if ((ar = auth_password_verify(u.password_hash, current)) == AUTH_BUSY) {
		h_busy(req);
		goto out;
	}
	if (ar != AUTH_OK) {
		h_invalid(req, "current_password", "Nåværende passord er feil.");
		goto out;
	}
	if (h_new_password(req, "new_password", next, hash) != 0)
		goto out;
	t.hash = hash;
	if ((s = db_tx(h_user_event_run, &t)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	/* every other session is now out of date; this one goes on with the new generation */
	if ((s = db_user_by_id(req->user_id, &u)) != DB_OK) {
		h_db_error(req, s);
		goto out;
	}
	auth_session_new(&sess, u.id, u.gen, time(NULL));
	session_write(req, &sess);
	json_send(req, 200, json_pack("{s:s}", "status", "password_changed"));
out:
	sodium_memzero(hash, sizeof(hash));
	json_decref(doc);
}
