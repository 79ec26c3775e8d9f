/*
 * rules.c - Europe/Oslo time and deadline rules.
 */
#include "domain/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
rules_init(void)
{
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
}

void
rules_oslo_from_utc(time_t t, struct valid_datetime *out)
{
	struct tm tm;
	localtime_r(&t, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minute = tm.tm_min;
	out->second = tm.tm_sec;
}

int
rules_oslo_to_utc(const struct valid_datetime *dt, time_t *out)
{
	struct tm tm;
	time_t t;
	struct valid_datetime back;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = dt->year - 1900;
	tm.tm_mon = dt->month - 1;
	tm.tm_mday = dt->day;
	tm.tm_hour = dt->hour;
	tm.tm_min = dt->minute;
	tm.tm_sec = dt->second;
	tm.tm_isdst = 1; /* try summer time first: in the repeated hour that is the earlier instant */
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	rules_oslo_from_utc(t, &back);
	if (rules_datetime_cmp(&back, dt) != 0) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = dt->year - 1900;
		tm.tm_mon = dt->month - 1;
		tm.tm_mday = dt->day;
		tm.tm_hour = dt->hour;
		tm.tm_min = dt->minute;
		tm.tm_sec = dt->second;
		tm.tm_isdst = 0;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return -1;
	}
	*out = t;
	return 0;
}

int
rules_oslo_offset(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return (int)tm.tm_gmtoff;
}

int
rules_datetime_cmp(const struct valid_datetime *a, const struct valid_datetime *b)
{
	const int av[6] = { a->year, a->month, a->day, a->hour, a->minute, a->second };
	const int bv[6] = { b->year, b->month, b->day, b->hour, b->minute, b->second };
	int i;
	for (i = 0; i < 6; i++)
		if (av[i] != bv[i])
			return av[i] < bv[i] ? -1 : 1;
	return 0;
}

bool
rules_deadline_passed(const struct valid_datetime *deadline, time_t now)
{
	struct valid_datetime n;
	time_t t;
	rules_oslo_from_utc(now, &n);
	/* the wall clock, or the instant: in the repeated autumn hour the wall clock goes back */
	return rules_datetime_cmp(&n, deadline) >= 0 || (rules_oslo_to_utc(deadline, &t) == 0 && now >= t);
}

void
rules_format_oslo(const struct valid_datetime *dt, char *out, size_t outlen)
{
	time_t t;
	int off = 3600;

	if (rules_oslo_to_utc(dt, &t) == 0)
		off = rules_oslo_offset(t);
	snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", dt->year, dt->month, dt->day, dt->hour,
	    dt->minute, dt->second, off < 0 ? '-' : '+', abs(off) / 3600, abs(off) % 3600 / 60);
}

const char *
rules_call_status(const struct valid_datetime *opens, const struct valid_datetime *deadline, time_t now)
{
	struct valid_datetime n;
	rules_oslo_from_utc(now, &n);
	if (rules_datetime_cmp(&n, opens) < 0)
		return "upcoming";
	if (rules_deadline_passed(deadline, now))
		return "closed";
	return "open";
}

const char *
rules_subgoal_name(char code)
{
	switch (code) {
	case 'A': return "Fellesskap, tillit og tilhørighet";
	case 'B': return "Kunnskap om samfunnet og kvalifisering for arbeid";
	case 'C': return "Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse";
	case 'D': return "Mot rasisme og diskriminering, for mangfold";
	/* the priority areas of the scheme for municipalities and county councils */
	case '1': return "Innovative løsninger i introduksjonsordningen og opplæring i norsk og samfunnskunnskap";
	case '2': return "Tiltak som gir psykisk støtte";
	case '4': return "Kommunale, interkommunale eller regionale velkomsttilbud";
	case '5': return "Arbeid for mangfold og mot rasisme og diskriminering";
	default: return NULL;
	}
}

int
rules_payment_terms(int64_t amount, int64_t split_threshold)
{
	return amount > split_threshold ? 2 : 1;
}

