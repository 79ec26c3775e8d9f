/*
 * callrules.c - a call's defaults, checks, frozen fields and yearly copy (see callrules.h).
 */
#include "domain/callrules.h"
#include "domain/rules.h"
#include "domain/valid.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const callrules_criteria[] = {
	"Tydelig beskrivelse av mål og målgrupper",
	"Konkrete og målbare mål for prosjektet/tiltakene",
	"Realistisk framdriftsplan",
	"Realistisk og hensiktsmessig budsjett med samsvar mellom søknadssum og resultatmål",
	"Kompetanse og erfaring på området, og evne til å bruke egnede metoder og aktiviteter",
	"Tiltakene er tilpasset målgruppenes alder, kjønn og nasjonale bakgrunn",
	"Nettverk, forankring og gjennomslag i aktuelle miljøer og lokalsamfunn",
	"Frivillig arbeid brukes i gjennomføringen",
	"Samarbeid med kommuner, fylkeskommuner, offentlige etater og andre frivillige organisasjoner",
	"Overføringsverdi: erfaringer og resultater deles",
	"Rettet mot barn og unge, og samarbeid med barne- og ungdomsorganisasjoner",
	NULL,
};

const char *const callrules_reception_criteria[] = {
	"Samarbeidet er avtalt med ledelsen ved asylmottaket",
	"Mottaket har en navngitt kontaktperson for tiltaket",
	"Beboerrådet ved mottaket er involvert",
	NULL,
};

const char *const callrules_frozen_fields[] = {
	"scheme", "year", "opens_local", "sub_goals", "min_amount", "max_amount", "budget_frame", "earmarks",
	"applicant_kinds", "requires_volunteer_register", "requires_business_register", "requires_local_activity",
	"requires_local_members", "requires_national_reach", "requires_own_contribution", "min_participants",
	"joint_applications", "one_per_org", "required_attachments", "budget_rule", "one_project_per_application",
	"max_years", "payment_rule", "payment_split_threshold", "spring_due", "autumn_due", "audit_threshold",
	"audit_scope", "appeal_rule", "appeal_window_days", NULL,
};

