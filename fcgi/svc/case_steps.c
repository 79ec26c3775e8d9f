/*
 * case_steps.c - the table of case steps and the driver that runs one (see case_steps.h).
 */
#include "svc/case_steps.h"
#include "svc/idem_db.h"

#include "svc/case_db.h"
#include "db/db.h"
#include "db/db_apps.h"
#include "db/db_cases.h"
#include "db/db_casework.h"
#include "db/db_schemes.h"
#include "db/db_users.h"
#include "domain/letter.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* who handles cases (a tenant admin administers, and does not handle cases) */
#define STAFF_HANDLERS (ROLE_CASEWORKER | ROLE_DECISION_MAKER)
#define STAFF_ANY (ROLE_CASEWORKER | ROLE_DECISION_MAKER | ROLE_TENANT_ADMIN)
#define ORG_WRITERS (ROLE_ORG_ADMIN | ROLE_ORG_SIGNER | ROLE_ORG_EDITOR)

/* One step being run: the locked case and what the guard and effect work out. */
struct case_run {
	const struct case_step *step;
	const struct case_step_input *in;
	struct case_step_result *out;
	struct db_case_lock c;
	struct db_appeal_lock appeal;   /* the rulings: the appeal locked; the first instance: its id */
	int64_t appeal_id;
	enum case_state state;          /* the state when locked */
	enum case_state next;           /* the state after the step */
	time_t now;
	enum db_status db;              /* a db failure that ends the transaction (DB_OK: none) */
	bool refused;                   /* the step was refused (out->outcome says why) */
	char detail[200];               /* the case-log detail ("" = none) */
	const char *mail_body;          /* NOTIFY_*: set by the effect (NULL: the input's text) */
	char *mail_owned;               /* freed after the notification */
	char subject[TEXT_CAP(255)];    /* NOTIFY_LETTER: set by the effect */
};

enum case_outcome
case_outcome_of(enum db_status s)
{
	switch (s) {
	case DB_OK:
		return CO_OK;
	case DB_NOTFOUND:
		return CO_NOT_FOUND;
	case DB_CONFLICT:
	case DB_RETRY:
		return CO_CONFLICT;
	case DB_UNAVAILABLE:
		return CO_UNAVAILABLE;
	default:
		return CO_ERROR;
	}
}

/* Ends the step on a db failure: the status goes back to db_tx (which retries a DB_RETRY). */
static enum case_outcome
case_db(struct case_run *r, enum db_status s)
{
	r->db = s;
	return case_outcome_of(s);
}

#define TRY(r, expr)                                   \
	do {                                           \
		enum db_status try_s_ = (expr);        \
		if (try_s_ != DB_OK)                   \
			return case_db((r), try_s_);   \
	} while (0)

static enum case_outcome
case_invalid(struct case_run *r, const char *field, enum case_invalid why)
{
	r->out->field = field;
	r->out->invalid = why;
	return CO_INVALID;
}

static const char *
case_next_name(const struct case_run *r)
{
	return case_state_name(r->next);
}

/* The Oslo date of t as YYYY-MM-DD into out[11]. */
static void
case_oslo_date(time_t t, char out[11])
{
	struct valid_datetime d;
	char tmp[48];
	rules_oslo_from_utc(t, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.year, d.month, d.day);
	utf8_copy(out, tmp, 11);
}

/* Queues an email to the organisation's admins and signers (inside the step's transaction). */
static enum db_status
case_notify_org(int64_t org_id, int64_t tenant_id, const char *subject, const char *body, const char *kind)
{
	struct db_notify to[DB_NOTIFY_MAX];
	enum db_status s;
	size_t n = 0, i;

	if ((s = db_org_notify(org_id, to, &n)) != DB_OK)
		return s;
	for (i = 0; i < n && s == DB_OK; i++)
		s = db_outbox_add(to[i].email, subject, body, kind, tenant_id);
	return s;
}

/* ---- guards: the rules beyond the state machine ---------------------------------------------- */

static enum case_outcome
guard_not_over_applied(struct case_run *r)
{
	return r->in->amount > r->c.applied_amount ? case_invalid(r, "amount", INV_OVER_APPLIED) : CO_OK;
}

/* what the grant may use of the call's frame: its earmark's reservation and the free part
 * (domain/budget.h, the arithmetic the budget page shows), under the call's row lock */
