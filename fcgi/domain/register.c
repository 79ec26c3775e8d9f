/*
 * register.c - register forms and the words for a signer's authority (see register.h).
 */
#include "domain/register.h"

#include "core/utf8.h"
#include "domain/valid.h"

#include <stdio.h>
#include <string.h>

const char *
register_kind(const char *form, const char *declared)
{
	if (form == NULL)
		return NULL;
	if (strcmp(form, "FLI") == 0)
		return declared && strcmp(declared, "immigrant") == 0 ? "immigrant" : "voluntary";
	if (strcmp(form, "STI") == 0)
		return "foundation";
	if (strcmp(form, "KOMM") == 0)
		return "municipality";
	if (strcmp(form, "FYLK") == 0)
		return "county";
	return NULL;
}

void
register_date_words(const char *ymd, char *out, size_t len)
{
	static const char *const months[] = { "januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
		"september", "oktober", "november", "desember" };
	struct valid_datetime d;

	if (ymd == NULL || !valid_date(ymd, &d)) {
		snprintf(out, len, "%s", "");
		return;
	}
	snprintf(out, len, "%d. %s %d", d.day, months[d.month - 1], d.year);
}

/* What the caseworker checked against, in words. */
static const char *
register_against(const char *checked_against, bool public_body)
{
	if (checked_against && strcmp(checked_against, "authorisation_document") == 0)
		return public_body ? "mot en fullmakt fra kommune- eller fylkeskommunedirektøren" :
		    "mot en fullmakt fra styreleder eller daglig leder";
	return "mot rollene i Enhetsregisteret";
}

void
register_authority_words(const struct register_authority *a, char *out, size_t len)
{
	char date[32], text[REGISTER_WORDS_MAX];
	const char *m = a->method ? a->method : "";

	register_date_words(a->date, date, sizeof(date));
	if (strcmp(m, "register_email") == 0)
		snprintf(text, sizeof(text), "Signaturretten er bekreftet %s gjennom en lenke sendt til organisasjonens "
		    "e-postadresse i Enhetsregisteret (%s).", date, a->email ? a->email : "");
	else if (strcmp(m, "caseworker") == 0)
		snprintf(text, sizeof(text), "Signaturretten er kontrollert %s av %s, %s, %s.%s%s", date, a->by ? a->by : "",
		    a->tenant ? a->tenant : "", register_against(a->checked_against, a->public_body), a->note && a->note[0] ? " Merknad: " : "",
		    a->note && a->note[0] ? a->note : "");
	else if (strcmp(m, "delegated") == 0)
		snprintf(text, sizeof(text), "Signaturretten er gitt %s av %s, som selv har signaturrett for organisasjonen.",
		    date, a->by ? a->by : "");
	else if (strcmp(m, "legacy") == 0)
		snprintf(text, sizeof(text), "%s", "Signaturretten ble oppgitt av organisasjonen selv før portalen krevde "
		    "kontroll av den, og er ikke kontrollert.");
	else
		snprintf(text, sizeof(text), "%s", "Det er ikke registrert hvordan signaturretten ble fastslått.");
	utf8_copy(out, text, len);
}
