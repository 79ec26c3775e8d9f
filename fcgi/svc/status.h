/*
 * status.h - how a use case's work with the database ended, in the service layer's own words, so
 * that the handlers need nothing of the db layer (fcgi/layers.sh keeps api/ from including db/).
 * A use case with refusals of its own has an outcome enum besides (ORGS_EXISTS, ATT_TOO_MUCH, ...);
 * this says why when that outcome is "the database said so". api/h_common.c's h_svc_error() turns
 * it into the HTTP answer.
 */
#ifndef PORTAL_SVC_STATUS_H
#define PORTAL_SVC_STATUS_H

enum svc_status {
	SVC_OK = 0,
	SVC_NOT_FOUND,    /* no such thing, or another tenant's (404) */
	SVC_CONFLICT,     /* a unique key or a rule said no, or the change kept colliding with others (409) */
	SVC_UNAVAILABLE,  /* the database cannot be reached (503 with Retry-After) */
	SVC_ERROR,        /* anything else, logged where it happened (500) */
};

#endif