static enum case_outcome
guard_frame(struct case_run *r)
{
	struct budget b;
	int mark;
	int64_t over;

	TRY(r, db_call_budget_lock(r->c.call_id, &b));
	if ((over = budget_overrun(&b, r->c.sub_goals, r->in->amount, &mark)) > 0) {
		r->out->over = over;
		r->out->sub_goal = mark >= 0 ? b.marks[mark].goal : 0;
		r->out->reserved = b.n_marks > 0;
		return CO_FRAME_EXCEEDED;
	}
	return CO_OK;
}

static enum case_outcome
guard_grant(struct case_run *r)
{
	enum case_outcome o = guard_not_over_applied(r);
	if (o != CO_OK)
		return o;
	if (r->in->amount != r->c.applied_amount)
		return case_invalid(r, "amount", INV_GRANT_NOT_APPLIED);
	return guard_frame(r);
}

static enum case_outcome
guard_grant_partly(struct case_run *r)
{
	enum case_outcome o = guard_not_over_applied(r);
	return o != CO_OK ? o : guard_frame(r);
}

/* terms are paid in order, each once */
static enum case_outcome
guard_term(struct case_run *r)
{
	if (r->in->term == r->c.terms_paid + 1)
		return CO_OK;
	r->out->term = r->in->term;
	r->out->next_term = r->c.terms_paid + 1;
	return case_invalid(r, "term", r->in->term <= r->c.terms_paid ? INV_TERM_PAID : INV_TERM_EARLY);
}

/* the first instance handles an appeal waiting for it, on an appealed case */
static enum case_outcome
guard_appeal_open(struct case_run *r)
{
	enum db_status s;
	if (r->state != CASE_APPEALED)
		return CO_WRONG_STATE;
	if ((s = db_appeal_open(r->in->case_id, &r->appeal_id)) == DB_NOTFOUND)
		return CO_WRONG_STATE;
	TRY(r, s);
	return CO_OK;
}

/* the appeal body rules on an appeal forwarded to it */
static enum case_outcome
guard_appeal_forwarded(struct case_run *r)
{
	return appeal_status_parse(r->appeal.status) == APPEAL_FORWARDED ? CO_OK : CO_WRONG_STATE;
}

static enum case_outcome
guard_payback(struct case_run *r)
{
	if (r->in->has_amount && r->in->amount > r->c.granted_amount)
		return case_invalid(r, "payback_amount", INV_PAYBACK_OVER_GRANT);
	return CO_OK;
}

static enum case_outcome
guard_reclaim(struct case_run *r)
{
	return r->in->amount > r->c.granted_amount ? case_invalid(r, "amount", INV_RECLAIM_OVER_GRANT) : CO_OK;
}

/* the audit rule: audited accounts from the audit threshold */
static enum case_outcome
guard_audit(struct case_run *r)
{
	int64_t n = 0, base = 0;
	TRY(r, db_scheme_audit_base(r->in->case_id, r->c.granted_amount, &base));
	if (!(r->c.granted_amount > 0 && rules_audit_required(base, r->c.audit_threshold)))
		return CO_OK;
	TRY(r, db_att_count_kind(r->in->case_id, "audited_accounts", &n));
	return n == 0 ? case_invalid(r, "audited_accounts", INV_AUDIT_MISSING) : CO_OK;
}

/* ---- effects: the db writes ------------------------------------------------------------------- */

static enum case_outcome
effect_set_status(struct case_run *r)
{
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	return CO_OK;
}

static enum case_outcome
effect_assess(struct case_run *r)
{
	TRY(r, db_assessment_set(r->in->case_id, r->in->scores, r->in->eligibility, r->in->user_id));
	return CO_OK;
}

static enum case_outcome
effect_recommend(struct case_run *r)
{
	bool dismiss = r->in->dismiss;
	TRY(r, db_case_recommend(r->in->case_id, case_next_name(r), r->in->user_id, dismiss ? -1 : r->in->amount, r->in->text,
	    dismiss ? "dismiss" : "grant"));
	if (dismiss)
		snprintf(r->detail, sizeof(r->detail), "%s", "avvisning");
	else
		snprintf(r->detail, sizeof(r->detail), "%s, %lld kr", case_next_name(r), (long long)r->in->amount);
	return CO_OK;
}

static enum case_outcome
effect_decide(struct case_run *r)
{
	/* a rejection and a dismissal grant nothing, so they count nothing against the frame */
	bool reject = r->step->event == EV_REJECT || r->step->event == EV_DISMISS;
	TRY(r, db_case_decide(r->in->case_id, case_next_name(r), r->in->user_id, reject ? -1 : r->in->amount, r->in->text,
	    case_event_name(r->step->event)));
	snprintf(r->detail, sizeof(r->detail), "%s, %lld kr", case_next_name(r), (long long)(reject ? 0 : r->in->amount));
	return CO_OK;
}

