/*
 * letter.c - the grant, rejection and dismissal letters (see letter.h).
 */
#include "domain/letter.h"
#include "domain/money.h"

#include "domain/register.h"
#include "domain/rules.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>

/* "1 269 000" (a no-break space between groups, as Norwegians write amounts) */
static void
letter_kroner(int64_t v, char *out, size_t len)
{
	money_format(v, out, len);
}

static json_t *
letter_conditions(const struct letter_facts *f, bool audit)
{
	json_t *c = json_array();

	json_array_append_new(c, json_string("Tilskuddet skal bare brukes til formålet som er beskrevet i søknaden og i dette brevet."));
	json_array_append_new(c, json_sprintf("Endringer i formål, aktiviteter eller budsjett krever skriftlig samtykke fra %s på "
	    "forhånd. Send en endringsmelding i portalen.", f->tenant));
	json_array_append_new(c, json_sprintf("Midler som ikke er brukt til formålet innen utgangen av %d, skal betales tilbake.",
	    f->call_year));
	if (f->status_report_due && f->status_report_due[0]) {
		char when[48];
		register_date_words(f->status_report_due, when, sizeof(when));
		json_array_append_new(c, json_sprintf("Statusrapport om gjennomføringen av prosjektet sendes i portalen innen %s.",
		    when));
	}
	json_array_append_new(c, json_sprintf("Rapport om måloppnåelse og regnskap satt opp mot budsjettet sendes i portalen innen %s.",
	    f->report_due));
	if (audit) {
		char threshold[64];
		letter_kroner(f->audit_threshold, threshold, sizeof(threshold));
		json_array_append_new(c, f->audit_base > f->amount ?
		    json_sprintf("Fordi organisasjonens tilskudd fra %s i %d til sammen er %s kroner eller mer, skal regnskapet "
		    "være attestert av statsautorisert eller registrert revisor.", f->tenant, f->call_year, threshold) :
		    json_sprintf("Fordi tilskuddet er %s kroner eller mer, skal regnskapet være attestert av "
		    "statsautorisert eller registrert revisor.", threshold));
	}
	json_array_append_new(c, json_sprintf("%s kan holde tilbake eller kreve tilbake tilskudd som er brukt i strid med vilkårene.",
	    f->tenant));
	json_array_append_new(c, json_string("Tilskuddet utbetales når organisasjonen har akseptert vilkårene i portalen."));
	return c;
}

#define LETTER_MINISTRY "Arbeids- og inkluderingsdepartementet"

/* The right to appeal, as keys of l: appealable, appeal_to and appeal_text (the paragraph the
 * letter prints). Under the appeal rule "dismissal_and_reactions" a grant or a rejection cannot be
 * appealed, while a dismissal and a reaction (withholding, reclaim) can, to the ministry, sent
 * through IMDi. Otherwise the appeal body is IMDi for a municipality's decision and the ministry
 * for IMDi's own, and the appeal is sent to the tenant that decided. */
static void
letter_appeal(json_t *l, const struct letter_facts *f)
{
	bool directorate = f->tenant_kind && strcmp(f->tenant_kind, "directorate") == 0;
	bool appealable = !f->appeal_limited || f->dismissed;
	const char *what = f->dismissed ? "avvisningen" : "vedtaket";
	const char *deadline = f->appeal_deadline ? f->appeal_deadline : "";
	json_t *to, *text;

	if (f->appeal_limited)
		to = json_string(LETTER_MINISTRY ". Klagen sendes gjennom Integrerings- og mangfoldsdirektoratet (IMDi), som "
		    "vurderer den først.");
	else
		to = json_sprintf("%s. Klagen sendes til %s, som vurderer den først.", directorate ? LETTER_MINISTRY :
		    "Integrerings- og mangfoldsdirektoratet (IMDi)", f->tenant ? f->tenant : "");
	if (appealable)
		text = json_sprintf("Dere kan klage på %s etter forvaltningsloven § 28 innen tre uker fra dere mottok brevet, "
		    "senest %s. Klageinstans er %s Klagen sendes i portalen og skal begrunnes.", what, deadline,
		    json_string_value(to));
	else
		text = json_string("Vedtak om tilskudd eller avslag i denne ordningen kan ikke påklages (forvaltningsloven § 3 "
		    "første ledd og § 28). En avvisning av søknaden og reaksjoner som tilbakeholdelse eller tilbakebetaling av "
		    "tilskudd kan påklages til " LETTER_MINISTRY ". Klagen sendes gjennom Integrerings- og mangfoldsdirektoratet "
		    "(IMDi).");
	json_object_set_new(l, "appealable", json_boolean(appealable));
	json_object_set_new(l, "appeal_text", text);
	json_object_set_new(l, "appeal_to", to);
	json_object_set_new(l, "appeal_deadline", json_string(appealable ? deadline : ""));
}

/* The payment plan as the grant's terms will be stored on acceptance (rules_payment_schedule),
 * reckoned from the letter's date: a term dated after it falls due on its date, or on
 * acceptance if that is later; the others when the conditions are accepted. */
