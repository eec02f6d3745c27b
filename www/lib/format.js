// Display formatting of the engine's decimal strings. JS never does arithmetic on money: amounts
// stay strings from the engine to Intl.NumberFormat, whose format() reads a decimal string
// exactly (ECMA-402 "Intl mathematical value"), so "12345678901234567.89" keeps every digit.
// Percentages are made by moving the decimal point in the string, never by multiplying.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** True when `value` is a plain decimal string such as "-12.50" (no exponent, no grouping). */
export function isDecimalString(value) {
  return typeof value === 'string' && DECIMAL.test(value);
}

/**
 * Moves the decimal point of a decimal string `places` digits to the right (left when negative),
 * exactly: shiftDecimal("1.2345", 2) is "123.45", shiftDecimal("5", -2) is "0.05".
 * @param {string} value
 * @param {number} places
 * @returns {string}
 */
export function shiftDecimal(value, places) {
  const m = DECIMAL.exec(value);
  if (!m || !Number.isInteger(places)) {
    throw new TypeError(`not a decimal string: ${JSON.stringify(value)}`);
  }
  const sign = m[1] === '-' ? '-' : '';
  let int = m[2];
  let frac = m[3] ?? '';
  if (places >= 0) {
    frac = frac.padEnd(places, '0');
    int += frac.slice(0, places);
    frac = frac.slice(places);
  } else {
    const n = -places;
    int = int.padStart(n + 1, '0');
    frac = int.slice(int.length - n) + frac;
    int = int.slice(0, int.length - n);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const digits = frac ? `${int}.${frac}` : int;
  return /^0(?:\.0*)?$/.test(digits) ? digits : sign + digits;
}

const cache = new Map();
function formatter(locale, options) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/**
 * Formats a decimal string as money in `currency`, e.g. formatMoney("1234.5", "USD") is "$1,234.50".
 * Null or undefined show as an em dash; anything that is not a decimal string is shown as it is,
 * so a surprise is visible rather than silently turned into a number.
 * @param {string | null | undefined} amount
 * @param {string} currency ISO 4217 code.
 * @param {{ locale?: string, maximumFractionDigits?: number }} [options]
 */
export function formatMoney(amount, currency, { locale, maximumFractionDigits } = {}) {
  if (amount === null || amount === undefined) return '—';
  if (!isDecimalString(amount)) return String(amount);
  const options = { style: 'currency', currency };
  if (maximumFractionDigits !== undefined) {
    options.minimumFractionDigits = Math.min(2, maximumFractionDigits);
    options.maximumFractionDigits = maximumFractionDigits;
  }
  return formatter(locale, options).format(amount);
}

/**
 * Formats a decimal string as a plain number with grouping, keeping up to `maximumFractionDigits`.
 * @param {string | null | undefined} value
 */
export function formatDecimal(value, { locale, maximumFractionDigits = 6 } = {}) {
  if (value === null || value === undefined) return '—';
  if (!isDecimalString(value)) return String(value);
  return formatter(locale, { maximumFractionDigits }).format(value);
}

/**
 * Formats a ratio as a percentage: formatPercent("1.2345") is "123.45%", formatPercent("0.05")
 * is "5%". The ratio is turned into percent by moving the decimal point, not by multiplying.
 * @param {string | null | undefined} ratio
 */
export function formatPercent(ratio, { locale, maximumFractionDigits = 2 } = {}) {
  if (ratio === null || ratio === undefined) return '—';
  if (!isDecimalString(ratio)) return String(ratio);
  return formatter(locale, { style: 'unit', unit: 'percent', maximumFractionDigits }).format(
    shiftDecimal(ratio, 2),
  );
}

/** A whole count, e.g. 20000 -> "20,000". */
export function formatCount(n, { locale } = {}) {
  return formatter(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * Compares two decimal strings exactly (for sorting): negative, zero or positive like a
 * comparator. Strings that are not decimals sort last.
 * @param {string} a
 * @param {string} b
 */
export function compareDecimal(a, b) {
  const ma = DECIMAL.exec(a);
  const mb = DECIMAL.exec(b);
  if (!ma || !mb) return (ma ? 0 : 1) - (mb ? 0 : 1);
  const norm = (m) => {
    const int = m[2].replace(/^0+(?=\d)/, '');
    const frac = (m[3] ?? '').replace(/0+$/, '');
    const zero = int === '0' && frac === '';
    return { neg: m[1] === '-' && !zero, int, frac };
  };
  const x = norm(ma);
  const y = norm(mb);
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  let c = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (c === 0) {
    const n = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(n, '0');
    const fy = y.frac.padEnd(n, '0');
    c = fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return x.neg ? -c : c;
}

/** True when `value` is a decimal string equal to zero ("0", "0.00", "-0.0"). */
export function isZero(value) {
  return typeof value === 'string' && /^[+-]?0+(?:\.0+)?$/.test(value);
}

/** True when `value` is a decimal string below zero ("-0.01"; "-0.00" is not). */
export function isNegative(value) {
  return typeof value === 'string' && value.startsWith('-') && !isZero(value);
}

/** Items as an English list: "A", "A and B", "A, B and C". */
export function listText(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
