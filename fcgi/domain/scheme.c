/*
 * scheme.c - the rules of the three schemes at submission (see scheme.h).
 */
#include "domain/scheme.h"
#include "domain/valid.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum scheme_kind
scheme_kind_parse(const char *s)
{
	if (s && strcmp(s, "operating") == 0)
		return SCHEME_OPERATING;
	if (s && strcmp(s, "public") == 0)
		return SCHEME_PUBLIC;
	return SCHEME_VOLUNTARY;
}

enum scheme_budget
scheme_budget_parse(const char *s)
{
	if (s && strcmp(s, "file") == 0)
		return SCHEME_BUDGET_FILE;
	if (s && strcmp(s, "form") == 0)
		return SCHEME_BUDGET_FORM;
	if (s && strcmp(s, "none") == 0)
		return SCHEME_BUDGET_NONE;
	return SCHEME_BUDGET_FILE_OR_FORM;
}

const char *
scheme_org_kind_words(const char *kind)
{
	static const struct { const char *kind, *words; } names[] = {
		{ "voluntary", "frivillige organisasjoner" }, { "immigrant", "innvandrerorganisasjoner" },
		{ "foundation", "stiftelser" }, { "municipality", "kommuner" }, { "county", "fylkeskommuner" },
	};
	size_t i;
	for (i = 0; kind && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(kind, names[i].kind) == 0)
			return names[i].words;
	return "denne typen organisasjon";
}

