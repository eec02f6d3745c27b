// www/lib/format.js: decimal strings are formatted without floating-point arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareDecimal, formatMoney, formatPercent, isDecimalString, shiftDecimal,
} from '../../www/lib/format.js';

test('shiftDecimal moves the point exactly', () => {
  const cases = [
    ['1.2345', 2, '123.45'], ['0.05', 2, '5'], ['5', -2, '0.05'], ['-0.001', 2, '-0.1'],
    ['123', -5, '0.00123'], ['-0.00', 2, '0'], ['0', 2, '0'], ['1.1', 0, '1.1'],
    ['12345678901234567890.123456789', 2, '1234567890123456789012.3456789'],
  ];
  for (const [value, places, expected] of cases) assert.equal(shiftDecimal(value, places), expected, `${value} ${places}`);
  assert.throws(() => shiftDecimal('1e5', 2), TypeError);
});

test('formatMoney keeps every digit of a long decimal string', () => {
  assert.equal(formatMoney('12345678901234567.89', 'USD', { locale: 'en-US' }), '$12,345,678,901,234,567.89');
  assert.equal(formatMoney('1234.5', 'USD', { locale: 'en-US' }), '$1,234.50');
  // 1.005 is 1.00499999... as a float; as a decimal string it rounds up, as money should.
  assert.equal(formatMoney('1.005', 'USD', { locale: 'en-US' }), '$1.01');
  assert.equal(formatMoney('-3', 'USD', { locale: 'en-US' }), '-$3.00');
  assert.equal(formatMoney(null, 'USD'), '—');
});

test('formatPercent turns a ratio into percent by moving the point', () => {
  assert.equal(formatPercent('1.2345', { locale: 'en-US' }), '123.45%');
  assert.equal(formatPercent('0.05', { locale: 'en-US' }), '5%');
  assert.equal(formatPercent('0.0725', { locale: 'en-US', maximumFractionDigits: 4 }), '7.25%');
  assert.equal(formatPercent(null), '—');
});

test('compareDecimal orders decimal strings exactly', () => {
  const sorted = ['10', '9.99', '-1', '0', '-0.5', '100.001', '100', '0.1', '0.09'].sort(compareDecimal);
  assert.deepEqual(sorted, ['-1', '-0.5', '0', '0.09', '0.1', '9.99', '10', '100', '100.001']);
  assert.equal(compareDecimal('1.10', '1.1'), 0);
  assert.equal(isDecimalString('1.5'), true);
  assert.equal(isDecimalString('1e5'), false);
});
