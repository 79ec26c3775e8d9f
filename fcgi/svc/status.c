/*
 * status.c - the service status of a db status (see svc_db.h).
 */
#include "svc/svc_db.h"

enum svc_status
svc_status_of(enum db_status s)
{
	switch (s) {
	case DB_OK:
		return SVC_OK;
	case DB_NOTFOUND:
		return SVC_NOT_FOUND;
	case DB_CONFLICT:
	case DB_RETRY:
		return SVC_CONFLICT;
	case DB_UNAVAILABLE:
		return SVC_UNAVAILABLE;
	default:
		return SVC_ERROR;
	}
}
