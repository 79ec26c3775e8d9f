/*
 * h_casework.c - a case after the decision, for the tenant's staff: assessment and comments,
 * the letter, payments, the first instance's handling of appeals and the appeal body's ruling,
 * the report review, change requests, closing and reclaim, and the CSV exports. Every state change
 * goes through case_next() and commits with its case log entry (and any email) in one transaction.
 * The dispatcher has checked the role in the tenant of the URL; every lock filters by that tenant.
 */
#include "api/h_casework.h"

#include "domain/csv.h"
#include "db/db_apps.h"
#include "db/db_casework.h"
#include "db/db_users.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/json.h"
#include "domain/letter.h"
#include "http/problem.h"
#include "domain/rules.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/worker.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- shared (h_casework.h) ------------------------------------------------------------------- */

void
h_refusal_send(struct http_req *req, enum h_refusal r, const char *state, const char *field, const char *detail)
{
	char msg[200];
	switch (r) {
	case REF_RECUSED:
		problem_send(req, 403, "recused", "Du har meldt deg inhabil",
		    "Den som har meldt seg inhabil i saken, kan ikke behandle den (forvaltningsloven § 6).");
		break;
	case REF_UNDECLARED:
		problem_send(req, 409, "impartiality-undeclared", "Erklær habilitet først",
		    "Erklær om du er habil i saken før du vurderer, innstiller eller vedtar.");
		break;
	case REF_FOUR_EYES:
		problem_send(req, 403, "four-eyes", "Fire øyne", "Den som innstilte i saken, kan ikke også fatte vedtaket.");
		break;
	case REF_ILLEGAL:
		snprintf(msg, sizeof(msg), "Saken har status «%s», og det kan ikke gjøres nå.", state ? state : "");
		problem_send(req, 409, "illegal-transition", "Ikke mulig i denne statusen", msg);
		break;
	case REF_AMOUNT:
		h_invalid(req, field ? field : "amount", detail && detail[0] ? detail : "Beløpet kan ikke være høyere enn søknadsbeløpet.");
		break;
	case REF_FRAME:
		problem_send(req, 409, "over-budget", "Over budsjettrammen", detail);
		break;
	case REF_FIELD:
		h_invalid(req, field ? field : "body", detail ? detail : "Ugyldig verdi.");
		break;
	case REF_NOTFOUND:
		problem_not_found(req);
		break;
	default:
		problem_internal(req);
	}
}

struct case_context
h_case_ctx(const struct db_case_lock *c)
{
	struct case_context ctx = { c->granted_amount > 0, c->terms_total, c->terms_paid };
	return ctx;
}

json_t *
h_case_actions(const char *status, const struct case_context *ctx, bool staff)
{
	static const enum case_event org[] = { EV_ACCEPT, EV_DECLINE, EV_APPEAL, EV_RECEIVE_REPORT };
	int state = case_state_parse(status);
	json_t *a = json_array();
	int e;
	size_t i;

	if (state < 0)
		return a;
	for (e = 0; e < EV__COUNT; e++) {
		bool own = false;
		for (i = 0; i < sizeof(org) / sizeof(org[0]); i++)
			own = own || org[i] == (enum case_event)e;
		/* the organisation withdraws through its own route; the reminder job makes a report due */
		if (own != !staff || e == EV_WITHDRAW || e == EV_REPORT_DUE)
			continue;
		if (case_next((enum case_state)state, (enum case_event)e, ctx) >= 0)
			json_array_append_new(a, json_string(case_event_name((enum case_event)e)));
	}
	return a;
}

