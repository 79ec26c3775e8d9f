/*
 * calladmin_doc.c - a call's row, its JSON form and its answer (see calladmin_db.h).
 */
#include "svc/calladmin_db.h"
#include "domain/callrules.h"
#include "domain/rules.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "A,B" as ["A","B"]. */
static json_t *
ca_set_array(const char *set)
{
	json_t *a = json_array();
	const char *p = set;

	while (p && *p) {
		size_t n = strcspn(p, ",");
		json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

/* ["A","B"] as "A,B" into out. */
static void
ca_array_set(const json_t *a, char *out, size_t len)
{
	size_t i, k = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(a, i, v) {
		const char *s = json_string_value(v);
		int n = snprintf(out + k, len - k, "%s%s", k ? "," : "", s ? s : "");
		if (n < 0 || (size_t)n >= len - k) {
			out[k] = '\0';
			return;
		}
		k += (size_t)n;
	}
}

static json_t *
ca_earmarks_array(const char *text)
{
	json_t *a = json_array();
	const char *p = text;

	while (p && p[0] && p[1] == ':') {
		char code[2] = { p[0], '\0' };
		json_array_append_new(a, json_pack("{s:s, s:I}", "sub_goal", code, "amount",
		    (json_int_t)strtoll(p + 2, NULL, 10)));
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return a;
}

void
ca_earmarks_text(const json_t *doc, char *out, size_t len)
{
	size_t i, k = 0;
	json_t *m;

	out[0] = '\0';
	json_array_foreach(json_object_get(doc, "earmarks"), i, m) {
		const char *g = json_string_value(json_object_get(m, "sub_goal"));
		int n = snprintf(out + k, len - k, "%s%s:%lld", k ? "," : "", g ? g : "",
		    (long long)json_integer_value(json_object_get(m, "amount")));
		if (n < 0 || (size_t)n >= len - k) {
			out[k] = '\0';
			return;
		}
		k += (size_t)n;
	}
}

static json_t *
ca_str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *
ca_json_array(const char *text)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;

	if (!json_is_array(a)) {
		json_decref(a);
		a = json_array();
	}
	return a;
}

/* The flags and numbers of the form. */
static void
ca_doc_rules(json_t *d, const struct db_ca_call *c)
{
	json_object_set_new(d, "budget_frame", c->no_frame ? json_null() : json_integer(c->budget_frame));
	json_object_set_new(d, "min_participants", c->no_min_participants ? json_null() : json_integer(c->min_participants));
	json_object_set_new(d, "requires_volunteer_register", json_boolean(c->requires_volunteer_register));
	json_object_set_new(d, "requires_business_register", json_boolean(c->requires_business_register));
	json_object_set_new(d, "requires_local_activity", json_boolean(c->requires_local_activity));
	json_object_set_new(d, "requires_local_members", json_boolean(c->requires_local_members));
	json_object_set_new(d, "requires_national_reach", json_boolean(c->requires_national_reach));
	json_object_set_new(d, "requires_own_contribution", json_boolean(c->requires_own_contribution));
	json_object_set_new(d, "joint_applications", json_boolean(c->joint_applications));
	json_object_set_new(d, "one_per_org", json_boolean(c->one_per_org));
	json_object_set_new(d, "one_project_per_application", json_boolean(c->one_project));
	json_object_set_new(d, "spring_due", ca_str_or_null(c->spring_due));
	json_object_set_new(d, "autumn_due", ca_str_or_null(c->autumn_due));
	json_object_set_new(d, "report_due", ca_str_or_null(c->report_due));
	json_object_set_new(d, "status_report_due", ca_str_or_null(c->status_report_due));
}

json_t *
ca_doc_of(const struct db_ca_call *c, json_t *contacts)
{
	json_t *d = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:I,"
	    " s:s, s:I, s:I, s:s, s:s, s:I}",
	    "scheme", c->scheme_code, "year", (json_int_t)c->year, "title", c->title,
	    "description", c->description ? c->description : "", "opens_local", c->opens, "deadline_local", c->deadline,
	    "sub_goals", ca_set_array(c->sub_goals), "min_amount", (json_int_t)c->min_amount,
	    "max_amount", (json_int_t)c->max_amount, "earmarks", ca_earmarks_array(c->earmarks),
	    "criteria", ca_json_array(c->criteria), "reception_criteria", ca_json_array(c->reception_criteria),
	    "applicant_kinds", ca_set_array(c->applicant_kinds), "required_attachments",
	    ca_set_array(c->required_attachments), "budget_rule", c->budget_rule, "max_years", (json_int_t)c->max_years,
	    "payment_rule", c->payment_rule, "payment_split_threshold", (json_int_t)c->split_threshold,
	    "audit_threshold", (json_int_t)c->audit_threshold, "audit_scope", c->audit_scope,
	    "appeal_rule", c->appeal_rule, "appeal_window_days", (json_int_t)c->appeal_days);

	ca_doc_rules(d, c);
	json_object_set_new(d, "contacts", contacts ? contacts : json_array());
	return d;
}

static const char *
ca_s(const json_t *doc, const char *key)
{
	const char *s = json_string_value(json_object_get(doc, key));
	return s ? s : "";
}

static int64_t
ca_i(const json_t *doc, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(doc, key));
}

