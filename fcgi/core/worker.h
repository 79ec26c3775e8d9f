/*
 * worker.h - one worker process: accepts FastCGI requests on the shared socket and dispatches
 * them through the route table until told to stop or recycled.
 */
#ifndef PORTAL_WORKER_H
#define PORTAL_WORKER_H

#include "core/config.h"

#include <fcgiapp.h>

/* Runs the accept loop on listen_fd; returns the process exit status. Never returns to the master's code path. */
int worker_run(int listen_fd, const struct config *cfg);

/* The worker's configuration (borrowed; NULL outside a worker). */
const struct config *worker_config(void);

struct http_req;
/* The portal's address for links in emails: public_url (required by the configuration). */
void worker_base_url(struct http_req *req, char *out, size_t len);

/* Handles one accepted request: routing, limits, the handler, and the log line. */
void worker_dispatch(FCGX_Request *fr);

#endif
