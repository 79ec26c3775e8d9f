/*
 * h_staff.c - a tenant's own administration: its staff and their roles (tenant_admin), its
 * security log (tenant_admin; IMDi's national_admin sees every tenant's), and the outbox
 * (national_admin: never a one-time link, and only metadata when the portal sends the emails
 * itself). The dispatcher has already checked the tenant of the URL and the role. The use
 * cases are in svc/staff.c; here the input is parsed and the answers rendered.
 */
#include "http/auth.h"
#include "domain/valid.h"
#include "svc/staff.h"
#include "api/h_common.h"
#include "core/jw.h"
#include "api/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/problem.h"
#include "http/router.h"
#include "core/worker.h"

#include <stdio.h>
#include <string.h>

/* The page of a paged list (page and per_page, checked by the dispatcher; defaults 1 and 50). */
static void
h_paging(const struct http_req *req, int64_t *limit, int64_t *offset)
{
	*limit = params_int(req, "per_page", 50);
	*offset = (params_int(req, "page", 1) - 1) * *limit;
}

void
h_staff_list(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;

	h_items_open(&w, &b);
	h_items_send(req, staff_list(req->tenant_id, &w), &w, &b);
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
		H_FIELD(addStaff, email, .s = &email),
		H_FIELD(addStaff, role, .s = &in.role),
	};
	json_t *doc;

	if ((doc = H_BODY(req, f)) == NULL)
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
		h_svc_error(req, out.status);
		break;
	}
out:
	json_decref(doc);
}

void
h_staff_remove(struct http_req *req)
{
	struct staff_input in = { .tenant_id = req->tenant_id, .actor_id = req->user_id, .remote_addr = req->remote_addr };
	struct staff_result out;

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
		h_svc_error(req, out.status);
		break;
	}
}

void
h_security_log(struct http_req *req)
{
	struct buf b = { 0 };
	struct jw w;
	int64_t limit, offset;

	h_paging(req, &limit, &offset);
	h_items_open(&w, &b);
	h_items_send(req, staff_security_log(req->tenant_id, req->tenant_roles, limit, offset, &w), &w, &b);
}

void
h_outbox_list(struct http_req *req)
{
	const struct config *cfg = worker_config();
	/* with a sendmail command the emails reach their owners: nobody else reads what they say */
	bool metadata_only = cfg && cfg->sendmail_command[0] != '\0';
	struct buf b = { 0 };
	struct jw w;
	int64_t limit, offset;
	enum svc_status s;

	h_paging(req, &limit, &offset);
	h_items_open(&w, &b);
	if ((s = staff_outbox(params_get(req, "to"), metadata_only, limit, offset, &w)) == SVC_OK) {
		jw_end(&w);
		jw_bool(&w, "metadata_only", metadata_only);
	}
	h_jw_send(req, s, &w, &b, 1);
}
