/*
 * signers.c - verifying who may sign for an organisation (see signers.h).
 */
#include "svc/signers.h"
#include "db/db_schemes.h"
#include "svc/svc_db.h"

#include "db/db_apps.h"
#include "db/db_publish.h"
#include "db/db_users.h"
#include "domain/register.h"
#include "domain/roles.h"
#include "domain/rules.h"
#include "core/jw.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define SIGNERS_LINK_LIFETIME (3 * 24 * 3600)
#define SIGNERS_LINKS_A_DAY 3

struct signers_tx {
	const struct signers_input *in;
	struct signers_result *out;
	enum signers_outcome refusal;  /* with DB_CONFLICT: why the change was refused */
};

/* Refuses the change (the transaction rolls back) for the reason o. */
static enum db_status
signers_refuse(struct signers_tx *t, enum signers_outcome o)
{
	t->refusal = o;
	return DB_CONFLICT;
}

static enum signers_outcome
signers_run(enum db_status (*fn)(void *), struct signers_tx *t)
{
	enum db_status s;

	memset(t->out, 0, sizeof(*t->out));
	t->refusal = SIGNERS_OK;
	s = db_tx(fn, t);
	t->out->status = svc_status_of(s);
	if (s == DB_CONFLICT && t->refusal != SIGNERS_OK)
		return t->refusal;
	return s == DB_OK ? SIGNERS_OK : SIGNERS_DB;
}

enum db_status
signers_grant(const struct db_authority_input *a)
{
	enum db_status s = db_org_member_add(a->org_id, a->user_id, "signer");
	return s != DB_OK ? s : db_signer_authority_set(a);
}

/* ---- asking for signing rights ------------------------------------------------------------- */

/* The link to the organisation's address in the register. */
static enum db_status
signers_link(struct signers_tx *t, const struct db_org_flags *of, const struct db_user *u)
{
	const struct signers_input *in = t->in;
	struct register_entry ru;
	struct buf body = { 0 };
	int64_t sent = 0;
	enum db_status s = db_register_get(of->orgnr, &ru);

	if (s == DB_NOTFOUND || (s == DB_OK && ru.email[0] == '\0'))
		return signers_refuse(t, SIGNERS_NO_EMAIL);
	if (s != DB_OK || (s = db_signer_links_today(in->org_id, &sent)) != DB_OK)
		return s;
	if (sent >= SIGNERS_LINKS_A_DAY)
		return signers_refuse(t, SIGNERS_TOO_MANY);
	struct db_signer_request_input req = { .org_id = in->org_id, .user_id = in->user_id, .method = "email",
		.email = ru.email, .token_hash = in->token_hash, .lifetime = SIGNERS_LINK_LIFETIME };
	if ((s = db_signer_request_add(&req)) != DB_OK)
		return s;
	buf_printf(&body,
	    "Hei,\n\n%s (%s) ber om å få signere søknader om tilskudd på vegne av %s (org.nr. %s) i Tilskuddsportalen.\n\n"
	    "Denne e-postadressen er organisasjonens adresse i Enhetsregisteret. Bekreft bare hvis %s er styreleder "
	    "eller daglig leder, eller har fullmakt fra en av dem:\n%s/signaturrett.html?token=%s\n\n"
	    "Lenken gjelder i 3 døgn og kan brukes én gang. Stemmer det ikke, kan du se bort fra denne e-posten.\n",
	    u->name, u->email, of->name, of->orgnr, u->name, in->base_url, in->token);
	s = db_outbox_add_secret(ru.email, "Bekreft signaturrett – Tilskuddsportalen", body.data, "signer_link", 0);
	buf_free(&body);
	utf8_copy(t->out->email, ru.email, sizeof(t->out->email));
	return s;
}

/* The request to a tenant where the organisation has an application. */
static enum db_status
signers_ask_tenant(struct signers_tx *t, int64_t *tenant_id)
{
	const struct signers_input *in = t->in;
	int64_t apps = 0;
	enum db_status s = db_tenant_by_slug(in->tenant ? in->tenant : "", tenant_id);

	if (s == DB_NOTFOUND)
		return signers_refuse(t, SIGNERS_NO_TENANT);
	if (s != DB_OK || (s = db_org_apps_at(in->org_id, *tenant_id, &apps)) != DB_OK)
		return s;
	if (apps == 0)
		return signers_refuse(t, SIGNERS_NO_CASE);
	struct db_signer_request_input req = { .org_id = in->org_id, .user_id = in->user_id, .method = "caseworker",
		.tenant_id = *tenant_id };
	return db_signer_request_add(&req);
}

