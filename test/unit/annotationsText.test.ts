import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, startLineLengthBefore } from '../../src/views/annotations/editTracking';
import type { LineEdit } from '../../src/views/annotations/editTracking';
import { costAndShare, formatCost, formatShare, functionText, lineText } from '../../src/views/annotations/format';
import { HEAT_BUCKETS, heatBucket, heatOpacity, heatSvg } from '../../src/views/annotations/heat';

test('values read with their unit at three significant digits', () => {
  assert.equal(formatCost(12_345_678, 'nanoseconds'), '12.3 ms');
  assert.equal(formatCost(10_000_000, 'nanoseconds'), '10 ms');
  assert.equal(formatCost(1_500_000_000, 'nanoseconds'), '1.5 s');
  assert.equal(formatCost(250, 'nanoseconds'), '250 ns');
  assert.equal(formatCost(999_700, 'nanoseconds'), '1 ms', 'rounding carries into the next unit');
  assert.equal(formatCost(0, 'nanoseconds'), '0 ns');
  assert.equal(formatCost(1000, 'bytes'), '1000 B', 'bytes scale by 1024');
  assert.equal(formatCost(3 * 1024 * 1024, 'bytes'), '3 MB');
  assert.equal(formatCost(1536, 'bytes'), '1.5 kB');
  assert.equal(formatCost(42, 'count'), '42');
  assert.equal(formatCost(12_345, 'count'), '12.3k');
  assert.equal(formatCost(7, 'widgets'), '7 widgets');
  assert.equal(formatCost(-2_000_000, 'nanoseconds'), '-2 ms', 'diff profiles carry negative values');
});

test('shares: one decimal, tiny non-zero shares are not 0%', () => {
  assert.equal(formatShare(41, 1000), '4.1%');
  assert.equal(formatShare(1000, 1000), '100%');
  assert.equal(formatShare(1, 100000), '<0.1%');
  assert.equal(formatShare(0, 100), '0%');
  assert.equal(formatShare(5, 0), '0%');
  assert.equal(costAndShare(12_300_000, 'nanoseconds', 300_000_000), '12.3 ms · 4.1%');
});

test('line text: one number when flat equals cum, cum alone, or both', () => {
  assert.equal(lineText(12_300_000, 12_300_000, 'nanoseconds', 300_000_000), '12.3 ms · 4.1%');
  assert.equal(lineText(0, 40_000_000, 'nanoseconds', 300_000_000), 'cum 40 ms · 13.3%');
  assert.equal(lineText(10_000_000, 40_000_000, 'nanoseconds', 300_000_000), '10 ms · 3.3% (cum 40 ms · 13.3%)');
  assert.equal(functionText(0, 3 * 1024 * 1024, 'bytes', 6 * 1024 * 1024, 'alloc_space'), 'alloc_space: flat 0 B · 0%, cum 3 MB · 50%');
});

test('heat buckets grow with the share and stay in range', () => {
  assert.equal(heatBucket(0, 100), 0);
  assert.equal(heatBucket(5, 0), 0);
  assert.equal(heatBucket(1, 1000), 1);
  assert.equal(heatBucket(1000, 1000), HEAT_BUCKETS);
  let last = 0;
  for (let v = 1; v <= 1000; v++) {
    const b = heatBucket(v, 1000);
    assert.ok(b >= last && b >= 1 && b <= HEAT_BUCKETS);
    last = b;
  }
  assert.equal(heatBucket(-500, 1000), heatBucket(500, 1000), 'negative diff values shade by magnitude');
  assert.ok(heatOpacity(1) < heatOpacity(HEAT_BUCKETS) && heatOpacity(HEAT_BUCKETS) <= 1);
  assert.match(heatSvg('#e05d10', 3), /^<svg [^>]*><rect [^>]*fill="#e05d10" fill-opacity="0\.60"\/><\/svg>$/);
});

const edit = (startLine: number, startCharacter: number, endLine: number, endCharacter: number, text: string, startLineLength = 40): LineEdit => ({
  startLine,
  startCharacter,
  endLine,
  endCharacter,
  text,
  startLineLength,
});
const at = (...lines: number[]): { line: number }[] => lines.map((line) => ({ line }));

test('edits drop annotations of changed lines and shift the ones below', () => {
  const items = at(2, 5, 9);
  assert.deepEqual(applyEdits(items, [edit(5, 3, 5, 3, 'x')]), at(2, 9), 'typing on a line drops it');
  assert.deepEqual(applyEdits(items, [edit(3, 0, 3, 0, 'a\nb\n')]), at(2, 7, 11), 'lines inserted above shift');
  assert.deepEqual(applyEdits(items, [edit(5, 40, 5, 40, '\n\t')]), at(2, 5, 10), 'Enter at the end of a line keeps it');
  assert.deepEqual(applyEdits(items, [edit(5, 0, 5, 0, '// note\n')]), at(2, 6, 10), 'a line pasted above keeps it, moved');
  assert.deepEqual(applyEdits(items, [edit(3, 0, 6, 0, '')]), at(2, 6), 'deleted lines drop; the rest move up');
  assert.deepEqual(applyEdits(items, [edit(9, 1, 9, 4, 'y'), edit(2, 0, 2, 1, '')]), at(5), 'several changes of one event apply in order');
  assert.equal(applyEdits(items, [edit(7, 0, 7, 3, 'abc')]), items, 'an edit of an unannotated line changes nothing');
});

test('Enter at the end of a line is told apart from splitting it, from the document after the change', () => {
  // Before: line 4 is "\tfor x {" (8 characters). Enter at its end auto-indents the new line.
  const after = (lines: string[]) => (l: number): string | undefined => lines[l];
  const enterAtEnd = { startLine: 4, startCharacter: 8, rangeLength: 0, text: '\n\t\t' };
  assert.equal(startLineLengthBefore(enterAtEnd, after(['', '', '', '', '\tfor x {', '\t\t', '\t}'])), 8);
  const split = { startLine: 4, startCharacter: 5, rangeLength: 0, text: '\n\t' };
  assert.equal(startLineLengthBefore(split, after(['', '', '', '', '\tfor ', '\tx {', '\t}'])), Number.MAX_SAFE_INTEGER);
  assert.equal(startLineLengthBefore({ startLine: 4, startCharacter: 8, rangeLength: 0, text: 'y' }, after([])), Number.MAX_SAFE_INTEGER, 'no newline: a plain change');
  assert.equal(startLineLengthBefore({ startLine: 4, startCharacter: 2, rangeLength: 3, text: '\n' }, after([])), Number.MAX_SAFE_INTEGER, 'a replacement changes the line');
  const items = at(4, 5);
  const edit0 = { ...enterAtEnd, endLine: 4, endCharacter: 8, startLineLength: 8 };
  assert.deepEqual(applyEdits(items, [edit0]), at(4, 6), 'together: the line keeps its annotation, the next moves');
});
