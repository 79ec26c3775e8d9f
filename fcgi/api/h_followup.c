/*
 * h_followup.c - the organisation's side of a case after submission: its view of the case (letters,
 * payments, appeals, report, change requests, what it may do now), accepting or declining the
 * grant (which makes the payment plan), appeals (late ones recorded and marked late), the report
 * (audited accounts required from the audit threshold) and change requests. Each handler parses
 * the request, runs the step (svc/case_steps.c) and renders the outcome. The dispatcher has
 * checked the role in the organisation that owns the application (req->app_id).
 */
#include "api/h_casework.h"

#include "svc/case_views.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/json.h"
#include "http/problem.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
h_app_case(struct http_req *req)
{
	json_t *c = NULL;
	enum case_outcome o;

	if (h_no_query(req) != 0)
		return;
	if ((o = case_view_org(req->app_id, &c)) != CO_OK) {
		h_case_outcome_send(req, o);
		return;
	}
	json_send(req, 200, c);
}

/* Runs the step on the application of the URL and answers {id, status} (with late for an appeal
 * or a report), or 201 with the new appeal's or change request's id. */
static void
h_fu_do(struct http_req *req, struct case_step_input *in, bool created)
{
	struct case_step_result r;
	json_t *doc;

	in->tenant_id = 0;
	in->case_id = req->app_id;
	in->user_id = req->user_id;
	in->roles = req->org_roles;
	case_step_run(in, &r);
	if (r.outcome != CO_OK) {
		h_case_refusal_send(req, &r);
		case_step_result_free(&r);
		return;
	}
	doc = json_pack("{s:I, s:s}", "id", (json_int_t)req->app_id, "status", case_state_name(r.state));
	if (in->step == STEP_APPEAL || in->step == STEP_RECEIVE_REPORT)
		json_object_set_new(doc, "late", json_boolean(r.late));
	if (created)
		json_object_set_new(doc, in->step == STEP_APPEAL ? "appeal_id" : "change_request_id", json_integer(r.new_id));
	json_send(req, created ? 201 : 200, doc);
	case_step_result_free(&r);
}

void
h_app_accept(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_ACCEPT };
	bool accept = false;
	struct h_field f[] = { { .name = "accept", .type = H_BOOL, .required = true, .b = &accept } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	in.step = accept ? STEP_ACCEPT : STEP_DECLINE;
	h_fu_do(req, &in, false);
	json_decref(doc);
}

void
h_app_appeal(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_APPEAL };
	struct h_field f[] = { { .name = "reasons", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &in.text } };
	json_t *doc;
	if ((doc = h_json_body(req, f, 1)) == NULL)
		return;
	h_fu_do(req, &in, true);
	json_decref(doc);
}

void
h_app_change_request(struct http_req *req)
{
	struct case_step_input in = { .step = STEP_REQUEST_CHANGE };
	struct h_field f[] = {
		{ .name = "kind", .type = H_STR, .required = true, .min = 1, .max = 20, .s = &in.kind },
		{ .name = "description", .type = H_STR, .required = true, .min = 1, .max = 4000, .s = &in.text },
	};
	json_t *doc;
	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (strcmp(in.kind, "purpose") != 0 && strcmp(in.kind, "activities") != 0 && strcmp(in.kind, "budget") != 0)
		h_invalid(req, "kind", "Endringen gjelder purpose (formål), activities (aktiviteter) eller budget (budsjett).");
	else
		h_fu_do(req, &in, true);
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
	struct case_step_input in = { .step = STEP_RECEIVE_REPORT };
	char *report;
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
		in.report = report = json_dumps(doc, JSON_COMPACT);
		h_fu_do(req, &in, false);
		free(report);
	}
	json_decref(doc);
}