static enum case_outcome
effect_comment(struct case_run *r)
{
	TRY(r, db_comment_add(r->in->case_id, r->in->user_id, r->in->text, &r->out->new_id));
	return CO_OK;
}

/* the call's payment terms (p points into t) */
static struct rules_pay
case_pay_terms(const struct db_case_lock *c, const struct db_scheme_terms *t)
{
	return (struct rules_pay){ .split_threshold = c->split_threshold, .rule = rules_pay_rule_parse(t->payment_rule),
		.call_year = (int)c->year, .spring_due = t->spring_due, .autumn_due = t->autumn_due };
}

/* the letter, made from the decision now and frozen; the email with its link follows */
static enum case_outcome
effect_letter(struct case_run *r)
{
	const struct db_case_lock *c = &r->c;
	struct db_letter_facts f;
	struct db_scheme_terms t;
	struct rules_pay pay;
	int64_t audit_base = 0;
	struct letter_facts lf;
	char today[11], appeal[11], link[300];
	char *content;
	enum db_status s;

	TRY(r, db_letter_facts(r->in->case_id, &f));
	TRY(r, db_scheme_terms(r->in->case_id, &t));
	pay = case_pay_terms(c, &t);
	TRY(r, db_scheme_audit_base(r->in->case_id, f.granted_amount, &audit_base));
	case_oslo_date(r->now, today);
	case_oslo_date(rules_appeal_deadline(r->now, (int)c->appeal_days), appeal);
	lf = (struct letter_facts){ .granted = f.granted_amount > 0, .dismissed = strcmp(c->decision_outcome, "dismiss") == 0,
		.appeal_limited = strcmp(c->appeal_rule, "dismissal_and_reactions") == 0, .reference = f.reference, .date = today,
		.tenant = f.tenant, .tenant_kind = f.tenant_kind, .organisation = f.organisation, .orgnr = f.orgnr,
		.title = f.title, .summary = f.summary, .applied_amount = f.applied_amount, .amount = f.granted_amount,
		.reasons = f.reasons, .signed_by = f.signed_by, .split_threshold = c->split_threshold,
		.audit_threshold = c->audit_threshold, .call_year = (int)c->year, .report_due = c->report_due,
		.appeal_deadline = appeal, .appeal_days = (int)c->appeal_days };
	lf.pay = &pay;
	lf.status_report_due = t.status_report_due;
	lf.audit_base = audit_base;
	r->out->letter = letter_build(&lf);
	content = json_dumps(r->out->letter, JSON_COMPACT);
	s = db_letter_add(r->in->case_id, json_string_value(json_object_get(r->out->letter, "kind")), content, r->in->user_id);
	free(content);
	TRY(r, s);
	TRY(r, db_case_letter_sent(r->in->case_id, case_next_name(r)));
	snprintf(link, sizeof(link), "%s/min-sak.html?id=%lld", r->in->base_url ? r->in->base_url : "",
	    (long long)r->in->case_id);
	r->mail_owned = letter_text(r->out->letter, link);
	r->mail_body = r->mail_owned;
	snprintf(r->subject, sizeof(r->subject), "%s i sak %s – %s", lf.granted ? "Tilskuddsbrev" : "Vedtak", f.reference,
	    f.tenant);
	snprintf(r->detail, sizeof(r->detail), "%s", lf.granted ? "tilskuddsbrev" : lf.dismissed ? "avvisningsbrev" :
	    "avslagsbrev");
	return CO_OK;
}

static enum case_outcome
effect_pay(struct case_run *r)
{
	uint64_t paid = 0;
	TRY(r, db_payment_pay(r->in->case_id, (int)r->in->term, r->in->user_id, &paid));
	if (paid != 1)
		return case_invalid(r, "term", INV_TERM_UNKNOWN);
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	snprintf(r->detail, sizeof(r->detail), "termin %lld", (long long)r->in->term);
	return CO_OK;
}

static enum case_outcome
effect_appeal_change(struct case_run *r)
{
	TRY(r, db_appeal_handle(r->appeal_id, appeal_status_name(APPEAL_CHANGED), NULL, r->in->user_id, r->in->text));
	TRY(r, db_case_reopen(r->in->case_id));
	snprintf(r->detail, sizeof(r->detail), "%s", "førsteinstansen endrer vedtaket");
	r->mail_body = "Klagen er tatt til følge, og saken behandles på nytt. Dere får et nytt vedtak.";
	return CO_OK;
}