enum callrules_kind
callrules_kind_of(const char *name)
{
	static const char *const names[] = { "voluntary", "operating", "public" };
	size_t i;

	for (i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return (enum callrules_kind)i;
	return CALLRULES_KIND_UNKNOWN;
}

bool
callrules_frozen(const char *field)
{
	size_t i;

	for (i = 0; callrules_frozen_fields[i]; i++)
		if (strcmp(callrules_frozen_fields[i], field) == 0)
			return true;
	return false;
}

static json_t *
callrules_strings(const char *const *s)
{
	json_t *a = json_array();

	for (; *s; s++)
		json_array_append_new(a, json_string(*s));
	return a;
}

static json_t *
callrules_date(int year, const char *month_day)
{
	char d[32];

	snprintf(d, sizeof(d), "%04d-%s", year, month_day);
	return json_string(d);
}

/* What the three kinds have in common: a call that opens 1 January and closes 1 March. */
static json_t *
callrules_common(int year, const char *title)
{
	return json_pack("{s:i, s:s, s:s, s:o, s:o, s:I, s:I, s:n, s:[], s:o, s:o, s:b, s:b, s:b, s:b, s:b, s:b,"
	    " s:n, s:b, s:b, s:b, s:i, s:I, s:n, s:o, s:o, s:n, s:I, s:s, s:i, s:[]}",
	    "year", year, "title", title, "description", "",
	    "opens_local", callrules_date(year, "01-01T00:00"), "deadline_local", callrules_date(year, "03-01T12:00"),
	    "min_amount", (json_int_t)10000, "max_amount", (json_int_t)1000000, "budget_frame", "earmarks",
	    "criteria", callrules_strings(callrules_criteria),
	    "reception_criteria", callrules_strings(callrules_reception_criteria),
	    "requires_volunteer_register", 1, "requires_business_register", 0, "requires_local_activity", 0,
	    "requires_local_members", 0, "requires_national_reach", 0, "requires_own_contribution", 0,
	    "min_participants", "joint_applications", 0, "one_per_org", 0, "one_project_per_application", 0,
	    "max_years", 1, "payment_split_threshold", (json_int_t)30000, "spring_due",
	    "autumn_due", callrules_date(year, "09-01"), "report_due", callrules_date(year + 1, "02-01"),
	    "status_report_due", "audit_threshold", (json_int_t)100000, "audit_scope", "grant",
	    "appeal_window_days", 21, "contacts");
}

/* Sets the keys of o (a new reference, taken) on c. */
static void
callrules_set(json_t *c, json_t *o)
{
	json_object_update(c, o);
	json_decref(o);
}

json_t *
callrules_defaults(enum callrules_kind kind, int year, const char *title)
{
	json_t *c = callrules_common(year, title);

	if (kind == CALLRULES_PUBLIC) {
		callrules_set(c, json_pack("{s:[ssss], s:[ss], s:b, s:b, s:i, s:b, s:[], s:s, s:s, s:o, s:s}",
		    "sub_goals", "1", "2", "4", "5", "applicant_kinds", "municipality", "county",
		    "requires_volunteer_register", 0, "requires_own_contribution", 1, "min_participants", 10,
		    "joint_applications", 1, "required_attachments", "budget_rule", "form", "payment_rule", "two_terms",
		    "status_report_due", callrules_date(year, "09-01"), "appeal_rule", "dismissal_and_reactions"));
	} else if (kind == CALLRULES_OPERATING) {
		callrules_set(c, json_pack("{s:[ssss], s:[s], s:b, s:b, s:b, s:[s], s:s, s:s, s:s}",
		    "sub_goals", "A", "B", "C", "D", "applicant_kinds", "immigrant", "requires_local_activity", 1,
		    "requires_local_members", 1, "one_per_org", 1, "required_attachments", "tax_certificate",
		    "budget_rule", "none", "payment_rule", "threshold", "appeal_rule", "all"));
	} else {
		callrules_set(c, json_pack("{s:[ssss], s:[sss], s:[ss], s:s, s:s, s:s}",
		    "sub_goals", "A", "B", "C", "D", "applicant_kinds", "voluntary", "immigrant", "foundation",
		    "required_attachments", "budget", "tax_certificate", "budget_rule", "file_or_form",
		    "payment_rule", "threshold", "appeal_rule", "all"));
	}
	return c;
}

/* ---- checks ------------------------------------------------------------------------------- */

static const char *
callrules_str(const json_t *call, const char *key)
{
	const char *s = json_string_value(json_object_get(call, key));
	return s ? s : "";
}

static int64_t
callrules_int(const json_t *call, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(call, key));
}

/* Whether s is blank (nothing but spaces, tabs and line breaks). */
static bool
callrules_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

bool
callrules_local(const char *s, struct valid_datetime *dt)
{
	struct valid_datetime back;
	time_t t;

	if (strlen(s) != 16 || s[10] != 'T' || !valid_datetime_local(s, dt))
		return false;
	if (rules_oslo_to_utc(dt, &t) != 0)
		return false;
	rules_oslo_from_utc(t, &back);
	return rules_datetime_cmp(&back, dt) == 0;
}

/* The opening and the deadline: real Oslo times, the deadline after the opening. */
static void
callrules_check_times(const json_t *call, struct app_errors *errs)
{
	struct valid_datetime o, d;
	bool ok_o = callrules_local(callrules_str(call, "opens_local"), &o);
	bool ok_d = callrules_local(callrules_str(call, "deadline_local"), &d);

	if (!ok_o)
		app_errors_add(errs, "opens_local", "Skriv åpningstidspunktet som ÅÅÅÅ-MM-DDTTT:MM, et tidspunkt som finnes i norsk tid.");
	if (!ok_d)
		app_errors_add(errs, "deadline_local", "Skriv fristen som ÅÅÅÅ-MM-DDTTT:MM, et tidspunkt som finnes i norsk tid.");
	if (ok_o && ok_d && rules_datetime_cmp(&d, &o) <= 0)
		app_errors_add(errs, "deadline_local", "Fristen må være etter åpningstidspunktet.");
}

