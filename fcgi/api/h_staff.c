/*
 * h_staff.c - a tenant's own administration: its staff and their roles (tenant_admin), its
 * security log (tenant_admin; IMDi's national_admin sees every tenant's), and the outbox
 * (national_admin). The dispatcher has already checked the tenant of the URL and the role. The use
 * cases are in svc/staff.c; here the input is parsed and the answers rendered.
 */
#include "http/auth.h"
#include "domain/valid.h"
#include "svc/staff.h"
#include "api/h_common.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/router.h"

#include <stdio.h>
#include <string.h>

/* page and per_page from the query string (defaults 1 and 50, at most 200). Returns 0 or -1 (answered). */
static int
h_paging(struct http_req *req, const char *const *allowed, struct query *q, int64_t *limit, int64_t *offset)
{
	int64_t page = 1, per = 50;
	const char *v;

	if (h_parse_query(req, q, allowed) != 0)
		return -1;
	if ((v = query_get(q, "page")) != NULL && !valid_int64(v, 1, 100000, &page)) {
		problem_bad_param(req, "page", "Siden må være et tall fra 1 til 100000.");
		return -1;
	}
	if ((v = query_get(q, "per_page")) != NULL && !valid_int64(v, 1, 200, &per)) {
		problem_bad_param(req, "per_page", "Antall per side må være et tall fra 1 til 200.");
		return -1;
	}
	*limit = per;
	*offset = (page - 1) * per;
	return 0;
}

void
h_staff_list(struct http_req *req)
{
	json_t *items = NULL;
	enum db_status st;

	if (h_no_query(req) != 0)
		return;
	st = staff_list(req->tenant_id, &items);
	h_send_items(req, st, items);
}

void
h_staff_add(struct http_req *req)
{
	char norm[255];
	struct staff_input in = { .tenant_id = req->tenant_id, .actor_id = req->user_id,
		.actor_roles = req->tenant_roles, .email_norm = norm, .remote_addr = req->remote_addr };
	struct staff_result out;
	const char *email = NULL;
	struct h_field f[] = {
		{ .name = "email", .type = H_STR, .required = true, .min = 3, .max = 254, .s = &email },
		{ .name = "role", .type = H_STR, .required = true, .min = 1, .max = 32, .s = &in.role },
	};
	json_t *doc;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (h_email(req, email, norm, sizeof(norm), "Skriv en gyldig e-postadresse.") != 0)
		goto out;
	switch (staff_add(&in, &out)) {
	case STAFF_OK:
		json_send(req, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)out.id, "user_id",
		    (json_int_t)out.user_id, "role", in.role));
		break;
	case STAFF_BAD_ROLE:
		h_invalid(req, "role", "Rollen må være caseworker, decision_maker, tenant_admin eller national_admin.");
		break;
	case STAFF_ROLE_DENIED:
		h_invalid(req, "role", "Bare IMDis nasjonale administratorer kan gi rollen national_admin.");
		break;
	case STAFF_NO_ACCOUNT:
		h_invalid(req, "email", "Ingen konto har denne e-postadressen. Personen må registrere seg først.");
		break;
	case STAFF_EXISTS:
		problem_send(req, 409, "conflict", "Finnes allerede", "Personen har allerede denne rollen her.");
		break;
	default:
		h_db_error(req, out.db);
		break;
	}
out:
	json_decref(doc);
}

void
h_staff_remove(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct staff_input in = { .tenant_id = req->tenant_id, .actor_id = req->user_id, .remote_addr = req->remote_addr };
	struct staff_result out;
	struct query q;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &in.staff_id);
	switch (staff_remove(&in, &out)) {
	case STAFF_OK:
		http_respond(req, 204, NULL, NULL, 0);
		break;
	case STAFF_SELF_LOCKOUT:
		problem_send(req, 409, "conflict", "Kan ikke fjerne egen administratorrolle",
		    "Be en annen administrator hos denne forvalteren om å gjøre det.");
		break;
	default:
		h_db_error(req, out.db);
		break;
	}
}

void
h_security_log(struct http_req *req)
{
	static const char *const allowed[] = { "page", "per_page", NULL };
	int64_t limit, offset;
	struct query q;
	json_t *items = NULL;
	enum db_status s;

	if (h_paging(req, allowed, &q, &limit, &offset) != 0)
		return;
	if ((s = staff_security_log(req->tenant_id, req->tenant_roles, limit, offset, &items)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}

void
h_outbox_list(struct http_req *req)
{
	static const char *const allowed[] = { "to", "page", "per_page", NULL };
	int64_t limit, offset;
	struct query q;
	json_t *items = NULL;
	enum db_status s;

	if (h_paging(req, allowed, &q, &limit, &offset) != 0)
		return;
	if ((s = staff_outbox(query_get(&q, "to"), limit, offset, &items)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}
