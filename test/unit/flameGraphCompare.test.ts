// The pure parts of comparing and filtering in the views: which capture is "previous",
// refusing profiles of different kinds, the label value filter, the two-column diff tree,
// the change colours and tables, and the editor's per-line changes (against pprof).
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile } from '../../src/shared/profileFile';
import { buildCallTree, diffProfiles, filterProfile, type Profile } from '../../src/profile';
import type { DiffArrays, TreeArrays } from '../../src/shared/messages';
import { comparisonRefusal, previousCapture } from '../../src/flameGraph/compareCaptures';
import { buildDiffTree } from '../../src/profile/diffTree';
import { cleanFilter, filteredModel } from '../../src/flameGraph/filter';
import { buildCostIndex } from '../../src/profile/lineCosts';
import { diffLines } from '../../src/profile/lineDiff';
import { DiffColours } from '../../media/src/diffColour';
import { diffRows } from '../../media/src/diffRows';
import type { FunctionStats } from '../../media/src/functionStats';
import { labelValueFilter } from '../../media/src/labelFilter';
import { pprofTop, realProfiles, rowLocation } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

test('previous capture: newest earlier one of the same kind in the same session', () => {
  const c = (path: string, kind: string, session: string, time: number) => ({ path, kind, session, time });
  const all = [c('a', 'heap', 's1', 1), c('b', 'heap', 's1', 5), c('x', 'cpu', 's1', 6), c('y', 'heap', 's2', 7), c('d', 'heap', 's1', 9), c('e', 'heap', 's1', 12)];
  assert.equal(previousCapture(all, all[4])?.path, 'b');
  assert.equal(previousCapture(all, all[1])?.path, 'a');
  assert.equal(previousCapture(all, all[0]), undefined, 'the first capture has none');
  assert.equal(previousCapture(all, all[3]), undefined, 'another session is not looked at');
  assert.equal(previousCapture(all, all[2]), undefined, 'another kind is not looked at');
});

test('profiles of different kinds are refused in one line; same kinds compare', () => {
  const cpu = readProfileFile(files.cpu);
  const heap = readProfileFile(files.heap);
  const refusal = comparisonRefusal(heap, cpu);
  assert.match(refusal ?? '', /^they are different kinds of profile \(samples\/cpu and alloc_objects\/alloc_space\/inuse_objects\/inuse_space\)\.$/);
  assert.equal(comparisonRefusal(heap, readProfileFile(files.heap2)), undefined);
  assert.equal(comparisonRefusal(heap, readProfileFile(files.allocs)), undefined, 'heap and allocs share their sample types');
});

test('a label value filter matches that value only, whatever characters it has', () => {
  assert.equal(labelValueFilter('route', '/api'), 'route=^/api$');
  const tricky = 'a.b(c)*,d';
  const spec = labelValueFilter('k', tricky);
  assert.ok(!spec.slice(2).includes(','), 'pprof splits tag filters on commas');
  const re = new RegExp(spec.slice(2));
  assert.ok(re.test(tricky));
  assert.ok(!re.test('aXb(c)*,d') && !re.test(`${tricky}x`));
});

test('filters: empty fields are no filter; label pickers list string labels only', () => {
  assert.deepEqual(cleanFilter({ focus: '  ', ignore: ' x ', tagroot: '' }), { ignore: 'x' });
  const heap = readProfileFile(files.heap);
  assert.deepEqual(filteredModel(heap, 'heap').model.labels, [], 'heap samples carry only numeric (bytes) labels');
  const cpu = readProfileFile(files.cpu);
  assert.deepEqual(filteredModel(cpu, 'cpu').model.labels?.map((l) => l.key), ['route']);
  assert.equal(filteredModel(cpu, 'cpu').model.totals, undefined, 'no filter: no separate totals');
});