/* the appeal body: IMDi for a municipality's decision, the ministry for IMDi's own */
static enum case_outcome
effect_appeal_forward(struct case_run *r)
{
	/* under the appeal rule "dismissal and reactions" the ministry is the appeal body, whoever decided */
	bool ministry = strcmp(r->c.tenant_kind, "directorate") == 0 ||
	    strcmp(r->c.appeal_rule, "dismissal_and_reactions") == 0;
	TRY(r, db_appeal_handle(r->appeal_id, appeal_status_name(APPEAL_FORWARDED), ministry ? "ministry" : "imdi",
	    r->in->user_id, r->in->text));
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	snprintf(r->detail, sizeof(r->detail), "%s", ministry ? "oversendt departementet" : "oversendt IMDi");
	r->mail_body = ministry ?
	    "Vedtaket opprettholdes, og klagen er oversendt Arbeids- og inkluderingsdepartementet for endelig avgjørelse." :
	    "Vedtaket opprettholdes, og klagen er oversendt IMDi for endelig avgjørelse.";
	return CO_OK;
}

static enum case_outcome
effect_report_review(struct case_run *r)
{
	bool approve = r->step->event == EV_APPROVE_REPORT;
	TRY(r, db_report_review(r->in->case_id, approve ? "approved" : "changes_asked", r->in->user_id, r->in->text,
	    r->in->has_amount ? r->in->amount : -1));
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	if (r->in->has_amount && r->in->amount > 0)
		snprintf(r->detail, sizeof(r->detail), "tilbakebetaling %lld kr", (long long)r->in->amount);
	return CO_OK;
}

/* each change request is decided once: one not pending on this case is not found */
static enum case_outcome
effect_change_decide(struct case_run *r)
{
	bool approve = r->step->id == STEP_CHANGE_APPROVE;
	uint64_t changed = 0;
	TRY(r, db_cr_decide(r->in->cr_id, r->in->case_id, approve ? "approved" : "refused", r->in->user_id, r->in->text,
	    &changed));
	return changed == 1 ? CO_OK : case_db(r, DB_NOTFOUND);
}

static enum case_outcome
effect_reclaim(struct case_run *r)
{
	TRY(r, db_case_reclaim(r->in->case_id, case_next_name(r), r->in->amount));
	snprintf(r->detail, sizeof(r->detail), "%lld kr", (long long)r->in->amount);
	return CO_OK;
}

static enum case_outcome
effect_ruling(struct case_run *r)
{
	bool change = r->step->id == STEP_RULING_CHANGE;
	TRY(r, db_appeal_rule(r->in->appeal_id, appeal_status_name(change ? APPEAL_REVERSED : APPEAL_UPHELD),
	    r->in->user_id, r->in->text));
	TRY(r, change ? db_case_reopen(r->out->case_id) : db_case_set_status(r->out->case_id, case_next_name(r)));
	snprintf(r->detail, sizeof(r->detail), "%s", strcmp(r->appeal.body, "imdi") == 0 ? "klageinstansen IMDi" :
	    "departementet");
	r->mail_body = change ? "Klageinstansen har opphevet vedtaket. Saken behandles på nytt, og dere får et nytt vedtak." :
	    "Klageinstansen har opprettholdt vedtaket. Avgjørelsen er endelig.";
	return CO_OK;
}

/* the payment plan by the call's payment rule and term dates (rules_payment_schedule) */
static enum case_outcome
effect_accept(struct case_run *r)
{
	struct rules_term plan[2];
	struct valid_datetime d;
	struct db_scheme_terms t;
	struct rules_pay pay;
	int n, i;

	TRY(r, db_scheme_terms(r->in->case_id, &t));
	pay = case_pay_terms(&r->c, &t);
	rules_oslo_from_utc(r->now, &d);
	n = rules_payment_schedule(r->c.granted_amount, &pay, d.year, d.month, d.day, plan);
	for (i = 0; i < n; i++) {
		char due[48];
		snprintf(due, sizeof(due), "%04d-%02d-%02d", plan[i].year, plan[i].month, plan[i].day);
		TRY(r, db_payment_add(r->in->case_id, i + 1, plan[i].amount, due));
	}
	snprintf(r->detail, sizeof(r->detail), "%d termin%s", n, n == 2 ? "er" : "");
	TRY(r, db_case_accept(r->in->case_id, case_next_name(r), true, r->c.report_due));
	return CO_OK;
}