static json_t *
letter_plan(const struct letter_facts *f)
{
	struct rules_pay p = { .split_threshold = f->split_threshold, .call_year = f->call_year };
	struct rules_term t[2];
	json_t *plan = json_array();
	int y = f->call_year, m = 1, d = 1, n, i;

	if (f->pay)
		p = *f->pay;
	if (f->date)
		sscanf(f->date, "%4d-%2d-%2d", &y, &m, &d);
	n = rules_payment_schedule(f->amount, &p, y, m, d, t);
	for (i = 0; i < n; i++) {
		const char *season = n == 1 ? "" : i == 0 ? "Vår: " : "Høst: ";
		char ymd[16], when[48];
		snprintf(ymd, sizeof(ymd), "%04d-%02d-%02d", t[i].year, t[i].month, t[i].day);
		register_date_words(ymd, when, sizeof(when));
		if (t[i].year * 10000 + t[i].month * 100 + t[i].day > y * 10000 + m * 100 + d)
			json_array_append_new(plan, json_pack("{s:i, s:I, s:o}", "term", i + 1, "amount", (json_int_t)t[i].amount,
			    "when", json_sprintf("%s%s, eller når vilkårene er akseptert om det er senere", season, when)));
		else
			json_array_append_new(plan, json_pack("{s:i, s:I, s:o}", "term", i + 1, "amount", (json_int_t)t[i].amount,
			    "when", json_sprintf("%s%s", season, n == 1 ? "Når vilkårene er akseptert" : "når vilkårene er akseptert")));
	}
	return plan;
}

json_t *
letter_build(const struct letter_facts *f)
{
	bool audit = f->granted && rules_audit_required(f->audit_base > f->amount ? f->audit_base : f->amount,
	    f->audit_threshold);
	const char *kind = f->granted ? "grant" : f->dismissed ? "dismissal" : "rejection";
	json_t *l, *plan;

	l = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:I}",
	    "kind", kind, "reference", f->reference ? f->reference : "",
	    "date", f->date ? f->date : "", "tenant", f->tenant ? f->tenant : "",
	    "organisation", f->organisation ? f->organisation : "", "orgnr", f->orgnr ? f->orgnr : "",
	    "title", f->title ? f->title : "", "applied_amount", (json_int_t)f->applied_amount,
	    "signed_by", f->signed_by ? f->signed_by : "", "appeal_days", (json_int_t)f->appeal_days);
	letter_appeal(l, f);
	json_object_set_new(l, "reasons", f->reasons && f->reasons[0] ? json_string(f->reasons) : json_null());
	if (!f->granted) {
		json_object_set_new(l, "amount", json_integer(0));
		json_object_set_new(l, "purpose", json_null());
		json_object_set_new(l, "conditions", json_array());
		json_object_set_new(l, "payment_plan", json_array());
		json_object_set_new(l, "report_due", json_null());
		json_object_set_new(l, "audit_required", json_false());
		return l;
	}
	json_object_set_new(l, "amount", json_integer(f->amount));
	json_object_set_new(l, "purpose", json_sprintf("%s%s%s", f->title ? f->title : "", f->summary && f->summary[0] ? ": " : "",
	    f->summary ? f->summary : ""));
	json_object_set_new(l, "conditions", letter_conditions(f, audit));
	plan = letter_plan(f);
	json_object_set_new(l, "payment_plan", plan);
	json_object_set_new(l, "report_due", json_string(f->report_due ? f->report_due : ""));
	json_object_set_new(l, "audit_required", json_boolean(audit));
	return l;
}

static const char *
letter_str(const json_t *l, const char *key)
{
	const char *s = json_string_value(json_object_get(l, key));
	return s ? s : "";
}

char *
letter_text(const json_t *l, const char *link)
{
	struct buf b = { 0 };
	char amount[64], applied[64];
	bool granted = strcmp(letter_str(l, "kind"), "grant") == 0;
	bool dismissed = strcmp(letter_str(l, "kind"), "dismissal") == 0;
	size_t i;
	json_t *v;

	letter_kroner(json_integer_value(json_object_get(l, "amount")), amount, sizeof(amount));
	letter_kroner(json_integer_value(json_object_get(l, "applied_amount")), applied, sizeof(applied));
	buf_printf(&b, "%s\n%s, org.nr. %s\nSak %s, %s\n\n", letter_str(l, "tenant"), letter_str(l, "organisation"),
	    letter_str(l, "orgnr"), letter_str(l, "reference"), letter_str(l, "date"));
	if (granted) {
		buf_printf(&b, "TILSKUDDSBREV: %s\n\nDere er innvilget %s kroner (søkt: %s kroner) til %s.\n",
		    letter_str(l, "title"), amount, applied, letter_str(l, "purpose"));
	} else if (dismissed) {
		buf_printf(&b, "VEDTAK: AVVISNING – %s\n\nSøknaden om %s kroner er avvist fordi den ikke oppfyller de formelle "
		    "kravene. Den er derfor ikke vurdert på innholdet.\n", letter_str(l, "title"), applied);
	} else {
		buf_printf(&b, "VEDTAK: AVSLAG – %s\n\nSøknaden om %s kroner er avslått.\n", letter_str(l, "title"), applied);
	}
	if (json_is_string(json_object_get(l, "reasons")))
		buf_printf(&b, "\nBegrunnelse: %s\n", letter_str(l, "reasons"));
	if (granted) {
		buf_puts(&b, "\nVilkår:\n");
		json_array_foreach(json_object_get(l, "conditions"), i, v)
			buf_printf(&b, "- %s\n", json_string_value(v));
		buf_puts(&b, "\nUtbetaling:\n");
		json_array_foreach(json_object_get(l, "payment_plan"), i, v) {
			letter_kroner(json_integer_value(json_object_get(v, "amount")), amount, sizeof(amount));
			buf_printf(&b, "- Termin %lld: %s kroner. %s\n", (long long)json_integer_value(json_object_get(v, "term")),
			    amount, letter_str(v, "when"));
		}
	}
	buf_printf(&b, "\nKlagerett: %s\n", letter_str(l, "appeal_text"));
	if (granted)
		buf_puts(&b, "\nLogg inn og aksepter vilkårene:\n");
	else
		buf_puts(&b, "\nLes brevet i portalen:\n");
	buf_printf(&b, "%s\n", link ? link : "");
	return b.data; /* owned by the caller now */
}