static bool
ca_b(const json_t *doc, const char *key)
{
	return json_is_true(json_object_get(doc, key));
}

/* The flags of the form into c. */
static void
ca_row_flags(const json_t *doc, struct db_ca_call *c)
{
	c->requires_volunteer_register = ca_b(doc, "requires_volunteer_register");
	c->requires_business_register = ca_b(doc, "requires_business_register");
	c->requires_local_activity = ca_b(doc, "requires_local_activity");
	c->requires_local_members = ca_b(doc, "requires_local_members");
	c->requires_national_reach = ca_b(doc, "requires_national_reach");
	c->requires_own_contribution = ca_b(doc, "requires_own_contribution");
	c->joint_applications = ca_b(doc, "joint_applications");
	c->one_per_org = ca_b(doc, "one_per_org");
	c->one_project = ca_b(doc, "one_project_per_application");
	c->no_frame = !json_is_integer(json_object_get(doc, "budget_frame"));
	c->no_min_participants = !json_is_integer(json_object_get(doc, "min_participants"));
}

void
ca_row_of(const json_t *doc, struct db_ca_call *c)
{
	db_ca_call_free(c);
	c->year = ca_i(doc, "year");
	utf8_copy(c->title, ca_s(doc, "title"), sizeof(c->title));
	c->description = strdup(ca_s(doc, "description"));
	c->criteria = json_dumps(json_object_get(doc, "criteria"), JSON_COMPACT);
	c->reception_criteria = json_dumps(json_object_get(doc, "reception_criteria"), JSON_COMPACT);
	utf8_copy(c->opens, ca_s(doc, "opens_local"), sizeof(c->opens));
	utf8_copy(c->deadline, ca_s(doc, "deadline_local"), sizeof(c->deadline));
	c->min_amount = ca_i(doc, "min_amount");
	c->max_amount = ca_i(doc, "max_amount");
	c->budget_frame = ca_i(doc, "budget_frame");
	c->min_participants = ca_i(doc, "min_participants");
	ca_array_set(json_object_get(doc, "sub_goals"), c->sub_goals, sizeof(c->sub_goals));
	ca_array_set(json_object_get(doc, "applicant_kinds"), c->applicant_kinds, sizeof(c->applicant_kinds));
	ca_array_set(json_object_get(doc, "required_attachments"), c->required_attachments,
	    sizeof(c->required_attachments));
	ca_row_flags(doc, c);
	utf8_copy(c->budget_rule, ca_s(doc, "budget_rule"), sizeof(c->budget_rule));
	utf8_copy(c->payment_rule, ca_s(doc, "payment_rule"), sizeof(c->payment_rule));
	utf8_copy(c->audit_scope, ca_s(doc, "audit_scope"), sizeof(c->audit_scope));
	utf8_copy(c->appeal_rule, ca_s(doc, "appeal_rule"), sizeof(c->appeal_rule));
	c->max_years = ca_i(doc, "max_years");
	c->split_threshold = ca_i(doc, "payment_split_threshold");
	c->audit_threshold = ca_i(doc, "audit_threshold");
	c->appeal_days = ca_i(doc, "appeal_window_days");
	utf8_copy(c->spring_due, ca_s(doc, "spring_due"), sizeof(c->spring_due));
	utf8_copy(c->autumn_due, ca_s(doc, "autumn_due"), sizeof(c->autumn_due));
	utf8_copy(c->report_due, ca_s(doc, "report_due"), sizeof(c->report_due));
	utf8_copy(c->status_report_due, ca_s(doc, "status_report_due"), sizeof(c->status_report_due));
	ca_earmarks_text(doc, c->earmarks, sizeof(c->earmarks));
}

