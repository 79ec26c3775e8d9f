/*
 * h_casework.c - a case after the decision, for the tenant's staff: assessment and comments,
 * the letter, payments, the first instance's handling of appeals and the appeal body's ruling,
 * the report review, change requests, closing and reclaim, and the CSV exports. Each handler
 * parses the request into a step's input, runs the step (svc/case_steps.c) and renders the
 * outcome. The dispatcher has checked the role in the tenant of the URL.
 */
#include "api/h_casework.h"

#include "domain/csv.h"
#include "svc/case_views.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/json.h"
#include "http/problem.h"
#include "core/jw.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared (h_casework.h) ------------------------------------------------------------------- */

void
h_case_outcome_send(struct http_req *req, enum case_outcome o)
{
	switch (o) {
	case CO_NOT_FOUND:
		problem_not_found(req);
		break;
	case CO_FORBIDDEN:
		problem_send(req, 403, "forbidden", "Du har ikke tilgang",
		    "Rollen din her gir ikke tilgang til dette. Spør en administrator.");
		break;
	case CO_CONFLICT:
		problem_send(req, 409, "conflict", "Konflikt", "Endringen kolliderte med en annen. Prøv igjen.");
		break;
	case CO_UNAVAILABLE:
		problem_unavailable(req);
		break;
	case CO_KEY_REUSED:
		h_idem_reused(req);
		break;
	default:
		problem_internal(req);
		break;
	}
}

void
h_case_jw_send(struct http_req *req, enum case_outcome o, struct jw *w, struct buf *b, int levels)
{
	if (o == CO_OK) {
		while (levels-- > 0)
			jw_end(w);
		jw_send(req, 200, "application/json", w);
	} else {
		h_case_outcome_send(req, o);
	}
	buf_free(b);
}

/* the 422 on the field at fault */
static void
h_case_invalid_send(struct http_req *req, const struct case_step_result *r)
{
	char msg[200];
	switch (r->invalid) {
	case INV_OVER_APPLIED:
		snprintf(msg, sizeof(msg), "Beløpet kan ikke være høyere enn søknadsbeløpet.");
		break;
	case INV_GRANT_NOT_APPLIED:
		snprintf(msg, sizeof(msg), "Et fullt tilskudd er lik søknadsbeløpet; bruk grant_partly for mindre.");
		break;
	case INV_TERM_PAID:
		snprintf(msg, sizeof(msg), "Termin %lld er allerede utbetalt.", (long long)r->term);
		break;
	case INV_TERM_EARLY:
		snprintf(msg, sizeof(msg), "Termin %lld kan ikke utbetales før termin %lld.", (long long)r->term,
		    (long long)r->next_term);
		break;
	case INV_TERM_UNKNOWN:
		snprintf(msg, sizeof(msg), "Terminen finnes ikke i utbetalingsplanen.");
		break;
	case INV_PAYBACK_OVER_GRANT:
		snprintf(msg, sizeof(msg), "Tilbakebetalingen kan ikke være mer enn tilskuddet.");
		break;
	case INV_RECLAIM_OVER_GRANT:
		snprintf(msg, sizeof(msg), "Kravet kan ikke være høyere enn tilskuddet.");
		break;
	case INV_AUDIT_MISSING:
		h_invalid(req, "audited_accounts", "Tilskudd på 100 000 kroner eller mer krever regnskap attestert av "
		    "statsautorisert eller registrert revisor. Last det opp som vedlegg (audited_accounts) før du sender "
		    "rapporten.");
		return;
	case INV_NOT_CASEWORKER:
		snprintf(msg, sizeof(msg), "Personen er ikke saksbehandler hos denne forvalteren.");
		break;
	default:
		snprintf(msg, sizeof(msg), "Ugyldig verdi.");
		break;
	}
	h_invalid(req, r->field ? r->field : "body", msg);
}