static enum case_outcome
effect_decline(struct case_run *r)
{
	TRY(r, db_case_accept(r->in->case_id, case_next_name(r), false, NULL));
	return CO_OK;
}

/* a late appeal is recorded and marked late, not refused (forvaltningsloven § 31) */
static enum case_outcome
effect_appeal(struct case_run *r)
{
	const struct db_case_lock *c = &r->c;
	r->out->late = c->letter_sent > 0 && r->now > rules_appeal_deadline((time_t)c->letter_sent, (int)c->appeal_days);
	TRY(r, db_appeal_add(r->in->case_id, c->tenant_id, r->in->user_id, r->in->text, r->out->late, &r->out->new_id));
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	if (r->out->late)
		snprintf(r->detail, sizeof(r->detail), "etter klagefristen");
	return CO_OK;
}

/* a report filed after the case's due date is recorded and marked late */
static enum case_outcome
effect_report(struct case_run *r)
{
	char today[11];
	case_oslo_date(r->now, today);
	r->out->late = r->c.case_report_due[0] && strcmp(today, r->c.case_report_due) > 0;
	TRY(r, db_report_upsert(r->in->case_id, r->in->report, r->in->user_id, r->out->late));
	TRY(r, db_case_set_status(r->in->case_id, case_next_name(r)));
	if (r->out->late)
		snprintf(r->detail, sizeof(r->detail), "etter fristen %s", r->c.case_report_due);
	return CO_OK;
}

static enum case_outcome
effect_request_change(struct case_run *r)
{
	TRY(r, db_cr_add(r->in->case_id, r->in->kind, r->in->text, r->in->user_id, &r->out->new_id));
	snprintf(r->detail, sizeof(r->detail), "%s", r->in->kind ? r->in->kind : "");
	return CO_OK;
}

/* ---- the table -------------------------------------------------------------------------------- */

#define EVENT(e) .transition = true, .event = (e)
#define ACTIVITY(a) .transition = false, .activity = (a)