/* Whether the goal code is of the scheme's kind: sub-goals A-D for the voluntary scheme and
 * operating support, priority areas 1, 2, 4, 5 for the scheme for municipalities and counties. */
static bool
callrules_goal_fits(const char *code, enum callrules_kind kind)
{
	if (kind == CALLRULES_PUBLIC)
		return strlen(code) == 1 && strchr("1245", code[0]) != NULL;
	return strlen(code) == 1 && strchr("ABCD", code[0]) != NULL;
}

/* Whether the array holds the string s. */
static bool
callrules_has(const json_t *a, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/* Names the first item of the array (key) that comes again, if one does. */
static void
callrules_check_unique(const json_t *call, const char *key, struct app_errors *errs)
{
	const json_t *a = json_object_get(call, key);
	size_t i, j;

	for (i = 0; i < json_array_size(a); i++)
		for (j = 0; j < i; j++)
			if (json_equal(json_array_get(a, i), json_array_get(a, j))) {
				char f[64];
				snprintf(f, sizeof(f), "%s[%zu]", key, i);
				app_errors_add(errs, f, "Står allerede i listen.");
				return;
			}
}

static void
callrules_check_goals(const json_t *call, enum callrules_kind kind, struct app_errors *errs)
{
	const json_t *goals = json_object_get(call, "sub_goals");
	size_t i;
	json_t *v;

	if (json_array_size(goals) == 0)
		app_errors_add(errs, "sub_goals", "Velg minst ett delmål eller innsatsområde.");
	json_array_foreach(goals, i, v) {
		char f[32];
		snprintf(f, sizeof(f), "sub_goals[%zu]", i);
		if (!json_is_string(v) || !callrules_goal_fits(json_string_value(v), kind))
			app_errors_add(errs, f, kind == CALLRULES_PUBLIC
			    ? "Ordningen for kommuner og fylkeskommuner har innsatsområdene 1, 2, 4 og 5."
			    : "Ordningen har delmålene A, B, C og D.");
	}
	callrules_check_unique(call, "sub_goals", errs);
}

/* Amounts: min <= max; the earmarks on offered codes, each once, together within the frame. */
static void
callrules_check_money(const json_t *call, struct app_errors *errs)
{
	const json_t *frame = json_object_get(call, "budget_frame"), *marks = json_object_get(call, "earmarks");
	int64_t sum = 0;
	size_t i, j;
	json_t *m;

	if (callrules_int(call, "min_amount") > callrules_int(call, "max_amount"))
		app_errors_add(errs, "min_amount", "Minste beløp kan ikke være større enn største beløp.");
	if (json_is_integer(frame) && callrules_int(call, "max_amount") > json_integer_value(frame))
		app_errors_add(errs, "max_amount", "Største beløp kan ikke være større enn rammen.");
	json_array_foreach(marks, i, m) {
		const char *g = json_string_value(json_object_get(m, "sub_goal"));
		char f[40];
		snprintf(f, sizeof(f), "earmarks[%zu].sub_goal", i);
		if (!g || !callrules_has(json_object_get(call, "sub_goals"), g))
			app_errors_add(errs, f, "En øremerking må gjelde et delmål eller innsatsområde som utlysningen tilbyr.");
		for (j = 0; j < i; j++)
			if (g && json_equal(json_object_get(json_array_get(marks, j), "sub_goal"), json_object_get(m, "sub_goal")))
				app_errors_add(errs, f, "Dette delmålet er allerede øremerket.");
		sum += (int64_t)json_integer_value(json_object_get(m, "amount"));
	}
	if (json_array_size(marks) > 0 && !json_is_integer(frame))
		app_errors_add(errs, "earmarks", "Øremerking krever en ramme.");
	else if (json_is_integer(frame) && sum > json_integer_value(frame))
		app_errors_add(errs, "earmarks", "Øremerkingene er til sammen større enn rammen.");
}

/* Who may apply: public bodies only in the scheme for municipalities and counties, and only
 * immigrant organisations for operating support. */
static void
callrules_check_applicants(const json_t *call, enum callrules_kind kind, struct app_errors *errs)
{
	const json_t *kinds = json_object_get(call, "applicant_kinds");
	bool pub = callrules_has(kinds, "municipality") || callrules_has(kinds, "county");
	size_t n = json_array_size(kinds);

	if (n == 0)
		app_errors_add(errs, "applicant_kinds", "Velg hvem som kan søke.");
	else if (kind == CALLRULES_PUBLIC && (size_t)(callrules_has(kinds, "municipality") + callrules_has(kinds, "county")) != n)
		app_errors_add(errs, "applicant_kinds", "Bare kommuner og fylkeskommuner kan søke i denne ordningen.");
	else if (kind == CALLRULES_OPERATING && !(n == 1 && callrules_has(kinds, "immigrant")))
		app_errors_add(errs, "applicant_kinds", "Driftstilskudd kan bare søkes av innvandrerorganisasjoner.");
	else if (kind == CALLRULES_VOLUNTARY && pub)
		app_errors_add(errs, "applicant_kinds", "Kommuner og fylkeskommuner kan ikke søke i denne ordningen.");
	callrules_check_unique(call, "applicant_kinds", errs);
	if (json_is_true(json_object_get(call, "joint_applications")) && kind != CALLRULES_PUBLIC)
		app_errors_add(errs, "joint_applications", "Felles søknader gjelder bare ordningen for kommuner og fylkeskommuner.");
	if (strcmp(callrules_str(call, "budget_rule"), "none") == 0 &&
	    callrules_has(json_object_get(call, "required_attachments"), "budget"))
		app_errors_add(errs, "required_attachments", "Uten prosjektbudsjett kan budsjett ikke være et krav.");
	callrules_check_unique(call, "required_attachments", errs);
}

/* A date key (null or "YYYY-MM-DD"; the shape checked the form) into d; false when null. */
static bool
callrules_day(const json_t *call, const char *key, struct valid_datetime *d)
{
	memset(d, 0, sizeof(*d));
	return valid_date(callrules_str(call, key), d);
}

/* The terms' dates in the grant year, spring before autumn; the status report before the annual
 * report, which comes after the deadline. */
static void
callrules_check_dates(const json_t *call, struct app_errors *errs)
{
	struct valid_datetime spring, autumn, status, report, deadline;
	int year = (int)callrules_int(call, "year");
	bool has_s = callrules_day(call, "spring_due", &spring), has_a = callrules_day(call, "autumn_due", &autumn);
	bool has_st = callrules_day(call, "status_report_due", &status), has_r = callrules_day(call, "report_due", &report);

	if (has_s && spring.year != year)
		app_errors_add(errs, "spring_due", "Vårterminen må forfalle i tilskuddsåret.");
	if (has_a && autumn.year != year)
		app_errors_add(errs, "autumn_due", "Høstterminen må forfalle i tilskuddsåret.");
	if (has_s && has_a && rules_datetime_cmp(&spring, &autumn) >= 0)
		app_errors_add(errs, "autumn_due", "Høstterminen må forfalle etter vårterminen.");
	if (strcmp(callrules_str(call, "payment_rule"), "two_terms") == 0 && !has_a)
		app_errors_add(errs, "autumn_due", "Med to terminer må høstterminen ha en dato.");
	if (has_st && has_r && rules_datetime_cmp(&status, &report) >= 0)
		app_errors_add(errs, "status_report_due", "Statusrapporten må komme før årsrapporten.");
	if (has_r && callrules_local(callrules_str(call, "deadline_local"), &deadline)) {
		deadline.hour = deadline.minute = 0;
		if (rules_datetime_cmp(&report, &deadline) <= 0)
			app_errors_add(errs, "report_due", "Rapportfristen må være etter søknadsfristen.");
	}
}

/* Texts: a title and no blank criterion. */
static void
callrules_check_texts(const json_t *call, struct app_errors *errs)
{
	static const char *const lists[] = { "criteria", "reception_criteria" };
	size_t k, i;
	json_t *v;

	if (callrules_blank(callrules_str(call, "title")))
		app_errors_add(errs, "title", "Skriv en tittel.");
	for (k = 0; k < 2; k++)
		json_array_foreach(json_object_get(call, lists[k]), i, v)
			if (!json_is_string(v) || callrules_blank(json_string_value(v))) {
				char f[40];
				snprintf(f, sizeof(f), "%s[%zu]", lists[k], i);
				app_errors_add(errs, f, "Skriv kriteriet, eller fjern det.");
			}
}

/* An e-mail address that may be right: something@something.something, no spaces. */
static bool
callrules_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at != s && strchr(at + 1, '@') == NULL && strchr(at, '.') && at[strlen(at) - 1] != '.' &&
	    at[1] != '.' && strpbrk(s, " \t\r\n<>,;\"") == NULL;
}