void
h_case_refusal_send(struct http_req *req, const struct case_step_result *r)
{
	char msg[200];
	switch (r->outcome) {
	case CO_RECUSED:
		problem_send(req, 403, "recused", "Du har meldt deg inhabil",
		    "Den som har meldt seg inhabil i saken, kan ikke behandle den (forvaltningsloven § 6).");
		break;
	case CO_UNDECLARED:
		problem_send(req, 409, "impartiality-undeclared", "Erklær habilitet først",
		    "Erklær om du er habil i saken før du vurderer, innstiller eller vedtar.");
		break;
	case CO_FOUR_EYES:
		problem_send(req, 403, "four-eyes", "Fire øyne", "Den som innstilte i saken, kan ikke også fatte vedtaket.");
		break;
	case CO_WRONG_STATE:
		snprintf(msg, sizeof(msg), "Saken har status «%s», og det kan ikke gjøres nå.",
		    r->draft ? "draft" : case_state_name(r->state));
		problem_send(req, 409, "illegal-transition", "Ikke mulig i denne statusen", msg);
		break;
	case CO_INVALID:
		h_case_invalid_send(req, r);
		break;
	case CO_FRAME_EXCEEDED:
		if (r->sub_goal)
			snprintf(msg, sizeof(msg), "Vedtaket ville gått %lld kr over det delmål %c har igjen: det som er "
			    "øremerket delmålet, og den frie delen av rammen.", (long long)r->over, r->sub_goal);
		else if (r->reserved)
			snprintf(msg, sizeof(msg), "Vedtaket ville gått %lld kr over den frie delen av rammen. Resten er "
			    "øremerket andre delmål.", (long long)r->over);
		else
			snprintf(msg, sizeof(msg), "Vedtaket ville gått %lld kr over utlysningens ramme.", (long long)r->over);
		problem_send(req, 409, "over-budget", "Over budsjettrammen", msg);
		break;
	case CO_NOT_APPEALABLE:
		problem_send(req, 409, "not-appealable", "Vedtaket kan ikke påklages",
		    "I denne ordningen kan vedtak om tilskudd eller avslag ikke påklages (forvaltningsloven § 3 første ledd "
		    "og § 28). En avvisning og en reaksjon som tilbakebetaling kan påklages.");
		break;
	default:
		h_case_outcome_send(req, r->outcome);
	}
}

/* ---- the staff's steps ------------------------------------------------------------------------ */

/* Runs the step on the case of the URL and answers: 200 {id, status} (201 with the new id for a
 * comment, and the letter sent with a letter; 200 for a repeat under the same Idempotency-Key). */
static void
h_cw_do(struct http_req *req, struct case_step_input *in)
{
	struct case_step_result r;
	struct idem key;
	char base[200];
	json_t *doc;

	if (h_idem(req, &key) != 0)
		return;
	in->idem = &key;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &in->case_id);
	worker_base_url(req, base, sizeof(base));
	in->tenant_id = req->tenant_id;
	in->user_id = req->user_id;
	in->roles = req->tenant_roles;
	in->base_url = base;
	case_step_run(in, &r);
	if (r.outcome != CO_OK) {
		h_case_refusal_send(req, &r);
		case_step_result_free(&r);
		return;
	}
	doc = json_pack("{s:I, s:s}", "id", (json_int_t)r.case_id, "status", case_state_name(r.state));
	if (in->step == STEP_COMMENT)
		json_object_set_new(doc, "comment_id", json_integer(r.new_id));
	if (r.letter)
		json_object_set_new(doc, "letter", json_incref(r.letter));
	json_send(req, in->step == STEP_COMMENT && !r.replayed ? 201 : 200, doc);
	case_step_result_free(&r);
}

/* the assessment's criteria (its shape is checked already, at most H_SCORES_MAX): each one of the
 * call's */
#define H_SCORES_MAX 50
static void
h_assess_criteria(struct h_errors *e, int64_t case_id, const json_t *scores)
{
	const char *names[H_SCORES_MAX];
	bool known[H_SCORES_MAX];
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(scores, i, v) {
		if (n < H_SCORES_MAX)
			names[n++] = json_string_value(json_object_get(v, "criterion"));
	}
	/* another tenant's case: the lock in the step answers 404 for it */
	case_criteria_known(case_id, names, n, known);
	for (i = 0; i < n; i++)
		if (!known[i])
			h_errors_add(e, "Kriteriet må være ett av utlysningens kriterier.", "scores[%zu].criterion", i);
}

