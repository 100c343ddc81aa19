import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { anchorsAt, applyEdits, startLineLengthBefore } from '../../src/annotations/editTracking';
import type { Anchors, LineEdit } from '../../src/annotations/editTracking';
import { costAndShare, formatCost, formatShare, functionText, lineText } from '../../src/annotations/format';
import { displayUnit, formatValue } from '../../src/profile';
import { HEAT_BUCKETS, heatBucket, heatOpacity, heatSvg } from '../../src/annotations/heat';

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

test('goroutine profiles read in goroutines: "1 goroutine", never "cum 1"', () => {
  const goroutine = readGoroutineUnit('goroutine');
  assert.equal(goroutine, 'goroutines');
  assert.equal(readGoroutineUnit('goroutineleak'), 'goroutines');
  assert.equal(displayUnit({ type: 'inuse_space', unit: 'bytes' }), 'bytes');
  assert.equal(lineText(0, 1, goroutine, 10), '1 goroutine · 10%');
  assert.equal(lineText(0, 5, goroutine, 10), '5 goroutines · 50%');
  assert.equal(functionText(0, 7, goroutine, 10, 'goroutine'), 'goroutine: 7 goroutines · 70%');
  assert.equal(formatCost(1, goroutine), '1 goroutine');
  assert.equal(formatValue(3, goroutine), '3 goroutines');
});

function readGoroutineUnit(type: string): string {
  return displayUnit({ type, unit: 'count' });
}

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
/** Anchors on `lines` of a document whose line n read `line n` when annotated. */
const at = (...lines: number[]): Anchors => anchorsAt(lines, (line) => `line ${line}`);
const unchanged = (line: number): string => `line ${line}`;
/** Applies the edits to a copy of `anchors`: the shown ones as "line:source", and whether any changed. */
function after(anchors: Anchors, edits: LineEdit[], lineText: (line: number) => string | undefined): { shown: string[]; changed: boolean; all: number[] } {
  const copy = { lines: anchors.lines.slice(), sources: anchors.sources, shown: anchors.shown.slice() };
  const changed = applyEdits(copy, edits, lineText);
  const shown = [...copy.lines].flatMap((line, i) => (copy.shown[i] ? [`${line}:${copy.sources[i]}`] : []));
  return { shown, changed, all: [...copy.lines] };
}
const shownAfter = (...args: Parameters<typeof after>): string[] => after(...args).shown;

test('edits hide annotations of changed lines and shift the ones below', () => {
  const items = at(2, 5, 9);
  const docAfter = (changed: Record<number, string>) => (l: number): string => changed[l] ?? 'other';
  assert.deepEqual(shownAfter(items, [edit(5, 3, 5, 3, 'x')], docAfter({ 5: 'linxe 5' })), ['2:line 2', '9:line 9'], 'typing on a line hides it');
  assert.deepEqual(shownAfter(items, [edit(3, 0, 3, 0, 'a\nb\n')], unchanged), ['2:line 2', '7:line 5', '11:line 9'], 'lines inserted above shift');
  assert.deepEqual(shownAfter(items, [edit(5, 40, 5, 40, '\n\t')], unchanged), ['2:line 2', '5:line 5', '10:line 9'], 'Enter at the end of a line keeps it');
  assert.deepEqual(shownAfter(items, [edit(5, 0, 5, 0, '// note\n')], unchanged), ['2:line 2', '6:line 5', '10:line 9'], 'a line pasted above keeps it, moved');
  assert.deepEqual(shownAfter(items, [edit(3, 0, 6, 0, '')], docAfter({ 3: 'line 6' })), ['2:line 2', '6:line 9'], 'deleted lines hide theirs; the rest move up');
  assert.deepEqual(shownAfter(items, [edit(0, 0, 2, 0, '')], docAfter({ 0: 'line 2' })), ['0:line 2', '3:line 5', '7:line 9'], 'lines deleted above: all follow');
  assert.deepEqual(
    shownAfter(items, [edit(9, 1, 9, 4, 'y'), edit(2, 0, 2, 1, '')], docAfter({ 2: 'ine 2', 5: 'line 5', 9: 'ly 9' })),
    ['5:line 5'],
    'several changes of one event apply in order',
  );
  assert.equal(after(items, [edit(7, 0, 7, 3, 'abc')], unchanged).changed, false, 'an edit of an unannotated line changes nothing');
  assert.equal(after(items, [edit(5, 0, 5, 6, 'line 5')], unchanged).changed, false, 'retyping a line as it was keeps it shown');
});

test('a hidden annotation shows again when its line holds its text again, wherever edits moved it', () => {
  const items = at(2, 5, 9);
  const typed = (l: number): string => (l === 5 ? 'line 5x' : unchanged(l));
  assert.equal(applyEdits(items, [edit(5, 6, 5, 6, 'x')], typed), true);
  assert.deepEqual([...items.shown], [1, 0, 1], 'hidden, not dropped');
  assert.equal(applyEdits(items, [edit(0, 0, 0, 0, 'a\n')], (l) => (l === 6 ? 'line 5x' : 'other')), true);
  assert.deepEqual([...items.lines], [3, 6, 10], 'a hidden annotation moves with its line');
  assert.equal(applyEdits(items, [edit(6, 6, 6, 7, '')], (l) => (l === 6 ? 'line 5' : 'other')), true);
  assert.deepEqual([...items.shown], [1, 1, 1], 'the edit undone: shown again');

  const split = at(4, 5);
  applyEdits(split, [edit(4, 2, 4, 2, '\n')], (l) => ['', '', '', '', 'li', 'ne 4', 'line 5'][l]);
  assert.deepEqual([[...split.lines], [...split.shown]], [[4, 6], [0, 1]], 'a line split in two: hidden at its first half');
  applyEdits(split, [edit(4, 2, 5, 0, '')], (l) => ['', '', '', '', 'line 4', 'line 5'][l]);
  assert.deepEqual([[...split.lines], [...split.shown]], [[4, 5], [1, 1]], 'joined again: back');
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
  const edit0 = { ...enterAtEnd, endLine: 4, endCharacter: 8, startLineLength: 8 };
  assert.deepEqual(shownAfter(at(4, 5), [edit0], unchanged), ['4:line 4', '6:line 5'], 'together: the line keeps its annotation, the next moves');
});
