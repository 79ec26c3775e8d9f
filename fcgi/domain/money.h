/*
 * money.h - amounts as Norwegians write them: "1 269 000" (spaces, no-break or thin spaces
 * between thousands), "1.000.000", "kr 50 000", "kr. 2 639 700,-", "50 000,-", "50 000 kr",
 * "NOK 10 000", "25 000,00". Whole kroner only. Pure.
 */
#ifndef PORTAL_MONEY_H
#define PORTAL_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses s into whole kroner (0 ..VALID_AMOUNT_MAX). On failure returns false and, when why is not
 * NULL, points it at a Norwegian explanation. */
bool money_parse(const char *s, int64_t *out, const char **why);

/* v written as Norwegians write amounts, "1 269 000" (a no-break space between groups), into out
 * (len bytes; 40 are always enough). */
void money_format(int64_t v, char *out, size_t len);

#endif