static const struct case_step case_steps[STEP__COUNT] = {
	[STEP_START_REVIEW] = { STEP_START_REVIEW, SIDE_STAFF, EVENT(EV_START_REVIEW), .roles = ROLE_CASEWORKER,
		.impartiality = IMP_DECLARED, .effect = effect_set_status, .log = "start_review" },
	[STEP_ASSESS] = { STEP_ASSESS, SIDE_STAFF, ACTIVITY(CA_ASSESS), .roles = ROLE_CASEWORKER,
		.impartiality = IMP_DECLARED, .effect = effect_assess, .log = "assessed" },
	[STEP_RECOMMEND] = { STEP_RECOMMEND, SIDE_STAFF, EVENT(EV_RECOMMEND), .roles = ROLE_CASEWORKER,
		.impartiality = IMP_DECLARED, .guard = guard_not_over_applied, .effect = effect_recommend, .log = "recommend" },
	[STEP_GRANT] = { STEP_GRANT, SIDE_STAFF, EVENT(EV_GRANT), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_DECLARED, .four_eyes = true, .guard = guard_grant, .effect = effect_decide, .log = "grant" },
	[STEP_GRANT_PARTLY] = { STEP_GRANT_PARTLY, SIDE_STAFF, EVENT(EV_GRANT_PARTLY), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_DECLARED, .four_eyes = true, .guard = guard_grant_partly, .effect = effect_decide,
		.log = "grant_partly" },
	[STEP_REJECT] = { STEP_REJECT, SIDE_STAFF, EVENT(EV_REJECT), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_DECLARED, .four_eyes = true, .effect = effect_decide, .log = "reject" },
	[STEP_DISMISS] = { STEP_DISMISS, SIDE_STAFF, EVENT(EV_DISMISS), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_DECLARED, .four_eyes = true, .effect = effect_decide, .log = "dismiss" },
	[STEP_COMMENT] = { STEP_COMMENT, SIDE_STAFF, ACTIVITY(CA_COMMENT), .roles = STAFF_ANY,
		.impartiality = IMP_NONE, .effect = effect_comment, .log = "comment" },
	[STEP_SEND_LETTER] = { STEP_SEND_LETTER, SIDE_STAFF, EVENT(EV_SEND_LETTER), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .effect = effect_letter, .log = "send_letter", .notify = NOTIFY_LETTER,
		.mail_kind = "letter" },
	[STEP_PAY_TERM] = { STEP_PAY_TERM, SIDE_STAFF, EVENT(EV_PAY_TERM), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_term, .effect = effect_pay, .log = "pay_term" },
	[STEP_APPEAL_CHANGE] = { STEP_APPEAL_CHANGE, SIDE_STAFF, EVENT(EV_APPEAL_CHANGE), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_appeal_open, .effect = effect_appeal_change,
		.log = "appeal_change", .notify = NOTIFY_ORG, .subject = "Klagen deres er behandlet – Tilskuddsportalen",
		.mail_kind = "appeal" },
	[STEP_APPEAL_FORWARD] = { STEP_APPEAL_FORWARD, SIDE_STAFF, EVENT(EV_APPEAL_FORWARD), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_appeal_open, .effect = effect_appeal_forward,
		.log = "appeal_forward", .notify = NOTIFY_ORG, .subject = "Klagen deres er behandlet – Tilskuddsportalen",
		.mail_kind = "appeal" },
	[STEP_APPROVE_REPORT] = { STEP_APPROVE_REPORT, SIDE_STAFF, EVENT(EV_APPROVE_REPORT), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_payback, .effect = effect_report_review,
		.log = "approve_report" },
	[STEP_ASK_CHANGES] = { STEP_ASK_CHANGES, SIDE_STAFF, EVENT(EV_ASK_CHANGES), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_payback, .effect = effect_report_review, .log = "ask_changes",
		.notify = NOTIFY_ORG, .subject = "Rapporten må endres – Tilskuddsportalen", .mail_kind = "report" },
	[STEP_CHANGE_APPROVE] = { STEP_CHANGE_APPROVE, SIDE_STAFF, ACTIVITY(CA_DECIDE_CHANGE), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .effect = effect_change_decide, .log = "change_approved",
		.notify = NOTIFY_ORG, .subject = "Endringen er godkjent – Tilskuddsportalen", .mail_kind = "change" },
	[STEP_CHANGE_REFUSE] = { STEP_CHANGE_REFUSE, SIDE_STAFF, ACTIVITY(CA_DECIDE_CHANGE), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .effect = effect_change_decide, .log = "change_refused",
		.notify = NOTIFY_ORG, .subject = "Endringen er ikke godkjent – Tilskuddsportalen", .mail_kind = "change" },
	[STEP_CLOSE] = { STEP_CLOSE, SIDE_STAFF, EVENT(EV_CLOSE), .roles = STAFF_HANDLERS,
		.impartiality = IMP_NOT_RECUSED, .effect = effect_set_status, .log = "close" },
	[STEP_RECLAIM] = { STEP_RECLAIM, SIDE_STAFF, EVENT(EV_RECLAIM), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_NOT_RECUSED, .guard = guard_reclaim, .effect = effect_reclaim, .log = "reclaim",
		.notify = NOTIFY_ORG, .subject = "Krav om tilbakebetaling – Tilskuddsportalen", .mail_kind = "reclaim" },
	/* the appeal body's ruling does not check impartiality (docs/domain.md) */
	[STEP_RULING_CHANGE] = { STEP_RULING_CHANGE, SIDE_STAFF, EVENT(EV_APPEAL_CHANGE), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_NONE, .guard = guard_appeal_forwarded, .effect = effect_ruling, .log = "appeal_change",
		.notify = NOTIFY_ORG, .subject = "Klagen deres er avgjort – Tilskuddsportalen", .mail_kind = "appeal" },
	[STEP_RULING_UPHOLD] = { STEP_RULING_UPHOLD, SIDE_STAFF, EVENT(EV_APPEAL_UPHOLD), .roles = ROLE_DECISION_MAKER,
		.impartiality = IMP_NONE, .guard = guard_appeal_forwarded, .effect = effect_ruling, .log = "appeal_uphold",
		.notify = NOTIFY_ORG, .subject = "Klagen deres er avgjort – Tilskuddsportalen", .mail_kind = "appeal" },
	[STEP_ACCEPT] = { STEP_ACCEPT, SIDE_ORG, EVENT(EV_ACCEPT), .roles = ROLE_ORG_SIGNER, .impartiality = IMP_NONE,
		.effect = effect_accept, .log = "accept" },
	[STEP_DECLINE] = { STEP_DECLINE, SIDE_ORG, EVENT(EV_DECLINE), .roles = ROLE_ORG_SIGNER, .impartiality = IMP_NONE,
		.effect = effect_decline, .log = "decline" },
	[STEP_APPEAL] = { STEP_APPEAL, SIDE_ORG, EVENT(EV_APPEAL), .roles = ROLE_ORG_SIGNER | ROLE_ORG_ADMIN,
		.impartiality = IMP_NONE, .effect = effect_appeal, .log = "appeal" },
	[STEP_RECEIVE_REPORT] = { STEP_RECEIVE_REPORT, SIDE_ORG, EVENT(EV_RECEIVE_REPORT), .roles = ORG_WRITERS,
		.impartiality = IMP_NONE, .guard = guard_audit, .effect = effect_report, .log = "receive_report" },
	[STEP_REQUEST_CHANGE] = { STEP_REQUEST_CHANGE, SIDE_ORG, ACTIVITY(CA_REQUEST_CHANGE), .roles = ORG_WRITERS,
		.impartiality = IMP_NONE, .effect = effect_request_change, .log = "change_requested" },
};

