// The one reader of amounts a person types: "25,000.50" (en-US), "25.000,50" (de-DE),
// "25 000,50" (fr-FR, with a space, a no-break space or a narrow no-break space), "$25,000",
// "1'234.50" (de-CH) all become the decimal string the engine reads ("25000.50"). String
// operations only: the text is never turned into a floating-point number, so every digit typed
// is the digit sent. Used by the Rep page and the <spm-estimator> element; no imports, so the
// element loads it without waiting for anything.

/** Characters that may group digits besides "." and ",": spaces of all kinds and apostrophes. */
export const GROUP_MARKS = "\\s\\u00a0\\u202f\\u2009'\\u2019";

/** The most digits before the decimal point an amount may have (a typo, not a deal, beyond). */
const MAX_DIGITS = 15;

/**
 * The digit group and decimal separators of `locale` ("," and "." in en-US, "." and "," in de-DE).
 * @param {string | undefined} locale
 */
export function separators(locale) {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * The most fraction digits an amount in `currency` has (2 for USD, 0 for JPY, 3 for KWD).
 * @param {string} currency
 */
export function minorUnits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Currency marks a person may type around an amount: the code and the locale's symbols, longest
 * first ("US$" before "$").
 * @param {string | undefined} locale
 * @param {string} currency
 */
function currencyMarks(locale, currency) {
  const marks = new Set([currency, currency.toLowerCase()]);
  for (const display of /** @type {const} */ (['symbol', 'narrowSymbol'])) {
    try {
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display }).formatToParts(1);
      const sym = parts.find((p) => p.type === 'currency')?.value;
      if (sym) marks.add(sym);
    } catch {
      /* an unknown currency has no symbol */
    }
  }
  return [...marks].sort((a, b) => b.length - a.length);
}

const count = (text, ch) => text.split(ch).length - 1;

/** @param {string} text */
function groupError(text) {
  return { error: `“${String(text).trim()}” is not an amount: write it like 25,000 or 25000.50 (one decimal point, thousands in groups of three).` };
}

/**
 * Reads a typed amount as a decimal string, in `locale` (the browser's when left out):
 *
 *   parseAmount("1,234.50", { locale: "en-US" })  -> { value: "1234.50" }
 *   parseAmount("1.234,50", { locale: "de-DE" })  -> { value: "1234.50" }
 *   parseAmount("1 234,50", { locale: "fr-FR" })  -> { value: "1234.50" }
 *   parseAmount("")                               -> { empty: true }
 *   parseAmount("1.2.3")                          -> { error: "“1.2.3” is not an amount: ..." }
 *
 * Rules: the currency's code or symbol may come before or after the number. When both "." and
 * "," appear, the last one is the decimal point. A separator that appears once is the decimal
 * point, unless it is not the locale's decimal separator and is followed by exactly three digits
 * after a valid group ("25.000" in de-DE and "25,000" in en-US are twenty-five thousand; "1,5"
 * is one and a half everywhere, since no locale groups one digit). Digit groups must look like
 * groups (1–3 digits first, then 2–3, the last 3: "1,00,000" in en-IN), so "1.2.3" and "25,00,0"
 * are refused rather than guessed. Negative amounts, letters, exponents, more fraction digits
 * than the currency has and more than 15 integer digits are refused, each with a message that
 * says what to type instead.
 *
 * @param {string} text
 * @param {{ locale?: string, currency?: string }} [options]
 * @returns {{ value: string } | { empty: true } | { error: string }}
 */
export function parseAmount(text, { locale, currency = 'USD' } = {}) {
  let t = String(text ?? '').trim();
  if (t === '') return { empty: true };
  for (const mark of currencyMarks(locale, currency)) {
    if (t.startsWith(mark)) t = t.slice(mark.length).trim();
    else if (t.endsWith(mark)) t = t.slice(0, t.length - mark.length).trim();
  }
  if (/^[-\u2212\u2010\u2013]/.test(t)) {
    return /\d/.test(t)
      ? { error: 'The amount cannot be negative: enter the deal value, e.g. 25,000.' }
      : { error: 'Enter the amount in digits, e.g. 25,000 or 25000.50.' };
  }
  if (t.startsWith('+')) t = t.slice(1).trim();
  const bad = new RegExp(`[^\\d.,${GROUP_MARKS}]`).exec(t);
  if (bad) {
    return { error: `“${bad[0]}” cannot be part of an amount: use digits, with , or . between thousands or before the cents (e.g. 25,000.50).` };
  }
  if (!/\d/.test(t)) return { error: 'Enter the amount in digits, e.g. 25,000 or 25000.50.' };

  const seps = separators(locale);
  const dots = count(t, '.');
  const commas = count(t, ',');
  /** @type {string | null} */
  let point = null;
  if (dots > 0 && commas > 0) {
    point = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
    if (count(t, point) > 1) return groupError(text);
  } else if (dots + commas === 1) {
    const sep = dots === 1 ? '.' : ',';
    const [before, after] = t.split(sep);
    const looksGrouped = /^\d{3}$/.test(after) && new RegExp(`^\\d{1,3}([${GROUP_MARKS}]\\d{2,3})*$`).test(before);
    point = sep !== seps.decimal && looksGrouped ? null : sep;
  }

  let intPart = t;
  let frac = '';
  if (point !== null) {
    const i = t.lastIndexOf(point);
    intPart = t.slice(0, i);
    frac = t.slice(i + 1);
    if (!/^\d*$/.test(frac)) return groupError(text);
  }
  const groups = intPart.split(new RegExp(`[.,${GROUP_MARKS}]+`));
  if (groups.length > 1) {
    const ok = groups.every((g, i) => {
      if (!/^\d+$/.test(g)) return false;
      if (i === 0) return g.length <= 3;
      if (i === groups.length - 1) return g.length === 3;
      return g.length === 2 || g.length === 3;
    });
    if (!ok) return groupError(text);
  } else if (!/^\d*$/.test(groups[0])) {
    return groupError(text);
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '') || '0';
  if (digits.length > MAX_DIGITS) return { error: 'That amount is too large for an estimate.' };
  const places = minorUnits(currency);
  if (frac.length > places) {
    return {
      error: places === 0
        ? `${currency} amounts have no decimal places: enter whole ${currency}.`
        : `Too many decimal places: ${currency} amounts have at most ${places} (for thousands, write 25,000 or 25000).`,
    };
  }
  return { value: frac ? `${digits}.${frac}` : digits };
}
