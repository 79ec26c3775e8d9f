/*
 * h_alloc.c - IMDi's allocation (tildeling) to the municipalities and their administration
 * costs: the allocations of a year (IMDi's staff: every municipality; a municipality's staff:
 * their own), IMDi's tenant admins setting one, a municipality recording an administration cost,
 * IMDi consenting to it or refusing it; and IMDi's national admin importing a year's statistics
 * table. The dispatcher has checked the tenant of the URL and the role; the use cases
 * (svc/allocations.h, svc/statimport.h) check that the tenant is IMDi or a municipality.
 */
#include "svc/allocations.h"
#include "svc/statimport.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "core/jw.h"
#include "core/util.h"
#include "domain/money.h"
#include "domain/valid.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/problem.h"
#include "http/router.h"

#include <stdio.h>
#include <string.h>

void
h_alloc_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, alloc_list(req->tenant, (int)params_int(req, "year", 0), &w), &w, &b);
}

/* The outcomes every use case here shares; answers the rest with out's status. */
static void
h_alloc_refused(struct http_req *req, enum alloc_outcome o, const struct alloc_result *out, bool scheme_in_path)
{
	switch (o) {
	case ALLOC_NOT_IMDI:
		problem_send(req, 403, "forbidden", "Bare IMDi",
		    "Bare IMDis administratorer setter tildelinger og samtykker til administrasjonskostnader.");
		break;
	case ALLOC_NOT_MUNICIPALITY:
		problem_send(req, 403, "forbidden", "Bare kommuner",
		    "Administrasjonskostnader føres av kommunene som forvalter ordningen for IMDi.");
		break;
	case ALLOC_NO_MUNICIPALITY:
		problem_send(req, 404, "not-found", "Fant ikke kommunen", "Ingen av kommunene har dette kortnavnet.");
		break;
	case ALLOC_NO_SCHEME:
		if (scheme_in_path)
			problem_send(req, 404, "not-found", "Fant ikke ordningen", "Ingen tilskuddsordning har denne koden.");
		else
			h_invalid(req, "scheme", "Ingen tilskuddsordning har denne koden.");
		break;
	case ALLOC_NOT_MUNICIPAL:
		h_invalid(req, "scheme", "Kommunene forvalter bare ordningen for frivillige organisasjoner og driftstilskuddet.");
		break;
	default:
		h_svc_error(req, out->status);
		break;
	}
}

/* {year} of the path: 2000 to 2100, else 404 (no such path, as the OpenAPI document has it) */
static int
h_alloc_year(struct http_req *req, int *year)
{
	int64_t y = 0;

	if (!valid_int64(router_param(&req->params, "year"), 2000, 2100, &y)) {
		problem_not_found(req);
		return -1;
	}
	*year = (int)y;
	return 0;
}

void
h_alloc_set(struct http_req *req)
{
	struct alloc_input in = { .tenant = req->tenant, .user_id = req->user_id,
		.scheme = router_param(&req->params, "scheme"), .municipality = router_param(&req->params, "municipality") };
	struct alloc_result out;
	struct h_field f[] = { H_FIELD(setAllocation, amount, .i = &in.amount) };
	enum alloc_outcome o;
	char msg[200], kr[40];
	json_t *body;

	if (h_alloc_year(req, &in.year) != 0 || (body = H_BODY(req, f)) == NULL)
		return;
	if (!valid_slug(in.municipality, 32)) {
		problem_send(req, 404, "not-found", "Fant ikke kommunen", "Ingen av kommunene har dette kortnavnet.");
		goto out;
	}
	switch ((o = alloc_set(&in, &out))) {
	case ALLOC_OK:
		json_send(req, 200, json_pack("{s:s, s:s, s:i, s:I, s:I}", "tenant", in.municipality, "scheme", in.scheme,
		    "year", in.year, "amount", (json_int_t)in.amount, "frames", (json_int_t)out.frames));
		break;
	case ALLOC_BELOW_FRAMES:
		money_format(out.frames, kr, sizeof(kr));
		snprintf(msg, sizeof(msg), "Kommunens utlysninger har allerede rammer på %s kr for denne ordningen og dette "
		    "året. Tildelingen kan ikke være lavere.", kr);
		problem_send(req, 409, "below-frames", "Lavere enn rammene", msg);
		break;
	default:
		h_alloc_refused(req, o, &out, true);
		break;
	}
out:
	json_decref(body);
}