test('the diff tree holds the target in the tree and the base beside it, node for node', () => {
  const base = readProfileFile(files.heap);
  const target = readProfileFile(files.heap2);
  const { tree, baseSelf, baseTotal } = buildDiffTree(diffProfiles(base, target));
  const T = tree.sampleTypes;
  const tRoot = buildCallTree(target);
  const bRoot = buildCallTree(base);
  for (let t = 0; t < T; t++) {
    assert.equal(tree.total[t], tRoot.total[t]);
    assert.equal(baseTotal[t], bRoot.total[t]);
    let selfT = 0;
    let selfB = 0;
    for (let n = 0; n < tree.length; n++) {
      selfT += tree.self[n * T + t];
      selfB += baseSelf[n * T + t];
    }
    assert.equal(selfT, tree.total[t]);
    assert.equal(selfB, baseTotal[t]);
  }
  assert.throws(() => buildDiffTree(target), /diffProfiles/);
});

/** A root with three children: grew (1 -> 3), shrank (4 -> 2), same (5 -> 5). */
function smallDiff(): { tree: TreeArrays; base: DiffArrays } {
  const total = Float64Array.from([10, 3, 2, 5]);
  const baseTotal = Float64Array.from([10, 1, 4, 5]);
  const tree: TreeArrays = {
    length: 4,
    sampleTypes: 1,
    parent: Int32Array.from([-1, 0, 0, 0]),
    func: Int32Array.from([-1, 0, 1, 2]),
    firstChild: Int32Array.from([3, -1, -1, -1]),
    nextSibling: Int32Array.from([-1, -1, 1, 2]),
    line: new Int32Array(4),
    inlined: new Uint8Array(4),
    self: Float64Array.from([0, 3, 2, 5]),
    total,
  };
  return { tree, base: { baseTitle: 'b', self: Float64Array.from([0, 1, 4, 5]), total: baseTotal } };
}