const struct case_step *
case_step_get(enum case_step_id id)
{
	return (unsigned)id < STEP__COUNT ? &case_steps[id] : NULL;
}

/* ---- the driver ------------------------------------------------------------------------------- */

static bool
case_is_ruling(const struct case_step *st)
{
	return st->id == STEP_RULING_CHANGE || st->id == STEP_RULING_UPHOLD;
}

/* The appeal body's rulings find the case through the appeal: IMDi rules on municipal appeals
 * forwarded to it, and records the ministry's ruling on its own. */
static enum case_outcome
case_lock_by_appeal(struct case_run *r)
{
	char kind[16];
	bool mine;
	TRY(r, db_tenant_kind(r->in->tenant_id, kind));
	TRY(r, db_appeal_lock(r->in->appeal_id, &r->appeal));
	mine = strcmp(r->appeal.body, "imdi") == 0 ? strcmp(kind, "directorate") == 0 :
	    strcmp(r->appeal.body, "ministry") == 0 && r->appeal.tenant_id == r->in->tenant_id;
	if (!mine)
		return case_db(r, DB_NOTFOUND);
	r->out->case_id = r->appeal.case_id;
	TRY(r, db_case_lock(0, r->appeal.case_id, &r->c));
	return CO_OK;
}

/* Locks the case and reads its state. The organisation's routes lock by the application, which
 * the dispatcher found: not found there means it is still a draft. */
static enum case_outcome
case_lock(struct case_run *r)
{
	enum db_status s;
	int st;

	if (case_is_ruling(r->step)) {
		enum case_outcome o = case_lock_by_appeal(r);
		if (o != CO_OK)
			return o;
	} else {
		r->out->case_id = r->in->case_id;
		s = db_case_lock(r->step->side == SIDE_ORG ? 0 : r->in->tenant_id, r->in->case_id, &r->c);
		if (s == DB_NOTFOUND && r->step->side == SIDE_ORG) {
			r->out->draft = true;
			return CO_WRONG_STATE;
		}
		TRY(r, s);
	}
	if ((st = case_state_parse(r->c.status)) < 0)
		return case_db(r, DB_ERROR);
	r->state = r->next = r->out->state = (enum case_state)st;
	return CO_OK;
}

/* The declaration of impartiality the step needs (forvaltningsloven §§ 6 and 8). */
static enum case_outcome
case_check_impartiality(struct case_run *r)
{
	int declared;
	if (r->step->impartiality == IMP_NONE)
		return CO_OK;
	TRY(r, db_impartiality(r->in->case_id, r->in->user_id, &declared));
	if (declared == 0)
		return CO_RECUSED;
	if (declared < 0 && r->step->impartiality == IMP_DECLARED)
		return CO_UNDECLARED;
	return CO_OK;
}

/* Whether the state machine allows the step now; sets the state it leads to. */
static enum case_outcome
case_check_state(struct case_run *r)
{
	struct case_context ctx = { r->c.granted_amount > 0, r->c.terms_total, r->c.terms_paid,
		case_appeal_barred(r->c.appeal_rule, r->c.decision_outcome) };
	int next;
	if (!r->step->transition)
		return case_allows(r->state, r->step->activity) ? CO_OK : CO_WRONG_STATE;
	if ((next = case_next(r->state, r->step->event, &ctx)) < 0) {
		/* refused by the appeal rule alone: say so, not the state */
		ctx.no_appeal = false;
		return case_next(r->state, r->step->event, &ctx) >= 0 ? CO_NOT_APPEALABLE : CO_WRONG_STATE;
	}
	r->next = (enum case_state)next;
	return CO_OK;
}

