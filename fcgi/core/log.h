/*
 * log.h - the process log: timestamped lines to stderr (which the master points at the log file).
 *
 * Each line goes out in one write(2) on an O_APPEND descriptor, so lines from workers never interleave.
 * Never log passwords, tokens or application text.
 */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
