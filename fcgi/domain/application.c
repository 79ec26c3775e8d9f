/*
 * application.c - draft shape checks, submission rules and budget totals.
 */
#include "domain/application.h"
#include "domain/scheme.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void
app_errors_add(struct app_errors *errs, const char *field, const char *fmt, ...)
{
	char detail[sizeof(errs->e[0].detail) + 4];
	va_list ap;

	if (errs->n == APP_MAX_ERRORS)
		return;
	/* names and texts are cut between characters, never inside one (they go out as JSON) */
	utf8_copy(errs->e[errs->n].field, field, sizeof(errs->e[0].field));
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	utf8_copy(errs->e[errs->n].detail, detail, sizeof(errs->e[0].detail));
	errs->n++;
}

/* ---- shape ------------------------------------------------------------------------------- */

enum app_kind { K_TEXT, K_INT, K_BOOL, K_DATE, K_ENUM, K_OBJ, K_ARR };

struct app_spec {
	const char *key;
	enum app_kind kind;
	int64_t min, max;                 /* text: characters; int: value; array: items */
	const char *const *values;        /* K_ENUM */
	const struct app_spec *fields;    /* K_OBJ, or the item of K_ARR */
};

static const char *const app_goals[] = { "A", "B", "C", "D", "1", "2", "4", "5", NULL };
static const char *const app_groups[] = { "refugees", "labour_immigrants", "family_immigrants",
	"norwegian_born_children", "reception_centre_residents", "local_population", NULL };
static const char *const app_partner_kinds[] = { "municipality", "public_body", "organisation", "other", NULL };

#define END { NULL, K_TEXT, 0, 0, NULL, NULL }
static const struct app_spec app_goal_item[] = { { "", K_ENUM, 0, 0, app_goals, NULL }, END };
static const struct app_spec app_group_item[] = { { "", K_ENUM, 0, 0, app_groups, NULL }, END };
static const struct app_spec app_result_goal[] = {
	{ "text", K_TEXT, 0, 300, NULL, NULL }, { "measure", K_TEXT, 0, 200, NULL, NULL }, END };
static const struct app_spec app_milestone[] = {
	{ "date", K_DATE, 0, 0, NULL, NULL }, { "text", K_TEXT, 0, 300, NULL, NULL }, END };
static const struct app_spec app_cost[] = {
	{ "text", K_TEXT, 0, 200, NULL, NULL }, { "amount", K_INT, 0, VALID_AMOUNT_MAX, NULL, NULL }, END };
static const struct app_spec app_funding[] = {
	{ "source", K_TEXT, 0, 200, NULL, NULL }, { "amount", K_INT, 0, VALID_AMOUNT_MAX, NULL, NULL }, END };
static const struct app_spec app_budget_spec[] = {
	{ "costs", K_ARR, 0, 50, NULL, app_cost },
	{ "own_contribution", K_INT, 0, VALID_AMOUNT_MAX, NULL, NULL },
	{ "other_funding", K_ARR, 0, 20, NULL, app_funding }, END };
static const struct app_spec app_period[] = {
	{ "start_year", K_INT, 2000, 2100, NULL, NULL }, { "years", K_INT, 1, 3, NULL, NULL }, END };
static const struct app_spec app_partner[] = {
	{ "name", K_TEXT, 0, 200, NULL, NULL }, { "kind", K_ENUM, 0, 0, app_partner_kinds, NULL }, END };
static const struct app_spec app_reception[] = {
	{ "applies", K_BOOL, 0, 0, NULL, NULL }, { "management_agreement", K_BOOL, 0, 0, NULL, NULL },
	{ "contact_person", K_TEXT, 0, 200, NULL, NULL }, { "residents_council", K_BOOL, 0, 0, NULL, NULL }, END };
static const struct app_spec app_location[] = {
	{ "municipality", K_TEXT, 0, 100, NULL, NULL }, { "place", K_TEXT, 0, 200, NULL, NULL }, END };
