/*
 * master.h - the prefork pool: forks N workers on the listening socket, re-forks any that die,
 * replaces them all on SIGHUP (re-reading the configuration), drains them on SIGTERM.
 */
#ifndef PORTAL_MASTER_H
#define PORTAL_MASTER_H

#include "core/config.h"

/* Re-reads the configuration into c for SIGHUP; returns 0 or -1 (then c is unchanged). */
typedef int (*master_reload_fn)(struct config *c);

/* Runs the pool until SIGTERM/SIGINT; returns the exit status. */
int master_run(int listen_fd, struct config *cfg, master_reload_fn reload);

#endif