bool
scheme_kind_allowed(const char *kinds, const char *kind)
{
	size_t n = kind ? strlen(kind) : 0;
	const char *p = kinds;

	if (!kinds || n == 0)
		return false;
	while ((p = strstr(p, kind)) != NULL) {
		if ((p == kinds || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

static bool
scheme_int(const json_t *d, const char *key, int64_t *out)
{
	const json_t *v = json_object_get(d, key);
	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

static bool
scheme_text(const json_t *d, const char *key)
{
	const char *s = json_string_value(json_object_get(d, key));
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

/* most members live in the municipality: members_local of members_total */
static void
scheme_check_members(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	int64_t total = 0, local = 0;

	if (!scheme_int(d, "members_total", &total) || total < 1)
		app_errors_add(errs, "members_total", "Oppgi hvor mange medlemmer organisasjonen har.");
	if (!scheme_int(d, "members_local", &local))
		app_errors_add(errs, "members_local", "Oppgi hvor mange av medlemmene som bor i %s kommune.",
		    c->municipality ? c->municipality : "");
	else if (total >= 1 && local > total)
		app_errors_add(errs, "members_local", "Kan ikke være flere enn medlemmene i alt (%lld).", (long long)total);
	else if (total >= 1 && c->requires_local_members && local * 2 <= total)
		app_errors_add(errs, "members_local", "Hovedandelen av medlemmene må bo i %s kommune (%lld av %lld oppgitt).",
		    c->municipality ? c->municipality : "", (long long)local, (long long)total);
}

void
scheme_check_applicant(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	if (!scheme_kind_allowed(c->applicant_kinds, c->org_kind))
		app_errors_add(errs, "organisation.kind", "Utlysningen er ikke åpen for %s.", scheme_org_kind_words(c->org_kind));
	if (c->requires_volunteer_register && !c->org_volunteer_register)
		app_errors_add(errs, "organisation.volunteer_register",
		    "Organisasjonen må være registrert i Frivillighetsregisteret for å kunne søke.");
	if (c->requires_local_activity && c->municipality &&
	    (!c->org_municipality || strcasecmp(c->org_municipality, c->municipality) != 0))
		app_errors_add(errs, "organisation.municipality", "Organisasjonen må ha sin virksomhet i %s kommune.",
		    c->municipality);
	if (c->requires_local_members && c->scheme_kind != SCHEME_OPERATING)
		scheme_check_members(d, c, errs);
	if (c->requires_national_reach && !json_is_true(json_object_get(d, "national_reach")))
		app_errors_add(errs, "national_reach", "Nasjonale prosjekter kan bare søkes av landsdekkende organisasjoner: "
		    "bekreft at organisasjonen har virksomhet i hele landet.");
}

void
scheme_check_operating(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *costs = json_object_get(json_object_get(d, "budget"), "costs");
	int64_t amount = 0;

	if (!scheme_text(d, "title"))
		app_errors_add(errs, "title", "Må fylles ut.");
	scheme_check_members(d, c, errs);
	if (!scheme_text(d, "activities"))
		app_errors_add(errs, "activities", "Beskriv organisasjonens aktiviteter i året.");
	if (!c->has_accounts_attachment)
		app_errors_add(errs, "attachments.annual_accounts", "Last opp organisasjonens siste årsregnskap.");
	if (json_array_size(costs) > 0)
		app_errors_add(errs, "budget", "Driftstilskudd har ikke prosjektbudsjett; fjern budsjettet.");
	if (!scheme_int(d, "applied_amount", &amount))
		app_errors_add(errs, "applied_amount", "Oppgi søknadsbeløpet.");
	else if (amount < c->min_amount || amount > c->max_amount)
		app_errors_add(errs, "applied_amount", "Beløpet må være fra %lld til %lld kroner.", (long long)c->min_amount,
		    (long long)c->max_amount);
	if (c->one_per_org && c->same_year_applications > 0)
		app_errors_add(errs, "call", "Organisasjonen har allerede søkt om driftstilskudd for %d; det gis én gang per "
		    "organisasjon og år.", c->call_year);
}

/* the partners of a joint application: named, with a valid organisation number */
static void
scheme_check_partners(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *arr = json_object_get(d, "co_applicants"), *v;
	size_t i;

	if (json_array_size(arr) == 0)
		return;
	if (!c->joint_applications) {
		app_errors_add(errs, "co_applicants", "Utlysningen tar ikke imot felles søknader.");
		return;
	}
	json_array_foreach(arr, i, v) {
		const char *nr = json_string_value(json_object_get(v, "orgnr"));
		char p[48];
		snprintf(p, sizeof(p), "co_applicants[%zu].name", i);
		if (!scheme_text(v, "name"))
			app_errors_add(errs, p, "Må fylles ut.");
		snprintf(p, sizeof(p), "co_applicants[%zu].orgnr", i);
		if (!nr || !valid_orgnr(nr))
			app_errors_add(errs, p, "Oppgi et gyldig organisasjonsnummer (9 siffer).");
	}
}

void
scheme_check_public(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *goals = json_object_get(d, "sub_goals"), *b = json_object_get(d, "budget");
	int64_t n = 0;
	size_t i;

	for (i = 0; i < json_array_size(goals); i++) {
		const char *g = json_string_value(json_array_get(goals, i));
		char p[32];
		snprintf(p, sizeof(p), "sub_goals[%zu]", i);
		if (g && g[0] && c->county_only_goals && strchr(c->county_only_goals, g[0]) &&
		    (!c->org_kind || strcmp(c->org_kind, "county") != 0))
			app_errors_add(errs, p, "Satsingsområde %s er bare åpent for fylkeskommuner.", g);
	}
	if (c->requires_own_contribution && (!scheme_int(b, "own_contribution", &n) || n <= 0))
		app_errors_add(errs, "budget.own_contribution", "Søkeren må bidra med egenandel; før den opp i budsjettet.");
	if (c->min_participants > 0 && (!scheme_int(d, "expected_participants", &n) || n < c->min_participants))
		app_errors_add(errs, "expected_participants", "Prosjektet må ha minst %lld deltakere.",
		    (long long)c->min_participants);
	scheme_check_partners(d, c, errs);
}

void
scheme_check_period(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *costs = json_object_get(json_object_get(d, "budget"), "costs");
	bool form = json_array_size(costs) > 0;
	int64_t years = 0;

	if (c->max_years >= 1 && scheme_int(json_object_get(d, "period"), "years", &years) && years > c->max_years) {
		if (c->max_years == 1)
			app_errors_add(errs, "period.years", "Utlysningen gjelder bare ett år om gangen.");
		else
			app_errors_add(errs, "period.years", "Utlysningen gjelder for høyst %d år.", c->max_years);
	}
	if (c->budget_rule == SCHEME_BUDGET_FILE_OR_FORM && !form && !c->has_budget_attachment)
		app_errors_add(errs, "budget.costs", "Legg inn budsjettet i skjemaet eller last det opp som vedlegg.");
	else if (c->budget_rule == SCHEME_BUDGET_FORM && !form)
		app_errors_add(errs, "budget.costs", "Legg inn budsjettets kostnader.");
	else if (c->budget_rule == SCHEME_BUDGET_FILE && !c->has_budget_attachment && !c->requires_budget_attachment)
		app_errors_add(errs, "attachments.budget", "Last opp budsjettet som vedlegg.");
}