static const struct app_spec app_co_applicant[] = {
	{ "name", K_TEXT, 0, 200, NULL, NULL }, { "orgnr", K_TEXT, 0, 9, NULL, NULL }, END };
static const struct app_spec app_declaration[] = {
	{ "has_other", K_BOOL, 0, 0, NULL, NULL }, { "details", K_TEXT, 0, 1000, NULL, NULL }, END };

static const struct app_spec app_root[] = {
	{ "title", K_TEXT, 0, 200, NULL, NULL },
	{ "summary", K_TEXT, 0, 2000, NULL, NULL },
	{ "goals", K_TEXT, 0, 2000, NULL, NULL },
	{ "adaptation", K_TEXT, 0, 2000, NULL, NULL },
	{ "volunteers", K_TEXT, 0, 2000, NULL, NULL },
	{ "sub_goals", K_ARR, 0, 4, NULL, app_goal_item },
	{ "target_groups", K_ARR, 0, 6, NULL, app_group_item },
	{ "project_count", K_INT, 1, 20, NULL, NULL },
	{ "result_goals", K_ARR, 0, 20, NULL, app_result_goal },
	{ "milestones", K_ARR, 0, 30, NULL, app_milestone },
	{ "budget", K_OBJ, 0, 0, NULL, app_budget_spec },
	{ "applied_amount", K_INT, 0, VALID_AMOUNT_MAX, NULL, NULL },
	{ "period", K_OBJ, 0, 0, NULL, app_period },
	{ "partners", K_ARR, 0, 20, NULL, app_partner },
	{ "reception_centre", K_OBJ, 0, 0, NULL, app_reception },
	{ "children_youth", K_BOOL, 0, 0, NULL, NULL },
	{ "expected_participants", K_INT, 0, 1000000, NULL, NULL },
	{ "location", K_OBJ, 0, 0, NULL, app_location },
	{ "other_funding_declaration", K_OBJ, 0, 0, NULL, app_declaration },
	{ "members_total", K_INT, 0, 10000000, NULL, NULL },
	{ "members_local", K_INT, 0, 10000000, NULL, NULL },
	{ "activities", K_TEXT, 0, 4000, NULL, NULL },
	{ "national_reach", K_BOOL, 0, 0, NULL, NULL },
	{ "co_applicants", K_ARR, 0, 20, NULL, app_co_applicant },
	END,
};

static void app_check_object(const json_t *o, const struct app_spec *fields, const char *path, struct app_errors *errs);

static void
app_check_value(const json_t *v, const struct app_spec *f, const char *path, struct app_errors *errs)
{
	size_t i;
	if (json_is_null(v))
		return; /* empty while drafting */
	switch (f->kind) {
	case K_TEXT:
		if (!json_is_string(v))
			app_errors_add(errs, path, "Må være tekst.");
		else if (strlen(json_string_value(v)) != json_string_length(v))
			app_errors_add(errs, path, "Kan ikke inneholde NUL-tegn.");
		else if ((int64_t)utf8_len(json_string_value(v)) > f->max)
			app_errors_add(errs, path, "Kan ha høyst %lld tegn.", (long long)f->max);
		break;
	case K_INT:
		if (!json_is_integer(v))
			app_errors_add(errs, path, "Må være et heltall.");
		else if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			app_errors_add(errs, path, "Må være fra %lld til %lld.", (long long)f->min, (long long)f->max);
		break;
	case K_BOOL:
		if (!json_is_boolean(v))
			app_errors_add(errs, path, "Må være ja eller nei.");
		break;
	case K_DATE:
		if (!json_is_string(v) || !valid_date(json_string_value(v), NULL))
			app_errors_add(errs, path, "Må være en dato (ÅÅÅÅ-MM-DD).");
		break;
	case K_ENUM: {
		bool ok = false;
		for (i = 0; json_is_string(v) && f->values[i]; i++)
			if (strcmp(json_string_value(v), f->values[i]) == 0)
				ok = true;
		if (!ok)
			app_errors_add(errs, path, "Ugyldig verdi.");
		break;
	}
	case K_OBJ:
		if (!json_is_object(v))
			app_errors_add(errs, path, "Må være et objekt.");
		else
			app_check_object(v, f->fields, path, errs);
		break;
	case K_ARR:
		if (!json_is_array(v)) {
			app_errors_add(errs, path, "Må være en liste.");
		} else if ((int64_t)json_array_size(v) > f->max) {
			app_errors_add(errs, path, "Kan ha høyst %lld elementer.", (long long)f->max);
		} else {
			for (i = 0; i < json_array_size(v); i++) {
				char p[64];
				snprintf(p, sizeof(p), "%s[%zu]", path, i);
				if (f->fields[0].key[0] == '\0')
					app_check_value(json_array_get(v, i), &f->fields[0], p, errs);
				else if (!json_is_object(json_array_get(v, i)))
					app_errors_add(errs, p, "Må være et objekt.");
				else
					app_check_object(json_array_get(v, i), f->fields, p, errs);
			}
		}
		break;
	}
}

