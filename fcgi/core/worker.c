/*
 * worker.c - the worker's accept loop and the request dispatcher.
 *
 * The dispatcher answers 404/405/413/415/400/401/403 from the route table before any handler runs,
 * and 400 for a query parameter the operation does not declare or whose value is out of bounds.
 * SIGTERM makes the worker finish the request in hand and exit (drain); the master re-forks.
 */
#include "core/worker.h"
#include "db/db_apps.h"
#include "db/db_users.h"
#include "core/util.h"
#include "domain/valid.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/params.h"
#include "core/log.h"
#include "http/problem.h"
#include "http/router.h"
#include "http/session.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t worker_stop;
static const struct config *worker_cfg;

const struct config *
worker_config(void)
{
	return worker_cfg;
}

/*
 * Who may call the route: a valid session for anything but public routes, and for tenant and
 * organisation routes a role in the tenant or organisation of the URL. Someone with no role there
 * gets 404 (existence does not leak); someone with another role there gets 403.
 * Returns 0 to go on, or -1 after answering.
 */
static int
worker_authorize(struct http_req *req, const struct route *route)
{
	enum db_status st = DB_OK;
	unsigned roles = 0;
	int64_t id = 0;

	if (route->auth == ROUTE_PUBLIC)
		return 0;
	/* a tenant route checks the session and the role in the tenant in one round trip */
	switch (route->auth == ROUTE_TENANT ? session_authenticate_tenant(req, router_param(&req->params, "slug"), &id, &roles)
	                                    : session_authenticate(req)) {
	case SESSION_OK:
		break;
	case SESSION_UNAVAILABLE:
		problem_unavailable(req);
		return -1;
	case SESSION_INVALID:
		session_clear(req);
		/* fall through */
	case SESSION_NONE:
		problem_send(req, 401, "unauthorized", "Du må logge inn",
		    "Økten mangler, er utløpt eller er ikke gyldig lenger. Logg inn på nytt.");
		return -1;
	}
	/* sliding idle timeout: every authenticated answer renews the cookie */
	auth_session_touch(&req->session, time(NULL));
	session_write(req, &req->session);
	if (route->auth == ROUTE_TENANT) {
		if (roles != 0) {
			req->tenant_id = id;
			req->tenant_roles = roles;
			utf8_copy(req->tenant, router_param(&req->params, "slug"), sizeof(req->tenant));
		}
	} else if (route->auth == ROUTE_ORG) {
		valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &id);
		st = db_org_auth(id, req->user_id, &roles);
		if (st == DB_OK && roles != 0) {
			req->org_id = id;
			req->org_roles = roles;
		}
	} else if (route->auth == ROUTE_APP) {
		int64_t org = 0;
		valid_int64(router_param(&req->params, "id"), 1, INT64_MAX, &id);
		st = db_app_auth(id, req->user_id, &org, &roles);
		if (st == DB_OK && roles != 0) {
			req->app_id = id;
			req->org_id = org;
			req->org_roles = roles;
		}
	} else {
		return 0;
	}
	if (st == DB_UNAVAILABLE) {
		problem_unavailable(req);
		return -1;
	}
	if (st != DB_OK && st != DB_NOTFOUND) {
		problem_internal(req);
		return -1;
	}
	if (roles == 0) {
		problem_not_found(req);
		return -1;
	}
	if ((roles & route->roles) == 0) {
		problem_send(req, 403, "forbidden", "Du har ikke tilgang",
		    "Rollen din her gir ikke tilgang til dette. Spør en administrator.");
		return -1;
	}
	return 0;
}

static void
worker_on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
	FCGX_ShutdownPending();
}

