// www/lib/amount.js: the one reader of typed amounts (the Rep page and <spm-estimator>). It returns
// decimal strings made by string operations, in the locale's conventions, and refuses what it
// cannot read without guessing, with a message that says what to type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount, separators } from '../../www/lib/amount.js';

/** The value, or "error: <message>", or "empty". */
function read(text, locale, currency = 'USD') {
  const r = parseAmount(text, { locale, currency });
  if ('value' in r) return r.value;
  if ('error' in r) return `error: ${r.error}`;
  return 'empty';
}

test('US-style amounts in en-US', () => {
  assert.deepEqual(parseAmount('1,234.50', { locale: 'en-US' }), { value: '1234.50' });
  assert.equal(read('25,000', 'en-US'), '25000');
  assert.equal(read('25000.50', 'en-US'), '25000.50');
  assert.equal(read('$25,000.00', 'en-US'), '25000.00');
  assert.equal(read(' 1,234,567.89 ', 'en-US'), '1234567.89');
  assert.equal(read('USD 900', 'en-US'), '900');
  assert.equal(read('0025', 'en-US'), '25');
  assert.equal(read('.5', 'en-US'), '0.5');
  assert.equal(read('25000.', 'en-US'), '25000');
});

test('German amounts in de-DE: "." groups, "," is the decimal point', () => {
  assert.deepEqual(separators('de-DE'), { group: '.', decimal: ',' });
  assert.deepEqual(parseAmount('1.234,50', { locale: 'de-DE', currency: 'EUR' }), { value: '1234.50' });
  assert.equal(read('1.234,50', 'de-DE'), '1234.50', 'the currency does not change the separators');
  assert.equal(read('25.000', 'de-DE', 'EUR'), '25000');
  assert.equal(read('25.000,50 €', 'de-DE', 'EUR'), '25000.50');
  assert.equal(read('12,5', 'de-DE', 'EUR'), '12.5');
});

test('French amounts in fr-FR: spaces of every kind group, "," is the decimal point', () => {
  assert.equal(read('1 234,50', 'fr-FR', 'EUR'), '1234.50', 'a plain space');
  assert.equal(read('1\u00a0234,50', 'fr-FR', 'EUR'), '1234.50', 'a no-break space');
  assert.equal(read('1\u202f234,50', 'fr-FR', 'EUR'), '1234.50', 'a narrow no-break space (what Intl writes in fr-FR)');
  assert.equal(read('1\u202f234\u202f567,5\u00a0€', 'fr-FR', 'EUR'), '1234567.5');
  // What the page itself writes reads back to the same decimal.
  const written = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format('1234.50');
  assert.equal(read(written, 'fr-FR', 'EUR'), '1234.50', JSON.stringify(written));
});

test('other conventions: Swiss apostrophes, Indian lakh groups, currencies without cents', () => {
  assert.equal(read("1'234.50", 'de-CH', 'CHF'), '1234.50');
  assert.equal(read('1,00,000', 'en-IN', 'INR'), '100000');
  assert.equal(read('12,000', 'ja-JP', 'JPY'), '12000');
  assert.match(read('12.5', 'ja-JP', 'JPY'), /^error: JPY amounts have no decimal places/);
});

test('what cannot be read without guessing is refused with a clear message', () => {
  const cases = [
    ['1.2.3', 'en-US', /^error: “1\.2\.3” is not an amount: write it like 25,000 or 25000\.50/],
    ['1,2,3', 'en-US', /is not an amount/],
    ['25,00,0', 'en-US', /is not an amount/],
    ['1.234.5', 'de-DE', /is not an amount/],
    ['abc', 'en-US', /^error: “a” cannot be part of an amount: use digits/],
    ['12abc', 'en-US', /“a” cannot be part of an amount/],
    ['1e5', 'en-US', /“e” cannot be part of an amount/],
    ['-500', 'en-US', /cannot be negative/],
    ['-', 'en-US', /Enter the amount in digits/],
    ['$', 'en-US', /Enter the amount in digits/],
    ['25.000', 'en-US', /Too many decimal places: USD amounts have at most 2/],
    ['9999999999999999', 'en-US', /too large/],
  ];
  for (const [text, locale, expected] of cases) assert.match(read(text, locale), expected, `${text} (${locale})`);
  assert.equal(read('', 'en-US'), 'empty');
  assert.equal(read('   ', 'en-US'), 'empty');
});

test('the value is a decimal string made of the digits typed, never a float', () => {
  // 0.1 + 0.2 and 2^53 + 1 are where floating point would show.
  assert.equal(read('9,007,199,254,740.99', 'en-US'), '9007199254740.99');
  assert.equal(read('0.10', 'en-US'), '0.10', 'trailing zeros are kept as typed');
  for (const text of ['1,234.50', '0.30', '123456789012345']) {
    const r = parseAmount(text, { locale: 'en-US' });
    assert.equal(typeof (/** @type {any} */ (r).value), 'string');
  }
});