/* The case-log entry and the email the step sends. */
static enum case_outcome
case_record(struct case_run *r)
{
	const struct case_step *st = r->step;
	const char *body = r->mail_body ? r->mail_body : r->in->text ? r->in->text : "";
	TRY(r, db_event_add(r->out->case_id, r->in->user_id, st->log, r->detail[0] ? r->detail : NULL));
	if (st->notify == NOTIFY_NONE)
		return CO_OK;
	TRY(r, case_notify_org(r->c.org_id, r->c.tenant_id, st->notify == NOTIFY_LETTER ? r->subject : st->subject, body,
	    st->mail_kind));
	return CO_OK;
}

static enum case_outcome
case_step_body(struct case_run *r)
{
	const struct case_step *st = r->step;
	enum case_outcome o;

	if ((o = case_lock(r)) != CO_OK)
		return o;
	if ((r->in->roles & st->roles) == 0)
		return CO_FORBIDDEN;
	if ((o = case_check_impartiality(r)) != CO_OK)
		return o;
	if (st->four_eyes && r->c.recommended_by == r->in->user_id)
		return CO_FOUR_EYES;
	if ((o = case_check_state(r)) != CO_OK)
		return o;
	if (st->guard && (o = st->guard(r)) != CO_OK)
		return o;
	if ((o = st->effect(r)) != CO_OK)
		return o;
	return case_record(r);
}

/* One attempt of the transaction (db_tx may run it again after a deadlock). */
static enum db_status
case_step_tx(void *arg)
{
	struct case_run *r = arg;
	struct case_step_result *out = r->out;
	enum case_outcome o;

	json_decref(out->letter);
	free(r->mail_owned);
	*out = (struct case_step_result){ .outcome = CO_OK, .case_id = r->in->case_id };
	r->db = DB_OK;
	r->refused = false;
	r->detail[0] = '\0';
	r->mail_body = NULL;
	r->mail_owned = NULL;
	r->subject[0] = '\0';
	r->now = time(NULL);
	if ((o = case_step_body(r)) == CO_OK)
		return DB_OK;
	out->outcome = o;
	if (r->db != DB_OK)
		return r->db;
	r->refused = true;
	return DB_CONFLICT; /* rolls back; nothing was written */
}

/* What the step answered, kept with its Idempotency-Key (inside the transaction, after the step). */
static json_t *
case_step_saved(void *arg)
{
	const struct case_run *r = arg;
	return json_pack("{s:I, s:s, s:I, s:b, s:O?}", "case_id", (json_int_t)r->out->case_id, "state",
	    case_state_name(r->next), "new_id", (json_int_t)r->out->new_id, "late", r->out->late, "letter", r->out->letter);
}

/* The answer of the first request with the key, from what case_step_saved kept. */
static void
case_step_replay(const json_t *saved, struct case_step_result *out)
{
	int state = case_state_parse(json_string_value(json_object_get(saved, "state")));
	json_t *letter = json_object_get(saved, "letter");

	out->outcome = CO_OK;
	out->replayed = true;
	out->case_id = json_integer_value(json_object_get(saved, "case_id"));
	out->state = state >= 0 ? (enum case_state)state : out->state;
	out->new_id = json_integer_value(json_object_get(saved, "new_id"));
	out->late = json_is_true(json_object_get(saved, "late"));
	out->letter = json_is_object(letter) ? json_incref(letter) : NULL;
}

void
case_step_run(const struct case_step_input *in, struct case_step_result *out)
{
	struct case_run r = { .in = in, .out = out, .step = case_step_get(in->step) };
	enum idem_state is;
	json_t *replay = NULL;
	enum db_status s;

	*out = (struct case_step_result){ .outcome = CO_ERROR, .case_id = in->case_id };
	if (r.step == NULL)
		return;
	s = idem_tx(in->idem, case_step_tx, case_step_saved, &r, &is, &replay);
	free(r.mail_owned);
	if (s == DB_OK && is == IDEM_REPLAY) {
		json_decref(out->letter);
		*out = (struct case_step_result){ .case_id = in->case_id };
		case_step_replay(replay, out);
		json_decref(replay);
		return;
	}
	if (is == IDEM_MISMATCH) {
		json_decref(out->letter);
		*out = (struct case_step_result){ .outcome = CO_KEY_REUSED, .case_id = in->case_id };
		return;
	}
	if (s == DB_OK) {
		out->outcome = CO_OK;
		out->state = r.next;
		return;
	}
	json_decref(out->letter);
	out->letter = NULL;
	if (!r.refused)
		out->outcome = case_outcome_of(s);
}

void
case_step_result_free(struct case_step_result *out)
{
	json_decref(out->letter);
	out->letter = NULL;
}
