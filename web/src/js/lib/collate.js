// collate.js: Norwegian alphabetical order for every list a page sorts (docs/domain.md, "Sorting
// names"): Intl.Collator('nb'), so æ, ø and å come after z (ä with æ, ö with ø, ü with y), except that
// "aa" stays two a's and is not read as å. A combining grapheme joiner (U+034F, which the collator
// ignores) between two a's keeps ICU from joining them, as the API's order does (SQL_NB in fcgi/db/db.h).

const collator = new Intl.Collator('nb');

const key = (s) => String(s ?? '').replace(/([aA])(?=[aA])/g, '$1\u034F');

/** Compares two names in Norwegian order (for Array.prototype.sort). */
export function compareNb(a, b) {
  return collator.compare(key(a), key(b));
}

/** A sorted copy of list, by the name by(item) gives (the item itself by default). */
export function sortNb(list, by = (x) => x) {
  return list.slice().sort((a, b) => compareNb(by(a), by(b)));
}
