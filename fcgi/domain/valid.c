/*
 * valid.c - pure input validators.
 */
#include "domain/valid.h"

#include <string.h>

bool
valid_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0, limit;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return false;
	if (*p == '-') {
		neg = true;
		p++;
	}
	if (*p == '\0' || strlen(p) > 19)
		return false;
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v > (limit - (uint64_t)(*p - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	{
		int64_t r;
		if (neg)
			r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
		else
			r = (int64_t)v;
		if (r < min || r > max)
			return false;
		if (out)
			*out = r;
	}
	return true;
}

bool
valid_amount(const char *s, int64_t *out)
{
	if (s == NULL || *s == '-')
		return false;
	return valid_int64(s, 0, VALID_AMOUNT_MAX, out);
}

bool
valid_orgnr(const char *s)
{
	static const int w[8] = { 3, 2, 7, 6, 5, 4, 3, 2 };
	int sum = 0, k, i;

	if (s == NULL || strlen(s) != 9)
		return false;
	for (i = 0; i < 9; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	for (i = 0; i < 8; i++)
		sum += (s[i] - '0') * w[i];
	k = 11 - sum % 11;
	if (k == 11)
		k = 0;
	if (k == 10)
		return false;
	return k == s[8] - '0';
}

int
valid_days_in_month(int year, int month)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return d[month - 1];
}

static bool
valid_digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool
valid_date_part(const char *s, struct valid_datetime *dt)
{
	if (!valid_digits(s, 4, &dt->year) || s[4] != '-' || !valid_digits(s + 5, 2, &dt->month) ||
	    s[7] != '-' || !valid_digits(s + 8, 2, &dt->day))
		return false;
	return dt->year >= 1 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1 &&
	    dt->day <= valid_days_in_month(dt->year, dt->month);
}

bool
valid_date(const char *s, struct valid_datetime *out)
{
	struct valid_datetime dt = { 0 };
	if (s == NULL || strlen(s) != 10 || !valid_date_part(s, &dt))
		return false;
	if (out)
		*out = dt;
	return true;
}

bool
valid_datetime_local(const char *s, struct valid_datetime *out)
{
	struct valid_datetime dt = { 0 };
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if ((n != 16 && n != 19) || !valid_date_part(s, &dt) || s[10] != 'T' ||
	    !valid_digits(s + 11, 2, &dt.hour) || s[13] != ':' || !valid_digits(s + 14, 2, &dt.minute))
		return false;
	if (n == 19 && (s[16] != ':' || !valid_digits(s + 17, 2, &dt.second)))
		return false;
	if (dt.hour > 23 || dt.minute > 59 || dt.second > 59)
		return false;
	if (out)
		*out = dt;
	return true;
}

bool
valid_slug(const char *s, size_t maxlen)
{
	size_t n;
	if (s == NULL || (n = strlen(s)) == 0 || n > maxlen || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

bool
valid_subgoal(const char *s)
{
	return s != NULL && s[0] >= 'A' && s[0] <= 'D' && s[1] == '\0';
}

/* The invisible spaces valid_email_trim takes away, besides ASCII white space (UTF-8). */
static const char *const valid_spaces[] = {
	"\xc2\xa0",     /* U+00A0 no-break space */
	"\xe2\x80\x8b", /* U+200B zero-width space */
	"\xe2\x80\xaf", /* U+202F narrow no-break space */
	"\xe2\x81\xa0", /* U+2060 word joiner */
	"\xe3\x80\x80", /* U+3000 ideographic space */
	"\xef\xbb\xbf", /* U+FEFF byte order mark */
	NULL,
};

/* The length of the space that starts (at_end false) or ends (at_end true) s[0..n), or 0. */
static size_t
valid_space_len(const char *s, size_t n, bool at_end)
{
	size_t i, k;

	if (n == 0)
		return 0;
	if (strchr(" \t\n\r\v\f", at_end ? s[n - 1] : s[0]) != NULL)
		return 1;
	for (i = 0; valid_spaces[i]; i++) {
		k = strlen(valid_spaces[i]);
		if (k <= n && memcmp(at_end ? s + n - k : s, valid_spaces[i], k) == 0)
			return k;
	}
	return 0;
}

int
valid_email_trim(const char *email, char *out, size_t outlen)
{
	size_t n = strlen(email), k;

	while ((k = valid_space_len(email, n, false)) > 0) {
		email += k;
		n -= k;
	}
	while ((k = valid_space_len(email, n, true)) > 0)
		n -= k;
	if (n >= outlen)
		return -1;
	memcpy(out, email, n);
	out[n] = '\0';
	return 0;
}

int
valid_email_normalize(const char *email, char *out, size_t outlen)
{
	char *p;

	if (valid_email_trim(email, out, outlen) != 0)
		return VALID_EMAIL_BAD;
	for (p = out; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return VALID_EMAIL_NOT_ASCII;
	if (!valid_email_ok(out))
		return VALID_EMAIL_BAD;
	for (p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return VALID_EMAIL_OK;
}

bool
valid_email_ok(const char *email)
{
	const char *at, *p;
	size_t n;

	if (email == NULL || (n = strlen(email)) < 3 || n > 254)
		return false;
	if ((at = strchr(email, '@')) == NULL || strchr(at + 1, '@') != NULL || at == email || at - email > 64)
		return false;
	if (strchr(at + 1, '.') == NULL || at[1] == '.' || email[n - 1] == '.')
		return false;
	for (p = email; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || *p == '<' || *p == '>' || *p == ',' ||
		    *p == ';')
			return false;
	return true;
}