size_t
ca_contacts_of(const json_t *contacts, struct db_contact *out, size_t max)
{
	size_t i, n = 0;
	json_t *c;

	json_array_foreach(contacts, i, c) {
		if (n == max)
			break;
		out[n].name = ca_s(c, "name");
		out[n].role = ca_s(c, "role");
		out[n].email = ca_s(c, "email");
		out[n].phone = ca_s(c, "phone");
		n++;
	}
	return n;
}

/* The offered codes with their names. */
static json_t *
ca_goals_named(const json_t *codes, const json_t *names)
{
	json_t *a = json_array(), *v;
	size_t i;

	json_array_foreach(codes, i, v) {
		const char *name = json_string_value(json_object_get(names, json_string_value(v)));
		json_array_append_new(a, json_pack("{s:O, s:s}", "code", v, "name", name ? name : ""));
	}
	return a;
}

/* "YYYY-MM-DDTHH:MM" with Oslo's offset, e.g. 2026-03-01T12:00:00+01:00. */
static json_t *
ca_oslo(const char *local, struct valid_datetime *dt)
{
	char s[40];

	memset(dt, 0, sizeof(*dt));
	if (!callrules_local(local, dt))
		return json_string(local);
	rules_format_oslo(dt, s, sizeof(s));
	return json_string(s);
}

json_t *
ca_render(const struct db_ca_call *c, const json_t *doc, const json_t *goal_names)
{
	json_t *o = json_deep_copy(doc);
	struct valid_datetime opens, deadline;

	json_object_del(o, "scheme");
	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "tenant", json_pack("{s:s, s:s, s:s}", "slug", c->tenant_slug, "name", c->tenant_name,
	    "kind", c->tenant_kind));
	json_object_set_new(o, "scheme", json_pack("{s:s, s:s, s:s}", "code", c->scheme_code, "name", c->scheme_name,
	    "kind", c->scheme_kind));
	json_object_set_new(o, "sub_goals", ca_goals_named(json_object_get(doc, "sub_goals"), goal_names));
	json_object_set_new(o, "opens_at", ca_oslo(c->opens, &opens));
	json_object_set_new(o, "deadline", ca_oslo(c->deadline, &deadline));
	json_object_set_new(o, "status", json_string(rules_call_status(&opens, &deadline, time(NULL))));
	json_object_set_new(o, "published", json_boolean(c->published_at[0] != '\0'));
	json_object_set_new(o, "published_at", ca_str_or_null(c->published_at));
	json_object_set_new(o, "frozen", json_boolean(c->submitted));
	json_object_set_new(o, "frozen_fields", json_array());
	if (c->submitted) {
		size_t i;
		for (i = 0; callrules_frozen_fields[i]; i++)
			json_array_append_new(json_object_get(o, "frozen_fields"), json_string(callrules_frozen_fields[i]));
	}
	json_object_set_new(o, "copied_from", c->copied_from ? json_integer(c->copied_from) : json_null());
	json_object_set_new(o, "updated_at", json_string(c->updated_at));
	return o;
}
