/*
 * h_followup.c - the organisation's side of a case after submission: its view of the case (letters,
 * payments, appeals, report, change requests, what it may do now), accepting or declining the
 * grant (which makes the payment plan), appeals (late ones recorded and marked late), the report
 * (audited accounts required from the audit threshold) and change requests. The dispatcher has
 * checked the role in the organisation that owns the application (req->app_id).
 */
#include "api/h_casework.h"

#include "db/db_apps.h"
#include "db/db_casework.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/json.h"
#include "http/problem.h"
#include "domain/rules.h"
#include "core/util.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
h_app_case(struct http_req *req)
{
	struct db_case_times t;
	struct case_context ctx = { false, 0, 0 };
	json_t *c, *v;
	size_t i;
	enum db_status s;

	if (h_no_query(req) != 0)
		return;
	c = json_pack("{s:I}", "id", (json_int_t)req->app_id);
	if ((s = db_case_extras(req->app_id, false, c, &t)) != DB_OK) {
		json_decref(c);
		h_db_error(req, s);
		return;
	}
	json_object_set_new(c, "status", json_string(t.status));
	ctx.granted = t.granted_amount > 0;
	json_array_foreach(json_object_get(c, "payments"), i, v) {
		ctx.terms_total++;
		ctx.terms_paid += json_is_string(json_object_get(v, "paid_at"));
	}
	json_object_set_new(c, "actions", h_case_actions(t.status, &ctx, false));
	h_case_deadlines(c, &t);
	json_send(req, 200, c);
}

enum h_fu_act { FU_ACCEPT, FU_APPEAL, FU_REPORT, FU_CHANGE };

struct h_fu_tx {
	struct http_req *req;
	enum h_fu_act act;
	bool accept, late;
	const char *text, *kind;
	char *report;                   /* FU_REPORT: the report as JSON text (owned by the handler) */
	int64_t out_id;
	enum h_refusal refusal;
	const char *field, *detail;
	char state[24], new_state[24];
};

static enum db_status
h_fu_refuse(struct h_fu_tx *t, enum h_refusal r, const char *field, const char *detail)
{
	t->refusal = r;
	t->field = field;
	t->detail = detail;
	return DB_CONFLICT;
}

