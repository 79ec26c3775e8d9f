/*
 * h_calladmin.c - a tenant's administration of its own calls and contact persons: parse, call the
 * use case (svc/calladmin.h), render. The dispatcher has checked the tenant of the URL and the role.
 */
#include "api/handlers.h"
#include "http/http.h"
#include "http/problem.h"

/* the contract's first step: every route answers 501 until its use case is in */
static void
h_calladmin_todo(struct http_req *req)
{
	problem_send(req, 501, "not-implemented", "Ikke ferdig", "Denne funksjonen er ikke ferdig ennå.");
}

void h_calladmin_list(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_create(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_get(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_update(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_delete(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_publish(struct http_req *req) { h_calladmin_todo(req); }
void h_calladmin_deadline(struct http_req *req) { h_calladmin_todo(req); }
void h_contacts_get(struct http_req *req) { h_calladmin_todo(req); }
void h_contacts_put(struct http_req *req) { h_calladmin_todo(req); }