static enum db_status
signers_request_run(void *arg)
{
	struct signers_tx *t = arg;
	const struct signers_input *in = t->in;
	struct db_org_flags of;
	struct db_user u;
	unsigned roles = 0;
	int64_t tenant_id = 0;
	enum db_status s;

	if ((s = db_org_auth(in->org_id, in->user_id, &roles)) != DB_OK)
		return s;
	if (roles & ROLE_ORG_SIGNER)
		return signers_refuse(t, SIGNERS_ALREADY);
	if ((s = db_org_flags(in->org_id, &of)) != DB_OK || (s = db_user_by_id(in->user_id, &u)) != DB_OK)
		return s;
	s = strcmp(in->method, "email") == 0 ? signers_link(t, &of, &u) : signers_ask_tenant(t, &tenant_id);
	if (s != DB_OK)
		return s;
	return db_seclog("signer_requested", in->user_id, 0, tenant_id, in->org_id, in->remote_addr, in->method);
}

enum signers_outcome
signers_request(const struct signers_input *in, struct signers_result *out)
{
	struct signers_tx t = { .in = in, .out = out };
	return signers_run(signers_request_run, &t);
}

/* ---- confirming: the link, or the caseworker --------------------------------------------- */

/* The email to the person whose request was decided. */
static enum db_status
signers_tell(const struct db_user *u, const struct db_org_flags *of, bool confirmed, const char *note)
{
	struct buf body = { 0 };
	enum db_status s;

	if (confirmed)
		buf_printf(&body, "Hei %s,\n\nDu har nå signaturrett for %s (org.nr. %s) i Tilskuddsportalen, og kan "
		    "signere og sende inn søknader på vegne av organisasjonen.\n", u->name, of->name, of->orgnr);
	else
		buf_printf(&body, "Hei %s,\n\nForespørselen din om signaturrett for %s (org.nr. %s) er avslått.\n\n"
		    "Begrunnelse: %s\n", u->name, of->name, of->orgnr, note ? note : "");
	s = db_outbox_add(u->email, confirmed ? "Du har fått signaturrett – Tilskuddsportalen" :
	    "Forespørsel om signaturrett avslått – Tilskuddsportalen", body.data,
	    confirmed ? "signer_confirmed" : "signer_refused", 0);
	buf_free(&body);
	return s;
}

/* The organisation and the person of request r into of, u and out; SIGNERS_NOT_MEMBER when the
 * person has left it. */
static enum db_status
signers_parties(struct signers_tx *t, const struct db_signer_request *r, struct db_org_flags *of, struct db_user *u,
    unsigned *roles)
{
	enum db_status s;

	if ((s = db_org_flags(r->org_id, of)) != DB_OK || (s = db_user_by_id(r->user_id, u)) != DB_OK ||
	    (s = db_org_auth(r->org_id, r->user_id, roles)) != DB_OK)
		return s;
	t->out->org_id = r->org_id;
	utf8_copy(t->out->organisation, of->name, sizeof(t->out->organisation));
	utf8_copy(t->out->person, u->name, sizeof(t->out->person));
	return *roles == 0 ? signers_refuse(t, SIGNERS_NOT_MEMBER) : DB_OK;
}

static enum db_status
signers_confirm_run(void *arg)
{
	struct signers_tx *t = arg;
	struct db_signer_request r;
	struct register_entry ru;
	struct db_org_flags of;
	struct db_user u;
	unsigned roles = 0;
	enum db_status s = db_signer_request_by_token(t->in->token_hash, &r);

	if (s == DB_NOTFOUND)
		return signers_refuse(t, SIGNERS_BAD_TOKEN);
	if (s != DB_OK || (s = signers_parties(t, &r, &of, &u, &roles)) != DB_OK)
		return s;
	/* the link holds only while the register still gives the address it went to */
	if ((s = db_register_get(of.orgnr, &ru)) == DB_NOTFOUND || (s == DB_OK && strcmp(ru.email, r.email) != 0))
		return signers_refuse(t, SIGNERS_BAD_TOKEN);
	struct db_authority_input a = { .org_id = r.org_id, .user_id = r.user_id, .method = "register_email",
		.email = r.email };
	if (s != DB_OK || (!(roles & ROLE_ORG_SIGNER) && (s = signers_grant(&a)) != DB_OK) ||
	    (s = db_signer_request_decide(r.id, "confirmed", 0, NULL)) != DB_OK ||
	    (s = db_seclog("role_added", r.user_id, 0, 0, r.org_id, t->in->remote_addr,
	         "signer: confirmed through the register's e-mail address")) != DB_OK)
		return s;
	return signers_tell(&u, &of, true, NULL);
}

