/*
 * money.c - Norwegian amounts (see money.h).
 */
#include "domain/money.h"

#include "domain/valid.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The length of a space at p (ASCII space or tab, U+00A0, U+2009, U+202F), 0 if none. */
static size_t
money_space(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xaf))
		return 3;
	return 0;
}

static const char *
money_skip_spaces(const char *p)
{
	size_t n;
	while ((n = money_space(p)) > 0)
		p += n;
	return p;
}

/* a currency word at p ("kr", "kr.", "nok"): its length, 0 if none */
static size_t
money_currency(const char *p)
{
	if (strncasecmp(p, "nok", 3) == 0)
		return 3;
	if (strncasecmp(p, "kr", 2) == 0)
		return p[2] == '.' ? 3 : 2;
	return 0;
}

/* The end of the number in p: a trailing currency word, ",-", ",–", ",00" and spaces stripped. */
static const char *
money_number_end(const char *p)
{
	const char *end = p + strlen(p);

	for (;;) {
		const char *e = end;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e - p >= 2 && (unsigned char)e[-2] == 0xc2 && (unsigned char)e[-1] == 0xa0)
			e -= 2;
		else if (e - p >= 2 && (e[-2] == ',' || e[-2] == '.') && e[-1] == '-')
			e -= 2;
		else if (e - p >= 4 && memcmp(e - 4, ",\xe2\x80\x93", 4) == 0) /* ",–" */
			e -= 4;
		else if (e - p >= 3 && e[-3] == ',' && e[-2] == '0' && e[-1] == '0') /* ",00": no øre */
			e -= 3;
		else if (e - p >= 3 && strncasecmp(e - 3, "kr.", 3) == 0)
			e -= 3;
		else if (e - p >= 3 && strncasecmp(e - 3, "nok", 3) == 0)
			e -= 3;
		else if (e - p >= 2 && strncasecmp(e - 2, "kr", 2) == 0)
			e -= 2;
		if (e == end)
			return end;
		end = e;
	}
}

static const char money_bad_groups[] = "Tusenskilletegnet står feil: skriv 1 269 000 eller 1.269.000.";

/* The digits of p..end into digits (at most 13), with thousands separators checked: the same one
 * throughout (space or '.'), 1-3 digits before the first and 3 after each. NULL or the reason. */
static const char *
money_digits(const char *p, const char *end, char digits[32])
{
	size_t nd = 0, group = 0, n;
	char sep = 0;
	bool first = true;

	while (p < end) {
		if (isdigit((unsigned char)*p)) {
			if (nd >= 13)
				return "Beløpet er for stort.";
			digits[nd++] = *p++;
			group++;
			continue;
		}
		n = money_space(p);
		if (n == 0 && *p != '.')
			return *p == ',' ? "Beløpet må være hele kroner (uten øre)." :
			    "Beløpet kan bare ha sifre, mellomrom eller punktum mellom tusener, og kr foran.";
		if ((sep != 0 && sep != (n ? ' ' : '.')) || group == 0 || (first ? group > 3 : group != 3))
			return money_bad_groups;
		sep = n ? ' ' : '.';
		first = false;
		group = 0;
		p += n ? n : 1;
	}
	if (!first && group != 3)
		return money_bad_groups;
	digits[nd] = '\0';
	return NULL;
}

bool
money_parse(const char *s, int64_t *out, const char **why)
{
	char digits[32];
	const char *p, *end, *dummy;
	size_t n;

	if (why == NULL)
		why = &dummy;
	*why = "Beløpet må være hele kroner, for eksempel 50 000 eller kr 1 269 000.";
	if (s == NULL)
		return false;
	p = money_skip_spaces(s);
	if ((n = money_currency(p)) > 0)
		p = money_skip_spaces(p + n);
	if (*p == '-') {
		*why = "Beløpet kan ikke være negativt.";
		return false;
	}
	if ((end = money_number_end(p)) == p) {
		*why = "Beløpet mangler.";
		return false;
	}
	if ((*why = money_digits(p, end, digits)) != NULL)
		return false;
	*why = "Beløpet er for stort.";
	return valid_int64(digits, 0, VALID_AMOUNT_MAX, out);
}

void
money_format(int64_t v, char *out, size_t len)
{
	char digits[32], tmp[64];
	size_t n, i, o = 0;
	bool neg = v < 0;

	snprintf(digits, sizeof(digits), "%llu", neg ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	n = strlen(digits);
	if (neg)
		tmp[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			tmp[o++] = '\xc2';
			tmp[o++] = '\xa0';
		}
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	snprintf(out, len, "%s", tmp);
}