/* PUT .../assessment {scores: [{criterion, score}], eligibility: {volunteer_register, location, not_excluded}} */
void
h_case_assess(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_ASSESS };
	struct h_errors e = { .n = 0 };
	json_t *doc, *scores;
	char *scores_text, *elig_text;
	int64_t id = 0;

	if ((doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	scores = json_object_get(doc, "scores");
	h_assess_criteria(&e, id, scores);
	if (h_errors_send(req, &e, "Vurderingen er ikke gyldig") == 0) {
		in.scores = scores_text = json_dumps(scores, JSON_COMPACT);
		in.eligibility = elig_text = json_dumps(json_object_get(doc, "eligibility"), JSON_COMPACT);
		h_cw_do(req, &in);
		free(scores_text);
		free(elig_text);
	}
	json_decref(doc);
}

void
h_case_comment(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_COMMENT };
	struct h_field f[] = { H_FIELD(comment, body, .s = &in.text) };
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	h_cw_do(req, &in);
	json_decref(doc);
}

/* for the steps that take an empty object */
static void
h_cw_empty(struct http_req *req, enum case_step_id step)
{
	struct case_step_input in = { .step = step };
	json_t *doc = NULL;
	if (req->body.len > 0 && (doc = h_json_body(req, NULL, 0)) == NULL)
		return;
	h_cw_do(req, &in);
	json_decref(doc);
}

void
h_case_letter(struct http_req *req)
{
	h_cw_empty(req, STEP_SEND_LETTER);
}

void
h_case_close(struct http_req *req)
{
	h_cw_empty(req, STEP_CLOSE);
}

void
h_case_pay(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_PAY_TERM };
	struct h_field f[] = { H_FIELD(payTerm, term, .i = &in.term) };
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	h_cw_do(req, &in);
	json_decref(doc);
}

void
h_case_appeal_decision(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_APPEAL_CHANGE };
	const char *outcome = NULL;
	struct h_field f[] = {
		H_FIELD(appealDecision, outcome, .s = &outcome),
		H_FIELD(appealDecision, reasons, .s = &in.text),
	};
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	in.step = strcmp(outcome, "change") == 0 ? STEP_APPEAL_CHANGE : STEP_APPEAL_FORWARD;
	h_cw_do(req, &in);
	json_decref(doc);
}

void
h_case_report_review(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_APPROVE_REPORT };
	const char *outcome = NULL;
	struct h_field f[] = {
		H_FIELD(reviewReport, outcome, .s = &outcome),
		H_FIELD(reviewReport, comment, .s = &in.text),
		H_FIELD(reviewReport, payback_amount, .i = &in.amount),
	};
	json_t *doc;
	f[2].present = &in.has_amount;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	if (strcmp(outcome, "changes") == 0 && (in.text == NULL || in.text[0] == '\0')) {
		h_invalid(req, "comment", "Skriv hva som må endres.");
	} else {
		in.step = strcmp(outcome, "approve") == 0 ? STEP_APPROVE_REPORT : STEP_ASK_CHANGES;
		h_cw_do(req, &in);
	}
	json_decref(doc);
}

void
h_case_change_decide(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_CHANGE_APPROVE };
	bool approve = false;
	struct h_field f[] = {
		H_FIELD(decideChange, approve, .b = &approve),
		H_FIELD(decideChange, response, .s = &in.text),
	};
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "cr_id"), 1, INT64_MAX, &in.cr_id);
	if (!approve && (in.text == NULL || in.text[0] == '\0')) {
		h_invalid(req, "response", "Begrunn hvorfor endringen ikke godkjennes.");
	} else {
		in.step = approve ? STEP_CHANGE_APPROVE : STEP_CHANGE_REFUSE;
		h_cw_do(req, &in);
	}
	json_decref(doc);
}

void
h_case_reclaim(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_RECLAIM };
	struct h_field f[] = {
		H_FIELD(reclaim, amount, .i = &in.amount),
		H_FIELD(reclaim, reasons, .s = &in.text),
	};
	json_t *doc;
	if ((doc = H_BODY(req, f)) == NULL)
		return;
	h_cw_do(req, &in);
	json_decref(doc);
}

/* ---- the appeal body's ruling (IMDi) ---------------------------------------------------------- */

