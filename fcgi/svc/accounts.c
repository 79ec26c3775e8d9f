/*
 * accounts.c - registering, verifying, logging in and out, password resets and changes, and "me"
 * (see accounts.h).
 */
#include "svc/accounts.h"
#include "svc/svc_db.h"
#include "db/db_users.h"
#include "core/jw.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

#define ACC_VERIFY_LIFETIME (24 * 3600)
#define ACC_RESET_LIFETIME 3600

/* The client address login throttling counts by ("" when nginx gave none). */
static const char *
accounts_client(const struct accounts_input *in)
{
	return in->remote_addr ? in->remote_addr : "";
}

static enum accounts_outcome
accounts_outcome_of(enum db_status s, struct accounts_result *out)
{
	out->status = svc_status_of(s);
	return s == DB_OK ? ACC_OK : ACC_DB;
}

static void
accounts_user_copy(const struct db_user *u, struct accounts_result *out)
{
	out->user_id = u->id;
	out->gen = u->gen;
	snprintf(out->email, sizeof(out->email), "%s", u->email);
	snprintf(out->name, sizeof(out->name), "%s", u->name);
}

/* ---- register ---------------------------------------------------------------------------- */

/* The address has an account: tell its owner, and nobody else. */
static enum db_status
accounts_register_existing(const struct accounts_input *in)
{
	struct buf body = { 0 };
	struct db_user u;
	enum db_status s;

	if ((s = db_user_by_email(in->email_norm, &u)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei %s,\n\nNoen prøvde å registrere en ny konto i Tilskuddsportalen med denne e-postadressen, men du har "
	    "allerede en konto.\n\nHar du glemt passordet, kan du lage et nytt her:\n%s/glemt-passord.html\n\n"
	    "Var det ikke deg, kan du se bort fra denne e-posten.\n",
	    u.name, in->base_url);
	s = db_outbox_add(u.email, "Du har allerede en konto – Tilskuddsportalen", body.data, "register_exists", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	return db_seclog("register_existing", u.id, 0, 0, 0, in->remote_addr, NULL);
}

static enum db_status
accounts_register_run(void *arg)
{
	const struct accounts_input *in = arg;
	struct buf body = { 0 };
	int64_t id = 0;
	enum db_status s;

	s = db_user_insert(in->email, in->email_norm, in->name, in->password_hash, &id);
	if (s == DB_CONFLICT)
		return accounts_register_existing(in);
	if (s != DB_OK)
		return s;
	if ((s = db_token_insert(id, "verify", in->token_hash, ACC_VERIFY_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei %s,\n\nVelkommen til Tilskuddsportalen. Bekreft e-postadressen din ved å åpne denne lenken:\n"
	    "%s/bekreft.html?token=%s\n\nLenken gjelder i 24 timer.\n\nVar det ikke deg, kan du se bort fra denne e-posten.\n",
	    in->name, in->base_url, in->token);
	s = db_outbox_add_secret(in->email, "Bekreft e-postadressen din – Tilskuddsportalen", body.data, "verify_email", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	return db_seclog("register", id, 0, 0, 0, in->remote_addr, NULL);
}

enum accounts_outcome
accounts_register(const struct accounts_input *in, struct accounts_result *out)
{
	memset(out, 0, sizeof(*out));
	return accounts_outcome_of(db_tx(accounts_register_run, (void *)in), out);
}

/* ---- verify and reset -------------------------------------------------------------------- */

struct accounts_token_tx {
	const struct accounts_input *in;
	int64_t user_id;
};

static enum db_status
accounts_verify_run(void *arg)
{
	struct accounts_token_tx *t = arg;
	enum db_status s;
	if ((s = db_token_take(t->in->token_hash, "verify", &t->user_id)) != DB_OK)
		return s;
	if ((s = db_user_verify(t->user_id)) != DB_OK)
		return s;
	return db_seclog("email_verified", t->user_id, 0, 0, 0, t->in->remote_addr, NULL);
}

static enum db_status
accounts_reset_run(void *arg)
{
	struct accounts_token_tx *t = arg;
	enum db_status s;
	if ((s = db_token_take(t->in->token_hash, "reset", &t->user_id)) != DB_OK)
		return s;
	/* a working reset link proves the address too */
	if ((s = db_user_set_password(t->user_id, t->in->password_hash, true)) != DB_OK)
		return s;
	/* no other link works now, and the owner can log in from here at once */
	if ((s = db_token_revoke(t->user_id, "reset")) != DB_OK ||
	    (s = db_throttle_clear_user(t->user_id, accounts_client(t->in))) != DB_OK)
		return s;
	return db_seclog("password_reset", t->user_id, 0, 0, 0, t->in->remote_addr, NULL);
}

static enum accounts_outcome
accounts_token_use(enum db_status (*run)(void *), const struct accounts_input *in, struct accounts_result *out)
{
	struct accounts_token_tx t = { .in = in };
	enum db_status s;

	memset(out, 0, sizeof(*out));
	s = db_tx(run, &t);
	out->user_id = t.user_id;
	out->status = svc_status_of(s);
	return s == DB_NOTFOUND ? ACC_BAD_TOKEN : accounts_outcome_of(s, out);
}

enum accounts_outcome
accounts_verify(const struct accounts_input *in, struct accounts_result *out)
{
	return accounts_token_use(accounts_verify_run, in, out);
}

enum accounts_outcome
accounts_reset(const struct accounts_input *in, struct accounts_result *out)
{
	return accounts_token_use(accounts_reset_run, in, out);
}

static enum db_status
accounts_reset_request_run(void *arg)
{
	const struct accounts_input *in = arg;
	struct buf body = { 0 };
	struct db_user u;
	enum db_status s = db_user_by_email(in->email_norm, &u);

	if (s == DB_NOTFOUND)
		return DB_OK; /* nothing to send, and nothing to tell */
	if (s != DB_OK)
		return s;
	/* only the newest link works */
	if ((s = db_token_revoke(u.id, "reset")) != DB_OK ||
	    (s = db_token_insert(u.id, "reset", in->token_hash, ACC_RESET_LIFETIME)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei %s,\n\nNoen ba om å tilbakestille passordet ditt i Tilskuddsportalen. Lag et nytt passord her:\n"
	    "%s/nytt-passord.html?token=%s\n\nLenken gjelder i én time og kan brukes én gang.\n\n"
	    "Var det ikke deg, kan du se bort fra denne e-posten; passordet ditt er ikke endret.\n",
	    u.name, in->base_url, in->token);
	s = db_outbox_add_secret(u.email, "Tilbakestill passordet – Tilskuddsportalen", body.data, "password_reset", 0);
	buf_free(&body);
	if (s != DB_OK)
		return s;
	return db_seclog("password_reset_requested", u.id, 0, 0, 0, in->remote_addr, NULL);
}

enum accounts_outcome
accounts_reset_request(const struct accounts_input *in, struct accounts_result *out)
{
	memset(out, 0, sizeof(*out));
	return accounts_outcome_of(db_tx(accounts_reset_request_run, (void *)in), out);
}

/* ---- login ------------------------------------------------------------------------------- */

struct accounts_login_tx {
	const struct accounts_input *in;
	int64_t user_id;      /* 0: no such account */
	bool ok;
};

static enum db_status
accounts_login_record(void *arg)
{
	struct accounts_login_tx *t = arg;
	enum db_status s;
	if (t->ok) {
		if ((s = db_throttle_clear(t->in->email_hash, accounts_client(t->in))) != DB_OK)
			return s;
		return db_seclog("login", t->user_id, 0, 0, 0, t->in->remote_addr, NULL);
	}
	if ((s = db_throttle_fail(t->in->email_hash, accounts_client(t->in))) != DB_OK)
		return s;
	return db_seclog("login_failed", t->user_id, 0, 0, 0, t->in->remote_addr,
	    t->user_id ? "wrong password" : "no such account");
}

enum accounts_outcome
accounts_login(const struct accounts_input *in, struct accounts_result *out)
{
	struct accounts_login_tx t = { .in = in };
	struct db_user u;
	enum db_status s;
	enum accounts_pw pw;

	memset(out, 0, sizeof(*out));
	if ((s = db_throttle_get(in->email_hash, accounts_client(in), &out->retry_after)) != DB_OK)
		return accounts_outcome_of(s, out);
	if (out->retry_after > 0)
		return ACC_LOCKED;
	s = db_user_by_email(in->email_norm, &u);
	if (s != DB_OK && s != DB_NOTFOUND)
		return accounts_outcome_of(s, out);
	if ((pw = in->verify(s == DB_OK ? u.password_hash : NULL, in->password)) == ACC_PW_BUSY)
		return ACC_BUSY;
	t.user_id = s == DB_OK ? u.id : 0;
	t.ok = pw == ACC_PW_OK;
	if (t.ok && !u.verified) {
		/* the right password, but the address is not proven yet: no session */
		if ((s = db_seclog("login_unverified", u.id, 0, 0, 0, in->remote_addr, NULL)) != DB_OK)
			return accounts_outcome_of(s, out);
		return ACC_UNVERIFIED;
	}
	if ((s = db_tx(accounts_login_record, &t)) != DB_OK)
		return accounts_outcome_of(s, out);
	if (!t.ok)
		return ACC_FAILED;
	accounts_user_copy(&u, out);
	return ACC_OK;
}

/* ---- logout and password change ---------------------------------------------------------- */

struct accounts_user_tx {
	const struct accounts_input *in;
	const char *event;
	bool bump;            /* end every session */
	bool end_this;        /* end in->session_id */
	const char *hash;     /* the new password (which also uses up every reset link), or NULL */
};

static enum db_status
accounts_user_event_run(void *arg)
{
	struct accounts_user_tx *t = arg;
	enum db_status s;
	if (t->hash && ((s = db_user_set_password(t->in->user_id, t->hash, false)) != DB_OK ||
	    (s = db_token_revoke(t->in->user_id, "reset")) != DB_OK))
		return s;
	if (t->bump && (s = db_user_bump_gen(t->in->user_id)) != DB_OK)
		return s;
	if (t->end_this && (s = db_session_revoke(t->in->user_id, t->in->session_id, t->in->session_left)) != DB_OK)
		return s;
	return db_seclog(t->event, t->in->user_id, 0, 0, 0, t->in->remote_addr, NULL);
}

enum accounts_outcome
accounts_logout(const struct accounts_input *in, struct accounts_result *out)
{
	struct accounts_user_tx t = { in, in->everywhere ? "logout_everywhere" : "logout", in->everywhere,
		!in->everywhere && in->session_id != NULL, NULL };

	memset(out, 0, sizeof(*out));
	return accounts_outcome_of(db_tx(accounts_user_event_run, &t), out);
}

enum accounts_outcome
accounts_password_check(const struct accounts_input *in, struct accounts_result *out)
{
	struct db_user u;
	enum db_status s;
	enum accounts_pw pw;

	memset(out, 0, sizeof(*out));
	if ((s = db_user_by_id(in->user_id, &u)) != DB_OK)
		return accounts_outcome_of(s, out);
	if ((pw = in->verify(u.password_hash, in->password)) == ACC_PW_BUSY)
		return ACC_BUSY;
	return pw == ACC_PW_OK ? ACC_OK : ACC_WRONG_PASSWORD;
}

enum accounts_outcome
accounts_password_change(const struct accounts_input *in, struct accounts_result *out)
{
	struct accounts_user_tx t = { in, "password_changed", false, false, in->password_hash };
	struct db_user u;
	enum db_status s;

	memset(out, 0, sizeof(*out));
	if ((s = db_tx(accounts_user_event_run, &t)) != DB_OK)
		return accounts_outcome_of(s, out);
	/* every other session is now out of date: the caller's goes on with the new generation */
	if ((s = db_user_by_id(in->user_id, &u)) != DB_OK)
		return accounts_outcome_of(s, out);
	accounts_user_copy(&u, out);
	return ACC_OK;
}

/* ---- me ---------------------------------------------------------------------------------- */

enum svc_status
accounts_me(int64_t user_id, struct jw *w)
{
	struct db_user u;
	enum db_status s;

	if ((s = db_user_by_id(user_id, &u)) != DB_OK)
		return svc_status_of(s);
	jw_int(w, "id", u.id);
	jw_str(w, "email", u.email);
	jw_str(w, "name", u.name);
	jw_bool(w, "email_verified", u.verified);
	if ((s = db_me_orgs(u.id, w, "organisations")) == DB_OK)
		s = db_me_tenants(u.id, w, "tenants");
	return svc_status_of(s);
}