static void
app_check_object(const json_t *o, const struct app_spec *fields, const char *path, struct app_errors *errs)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v) {
		const struct app_spec *f;
		char p[64];
		for (f = fields; f->key; f++)
			if (strcmp(f->key, key) == 0)
				break;
		snprintf(p, sizeof(p), "%s%s%.*s", path, path[0] ? "." : "", (int)utf8_prefix(key, 40), key);
		if (f->key == NULL)
			app_errors_add(errs, p, "Ukjent felt.");
		else
			app_check_value(v, f, p, errs);
	}
}

bool
app_draft_check(const json_t *draft, struct app_errors *errs)
{
	size_t before = errs->n;
	if (!json_is_object(draft)) {
		app_errors_add(errs, "body", "Utkastet må være et JSON-objekt.");
		return false;
	}
	app_check_object(draft, app_root, "", errs);
	return errs->n == before && errs->n < APP_MAX_ERRORS; /* a full list may have lost one */
}

/* ---- budget and submission ----------------------------------------------------------------- */

static int64_t
app_sum(const json_t *arr)
{
	int64_t s = 0;
	size_t i;
	for (i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		json_t *a = json_object_get(json_array_get(arr, i), "amount");
		if (json_is_integer(a))
			s += json_integer_value(a);
	}
	return s;
}

void
app_budget(const json_t *draft, struct app_budget *out)
{
	const json_t *b = json_object_get(draft, "budget");
	const json_t *own = json_object_get(b, "own_contribution");
	out->costs = app_sum(json_object_get(b, "costs"));
	out->own_contribution = json_is_integer(own) ? json_integer_value(own) : 0;
	out->other_funding = app_sum(json_object_get(b, "other_funding"));
	out->deficit = out->costs - out->own_contribution - out->other_funding;
}

static bool
app_text_set(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s;
	if (!json_is_string(v))
		return false;
	for (s = json_string_value(v); *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

static void
app_require_text(const json_t *o, const char *key, const char *path, struct app_errors *errs)
{
	if (!app_text_set(o, key))
		app_errors_add(errs, path, "Må fylles ut.");
}

static void
app_kr(int64_t v, char *out, size_t len)
{
	char digits[24], tmp[32];
	int n, i, k = 0;
	n = snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? -v : v));
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			tmp[k++] = ' ';
		tmp[k++] = digits[i];
	}
	tmp[k] = '\0';
	snprintf(out, len, "%s%s kr", v < 0 ? "-" : "", tmp);
}

