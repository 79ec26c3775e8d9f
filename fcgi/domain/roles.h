/*
 * roles.h - the role bits of a person in an organisation and in a tenant (docs/domain.md, "People
 * and roles"). The route table (http/router.h) names them for the dispatcher's check; the case
 * steps (svc/case_steps.c) name them for each step; the second factor (svc/totp.c) names the
 * roles that need one.
 */
#ifndef PORTAL_ROLES_H
#define PORTAL_ROLES_H

/* Role bits: in an organisation ... */
enum {
	ROLE_ORG_ADMIN = 1 << 0,
	ROLE_ORG_SIGNER = 1 << 1,
	ROLE_ORG_EDITOR = 1 << 2,
	ROLE_ORG_VIEWER = 1 << 3,
	ROLE_ORG_ANY = 0xf,
};

/* ... and in a tenant. */
enum {
	ROLE_CASEWORKER = 1 << 0,
	ROLE_DECISION_MAKER = 1 << 1,
	ROLE_TENANT_ADMIN = 1 << 2,
	ROLE_NATIONAL_ADMIN = 1 << 3,
	ROLE_TENANT_ANY = 0xf,
	/* the roles whose holders log in with a second factor (svc/totp.c) */
	ROLE_SECOND_FACTOR = ROLE_DECISION_MAKER | ROLE_TENANT_ADMIN | ROLE_NATIONAL_ADMIN,
};

#endif
