/*
 * case_db.h - inside svc/ only: the outcome (case_steps.h) of a db status, the same for every
 * use case of a case.
 */
#ifndef PORTAL_CASE_DB_H
#define PORTAL_CASE_DB_H

#include "db/db.h"
#include "svc/case_steps.h"

/* DB_OK: CO_OK; DB_NOTFOUND: CO_NOT_FOUND; DB_CONFLICT, DB_RETRY: CO_CONFLICT; DB_UNAVAILABLE:
 * CO_UNAVAILABLE; else CO_ERROR. */
enum case_outcome case_outcome_of(enum db_status s);

#endif
