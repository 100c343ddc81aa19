// Values in their units, as go tool pprof prints them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatPercent, formatValue } from '../../media/src/format';
import { kindOf, packageOf, shortName } from '../../media/src/packages';

test('time values scale from ns to s', () => {
  assert.equal(formatValue(0, 'nanoseconds'), '0');
  assert.equal(formatValue(850, 'nanoseconds'), '850ns');
  assert.equal(formatValue(1500, 'nanoseconds'), '1.5µs');
  assert.equal(formatValue(140_000_000, 'nanoseconds'), '140ms');
  assert.equal(formatValue(10_000_000, 'nanoseconds'), '10ms');
  assert.equal(formatValue(1_230_000_000, 'nanoseconds'), '1.23s');
  assert.equal(formatValue(120e9, 'nanoseconds'), '120s');
  assert.equal(formatValue(2, 'seconds'), '2s');
});

test('byte values scale by 1024 into kB, MB, GB', () => {
  assert.equal(formatValue(512, 'bytes'), '512B');
  assert.equal(formatValue(65536, 'bytes'), '64kB');
  assert.equal(formatValue(16 * 1024 * 1024, 'bytes'), '16MB');
  assert.equal(formatValue(1.5 * 1024 ** 3, 'bytes'), '1.5GB');
  assert.equal(formatValue(-2048, 'bytes'), '-2kB');
});

test('counts are whole numbers with separators; other units are named', () => {
  assert.equal(formatValue(4681, 'count'), '4,681');
  assert.equal(formatValue(3, 'goroutines'), '3 goroutines');
});

test('percentages keep two digits below 10%', () => {
  assert.equal(formatPercent(1, 3), '33.3%');
  assert.equal(formatPercent(1, 40), '2.50%');
  assert.equal(formatPercent(0, 40), '0.0%');
  assert.equal(formatPercent(5, 0), '0%');
});

test('packages and short names of Go functions, generics and methods included', () => {
  assert.equal(packageOf('github.com/acme/shop/cart.(*Cart).Total'), 'github.com/acme/shop/cart');
  assert.equal(shortName('github.com/acme/shop/cart.(*Cart).Total'), 'cart.(*Cart).Total');
  assert.equal(packageOf('slices.SortFunc[go.shape.[]github.com/x/y.T]'), 'slices');
  assert.equal(shortName('main.main.func1'), 'main.main.func1');
  assert.equal(kindOf(packageOf('runtime.mallocgc')), 'runtime');
  assert.equal(kindOf(packageOf('internal/runtime/atomic.(*Uint32).Add')), 'runtime');
  assert.equal(kindOf(packageOf('net/http.(*conn).serve')), 'std');
  assert.equal(kindOf(packageOf('main.work')), 'user');
  assert.equal(kindOf(packageOf('github.com/acme/shop/cart.Total')), 'user');
});