void
worker_dispatch(FCGX_Request *fr)
{
	struct http_req req;
	const struct route *route = NULL;
	char allow[64];
	int64_t len = 0;

	http_req_init(&req, fr);
	db_request_begin();
	auth_hash_client(req.remote_addr); /* one password hash per client address at once */
	switch (router_match(routes, routes_count, req.method, req.path, &route, &req.params, allow, sizeof(allow))) {
	case ROUTE_FOUND:
		break;
	case ROUTE_NOT_FOUND:
		problem_not_found(&req);
		goto out;
	case ROUTE_BAD_METHOD:
		http_add_header(&req, "Allow", allow);
		problem_send(&req, 405, "method-not-allowed", "Metoden er ikke tillatt",
		    "Denne adressen støtter ikke denne HTTP-metoden; se Allow-feltet.");
		goto out;
	}
	req.route = route;
	switch (http_body_check(req.content_length, route->body_max, &len)) {
	case HTTP_BODY_OK:
		break;
	case HTTP_BODY_TOO_LARGE:
		problem_send(&req, 413, "payload-too-large", "Forespørselen er for stor",
		    route->body_max ? "Innholdet er større enn denne adressen tar imot." :
		                      "Denne adressen tar ikke imot innhold.");
		goto out;
	case HTTP_BODY_BAD_LENGTH:
		problem_bad_param(&req, "Content-Length", "Ugyldig Content-Length.");
		goto out;
	}
	if (len > 0 && route->body_type && !http_content_type_is(req.content_type, route->body_type)) {
		char detail[128];
		snprintf(detail, sizeof(detail), "Innholdet må ha typen %s.", route->body_type);
		problem_send(&req, 415, "unsupported-media-type", "Feil innholdstype", detail);
		goto out;
	}
	if (len > 0 && http_read_body(&req, len) != 0) {
		problem_bad_param(&req, "body", "Innholdet kom ikke fram i sin helhet.");
		goto out;
	}
	/* the Origin of a change must be public_url, the portal's one origin */
	if (!http_method_safe(req.method) &&
	    !auth_csrf_ok(http_header(&req, "HTTP_X_PORTAL_REQUEST"), http_header(&req, "HTTP_ORIGIN"),
	        worker_cfg ? worker_cfg->public_url : NULL)) {
		problem_send(&req, 403, "csrf", "Forespørselen ble avvist",
		    "Endringer må sendes fra portalens egne sider (X-Portal-Request og Origin mangler eller stemmer ikke).");
		goto out;
	}
	if (worker_authorize(&req, route) != 0 || params_read(&req) != 0)
		goto out;
	route->handler(&req);
	if (req.status == 0)
		problem_internal(&req);
out:
	http_log(&req);
	http_req_free(&req);
}

/*
 * Reads what is left of the request's input up to its end (the empty FCGI_STDIN record, or a
 * body a handler refused without reading; nginx bounds its size), then detaches the request so
 * FCGX_Finish_r closes the connection at once. Without this, libfcgi shuts down its side and waits
 * for nginx to close first (a lingering close that keeps the worker idle for a round trip); and
 * closing with input unread would make Linux reset the connection and nginx answer 502.
 */
static void
worker_drain(FCGX_Request *fr)
{
	char sink[8192];
	while (FCGX_GetStr(sink, sizeof(sink), fr->in) > 0)
		;
	if (FCGX_HasSeenEOF(fr->in) == EOF)
		FCGX_Detach(fr);
}

int
worker_run(int listen_fd, const struct config *cfg)
{
	struct sigaction sa;
	FCGX_Request fr;
	long served = 0;
	int failures = 0;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_term;  /* no SA_RESTART: accept() must return EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	worker_cfg = cfg;
	auth_hash_wait_set((unsigned)cfg->hash_wait_ms);
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	session_load_keys(cfg);
	db_init(cfg);
	if (FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("worker: FCGX_InitRequest failed");
		return 1;
	}
	while (!worker_stop) {
		if (FCGX_Accept_r(&fr) < 0) {
			if (worker_stop)
				break;
			if (errno == EINTR)
				continue;
			if (++failures > 100) {
				log_error("worker: accept keeps failing: %s", strerror(errno));
				break;
			}
			usleep(10000);
			continue;
		}
		failures = 0;
		worker_dispatch(&fr);
		worker_drain(&fr);
		FCGX_Finish_r(&fr);
		if (cfg->max_requests > 0 && ++served >= cfg->max_requests)
			break;
	}
	FCGX_Free(&fr, 0);
	db_close();
	return 0;
}

void
worker_base_url(struct http_req *req, char *out, size_t len)
{
	const struct config *cfg = worker_config();
	(void)req;
	snprintf(out, len, "%s", cfg ? cfg->public_url : "");
}