void
h_case_deadlines(json_t *c, const struct db_case_times *t)
{
	char iso[32];
	if (t->letter_sent > 0) {
		time_t d = rules_appeal_deadline((time_t)t->letter_sent, (int)t->appeal_days);
		struct tm tm;
		gmtime_r(&d, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(c, "appeal_deadline", json_string(iso));
	} else {
		json_object_set_new(c, "appeal_deadline", json_null());
	}
	json_object_set_new(c, "audit_required", json_boolean(t->granted_amount > 0 &&
	    rules_audit_required(t->granted_amount, t->audit_threshold)));
}

enum db_status
h_notify_org(int64_t org_id, int64_t tenant_id, const char *subject, const char *body, const char *kind)
{
	json_t *emails = NULL, *v;
	enum db_status s;
	size_t i;

	if ((s = db_org_notify(org_id, &emails)) != DB_OK)
		return s;
	json_array_foreach(emails, i, v) {
		if ((s = db_outbox_add(json_string_value(v), subject, body, kind, tenant_id)) != DB_OK)
			break;
	}
	json_decref(emails);
	return s;
}

void
h_oslo_date(time_t t, char out[11])
{
	struct valid_datetime d;
	char tmp[48];
	rules_oslo_from_utc(t, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.year, d.month, d.day);
	utf8_copy(out, tmp, 11);
}

/* ---- the staff's actions ---------------------------------------------------------------------- */

enum h_cw_act { CW_ASSESS, CW_COMMENT, CW_LETTER, CW_PAY, CW_APPEAL, CW_REPORT, CW_CR, CW_CLOSE, CW_RECLAIM };

struct h_cw_tx {
	struct http_req *req;
	enum h_cw_act act;
	int64_t case_id, amount, term, cr_id, out_id;
	const char *outcome, *text;
	char *scores, *eligibility;     /* CW_ASSESS: JSON text (owned by the handler) */
	bool approve, has_amount;
	char base[200];
	enum h_refusal refusal;
	const char *field;
	char state[24], new_state[24], detail[200];
	json_t *letter;                 /* CW_LETTER: the letter sent (new reference) */
};

static enum db_status
h_cw_refuse(struct h_cw_tx *t, enum h_refusal r, const char *field, const char *detail)
{
	t->refusal = r;
	t->field = field;
	if (detail)
		utf8_copy(t->detail, detail, sizeof(t->detail));
	return DB_CONFLICT;
}

/* the next state, or a refusal naming the current one */
static int
h_cw_next(struct h_cw_tx *t, const struct db_case_lock *c, enum case_event ev)
{
	struct case_context ctx = h_case_ctx(c);
	int next = case_next((enum case_state)case_state_parse(c->status), ev, &ctx);
	if (next >= 0)
		utf8_copy(t->new_state, case_state_name((enum case_state)next), sizeof(t->new_state));
	return next;
}

static enum db_status
h_cw_letter(struct h_cw_tx *t, const struct db_case_lock *c)
{
	struct db_letter_facts f;
	struct letter_facts lf;
	char today[11], appeal[11], link[300], subject[TEXT_CAP(255)];
	time_t now = time(NULL);
	char *content, *text;
	enum db_status s;

	if ((s = db_letter_facts(t->case_id, &f)) != DB_OK)
		return s;
	h_oslo_date(now, today);
	h_oslo_date(rules_appeal_deadline(now, (int)c->appeal_days), appeal);
	lf = (struct letter_facts){ .granted = f.granted_amount > 0, .reference = f.reference, .date = today,
		.tenant = f.tenant, .tenant_kind = f.tenant_kind, .organisation = f.organisation, .orgnr = f.orgnr,
		.title = f.title, .summary = f.summary, .applied_amount = f.applied_amount, .amount = f.granted_amount,
		.reasons = f.reasons, .signed_by = f.signed_by, .split_threshold = c->split_threshold,
		.audit_threshold = c->audit_threshold, .call_year = (int)c->year, .report_due = c->report_due,
		.appeal_deadline = appeal, .appeal_days = (int)c->appeal_days };
	t->letter = letter_build(&lf);
	content = json_dumps(t->letter, JSON_COMPACT);
	s = db_letter_add(t->case_id, lf.granted ? "grant" : "rejection", content, t->req->user_id);
	free(content);
	if (s != DB_OK)
		return s;
	if ((s = db_case_letter_sent(t->case_id, t->new_state)) != DB_OK)
		return s;
	snprintf(link, sizeof(link), "%s/vedtak.html?id=%lld", t->base, (long long)t->case_id);
	text = letter_text(t->letter, link);
	snprintf(subject, sizeof(subject), "%s i sak %s – %s", lf.granted ? "Tilskuddsbrev" : "Vedtak", f.reference, f.tenant);
	s = h_notify_org(c->org_id, c->tenant_id, subject, text, "letter");
	free(text);
	return s;
}

static enum db_status
h_cw_run(void *arg)
{
	struct h_cw_tx *t = arg;
	struct db_case_lock c;
	char detail[200] = "";
	const char *event = NULL;
	int declared;
	enum db_status s;

	json_decref(t->letter);
	t->letter = NULL;
	if ((s = db_case_lock(t->req->tenant_id, t->case_id, &c)) != DB_OK)
		return s;
	utf8_copy(t->state, c.status, sizeof(t->state));
	utf8_copy(t->new_state, c.status, sizeof(t->new_state));
	if ((s = db_impartiality(t->case_id, t->req->user_id, &declared)) != DB_OK)
		return s;
	if (declared == 0 && t->act != CW_COMMENT)
		return h_cw_refuse(t, REF_RECUSED, NULL, NULL);

	switch (t->act) {
	case CW_ASSESS:
		if (declared < 0)
			return h_cw_refuse(t, REF_UNDECLARED, NULL, NULL);
		if (strcmp(c.status, "in_review") != 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if ((s = db_assessment_set(t->case_id, t->scores, t->eligibility, t->req->user_id)) != DB_OK)
			return s;
		event = "assessed";
		break;
	case CW_COMMENT:
		if ((s = db_comment_add(t->case_id, t->req->user_id, t->text, &t->out_id)) != DB_OK)
			return s;
		event = "comment";
		break;
	case CW_LETTER:
		if (h_cw_next(t, &c, EV_SEND_LETTER) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if ((s = h_cw_letter(t, &c)) != DB_OK)
			return s;
		event = "send_letter";
		snprintf(detail, sizeof(detail), "%s", c.granted_amount > 0 ? "tilskuddsbrev" : "avslagsbrev");
		break;
	case CW_PAY: {
		uint64_t paid = 0;
		if (h_cw_next(t, &c, EV_PAY_TERM) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if (t->term != c.terms_paid + 1) {
			snprintf(t->detail, sizeof(t->detail), t->term <= c.terms_paid ? "Termin %lld er allerede utbetalt." :
			    "Termin %lld kan ikke utbetales før termin %d.", (long long)t->term, c.terms_paid + 1);
			return h_cw_refuse(t, REF_FIELD, "term", NULL);
		}
		if ((s = db_payment_pay(t->case_id, (int)t->term, t->req->user_id, &paid)) != DB_OK)
			return s;
		if (paid != 1)
			return h_cw_refuse(t, REF_FIELD, "term", "Terminen finnes ikke i utbetalingsplanen.");
		if ((s = db_case_set_status(t->case_id, t->new_state)) != DB_OK)
			return s;
		event = "pay_term";
		snprintf(detail, sizeof(detail), "termin %lld", (long long)t->term);
		break;
	}
	case CW_APPEAL: {
		bool change = strcmp(t->outcome, "change") == 0;
		bool ministry = strcmp(c.tenant_kind, "directorate") == 0;
		int64_t appeal_id;
		if (strcmp(c.status, "appealed") != 0 || h_cw_next(t, &c, change ? EV_APPEAL_CHANGE : EV_APPEAL_FORWARD) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if ((s = db_appeal_open(t->case_id, &appeal_id)) != DB_OK)
			return s == DB_NOTFOUND ? h_cw_refuse(t, REF_ILLEGAL, NULL, NULL) : s;
		if ((s = db_appeal_handle(appeal_id, change ? "changed" : "forwarded", change ? NULL : ministry ? "ministry" : "imdi",
		         t->req->user_id, t->text)) != DB_OK)
			return s;
		s = change ? db_case_reopen(t->case_id) : db_case_set_status(t->case_id, t->new_state);
		if (s != DB_OK)
			return s;
		event = change ? "appeal_change" : "appeal_forward";
		snprintf(detail, sizeof(detail), "%s", change ? "førsteinstansen endrer vedtaket" :
		    ministry ? "oversendt departementet" : "oversendt IMDi");
		s = h_notify_org(c.org_id, c.tenant_id, "Klagen deres er behandlet – Tilskuddsportalen", change ?
		    "Klagen er tatt til følge, og saken behandles på nytt. Dere får et nytt vedtak." : ministry ?
		    "Vedtaket opprettholdes, og klagen er oversendt Arbeids- og inkluderingsdepartementet for endelig avgjørelse." :
		    "Vedtaket opprettholdes, og klagen er oversendt IMDi for endelig avgjørelse.", "appeal");
		if (s != DB_OK)
			return s;
		break;
	}
	case CW_REPORT: {
		bool approve = strcmp(t->outcome, "approve") == 0;
		if (h_cw_next(t, &c, approve ? EV_APPROVE_REPORT : EV_ASK_CHANGES) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if (t->has_amount && t->amount > c.granted_amount)
			return h_cw_refuse(t, REF_FIELD, "payback_amount", "Tilbakebetalingen kan ikke være mer enn tilskuddet.");
		if ((s = db_report_review(t->case_id, approve ? "approved" : "changes_asked", t->req->user_id, t->text,
		         t->has_amount ? t->amount : -1)) != DB_OK)
			return s;
		if ((s = db_case_set_status(t->case_id, t->new_state)) != DB_OK)
			return s;
		event = approve ? "approve_report" : "ask_changes";
		if (t->has_amount && t->amount > 0)
			snprintf(detail, sizeof(detail), "tilbakebetaling %lld kr", (long long)t->amount);
		if (!approve && (s = h_notify_org(c.org_id, c.tenant_id, "Rapporten må endres – Tilskuddsportalen", t->text,
		                      "report")) != DB_OK)
			return s;
		break;
	}
	case CW_CR: {
		uint64_t changed = 0;
		if ((s = db_cr_decide(t->cr_id, t->case_id, t->approve ? "approved" : "refused", t->req->user_id, t->text,
		         &changed)) != DB_OK)
			return s;
		if (changed != 1)
			return DB_NOTFOUND;
		event = t->approve ? "change_approved" : "change_refused";
		if ((s = h_notify_org(c.org_id, c.tenant_id, t->approve ? "Endringen er godkjent – Tilskuddsportalen" :
		         "Endringen er ikke godkjent – Tilskuddsportalen", t->text ? t->text : "", "change")) != DB_OK)
			return s;
		break;
	}
	case CW_CLOSE:
		if (h_cw_next(t, &c, EV_CLOSE) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if ((s = db_case_set_status(t->case_id, t->new_state)) != DB_OK)
			return s;
		event = "close";
		break;
	case CW_RECLAIM:
		if (h_cw_next(t, &c, EV_RECLAIM) < 0)
			return h_cw_refuse(t, REF_ILLEGAL, NULL, NULL);
		if (t->amount > c.granted_amount)
			return h_cw_refuse(t, REF_AMOUNT, "amount", "Kravet kan ikke være høyere enn tilskuddet.");
		if ((s = db_case_reclaim(t->case_id, t->new_state, t->amount)) != DB_OK)
			return s;
		event = "reclaim";
		snprintf(detail, sizeof(detail), "%lld kr", (long long)t->amount);
		if ((s = h_notify_org(c.org_id, c.tenant_id, "Krav om tilbakebetaling – Tilskuddsportalen", t->text,
		         "reclaim")) != DB_OK)
			return s;
		break;
	}
	return db_event_add(t->case_id, t->req->user_id, event, detail[0] ? detail : NULL);
}

/* Runs the action and answers: 200 {id, status} (201 with the new id for a comment). */
static void
h_cw_do(struct http_req *req, struct h_cw_tx *t)
{
	enum db_status s;

	t->req = req;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &t->case_id);
	worker_base_url(req, t->base, sizeof(t->base));
	s = db_tx(h_cw_run, t);
	if (s == DB_OK) {
		json_t *doc = json_pack("{s:I, s:s}", "id", (json_int_t)t->case_id, "status", t->new_state);
		if (t->act == CW_COMMENT)
			json_object_set_new(doc, "comment_id", json_integer(t->out_id));
		if (t->letter)
			json_object_set_new(doc, "letter", json_incref(t->letter));
		json_send(req, t->act == CW_COMMENT ? 201 : 200, doc);
	} else if (s == DB_CONFLICT && t->refusal != REF_NONE) {
		h_refusal_send(req, t->refusal, t->state, t->field, t->detail);
	} else {
		h_db_error(req, s);
	}
	json_decref(t->letter);
	t->letter = NULL;
}

/* PUT .../assessment {scores: [{criterion, score}], eligibility: {volunteer_register, location, not_excluded}} */
void
h_case_assess(struct http_req *req)
{
	static const char *const checks[] = { "volunteer_register", "location", "not_excluded", NULL };
	struct h_cw_tx t = { .act = CW_ASSESS };
	struct h_errors e = { .n = 0 };
	json_t *doc, *scores, *elig, *criteria = NULL, *v;
	const char *key;
	size_t i, j;

	if ((doc = json_parse_object(req->body.data, req->body.len)) == NULL) {
		problem_send(req, 400, "malformed-json", "Ugyldig JSON", "Innholdet må være et JSON-objekt.");
		return;
	}
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &t.case_id);
	/* another tenant's case has no criteria here; the lock in the transaction answers 404 for it */
	if (db_case_criteria(t.case_id, &criteria) != DB_OK)
		criteria = json_array();
	json_object_foreach(doc, key, v) {
		if (strcmp(key, "scores") != 0 && strcmp(key, "eligibility") != 0)
			h_errors_add(&e, "Ukjent felt.", "%s", key);
	}
	scores = json_object_get(doc, "scores");
	elig = json_object_get(doc, "eligibility");
	if (!json_is_array(scores) || json_array_size(scores) > 50) {
		h_errors_add(&e, "Oppgi en liste med kriterier og poeng (høyst 50).", "scores");
	} else {
		json_array_foreach(scores, i, v) {
			const char *crit = json_string_value(json_object_get(v, "criterion"));
			json_t *score = json_object_get(v, "score");
			bool known = false;
			for (j = 0; crit && j < json_array_size(criteria); j++) {
				const char *c = json_string_value(json_array_get(criteria, j));
				known = known || (c && strcmp(crit, c) == 0);
			}
			if (!json_is_object(v) || json_object_size(v) != 2 || !known)
				h_errors_add(&e, "Kriteriet må være ett av utlysningens kriterier.", "scores[%zu].criterion", i);
			if (!json_is_null(score) && (!json_is_integer(score) || json_integer_value(score) < 0 ||
			                                json_integer_value(score) > 5))
				h_errors_add(&e, "Poeng er 0 til 5, eller null for «ikke relevant».", "scores[%zu].score", i);
		}
	}
	if (!json_is_object(elig) || json_object_size(elig) != 3) {
		h_errors_add(&e, "Oppgi volunteer_register, location og not_excluded som true eller false.", "eligibility");
	} else {
		for (i = 0; checks[i]; i++)
			if (!json_is_boolean(json_object_get(elig, checks[i])))
				h_errors_add(&e, "Oppgi true eller false.", "eligibility.%s", checks[i]);
	}
	if (h_errors_send(req, &e, "Vurderingen er ikke gyldig") == 0) {
		t.scores = json_dumps(scores, JSON_COMPACT);
		t.eligibility = json_dumps(elig, JSON_COMPACT);
		h_cw_do(req, &t);
		free(t.scores);
		free(t.eligibility);
	}
	json_decref(criteria);
	json_decref(doc);
}

void
h_case_comment(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_COMMENT };
	struct h_field f[] = { { .name = "body", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.text } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	h_cw_do(req, &t);
	json_decref(doc);
}

/* for the actions that take an empty object */
static void
h_cw_empty(struct http_req *req, enum h_cw_act act)
{
	struct h_cw_tx t = { .act = act };
	json_t *doc = NULL;
	if (req->body.len > 0 && (doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	h_cw_do(req, &t);
	json_decref(doc);
}

void
h_case_letter(struct http_req *req)
{
	h_cw_empty(req, CW_LETTER);
}

void
h_case_close(struct http_req *req)
{
	h_cw_empty(req, CW_CLOSE);
}

void
h_case_pay(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_PAY };
	struct h_field f[] = { { .name = "term", .type = H_INT, .required = true, .min = 1, .max = 2, .i = &t.term } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	h_cw_do(req, &t);
	json_decref(doc);
}

void
h_case_appeal_decision(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_APPEAL };
	struct h_field f[] = {
		{ .name = "outcome", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &t.outcome },
		{ .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (strcmp(t.outcome, "change") != 0 && strcmp(t.outcome, "forward") != 0)
		h_invalid(req, "outcome", "Velg change (endre vedtaket) eller forward (opprettholde og sende klagen videre).");
	else
		h_cw_do(req, &t);
	json_decref(doc);
}

void
h_case_report_review(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_REPORT };
	struct h_field f[] = {
		{ .name = "outcome", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &t.outcome },
		{ .name = "comment", .type = H_STR, .min = 0, .max = 4000, .s = &t.text },
		{ .name = "payback_amount", .type = H_INT, .min = 0, .max = VALID_AMOUNT_MAX, .i = &t.amount },
	};
	json_t *doc;
	f[2].present = &t.has_amount;
	if ((doc = h_json_body(req, f, 3)) == NULL)
		return;
	if (strcmp(t.outcome, "approve") != 0 && strcmp(t.outcome, "changes") != 0)
		h_invalid(req, "outcome", "Velg approve (godkjenn) eller changes (be om endringer).");
	else if (strcmp(t.outcome, "changes") == 0 && (t.text == NULL || t.text[0] == '\0'))
		h_invalid(req, "comment", "Skriv hva som må endres.");
	else
		h_cw_do(req, &t);
	json_decref(doc);
}

void
h_case_change_decide(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_CR };
	struct h_field f[] = {
		{ .name = "approve", .type = H_BOOL, .required = true, .b = &t.approve },
		{ .name = "response", .type = H_STR, .min = 0, .max = 4000, .s = &t.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	valid_int64(router_param(&req->params, "cr_id"), 1, INT64_MAX, &t.cr_id);
	if (!t.approve && (t.text == NULL || t.text[0] == '\0'))
		h_invalid(req, "response", "Begrunn hvorfor endringen ikke godkjennes.");
	else
		h_cw_do(req, &t);
	json_decref(doc);
}

void
h_case_reclaim(struct http_req *req)
{
	struct h_cw_tx t = { .act = CW_RECLAIM };
	struct h_field f[] = {
		{ .name = "amount", .type = H_INT, .required = true, .min = 1, .max = VALID_AMOUNT_MAX, .i = &t.amount },
		{ .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	h_cw_do(req, &t);
	json_decref(doc);
}

/* ---- the appeal body's ruling (IMDi) ---------------------------------------------------------- */

struct h_rule_tx {
	struct http_req *req;
	int64_t appeal_id, case_id;
	const char *outcome, *reasons;
	enum h_refusal refusal;
	char state[24], new_state[24];
};

static enum db_status
h_rule_run(void *arg)
{
	struct h_rule_tx *t = arg;
	struct db_appeal_lock a;
	struct db_case_lock c;
	struct case_context ctx;
	char kind[16];
	bool change = strcmp(t->outcome, "change") == 0;
	int next;
	enum db_status s;

	if ((s = db_tenant_kind(t->req->tenant_id, kind)) != DB_OK || (s = db_appeal_lock(t->appeal_id, &a)) != DB_OK)
		return s;
	/* IMDi rules on municipal appeals forwarded to it, and records the ministry's ruling on its own */
	if (strcmp(a.body, "imdi") == 0 ? strcmp(kind, "directorate") != 0 :
	    strcmp(a.body, "ministry") != 0 || a.tenant_id != t->req->tenant_id)
		return DB_NOTFOUND;
	if ((s = db_case_lock(0, a.case_id, &c)) != DB_OK)
		return s;
	t->case_id = a.case_id;
	utf8_copy(t->state, c.status, sizeof(t->state));
	ctx = h_case_ctx(&c);
	if (strcmp(a.status, "forwarded") != 0 ||
	    (next = case_next((enum case_state)case_state_parse(c.status), change ? EV_APPEAL_CHANGE : EV_APPEAL_UPHOLD,
	         &ctx)) < 0) {
		t->refusal = REF_ILLEGAL;
		return DB_CONFLICT;
	}
	utf8_copy(t->new_state, case_state_name((enum case_state)next), sizeof(t->new_state));
	if ((s = db_appeal_rule(t->appeal_id, change ? "reversed" : "upheld", t->req->user_id, t->reasons)) != DB_OK)
		return s;
	if ((s = change ? db_case_reopen(a.case_id) : db_case_set_status(a.case_id, t->new_state)) != DB_OK)
		return s;
	if ((s = db_event_add(a.case_id, t->req->user_id, change ? "appeal_change" : "appeal_uphold",
	         strcmp(a.body, "imdi") == 0 ? "klageinstansen IMDi" : "departementet")) != DB_OK)
		return s;
	return h_notify_org(c.org_id, c.tenant_id, "Klagen deres er avgjort – Tilskuddsportalen", change ?
	    "Klageinstansen har opphevet vedtaket. Saken behandles på nytt, og dere får et nytt vedtak." :
	    "Klageinstansen har opprettholdt vedtaket. Avgjørelsen er endelig.", "appeal");
}

void
h_appeal_ruling(struct http_req *req)
{
	struct h_rule_tx t = { .req = req };
	struct h_field f[] = {
		{ .name = "outcome", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &t.outcome },
		{ .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.reasons },
	};
	json_t *doc;
	enum db_status s;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	valid_int64(router_param(&req->params, "appeal_id"), 1, INT64_MAX, &t.appeal_id);
	if (strcmp(t.outcome, "uphold") != 0 && strcmp(t.outcome, "change") != 0) {
		h_invalid(req, "outcome", "Velg uphold (opprettholde) eller change (oppheve vedtaket).");
	} else if ((s = db_tx(h_rule_run, &t)) == DB_OK) {
		json_send(req, 200, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)t.appeal_id, "application_id",
		    (json_int_t)t.case_id, "status", t.new_state));
	} else if (s == DB_CONFLICT && t.refusal != REF_NONE) {
		h_refusal_send(req, t.refusal, t.state, NULL, NULL);
	} else {
		h_db_error(req, s);
	}
	json_decref(doc);
}

/* ---- lists and exports ------------------------------------------------------------------------ */

void
h_appeals_list(struct http_req *req)
{
	static const char *const allowed[] = { "status", NULL };
	struct query q;
	char kind[16];
	const char *v;
	json_t *items = NULL;
	enum db_status s;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((v = query_get(&q, "status")) && strcmp(v, "open") != 0 && strcmp(v, "all") != 0) {
		problem_bad_param(req, "status", "Oppgi open eller all.");
		return;
	}
	if ((s = db_tenant_kind(req->tenant_id, kind)) == DB_OK)
		s = db_appeals_tenant(req->tenant_id, strcmp(kind, "directorate") == 0, v == NULL || strcmp(v, "open") == 0, &items);
	h_send_items(req, s, items);
}

static int
h_payments_which(struct http_req *req)
{
	static const char *const allowed[] = { "status", NULL };
	struct query q;
	const char *v;
	if (h_parse_query(req, &q, allowed) != 0)
		return -1;
	v = query_get(&q, "status");
	if (v == NULL || strcmp(v, "due") == 0)
		return 1;
	if (strcmp(v, "paid") == 0)
		return 2;
	if (strcmp(v, "all") == 0)
		return 0;
	problem_bad_param(req, "status", "Oppgi due, paid eller all.");
	return -1;
}

void
h_payments_list(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status s;
	int which = h_payments_which(req);
	if (which < 0)
		return;
	s = db_payments_tenant(req->tenant_id, which, &items); /* before items is read */
	h_send_items(req, s, items);
}

void
h_payments_csv(struct http_req *req)
{
	static const char *const head[] = { "Saksnummer", "Organisasjon", "Organisasjonsnummer", "Termin", "Beløp",
		"Forfall", "Utbetalt", NULL };
	struct buf b = { 0 };
	json_t *items = NULL, *v;
	int which = h_payments_which(req);
	enum db_status s;
	size_t i;

	if (which < 0)
		return;
	if ((s = db_payments_tenant(req->tenant_id, which, &items)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	csv_begin(&b);
	for (i = 0; head[i]; i++)
		csv_text(&b, head[i]);
	csv_end_row(&b);
	json_array_foreach(items, i, v) {
		csv_text(&b, json_string_value(json_object_get(v, "reference")));
		csv_text(&b, json_string_value(json_object_get(v, "organisation")));
		csv_text(&b, json_string_value(json_object_get(v, "orgnr")));
		csv_int(&b, json_integer_value(json_object_get(v, "term")));
		csv_int(&b, json_integer_value(json_object_get(v, "amount")));
		csv_text(&b, json_string_value(json_object_get(v, "due_date")));
		csv_text(&b, json_string_value(json_object_get(v, "paid_at")));
		csv_end_row(&b);
	}
	h_send_csv(req, &b, "utbetalinger.csv");
	buf_free(&b);
	json_decref(items);
}

void
h_case_log_csv(struct http_req *req)
{
	struct buf b = { 0 };
	json_t *c = NULL, *v;
	int64_t id = 0;
	enum db_status s;
	char name[64];
	size_t i;

	if (h_no_query(req) != 0)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	if ((s = db_case_get(req->tenant_id, id, &c)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	csv_begin(&b);
	csv_text(&b, "Tidspunkt (UTC)");
	csv_text(&b, "Hendelse");
	csv_text(&b, "Utført av");
	csv_text(&b, "Detaljer");
	csv_end_row(&b);
	json_array_foreach(json_object_get(c, "log"), i, v) {
		csv_text(&b, json_string_value(json_object_get(v, "at")));
		csv_text(&b, json_string_value(json_object_get(v, "event")));
		csv_text(&b, json_string_value(json_object_get(v, "by")));
		csv_text(&b, json_string_value(json_object_get(v, "detail")));
		csv_end_row(&b);
	}
	snprintf(name, sizeof(name), "sakslogg-%s.csv", json_string_value(json_object_get(c, "reference")) ?
	    json_string_value(json_object_get(c, "reference")) : "sak");
	h_send_csv(req, &b, name);
	buf_free(&b);
	json_decref(c);
}