int
rules_payment_plan(int64_t amount, int64_t split_threshold, int call_year, int y, int m, int d,
    struct rules_term out[2])
{
	struct rules_pay p = { .split_threshold = split_threshold, .rule = RULES_PAY_THRESHOLD, .call_year = call_year };
	return rules_payment_schedule(amount, &p, y, m, d, out);
}

enum rules_pay_rule
rules_pay_rule_parse(const char *s)
{
	if (s && strcmp(s, "two_terms") == 0)
		return RULES_PAY_TWO_TERMS;
	if (s && strcmp(s, "one_term") == 0)
		return RULES_PAY_ONE_TERM;
	return RULES_PAY_THRESHOLD;
}

/* t = the date `due` (YYYY-MM-DD), or the acceptance date when due is unset or has passed */
static void
rules_term_due(struct rules_term *t, const char *due, int y, int m, int d)
{
	int dy, dm, dd;
	t->year = y;
	t->month = m;
	t->day = d;
	if (due && sscanf(due, "%4d-%2d-%2d", &dy, &dm, &dd) == 3 && dy * 10000 + dm * 100 + dd > y * 10000 + m * 100 + d) {
		t->year = dy;
		t->month = dm;
		t->day = dd;
	}
}

/* the autumn term without a date of its own: 1 September, or 30 days after acceptance when later */
static void
rules_autumn_default(struct rules_term *t, int call_year, int y, int m, int d)
{
	struct tm tm;
	time_t tt;

	t->year = call_year;
	t->month = 9;
	t->day = 1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 30; /* on the calendar (timegm normalises the date) */
	tm.tm_hour = 12;
	tt = timegm(&tm);
	gmtime_r(&tt, &tm);
	if ((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday > call_year * 10000 + 901) {
		t->year = tm.tm_year + 1900;
		t->month = tm.tm_mon + 1;
		t->day = tm.tm_mday;
	}
}

int
rules_payment_schedule(int64_t amount, const struct rules_pay *p, int y, int m, int d, struct rules_term out[2])
{
	int n = p->rule == RULES_PAY_TWO_TERMS ? 2 : p->rule == RULES_PAY_ONE_TERM ? 1 :
	    rules_payment_terms(amount, p->split_threshold);

	out[0].amount = n == 2 ? amount - amount / 2 : amount;
	rules_term_due(&out[0], p->spring_due, y, m, d);
	if (n == 1)
		return 1;
	out[1].amount = amount / 2;
	if (p->autumn_due && p->autumn_due[0])
		rules_term_due(&out[1], p->autumn_due, y, m, d);
	else
		rules_autumn_default(&out[1], p->call_year, y, m, d);
	return 2;
}

bool
rules_audit_required(int64_t amount, int64_t audit_threshold)
{
	return amount >= audit_threshold;
}

time_t
rules_appeal_deadline(time_t letter_sent, int days)
{
	struct valid_datetime d;
	struct tm tm;
	time_t t;

	rules_oslo_from_utc(letter_sent, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day + days; /* mktime normalises the date */
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	rules_oslo_from_utc(t, &d);
	d.hour = 23;
	d.minute = 59;
	d.second = 59;
	rules_oslo_to_utc(&d, &t);
	return t;
}

int64_t
rules_frame_overrun(int64_t frame, int64_t committed, int64_t amount)
{
	int64_t over = committed + amount - frame;
	return over > 0 ? over : 0;
}

int
rules_days_between(const char *a, const char *b)
{
	struct tm ta, tb;
	memset(&ta, 0, sizeof(ta));
	memset(&tb, 0, sizeof(tb));
	if (sscanf(a, "%4d-%2d-%2d", &ta.tm_year, &ta.tm_mon, &ta.tm_mday) != 3 ||
	    sscanf(b, "%4d-%2d-%2d", &tb.tm_year, &tb.tm_mon, &tb.tm_mday) != 3)
		return 0;
	ta.tm_year -= 1900;
	tb.tm_year -= 1900;
	ta.tm_mon -= 1;
	tb.tm_mon -= 1;
	ta.tm_hour = tb.tm_hour = 12;
	return (int)((timegm(&tb) - timegm(&ta)) / 86400);
}