void
callrules_check_contacts(const json_t *contacts, const char *prefix, struct app_errors *errs)
{
	size_t i;
	json_t *c;

	json_array_foreach(contacts, i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		const char *email = json_string_value(json_object_get(c, "email"));
		const char *phone = json_string_value(json_object_get(c, "phone"));
		char f[64];
		if (!name || callrules_blank(name)) {
			snprintf(f, sizeof(f), "%s[%zu].name", prefix, i);
			app_errors_add(errs, f, "Skriv navnet på kontaktpersonen.");
		}
		if (email && email[0] && !callrules_email(email)) {
			snprintf(f, sizeof(f), "%s[%zu].email", prefix, i);
			app_errors_add(errs, f, "Skriv en gyldig e-postadresse.");
		}
		if (phone && (strspn(phone, "+0123456789 ") != strlen(phone) || strchr(phone + (phone[0] != '\0'), '+'))) {
			snprintf(f, sizeof(f), "%s[%zu].phone", prefix, i);
			app_errors_add(errs, f, "Skriv telefonnummeret med sifre, mellomrom og eventuelt + først.");
		}
	}
}

bool
callrules_check(const json_t *call, enum callrules_kind kind, struct app_errors *errs)
{
	size_t before = errs->n;

	callrules_check_texts(call, errs);
	callrules_check_times(call, errs);
	callrules_check_goals(call, kind, errs);
	callrules_check_money(call, errs);
	callrules_check_applicants(call, kind, errs);
	callrules_check_dates(call, errs);
	callrules_check_contacts(json_object_get(call, "contacts"), "contacts", errs);
	return errs->n == before;
}