test('change colours: direction per node, absolute and normalised', () => {
  const { tree, base } = smallDiff();
  const abs = new DiffColours(tree, base, 0, 'absolute');
  assert.deepEqual([1, 2, 3].map((n) => abs.direction(n)), [1, -1, 0]);
  assert.deepEqual(abs.values(1), { base: 1, target: 3, delta: 2 });
  // Target total 10 vs base 20: the base is halved, so "same" (5 of 10 vs 5 of 20) grew.
  const bigBase = { ...base, total: Float64Array.from([20, 2, 8, 10]) };
  const norm = new DiffColours(tree, bigBase, 0, 'normalised');
  assert.equal(norm.baseScale, 0.5);
  assert.deepEqual([1, 2, 3].map((n) => norm.direction(n)), [1, -1, 0]);
  assert.deepEqual(new DiffColours(tree, bigBase, 0, 'absolute').direction(3), -1);
  const theme = { kind: 'dark', font: '', foreground: '', background: '', frameText: '', border: '', focusBorder: '', matchFill: '', mergedFill: '' } as const;
  assert.match(abs.colour(theme, 1, false), /^hsl\(0 /);
  assert.match(abs.colour(theme, 2, false), /^hsl\(215 /);
  assert.equal(abs.colour(theme, 3, false), abs.colour(theme, 1, true), 'unchanged and dimmed share the neutral colour');
});

test('diff rows: increases and decreases by flat change, the base scaled when normalised', () => {
  const stats = (flat: number[], cum: number[]): FunctionStats => ({
    funcs: flat.length, sampleTypes: 1, flat: Float64Array.from(flat), cum: Float64Array.from(cum), nodeStart: new Int32Array(flat.length + 1), nodes: new Int32Array(0),
  });
  const target = stats([3, 2, 5, 0], [3, 2, 6, 10]);
  const base = stats([1, 4, 5, 0], [1, 4, 5, 10]);
  const rows = diffRows(target, base, 0, 1, 10);
  assert.deepEqual(rows.increases.map((r) => [r.func, r.flatDelta]), [[0, 2], [2, 0]], 'an unchanged flat with a grown cum is an increase');
  assert.deepEqual(rows.decreases.map((r) => [r.func, r.flatDelta]), [[1, -2]]);
  const half = diffRows(target, base, 0, 0.5, 10);
  assert.deepEqual(half.increases.map((r) => r.func), [2, 0, 3], 'ties on flat go by cum');
  assert.deepEqual(half.decreases.map((r) => r.func), []);
  assert.equal(diffRows(target, base, 0, 0.5, 1).increases.length, 1);
});

test('editor diff lines equal go tool pprof -top -lines -diff_base, summed per line, also under a filter', async () => {
  const base = readProfileFile(files.heap);
  const target = readProfileFile(files.heap2);
  const cases: [Profile, string[]][] = [
    [diffProfiles(base, target), []],
    [filterProfile(diffProfiles(base, target), { focus: 'allocLarge' }), ['-focus=allocLarge']],
  ];
  for (const [diff, extra] of cases) {
    const index = buildCostIndex(diff, 'inuse_space');
    const main = [...index.files.keys()].filter((f) => f.endsWith('/main.go'));
    assert.equal(main.length, 1);
    const ours = new Map(diffLines(index, main).map((l) => [l.line + 1, l.delta]));
    const top = await pprofTop(files.heap2, 'inuse_space', 'bytes', { lines: true, extra: [`-diff_base=${files.heap}`, ...extra] });
    const expected = new Map<number, number>();
    for (const r of top.rows) {
      const m = /\/main\.go:(\d+)$/.exec(r.key);
      if (m) expected.set(Number(m[1]), (expected.get(Number(m[1])) ?? 0) + r.cum);
    }
    for (const [line, cum] of [...expected]) if (cum === 0) expected.delete(line);
    assert.ok(expected.size > 0);
    assert.deepEqual(new Map([...ours].sort((a, b) => a[0] - b[0])), new Map([...expected].sort((a, b) => a[0] - b[0])), extra.join(' ') || 'no filter');
    const texts = diffLines(index, main).map((l) => l.text);
    assert.ok(texts.some((t) => /^Δ \+\d/.test(t)) && texts.every((t) => /^Δ [+-]?\d/.test(t)), texts.join(' | '));
  }
});

/** Per `file:line`, summed over the functions on it, as the editor annotates it. */
function linesOfIndex(index: ReturnType<typeof buildCostIndex>): Map<string, { flat: number; cum: number }> {
  const out = new Map<string, { flat: number; cum: number }>();
  for (const [file, costs] of index.files) for (const l of costs.lines) out.set(`${file}:${l.line}`, { flat: l.flat, cum: l.cum });
  return out;
}

test('editor annotations under the panel filters: per-line cost and total equal go tool pprof -top -lines with those filters', async () => {
  const cpu = readProfileFile(files.cpu);
  const { type, unit } = cpu.sampleTypes[cpu.defaultSampleType];
  const whole = linesOfIndex(buildCostIndex(cpu));
  const cases: [Record<string, string>, string[]][] = [
    [{ tagfocus: 'route=/api' }, ['-tagfocus=route=/api']],
    [{ tagignore: 'route=/api', hide: 'runtime' }, ['-tagignore=route=/api', '-hide=runtime']],
    [{ focus: 'main\\.fib', tagroot: 'route' }, ['-focus=main\\.fib']],
  ];
  for (const [filter, extra] of cases) {
    const what = extra.join(' ');
    const { filtered, narrowed } = filteredModel(cpu, 'cpu', filter);
    assert.ok(narrowed, what);
    const index = buildCostIndex(filtered);
    const top = await pprofTop(files.cpu, type, unit, { lines: true, extra });
    assert.equal(index.total, top.total, `${what}: percentages of the whole profile, as pprof's`);
    const expected = new Map<string, { flat: number; cum: number }>();
    for (const r of top.rows) {
      const at = rowLocation(r.key);
      if (!at || at.startsWith(':') || (r.flat === 0 && r.cum === 0)) continue;
      const c = expected.get(at) ?? { flat: 0, cum: 0 };
      expected.set(at, { flat: c.flat + r.flat, cum: c.cum + r.cum });
    }
    const ours = linesOfIndex(index);
    assert.ok(expected.size > 0, what);
    assert.deepEqual(new Map([...ours].sort()), new Map([...expected].sort()), what);
    assert.notDeepEqual(ours, whole, `${what} changes what the editor shows`);
  }
  const grouped = filteredModel(cpu, 'cpu', { tagroot: 'route' });
  assert.equal(grouped.narrowed, false, 'a label root alone keeps every sample: the annotations stay unfiltered');
  assert.equal(grouped.filtered, cpu);
});