static enum db_status
h_fu_run(void *arg)
{
	struct h_fu_tx *t = arg;
	struct db_case_lock c;
	struct case_context ctx;
	enum case_event ev;
	char detail[120] = "", today[11];
	time_t now = time(NULL);
	int next;
	enum db_status s;

	if ((s = db_case_lock(0, t->req->app_id, &c)) == DB_NOTFOUND) {
		utf8_copy(t->state, "draft", sizeof(t->state)); /* the dispatcher found it: it is a draft */
		return h_fu_refuse(t, REF_ILLEGAL, NULL, NULL);
	}
	if (s != DB_OK)
		return s;
	utf8_copy(t->state, c.status, sizeof(t->state));
	utf8_copy(t->new_state, c.status, sizeof(t->new_state));
	ctx = h_case_ctx(&c);
	h_oslo_date(now, today);

	if (t->act == FU_CHANGE) {
		/* while the grant is in force: accepted, and the report not yet approved */
		static const char *const open[] = { "accepted", "partly_paid", "paid", "report_due", "changes_asked", NULL };
		size_t i;
		bool ok = false;
		for (i = 0; open[i]; i++)
			ok = ok || strcmp(c.status, open[i]) == 0;
		if (!ok)
			return h_fu_refuse(t, REF_ILLEGAL, NULL, NULL);
		if ((s = db_cr_add(t->req->app_id, t->kind, t->text, t->req->user_id, &t->out_id)) != DB_OK)
			return s;
		return db_event_add(t->req->app_id, t->req->user_id, "change_requested", t->kind);
	}
	ev = t->act == FU_ACCEPT ? (t->accept ? EV_ACCEPT : EV_DECLINE) : t->act == FU_APPEAL ? EV_APPEAL : EV_RECEIVE_REPORT;
	if ((next = case_next((enum case_state)case_state_parse(c.status), ev, &ctx)) < 0)
		return h_fu_refuse(t, REF_ILLEGAL, NULL, NULL);
	utf8_copy(t->new_state, case_state_name((enum case_state)next), sizeof(t->new_state));

	switch (t->act) {
	case FU_ACCEPT:
		if (t->accept) {
			struct rules_term plan[2];
			struct valid_datetime d;
			int n, i;
			rules_oslo_from_utc(now, &d);
			n = rules_payment_plan(c.granted_amount, c.split_threshold, (int)c.year, d.year, d.month, d.day, plan);
			for (i = 0; i < n; i++) {
				char due[48];
				snprintf(due, sizeof(due), "%04d-%02d-%02d", plan[i].year, plan[i].month, plan[i].day);
				if ((s = db_payment_add(t->req->app_id, i + 1, plan[i].amount, due)) != DB_OK)
					return s;
			}
			snprintf(detail, sizeof(detail), "%d termin%s", n, n == 2 ? "er" : "");
		}
		if ((s = db_case_accept(t->req->app_id, t->new_state, t->accept, t->accept ? c.report_due : NULL)) != DB_OK)
			return s;
		break;
	case FU_APPEAL:
		t->late = c.letter_sent > 0 && now > rules_appeal_deadline((time_t)c.letter_sent, (int)c.appeal_days);
		if ((s = db_appeal_add(t->req->app_id, c.tenant_id, t->req->user_id, t->text, t->late, &t->out_id)) != DB_OK)
			return s;
		if ((s = db_case_set_status(t->req->app_id, t->new_state)) != DB_OK)
			return s;
		if (t->late)
			snprintf(detail, sizeof(detail), "etter klagefristen");
		break;
	case FU_REPORT: {
		int64_t n = 0;
		if (c.granted_amount > 0 && rules_audit_required(c.granted_amount, c.audit_threshold)) {
			if ((s = db_att_count_kind(t->req->app_id, "audited_accounts", &n)) != DB_OK)
				return s;
			if (n == 0)
				return h_fu_refuse(t, REF_FIELD, "audited_accounts", "Tilskudd på 100 000 kroner eller mer krever "
				    "regnskap attestert av statsautorisert eller registrert revisor. Last det opp som vedlegg "
				    "(audited_accounts) før du sender rapporten.");
		}
		t->late = c.case_report_due[0] && strcmp(today, c.case_report_due) > 0;
		if ((s = db_report_upsert(t->req->app_id, t->report, t->req->user_id, t->late)) != DB_OK)
			return s;
		if ((s = db_case_set_status(t->req->app_id, t->new_state)) != DB_OK)
			return s;
		if (t->late)
			snprintf(detail, sizeof(detail), "etter fristen %s", c.case_report_due);
		break;
	}
	case FU_CHANGE:
		break;
	}
	return db_event_add(t->req->app_id, t->req->user_id, case_event_name(ev), detail[0] ? detail : NULL);
}

static void
h_fu_do(struct http_req *req, struct h_fu_tx *t, int created)
{
	enum db_status s;
	t->req = req;
	s = db_tx(h_fu_run, t);
	if (s == DB_OK) {
		json_t *doc = json_pack("{s:I, s:s}", "id", (json_int_t)req->app_id, "status", t->new_state);
		if (t->act == FU_APPEAL)
			json_object_set_new(doc, "late", json_boolean(t->late));
		if (t->act == FU_REPORT)
			json_object_set_new(doc, "late", json_boolean(t->late));
		if (created)
			json_object_set_new(doc, t->act == FU_APPEAL ? "appeal_id" : "change_request_id", json_integer(t->out_id));
		json_send(req, created ? 201 : 200, doc);
	} else if (s == DB_CONFLICT && t->refusal != REF_NONE) {
		h_refusal_send(req, t->refusal, t->state, t->field, t->detail);
	} else {
		h_db_error(req, s);
	}
}

