/*
 * h_casework.h - what the casework handlers share (h_cases.c, h_casework.c for the tenant's staff,
 * h_followup.c for the organisation): the answers to a use case's outcome (svc/case_steps.h), in
 * the texts the API has always used.
 */
#ifndef PORTAL_H_CASEWORK_H
#define PORTAL_H_CASEWORK_H

#include "svc/case_steps.h"
#include "http/http.h"

/* Answers a refused or failed step (r->outcome != CO_OK): 403, 404, 409, 422, 503 or 500. */
void h_case_refusal_send(struct http_req *req, const struct case_step_result *r);

/* Answers an outcome without details (CO_NOT_FOUND, CO_CONFLICT, CO_UNAVAILABLE, CO_ERROR, ...). */
void h_case_outcome_send(struct http_req *req, enum case_outcome o);

/* Answers what a read wrote straight into the response: on CO_OK closes the levels the handler
 * opened on w (1: an object, jw_obj; 2: a list, h_items_open) and answers 200; else throws it away
 * and answers the outcome. Frees b. */
struct jw;
struct buf;
void h_case_jw_send(struct http_req *req, enum case_outcome o, struct jw *w, struct buf *b, int levels);

#endif
