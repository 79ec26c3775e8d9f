/*
 * h_orgs.c - organisations as their members see them. The dispatcher has checked that the user
 * has a role in the organisation of the URL (otherwise 404).
 */
#include "db_users.h"
#include "h_common.h"
#include "handlers.h"
#include "http.h"
#include "json.h"

void
h_org_get(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct query q;
	json_t *org = NULL, *roles;
	enum db_status s;
	unsigned bit;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((s = db_org_get(req->org_id, &org)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	roles = json_array();
	for (bit = 1; bit <= ROLE_ORG_VIEWER; bit <<= 1)
		if (req->org_roles & bit)
			json_array_append_new(roles, json_string(db_role_name(bit, true)));
	json_object_set_new(org, "my_roles", roles);
	json_send(req, 200, org);
}

void
h_org_members(struct http_req *req)
{
	static const char *const allowed[] = { NULL };
	struct query q;
	json_t *items = NULL;
	enum db_status s;

	if (h_parse_query(req, &q, allowed) != 0)
		return;
	if ((s = db_org_members(req->org_id, &items)) != DB_OK) {
		h_db_error(req, s);
		return;
	}
	json_send(req, 200, json_pack("{s:o}", "items", items));
}