void
h_app_accept(struct http_req *req)
{
	struct h_fu_tx t = { .act = FU_ACCEPT };
	struct h_field f[] = { { .name = "accept", .type = H_BOOL, .required = true, .b = &t.accept } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	h_fu_do(req, &t, 0);
	json_decref(doc);
}

void
h_app_appeal(struct http_req *req)
{
	struct h_fu_tx t = { .act = FU_APPEAL };
	struct h_field f[] = { { .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.text } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	h_fu_do(req, &t, 1);
	json_decref(doc);
}

void
h_app_change_request(struct http_req *req)
{
	struct h_fu_tx t = { .act = FU_CHANGE };
	struct h_field f[] = {
		{ .name = "kind", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &t.kind },
		{ .name = "description", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &t.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (strcmp(t.kind, "purpose") != 0 && strcmp(t.kind, "activities") != 0 && strcmp(t.kind, "budget") != 0)
		h_invalid(req, "kind", "Endringen gjelder purpose (formål), activities (aktiviteter) eller budget (budsjett).");
	else
		h_fu_do(req, &t, 1);
	json_decref(doc);
}

/* a text of 1..max characters (UTF-8 code points) */
static bool
h_text_ok(const json_t *v, size_t max)
{
	const char *s = json_string_value(v);
	size_t n = s ? utf8_len(s) : 0;
	return n >= 1 && n <= max;
}

static bool
h_amount_ok(const json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= VALID_AMOUNT_MAX;
}

/* PUT .../report {goals_reached, participants, activities, accounts: [{item, budget, actual}], unused} */
void
h_app_report(struct http_req *req)
{
	static const char *const keys[] = { "goals_reached", "participants", "activities", "accounts", "unused", NULL };
	struct h_fu_tx t = { .act = FU_REPORT };
	struct h_errors e = { .n = 0 };
	json_t *doc, *v, *accounts;
	const char *key;
	size_t i;

	if ((doc = json_parse_object(req->body.data, req->body.len)) == NULL) {
		problem_send(req, 400, "malformed-json", "Ugyldig JSON", "Innholdet må være et JSON-objekt.");
		return;
	}
	json_object_foreach(doc, key, v) {
		bool known = false;
		for (i = 0; keys[i]; i++)
			known = known || strcmp(key, keys[i]) == 0;
		if (!known)
			h_errors_add(&e, "Ukjent felt.", "%s", key);
	}
	if (!h_text_ok(json_object_get(doc, "goals_reached"), 4000))
		h_errors_add(&e, "Beskriv hvordan målene er nådd (1–4000 tegn).", "goals_reached");
	if (!h_text_ok(json_object_get(doc, "activities"), 4000))
		h_errors_add(&e, "Beskriv aktivitetene som er gjennomført (1–4000 tegn).", "activities");
	v = json_object_get(doc, "participants");
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000)
		h_errors_add(&e, "Oppgi antall deltakere som et helt tall.", "participants");
	v = json_object_get(doc, "unused");
	if (v && !h_amount_ok(v))
		h_errors_add(&e, "Oppgi ubrukte midler i hele kroner (0 om alt er brukt).", "unused");
	accounts = json_object_get(doc, "accounts");
	if (!json_is_array(accounts) || json_array_size(accounts) < 1 || json_array_size(accounts) > 50) {
		h_errors_add(&e, "Oppgi regnskapet satt opp mot budsjettet: 1 til 50 linjer.", "accounts");
	} else {
		json_array_foreach(accounts, i, v) {
			if (!json_is_object(v) || json_object_size(v) != 3 || !h_text_ok(json_object_get(v, "item"), 200))
				h_errors_add(&e, "Hver linje har item (post), budget og actual.", "accounts[%zu].item", i);
			if (!h_amount_ok(json_object_get(v, "budget")))
				h_errors_add(&e, "Budsjett i hele kroner.", "accounts[%zu].budget", i);
			if (!h_amount_ok(json_object_get(v, "actual")))
				h_errors_add(&e, "Regnskap i hele kroner.", "accounts[%zu].actual", i);
		}
	}
	if (h_errors_send(req, &e, "Rapporten er ikke fullstendig") == 0) {
		if (json_object_get(doc, "unused") == NULL)
			json_object_set_new(doc, "unused", json_integer(0));
		t.report = json_dumps(doc, JSON_COMPACT);
		h_fu_do(req, &t, 0);
		free(t.report);
	}
	json_decref(doc);
}