void
h_appeal_ruling(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_RULING_UPHOLD, .tenant_id = req->tenant_id, .user_id = req->user_id,
		.roles = req->tenant_roles };
	struct case_step_result r;
	const char *outcome = NULL;
	struct h_field f[] = {
		H_FIELD(appealRuling, outcome, .s = &outcome),
		H_FIELD(appealRuling, reasons, .s = &in.text),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "appeal_id"), 1, INT64_MAX, &in.appeal_id);
	in.step = strcmp(outcome, "change") == 0 ? STEP_RULING_CHANGE : STEP_RULING_UPHOLD;
	case_step_run(&in, &r);
	if (r.outcome == CO_OK)
		json_send(req, 200, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)in.appeal_id, "application_id",
		    (json_int_t)r.case_id, "status", case_state_name(r.state)));
	else
		h_case_refusal_send(req, &r);
	case_step_result_free(&r);
	json_decref(doc);
}

/* ---- lists and exports ------------------------------------------------------------------------ */

void
h_appeals_list(struct http_req *req)
{
	const char *v = params_get(req, "status");
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_case_jw_send(req, case_appeals(req->tenant_id, v == NULL || strcmp(v, "open") == 0, &w), &w, &b, 2);
}

/* Which payments the status parameter asks for (due when not given; checked by the dispatcher). */
static enum case_payments_which
h_payments_which(const struct http_req *req)
{
	const char *v = params_get(req, "status");

	if (v && strcmp(v, "paid") == 0)
		return CASE_PAYMENTS_PAID;
	return v && strcmp(v, "all") == 0 ? CASE_PAYMENTS_ALL : CASE_PAYMENTS_DUE;
}

void
h_payments_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_case_jw_send(req, case_payments(req->tenant_id, h_payments_which(req), &w), &w, &b, 2);
}

/* a CSV row of texts */
static void
h_csv_row(struct buf *b, const char *const *cells, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		csv_text(b, cells[i]);
	csv_end_row(b);
}

static int
h_payment_csv_row(void *arg, const struct case_payment *p)
{
	struct buf *b = arg;
	csv_text(b, p->reference);
	csv_text(b, p->organisation);
	csv_text(b, p->orgnr);
	csv_int(b, p->term);
	csv_int(b, p->amount);
	csv_text(b, p->due_date);
	csv_text(b, p->paid_at);
	csv_end_row(b);
	return 0;
}

void
h_payments_csv(struct http_req *req)
{
	static const char *const head[] = { "Saksnummer", "Organisasjon", "Organisasjonsnummer", "Termin", "Beløp",
		"Forfall", "Utbetalt" };
	struct buf b = { 0 };
	enum case_outcome o;

	csv_begin(&b);
	h_csv_row(&b, head, sizeof(head) / sizeof(head[0]));
	if ((o = case_payments_each(req->tenant_id, h_payments_which(req), h_payment_csv_row, &b)) != CO_OK)
		h_case_outcome_send(req, o);
	else
		h_send_csv(req, &b, "utbetalinger.csv");
	buf_free(&b);
}

static int
h_log_csv_row(void *arg, const struct case_log_entry *e)
{
	const char *cells[] = { e->at, e->event, e->by, e->detail };
	h_csv_row(arg, cells, sizeof(cells) / sizeof(cells[0]));
	return 0;
}

void
h_case_log_csv(struct http_req *req)
{
	static const char *const head[] = { "Tidspunkt (UTC)", "Hendelse", "Utført av", "Detaljer" };
	char reference[CASE_REFERENCE_CAP], name[CASE_REFERENCE_CAP + 16];
	struct buf b = { 0 };
	int64_t id = 0;
	enum case_outcome o;

	valid_int64(router_param(&req->params, "app_id"), 1, INT64_MAX, &id);
	csv_begin(&b);
	h_csv_row(&b, head, sizeof(head) / sizeof(head[0]));
	if ((o = case_log(req->tenant_id, id, reference, h_log_csv_row, &b)) != CO_OK) {
		h_case_outcome_send(req, o);
	} else {
		snprintf(name, sizeof(name), "sakslogg-%s.csv", reference[0] ? reference : "sak");
		h_send_csv(req, &b, name);
	}
	buf_free(&b);
}