size_t
callrules_changed(const json_t *before, const json_t *after, const char **names, size_t max)
{
	const char *key;
	json_t *v;
	size_t n = 0;

	json_object_foreach((json_t *)after, key, v)
		if (n < max && !json_equal(v, json_object_get(before, key)))
			names[n++] = key;
	return n;
}

/* s ("YYYY-MM-DD..." of the key) years later; 29 February becomes 28 February. */
static void
callrules_years_later(json_t *call, const char *key, int years)
{
	const char *s = json_string_value(json_object_get(call, key));
	char out[32];
	int y;

	if (!s || strlen(s) < 10 || strlen(s) >= sizeof(out) || sscanf(s, "%4d", &y) != 1)
		return;
	snprintf(out, sizeof(out), "%04d%s", y + years, s + 4);
	if (strncmp(out + 4, "-02-29", 6) == 0 && valid_days_in_month(y + years, 2) == 28)
		out[9] = '8';
	json_object_set_new(call, key, json_string(out));
}

void
callrules_move_years(json_t *call, int years)
{
	static const char *const dates[] = { "opens_local", "deadline_local", "spring_due", "autumn_due", "report_due",
		"status_report_due" };
	const char *title = json_string_value(json_object_get(call, "title"));
	int year = (int)json_integer_value(json_object_get(call, "year"));
	char from[16], to[16], t[1100];
	const char *at;
	size_t i;

	/* the title's year, when it names it: "Tilskudd 2026" becomes "Tilskudd 2027" */
	snprintf(from, sizeof(from), "%04d", year);
	snprintf(to, sizeof(to), "%04d", year + years);
	if (title && (at = strstr(title, from)) != NULL && strlen(title) < sizeof(t)) {
		snprintf(t, sizeof(t), "%.*s%s%s", (int)(at - title), title, to, at + 4);
		json_object_set_new(call, "title", json_string(t));
	}
	json_object_set_new(call, "year", json_integer(year + years));
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		callrules_years_later(call, dates[i], years);
}
