/*
 * fuzz_app_json.c - an application draft as PUT /api/v1/applications/{id} takes it: the body parsed
 * with json_loadb(JSON_REJECT_DUPLICATES), app_draft_check's table of shapes and bounds, and for a
 * draft that passes (the only kind ever stored): app_budget, app_submit_check under a strict and a
 * lenient call, and the stored text (json_dumps) read back (json_loads) and checked again.
 *
 * Invariants: at most APP_MAX_ERRORS errors, each field and detail NUL-terminated and valid UTF-8
 * (they go out in a JSON problem document, which jansson refuses to build from invalid UTF-8);
 * a non-object is one error; the result is true exactly when no error was added; budget totals add
 * up and stay within bounds; the stored text passes the check again and yields the same totals.
 */
#include "domain/application.h"
#include "domain/valid.h"
#include "core/utf8.h"

#include "fuzz.h"

static void
check_errors(const struct app_errors *errs, size_t before)
{
	size_t i;
	FUZZ_CHECK(errs->n >= before && errs->n <= APP_MAX_ERRORS);
	for (i = 0; i < errs->n; i++) {
		size_t fl = strnlen(errs->e[i].field, sizeof(errs->e[i].field));
		size_t dl = strnlen(errs->e[i].detail, sizeof(errs->e[i].detail));
		FUZZ_CHECK(fl < sizeof(errs->e[i].field) && dl < sizeof(errs->e[i].detail));
		FUZZ_CHECK(dl > 0);
		if (!utf8_valid(errs->e[i].field, fl) || !utf8_valid(errs->e[i].detail, dl)) {
			fprintf(stderr, "error %zu is not valid UTF-8: field \"%s\", detail \"%s\"\n", i, errs->e[i].field,
			    errs->e[i].detail);
			abort();
		}
	}
}

static void
check_budget(const json_t *draft, struct app_budget *b)
{
	/* a checked draft: at most 50 costs and 20 fundings of at most VALID_AMOUNT_MAX each */
	app_budget(draft, b);
	FUZZ_CHECK(b->costs >= 0 && b->costs <= 50 * VALID_AMOUNT_MAX);
	FUZZ_CHECK(b->own_contribution >= 0 && b->own_contribution <= VALID_AMOUNT_MAX);
	FUZZ_CHECK(b->other_funding >= 0 && b->other_funding <= 20 * VALID_AMOUNT_MAX);
	FUZZ_CHECK(b->deficit == b->costs - b->own_contribution - b->other_funding);
}

static void
submit(const json_t *draft, const struct app_context *c)
{
	struct app_errors errs = { 0 };
	bool ok = app_submit_check(draft, c, &errs);
	check_errors(&errs, 0);
	FUZZ_CHECK(ok == (errs.n == 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct app_context strict = {
		.call_sub_goals = "AB", .min_amount = 10000, .max_amount = 400000, .one_project = true,
		.municipal = true, .municipality = "Oslo", .org_volunteer_register = true,
		.requires_business_register = true, .org_has_employees = true, .requires_budget_attachment = true,
		.requires_tax_certificate = true, .call_year = 2026,
	};
	static const struct app_context lenient = {
		.call_sub_goals = "ABCD", .min_amount = 0, .max_amount = VALID_AMOUNT_MAX,
		.org_volunteer_register = true, .org_business_register = true, .has_budget_attachment = true,
		.has_tax_certificate = true, .call_year = 2000,
	};
	static struct app_errors errs;
	json_error_t jerr;
	json_t *draft = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr), *again;
	struct app_budget b, b2;
	char *text;
	bool ok;

	if (draft == NULL)
		return 0;
	memset(&errs, 0, sizeof(errs));
	ok = app_draft_check(draft, &errs);
	check_errors(&errs, 0);
	FUZZ_CHECK(ok == (errs.n == 0));
	if (!json_is_object(draft))
		FUZZ_CHECK(!ok && errs.n == 1);
	if (!ok) {
		/* errors add up across calls and never overflow the list. (With the list already full, a
		 * further call adds nothing and so reports success; the handlers always start empty.) */
		size_t n = errs.n;
		if (n < APP_MAX_ERRORS) {
			FUZZ_CHECK(!app_draft_check(draft, &errs));
			check_errors(&errs, n);
			FUZZ_CHECK(errs.n == (2 * n < APP_MAX_ERRORS ? 2 * n : APP_MAX_ERRORS));
		}
		json_decref(draft);
		return 0;
	}

	check_budget(draft, &b);
	submit(draft, &strict);
	submit(draft, &lenient);

	/* what h_app_put stores, and what h_app_problems / h_app_submit read back */
	text = json_dumps(draft, JSON_COMPACT);
	FUZZ_CHECK(text != NULL);
	again = json_loads(text, 0, NULL);
	FUZZ_CHECK(again != NULL && json_equal(again, draft));
	memset(&errs, 0, sizeof(errs));
	FUZZ_CHECK(app_draft_check(again, &errs));
	check_budget(again, &b2);
	FUZZ_CHECK(memcmp(&b, &b2, sizeof(b)) == 0);
	submit(again, &strict);

	free(text);
	json_decref(again);
	json_decref(draft);
	return 0;
}