/* The texts, sub-goals, target groups, result goals and milestones. */
static void
app_check_content(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *arr;
	size_t i;

	app_require_text(d, "title", "title", errs);
	app_require_text(d, "summary", "summary", errs);
	app_require_text(d, "goals", "goals", errs);
	app_require_text(d, "adaptation", "adaptation", errs);
	if (c->scheme_kind != SCHEME_PUBLIC) /* public bodies do not work through volunteers */
		app_require_text(d, "volunteers", "volunteers", errs);

	arr = json_object_get(d, "sub_goals");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		app_errors_add(errs, "sub_goals", c->scheme_kind == SCHEME_PUBLIC ? "Velg minst ett satsingsområde." :
		    "Velg minst ett delmål.");
	for (i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		const char *g = json_string_value(json_array_get(arr, i));
		if (g && strchr(c->call_sub_goals, g[0]) == NULL) {
			char p[32];
			snprintf(p, sizeof(p), "sub_goals[%zu]", i);
			app_errors_add(errs, p, "Utlysningen gjelder ikke %s %s; velg blant %s.",
			    c->scheme_kind == SCHEME_PUBLIC ? "satsingsområde" : "delmål", g, c->call_sub_goals);
		}
	}
	arr = json_object_get(d, "target_groups");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		app_errors_add(errs, "target_groups", "Velg minst én målgruppe.");

	arr = json_object_get(d, "result_goals");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		app_errors_add(errs, "result_goals", "Skriv minst ett målbart resultatmål.");
	for (i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		char p[48];
		snprintf(p, sizeof(p), "result_goals[%zu].text", i);
		app_require_text(json_array_get(arr, i), "text", p, errs);
		snprintf(p, sizeof(p), "result_goals[%zu].measure", i);
		if (!app_text_set(json_array_get(arr, i), "measure"))
			app_errors_add(errs, p, "Si hvordan resultatet skal måles.");
	}
	arr = json_object_get(d, "milestones");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		app_errors_add(errs, "milestones", "Legg inn minst én milepæl med dato.");
	for (i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		char p[48];
		snprintf(p, sizeof(p), "milestones[%zu].date", i);
		if (!json_is_string(json_object_get(json_array_get(arr, i), "date")))
			app_errors_add(errs, p, "Må fylles ut.");
		snprintf(p, sizeof(p), "milestones[%zu].text", i);
		app_require_text(json_array_get(arr, i), "text", p, errs);
	}
}

/* The budget and the amount applied for: within the call's bounds and equal to the deficit. */
static void
app_check_amount(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *v, *costs = json_object_get(json_object_get(d, "budget"), "costs");
	struct app_budget b;
	char a1[48], a2[48];
	int64_t amt;

	app_budget(d, &b);
	v = json_object_get(d, "applied_amount");
	if (!json_is_integer(v)) {
		app_errors_add(errs, "applied_amount", "Oppgi søknadsbeløpet.");
		return;
	}
	amt = json_integer_value(v);
	if (amt < c->min_amount) {
		app_kr(c->min_amount, a1, sizeof(a1));
		app_errors_add(errs, "applied_amount", "Beløpet er under utlysningens minstebeløp på %s.", a1);
	} else if (amt > c->max_amount) {
		app_kr(c->max_amount, a1, sizeof(a1));
		app_errors_add(errs, "applied_amount", "Beløpet er over utlysningens høyeste beløp på %s.", a1);
	}
	if (json_array_size(costs) > 0 && amt != b.deficit) { /* a budget given only as a file is read by people */
		app_kr(b.deficit, a1, sizeof(a1));
		app_kr(amt, a2, sizeof(a2));
		app_errors_add(errs, "applied_amount",
		    "Søknadsbeløpet (%s) må være lik underskuddet i budsjettet (%s): kostnader minus egenandel og annen finansiering.",
		    a2, a1);
	}
}

/* The declaration of other funding for the same activity. */
static void
app_check_declaration(const json_t *d, struct app_errors *errs)
{
	const json_t *v = json_object_get(d, "other_funding_declaration");
	if (!json_is_boolean(json_object_get(v, "has_other")))
		app_errors_add(errs, "other_funding_declaration.has_other",
		    "Erklær om dere har søkt eller fått støtte til samme tiltak fra IMDi eller en annen kommune.");
	else if (json_is_true(json_object_get(v, "has_other")))
		app_require_text(v, "details", "other_funding_declaration.details", errs);
}