enum signers_outcome
signers_confirm(const struct signers_input *in, struct signers_result *out)
{
	struct signers_tx t = { .in = in, .out = out };
	return signers_run(signers_confirm_run, &t);
}

static enum db_status
signers_decide_run(void *arg)
{
	struct signers_tx *t = arg;
	const struct signers_input *in = t->in;
	struct db_signer_request r;
	struct db_org_flags of;
	struct db_user u;
	unsigned roles = 0;
	char detail[80];
	enum db_status s = db_signer_request_lock(in->request_id, in->tenant_id, &r);

	if (s != DB_OK)
		return s; /* another tenant's request is not found */
	if (strcmp(r.status, "pending") != 0)
		return signers_refuse(t, SIGNERS_DECIDED);
	s = signers_parties(t, &r, &of, &u, &roles);
	if (s == DB_CONFLICT && t->refusal == SIGNERS_NOT_MEMBER && !in->confirm) {
		s = DB_OK; /* a refusal may close the request of someone who has left */
		t->refusal = SIGNERS_OK;
	}
	if (s != DB_OK)
		return s;
	struct db_authority_input a = { .org_id = r.org_id, .user_id = r.user_id, .method = "caseworker",
		.checked_against = in->checked_against, .note = in->note, .by_user = in->user_id, .tenant_id = in->tenant_id };
	if (in->confirm && !(roles & ROLE_ORG_SIGNER) && (s = signers_grant(&a)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "signer: %s by a caseworker (%s)", in->confirm ? "confirmed" : "refused",
	    in->confirm ? in->checked_against : "reasons given");
	if ((s = db_signer_request_decide(r.id, in->confirm ? "confirmed" : "refused", in->user_id, in->note)) != DB_OK ||
	    (s = db_seclog(in->confirm ? "role_added" : "signer_refused", r.user_id, in->user_id, in->tenant_id, r.org_id,
	         in->remote_addr, detail)) != DB_OK)
		return s;
	return signers_tell(&u, &of, in->confirm, in->note);
}

enum signers_outcome
signers_decide(const struct signers_input *in, struct signers_result *out)
{
	struct signers_tx t = { .in = in, .out = out };
	return signers_run(signers_decide_run, &t);
}

/* ---- reads ------------------------------------------------------------------------------- */

enum svc_status
signers_list(int64_t tenant_id, bool all, struct jw *w)
{
	return svc_status_of(db_signer_requests_list(tenant_id, all, w));
}

enum db_status
signers_words(int64_t org_id, int64_t user_id, char *out, size_t len)
{
	struct db_signer_authority a;
	struct db_scheme_org o;
	struct register_authority w = { 0 };
	struct valid_datetime oslo;
	struct tm tm = { 0 };
	char date[16];
	enum db_status s = db_signer_authority_get(org_id, user_id, &a);

	if (s != DB_OK && s != DB_NOTFOUND)
		return s;
	if (s == DB_OK) {
		tm.tm_year = a.at.year - 1900;
		tm.tm_mon = a.at.month - 1;
		tm.tm_mday = a.at.day;
		tm.tm_hour = a.at.hour;
		tm.tm_min = a.at.minute;
		tm.tm_sec = a.at.second;
		rules_oslo_from_utc(timegm(&tm), &oslo);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", oslo.year, oslo.month, oslo.day);
		w = (struct register_authority){ .method = a.method, .checked_against = a.checked_against, .email = a.email,
			.by = a.by, .tenant = a.tenant, .note = a.note, .date = date };
		if ((s = db_scheme_org(org_id, &o)) != DB_OK && s != DB_NOTFOUND)
			return s;
		w.public_body = strcmp(o.kind, "municipality") == 0 || strcmp(o.kind, "county") == 0;
	}
	register_authority_words(&w, out, len);
	return DB_OK;
}

enum db_status
signers_mine(int64_t org_id, int64_t user_id, bool signer, struct jw *w)
{
	char words[REGISTER_WORDS_MAX];
	enum db_status s;

	if (signer && (s = signers_words(org_id, user_id, words, sizeof(words))) != DB_OK)
		return s;
	jw_str(w, "authority", signer ? words : NULL);
	return db_signer_pending(org_id, user_id, w, "pending");
}
