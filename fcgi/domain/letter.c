/*
 * letter.c - the grant and rejection letters (see letter.h).
 */
#include "domain/letter.h"
#include "domain/money.h"

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
	json_array_append_new(c, json_sprintf("Rapport om måloppnåelse og regnskap satt opp mot budsjettet sendes i portalen innen %s.",
	    f->report_due));
	if (audit) {
		char threshold[64];
		letter_kroner(f->audit_threshold, threshold, sizeof(threshold));
		json_array_append_new(c, json_sprintf("Fordi tilskuddet er %s kroner eller mer, skal regnskapet være attestert av "
		    "statsautorisert eller registrert revisor.", threshold));
	}
	json_array_append_new(c, json_sprintf("%s kan holde tilbake eller kreve tilbake tilskudd som er brukt i strid med vilkårene.",
	    f->tenant));
	json_array_append_new(c, json_string("Tilskuddet utbetales når organisasjonen har akseptert vilkårene i portalen."));
	return c;
}

json_t *
letter_build(const struct letter_facts *f)
{
	bool directorate = f->tenant_kind && strcmp(f->tenant_kind, "directorate") == 0;
	bool audit = f->granted && rules_audit_required(f->amount, f->audit_threshold);
	json_t *appeal_to = json_sprintf("%s. Klagen sendes til %s, som vurderer den først.", directorate ?
	    "Arbeids- og inkluderingsdepartementet" : "Integrerings- og mangfoldsdirektoratet (IMDi)", f->tenant ? f->tenant : "");
	json_t *l, *plan;

	l = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:s, s:I}",
	    "kind", f->granted ? "grant" : "rejection", "reference", f->reference ? f->reference : "",
	    "date", f->date ? f->date : "", "tenant", f->tenant ? f->tenant : "",
	    "organisation", f->organisation ? f->organisation : "", "orgnr", f->orgnr ? f->orgnr : "",
	    "title", f->title ? f->title : "", "applied_amount", (json_int_t)f->applied_amount,
	    "appeal_deadline", f->appeal_deadline ? f->appeal_deadline : "", "appeal_to", appeal_to,
	    "signed_by", f->signed_by ? f->signed_by : "", "appeal_days", (json_int_t)f->appeal_days);
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
	plan = json_array();
	if (rules_payment_terms(f->amount, f->split_threshold) == 2) {
		json_array_append_new(plan, json_pack("{s:i, s:I, s:s}", "term", 1, "amount", (json_int_t)(f->amount - f->amount / 2),
		    "when", "Vår: når vilkårene er akseptert"));
		json_array_append_new(plan, json_pack("{s:i, s:I, s:s}", "term", 2, "amount", (json_int_t)(f->amount / 2),
		    "when", "Høst: 1. september"));
	} else {
		json_array_append_new(plan, json_pack("{s:i, s:I, s:s}", "term", 1, "amount", (json_int_t)f->amount,
		    "when", "Når vilkårene er akseptert"));
	}
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
	size_t i;
	json_t *v;

	letter_kroner(json_integer_value(json_object_get(l, "amount")), amount, sizeof(amount));
	letter_kroner(json_integer_value(json_object_get(l, "applied_amount")), applied, sizeof(applied));
	buf_printf(&b, "%s\n%s, org.nr. %s\nSak %s, %s\n\n", letter_str(l, "tenant"), letter_str(l, "organisation"),
	    letter_str(l, "orgnr"), letter_str(l, "reference"), letter_str(l, "date"));
	if (granted) {
		buf_printf(&b, "TILSKUDDSBREV: %s\n\nDere er innvilget %s kroner (søkt: %s kroner) til %s.\n",
		    letter_str(l, "title"), amount, applied, letter_str(l, "purpose"));
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
	buf_printf(&b, "\nKlagerett: Dere kan klage på vedtaket innen tre uker, senest %s. Klageinstans er %s\n",
	    letter_str(l, "appeal_deadline"), letter_str(l, "appeal_to"));
	if (granted)
		buf_puts(&b, "\nLogg inn og aksepter vilkårene:\n");
	else
		buf_puts(&b, "\nLes brevet i portalen:\n");
	buf_printf(&b, "%s\n", link ? link : "");
	return b.data; /* owned by the caller now */
}