/* Period, projects, participants, where it happens, reception centres and other funding. */
static void
app_check_activity(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	const json_t *v = json_object_get(d, "period");

	if (!json_is_integer(json_object_get(v, "start_year")) || !json_is_integer(json_object_get(v, "years")))
		app_errors_add(errs, "period", "Oppgi startår og varighet (1–3 år).");
	else if (json_integer_value(json_object_get(v, "start_year")) < c->call_year)
		app_errors_add(errs, "period.start_year", "Kan ikke starte før utlysningens år (%d).", c->call_year);

	v = json_object_get(d, "project_count");
	if (c->one_project && json_is_integer(v) && json_integer_value(v) > 1)
		app_errors_add(errs, "project_count", "Utlysningen tillater bare ett prosjekt per søknad; send én søknad per prosjekt.");

	v = json_object_get(d, "expected_participants");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		app_errors_add(errs, "expected_participants", "Oppgi forventet antall deltakere.");
	if (!json_is_boolean(json_object_get(d, "children_youth")))
		app_errors_add(errs, "children_youth", "Svar på om tiltaket retter seg mot barn og unge.");

	v = json_object_get(d, "location");
	if (!app_text_set(v, "municipality"))
		app_errors_add(errs, "location.municipality", "Oppgi kommunen der tiltaket skal gjennomføres.");
	else if (c->municipal && c->municipality &&
	    strcasecmp(json_string_value(json_object_get(v, "municipality")), c->municipality) != 0)
		app_errors_add(errs, "location.municipality", "Tiltaket må gjennomføres i %s kommune for denne utlysningen.",
		    c->municipality);
	app_require_text(v, "place", "location.place", errs);

	v = json_object_get(d, "reception_centre");
	if (json_is_true(json_object_get(v, "applies"))) {
		if (!json_is_true(json_object_get(v, "management_agreement")))
			app_errors_add(errs, "reception_centre.management_agreement",
			    "Tiltak for beboere i mottak krever avtalt samarbeid med mottakets ledelse.");
		app_require_text(v, "contact_person", "reception_centre.contact_person", errs);
	}
	app_check_declaration(d, errs);
}

/* What the organisation must be and have attached. */
static void
app_check_organisation(const struct app_context *c, struct app_errors *errs)
{
	if (c->requires_business_register && !c->org_business_register)
		app_errors_add(errs, "organisation.business_register",
		    "Denne utlysningen krever at organisasjonen er registrert i Brønnøysundregistrene.");
	if (c->requires_budget_attachment && !c->has_budget_attachment)
		app_errors_add(errs, "attachments.budget", "Last opp budsjettet som vedlegg.");
	if (c->requires_tax_certificate && c->org_has_employees && !c->has_tax_certificate)
		app_errors_add(errs, "attachments.tax_certificate",
		    "Organisasjonen har ansatte: last opp skatteattest.");
}

bool
app_submit_check(const json_t *d, const struct app_context *c, struct app_errors *errs)
{
	size_t before = errs->n;

	scheme_check_applicant(d, c, errs);
	if (c->scheme_kind == SCHEME_OPERATING) { /* members, activities and accounts; no project */
		scheme_check_operating(d, c, errs);
		app_check_declaration(d, errs);
		app_check_organisation(c, errs);
		return errs->n == before && errs->n < APP_MAX_ERRORS;
	}
	app_check_content(d, c, errs);
	app_check_amount(d, c, errs);
	app_check_activity(d, c, errs);
	scheme_check_period(d, c, errs);
	if (c->scheme_kind == SCHEME_PUBLIC || c->min_participants > 0 || c->requires_own_contribution)
		scheme_check_public(d, c, errs);
	app_check_organisation(c, errs);
	return errs->n == before && errs->n < APP_MAX_ERRORS; /* a full list may have lost one */
}

json_t *
app_budget_json(const json_t *draft)
{
	struct app_budget b;
	app_budget(draft, &b);
	return json_pack("{s:I, s:I, s:I, s:I}", "costs", (json_int_t)b.costs, "own_contribution",
	    (json_int_t)b.own_contribution, "other_funding", (json_int_t)b.other_funding, "deficit", (json_int_t)b.deficit);
}
