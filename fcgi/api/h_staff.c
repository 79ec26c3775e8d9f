/*
 * h_staff.c - a tenant's own administration: its staff and their roles (tenant_admin), its
 * security log (tenant_admin; IMDi's national_admin sees every tenant's), and the outbox
 * (national_admin). The dispatcher has already checked the tenant of the URL and the role.
 */
#include "db/db_users.h"
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
	st = db_staff_list(req->tenant_id, &items);
	h_send_items(req, st, items);
}

struct h_staff_tx {
	struct http_req *req;
	const char *role;
	char norm[255];
	int64_t user_id, id, staff_id;
	unsigned role_bit;
	bool not_found, self_lockout;
};

static enum db_status
h_staff_add_run(void *arg)
{
	struct h_staff_tx *t = arg;
	struct db_user u;
	char detail[96];
	enum db_status s = db_user_by_email(t->norm, &u);

	if (s == DB_NOTFOUND) {
		t->not_found = true;
		return DB_NOTFOUND;
	}
	if (s != DB_OK)
		return s;
	t->user_id = u.id;
	if ((s = db_staff_insert(t->req->tenant_id, u.id, t->role, &t->id)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s added", t->role);
	return db_seclog("role_added", u.id, t->req->user_id, t->req->tenant_id, 0, t->req->remote_addr, detail);
}

void
h_staff_add(struct http_req *req)
{
	struct h_staff_tx t = { .req = req };
	const char *email = NULL;
	struct h_field f[] = {
		{ .name = "email", .type = H_STR, .required = true, .min = 3, .max = 254, .s = &email },
		{ .name = "role", .type = H_STR, .required = true, .min = 1, .max = 32, .s = &t.role },
	};
	json_t *doc;
	enum db_status s;
	unsigned bit;

	if ((doc = h_json_body(req, f, 2)) == NULL)
		return;
	if (!auth_email_ok(email) || auth_email_normalize(email, t.norm, sizeof(t.norm)) != 0) {
		h_invalid(req, "email", "Skriv en gyldig e-postadresse.");
		goto out;
	}
	bit = db_roles_parse(t.role, false);
	if (bit == 0 || db_role_name(bit, false) == NULL) {
		h_invalid(req, "role", "Rollen må være caseworker, decision_maker, tenant_admin eller national_admin.");
		goto out;
	}
	if (bit == ROLE_NATIONAL_ADMIN && !(req->tenant_roles & ROLE_NATIONAL_ADMIN)) {
		h_invalid(req, "role", "Bare IMDis nasjonale administratorer kan gi rollen national_admin.");
		goto out;
	}
	s = db_tx(h_staff_add_run, &t);
	if (s == DB_NOTFOUND && t.not_found)
		h_invalid(req, "email", "Ingen konto har denne e-postadressen. Personen må registrere seg først.");
	else if (s == DB_CONFLICT)
		problem_send(req, 409, "conflict", "Finnes allerede", "Personen har allerede denne rollen her.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		json_send(req, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)t.id, "user_id", (json_int_t)t.user_id,
		    "role", t.role));
out:
	json_decref(doc);
}

static enum db_status
h_staff_remove_run(void *arg)
{
	struct h_staff_tx *t = arg;
	char detail[96];
	enum db_status s = db_staff_get(t->staff_id, t->req->tenant_id, &t->user_id, &t->role_bit);

	if (s != DB_OK)
		return s;
	if (t->user_id == t->req->user_id && t->role_bit == ROLE_TENANT_ADMIN) {
		t->self_lockout = true;
		return DB_CONFLICT;
	}
	if ((s = db_staff_delete(t->staff_id, t->req->tenant_id)) != DB_OK)
		return s;
	snprintf(detail, sizeof(detail), "role %s removed", db_role_name(t->role_bit, false));
	return db_seclog("role_removed", t->user_id, t->req->user_id, t->req->tenant_id, 0, t->req->remote_addr, detail);
}

void
h_staff_remove(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct h_staff_tx t = { .req = req };
	struct query q;
	enum db_status s;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &t.staff_id);
	s = db_tx(h_staff_remove_run, &t);
	if (s == DB_CONFLICT && t.self_lockout)
		problem_send(req, 409, "conflict", "Kan ikke fjerne egen administratorrolle",
		    "Be en annen administrator hos denne forvalteren om å gjøre det.");
	else if (s != DB_OK)
		h_db_error(req, s);
	else
		http_respond(req, 204, NULL, NULL, 0);
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
	/* IMDi's national administrators see every tenant's events; tenant administrators their own */
	s = db_seclog_list((req->tenant_roles & ROLE_NATIONAL_ADMIN) ? 0 : req->tenant_id, limit, offset, &items);
	if (s != DB_OK) {
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
	if ((s = db_outbox_list(query_get(&q, "to"), limit, offset, &items)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}
