/*
 * rules.h - domain rules that are pure functions: time in Europe/Oslo and deadlines.
 *
 * Deadlines are a date and wall-clock time in Europe/Oslo and are compared as such:
 * "now" is converted to Oslo wall-clock time and compared field by field, so a deadline
 * of 23:59 means 23:59 in Oslo whether it is summer or winter time.
 *
 * rules_init() must run once per process before the other functions (it sets TZ).
 */
#ifndef PORTAL_RULES_H
#define PORTAL_RULES_H

#include "domain/valid.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

void rules_init(void);

/* UTC instant -> Oslo wall-clock time. */
void rules_oslo_from_utc(time_t t, struct valid_datetime *out);

/* Oslo wall-clock time -> UTC instant (in the repeated autumn hour, the first one). Returns 0 or -1. */
int rules_oslo_to_utc(const struct valid_datetime *dt, time_t *out);

/* Oslo's offset from UTC in seconds at the instant t (3600 or 7200). */
int rules_oslo_offset(time_t t);

/* <0, 0, >0 as a is before, equal to, after b (field by field). */
int rules_datetime_cmp(const struct valid_datetime *a, const struct valid_datetime *b);

/* True when the deadline (Oslo wall-clock) has passed at instant now: submissions at or after it are late. */
bool rules_deadline_passed(const struct valid_datetime *deadline, time_t now);

/* Formats dt as ISO 8601 with Oslo's offset at that time, e.g. 2026-03-01T23:59:00+01:00. out >= 26 bytes. */
void rules_format_oslo(const struct valid_datetime *dt, char *out, size_t outlen);

/* Call status at instant now: "upcoming", "open" or "closed". */
const char *rules_call_status(const struct valid_datetime *opens, const struct valid_datetime *deadline, time_t now);

/* Payment terms of a grant: two (spring and autumn) when the amount is over threshold, else one. */
int rules_payment_terms(int64_t amount, int64_t split_threshold);

/* One term of a payment plan: the amount and the Oslo date it falls due. */
struct rules_term {
	int64_t amount;
	int year, month, day;
};

/*
 * The payment plan of a grant accepted on the Oslo date y-m-d for a call of call_year: one term
 * due on acceptance, or, over split_threshold, two: the spring term (half, rounded up) due on
 * acceptance and the autumn term due 1 September of the call year, or 30 days after acceptance
 * when that is later. Fills out[0..n-1] and returns n (1 or 2).
 */
int rules_payment_plan(int64_t amount, int64_t split_threshold, int call_year, int y, int m, int d,
    struct rules_term out[2]);

/* How a call pays its grants: by the split threshold, always in two terms, or always in one. */
enum rules_pay_rule { RULES_PAY_THRESHOLD = 0, RULES_PAY_TWO_TERMS, RULES_PAY_ONE_TERM };

/* "threshold", "two_terms", "one_term" (anything else: threshold). */
enum rules_pay_rule rules_pay_rule_parse(const char *s);

/* A call's payment terms: its rule and the dates its terms fall due in the grant year. */
struct rules_pay {
	int64_t split_threshold;
	enum rules_pay_rule rule;
	int call_year;
	const char *spring_due, *autumn_due;   /* YYYY-MM-DD; NULL or "": not set */
};

/*
 * The payment plan of a grant of amount accepted on the Oslo date y-m-d under the call's terms p:
 * one or two terms by p->rule (two: the spring term half, rounded up). A term falls due on its date
 * (spring_due, autumn_due), or at once when that date has passed at acceptance. Without a spring
 * date the first term falls due on acceptance; without an autumn date the second falls due
 * 1 September of the call year, or 30 days after acceptance when that is later. Returns n (1 or 2).
 */
int rules_payment_schedule(int64_t amount, const struct rules_pay *p, int y, int m, int d, struct rules_term out[2]);

/* Grants of threshold or more need accounts audited by a state-authorised or registered auditor. */
bool rules_audit_required(int64_t amount, int64_t audit_threshold);

/* The last moment to appeal: the end (23:59:59 Oslo) of the day `days` days after the Oslo date on
 * which the letter was sent. Returns the UTC instant. */
time_t rules_appeal_deadline(time_t letter_sent, int days);

/* Whole days from date a to date b (YYYY-MM-DD; negative when b is earlier; 0 when unreadable). */
int rules_days_between(const char *a, const char *b);

/* Budget frame: how far committed + amount goes over frame (0 when it fits). */
int64_t rules_frame_overrun(int64_t frame, int64_t committed, int64_t amount);

/* The Norwegian name of sub-goal code ('A'..'D') or priority area ('1', '2', '4', '5'), or NULL. */
const char *rules_subgoal_name(char code);

#endif