void
h_admin_cost_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, admincost_list(req->tenant, (int)params_int(req, "year", 0), 0, &w), &w, &b);
}

/* the cost (id) as an object, as the list gives it */
static void
h_admin_cost_send(struct http_req *req, int status, int64_t id)
{
	struct buf b = { 0 };
	struct jw w;
	enum svc_status s;

	jw_init(&w, &b);
	jw_arr(&w, NULL);
	s = admincost_list(req->tenant, 0, id, &w);
	jw_end(&w);
	if (s == SVC_OK && !jw_ok(&w))
		s = SVC_ERROR;
	if (s == SVC_OK && b.len <= 2)
		s = SVC_NOT_FOUND; /* not among the costs the tenant may see */
	if (s != SVC_OK) {
		h_svc_error(req, s);
	} else {
		/* the one object inside [ ... ] */
		http_respond(req, status, "application/json", b.data + 1, b.len - 2);
	}
	buf_free(&b);
}

void
h_admin_cost_record(struct http_req *req)
{
	struct alloc_input in = { .tenant = req->tenant, .user_id = req->user_id, .note = "" };
	struct alloc_result out;
	int64_t year = 0;
	struct h_field f[] = {
		H_FIELD(recordAdminCost, year, .i = &year),
		H_FIELD(recordAdminCost, scheme, .s = &in.scheme),
		H_FIELD(recordAdminCost, amount, .i = &in.amount),
		H_FIELD(recordAdminCost, note, .s = &in.note),
	};
	enum alloc_outcome o;
	json_t *body;

	if ((body = H_BODY(req, f)) == NULL)
		return;
	in.year = (int)year;
	if ((o = admincost_record(&in, &out)) == ALLOC_OK)
		h_admin_cost_send(req, 201, out.id);
	else
		h_alloc_refused(req, o, &out, false);
	json_decref(body);
}

void
h_admin_cost_decide(struct http_req *req)
{
	struct alloc_input in = { .tenant = req->tenant, .user_id = req->user_id };
	struct alloc_result out;
	struct h_field f[] = { H_FIELD(decideAdminCost, consent, .s = &in.consent) };
	enum alloc_outcome o;
	char msg[160];
	json_t *body;

	if ((body = H_BODY(req, f)) == NULL)
		return;
	valid_int64(router_param(&req->params, "cost_id"), 1, INT64_MAX, &in.cost_id);
	switch ((o = admincost_decide(&in, &out))) {
	case ALLOC_OK:
		h_admin_cost_send(req, 200, in.cost_id);
		break;
	case ALLOC_DECIDED:
		snprintf(msg, sizeof(msg), "IMDi har allerede %s samtykke til denne kostnaden.",
		    strcmp(out.consent, "given") == 0 ? "gitt" : "nektet");
		problem_send(req, 409, "conflict", "Allerede avgjort", msg);
		break;
	default:
		h_alloc_refused(req, o, &out, true);
		break;
	}
	json_decref(body);
}

/* {rows, imported, changed, unchanged, sum_differences: [{field, printed, computed}]} */
static void
h_stat_import_send(struct http_req *req, const struct statimport_result *r)
{
	json_t *diffs = json_array();
	size_t i;

	for (i = 0; i < r->ndiff; i++)
		json_array_append_new(diffs, json_pack("{s:s, s:I, s:I}", "field", statcsv_key(r->diffs[i].col), "printed",
		    (json_int_t)r->diffs[i].printed, "computed", (json_int_t)r->diffs[i].computed));
	json_send(req, 200, json_pack("{s:I, s:I, s:I, s:I, s:o}", "rows", (json_int_t)r->rows, "imported",
	    (json_int_t)r->imported, "changed", (json_int_t)r->changed, "unchanged", (json_int_t)r->unchanged,
	    "sum_differences", diffs));
}

void
h_stat_import(struct http_req *req)
{
	static struct statimport_result r; /* one request at a time per worker */
	enum svc_status s;

	s = statimport_run(req->body.data ? req->body.data : "", req->body.len, (int)params_int(req, "year", 0),
	    req->user_id, &r);
	if (s == SVC_CONFLICT && r.nerr > 0) { /* the file's faults (else another change collided) */
		h_file_faults_send(req, r.errs, r.nerr, sizeof(r.errs) / sizeof(r.errs[0]));
		return;
	}
	if (s != SVC_OK)
		h_svc_error(req, s);
	else
		h_stat_import_send(req, &r);
}
