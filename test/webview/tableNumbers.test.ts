// The numbers of the top table must equal `go tool pprof -top`: flat and cum per function
// for every sample type, on real profiles (recursion, inlining) written by Go.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../src/flameGraph/model';
import { computeFunctionStats } from '../../media/src/functionStats';
import { matchedTotal, matchFunctions } from '../../media/src/search';
import { calleesOf, callersOf } from '../../media/src/sandwich';
import { root } from './harness';

let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'goprof-table-'));
  cpSync(join(root, 'test', 'fixtures', 'profgen'), join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'out'));
  execFileSync('go', ['run', '.', join(dir, 'out')], { cwd: join(dir, 'src'), stdio: 'pipe' });
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  assert.equal(existsSync(dir), false, 'no temp files left behind');
});

/** flat and cum by function name, in the profile's own unit, from pprof's -top. */
function pprofTop(file: string, sampleIndex: number, unit: string): Map<string, { flat: number; cum: number }> {
  const out = execFileSync(
    'go',
    ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', `-sample_index=${sampleIndex}`, `-unit=${unit}`, file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const rows = new Map<string, { flat: number; cum: number }>();
  const num = (s: string): number => Number(s.replace(/[a-zA-Z]+$/, ''));
  for (const line of out.split('\n')) {
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.+)$/.exec(line);
    if (m && m[1] !== 'flat') {
      // pprof appends " (inline)" or " (partial-inline)" when some calls into the function
      // were inlined; the table names the function alone.
      const name = m[3].trim().replace(/ \((?:partial-)?inline\)$/, '');
      const prev = rows.get(name) ?? { flat: 0, cum: 0 };
      rows.set(name, { flat: prev.flat + num(m[1]), cum: prev.cum + num(m[2]) });
    }
  }
  return rows;
}

const pprofUnit: Record<string, string> = { nanoseconds: 'ns', bytes: 'B', count: '' };

for (const kind of ['cpu', 'heap', 'allocs', 'block', 'mutex', 'goroutine']) {
  test(`top table numbers equal go tool pprof -top for ${kind}`, () => {
    const file = join(dir, 'out', `${kind}.pb.gz`);
    const { model } = loadProfile(readFileSync(file), kind);
    const stats = computeFunctionStats(model.tree, model.funcNames.length);
    let compared = 0;
    model.sampleTypes.forEach((st, t) => {
      const expected = pprofTop(file, t, pprofUnit[st.unit] ?? '');
      const ours = new Map<string, { flat: number; cum: number }>();
      for (let f = 0; f < stats.funcs; f++) {
        const flat = stats.flat[f * stats.sampleTypes + t];
        const cum = stats.cum[f * stats.sampleTypes + t];
        if (flat !== 0 || cum !== 0) {
          ours.set(model.funcNames[f], { flat, cum });
        }
      }
      assert.deepEqual(new Map([...ours].sort()), new Map([...expected].sort()), `${kind} ${st.type}`);
      compared += ours.size;
    });
    assert.ok(compared > 0, `${kind}: no rows compared`);
  });
}

test('the share of a search equals pprof -focus total', () => {
  const file = join(dir, 'out', 'cpu.pb.gz');
  const { model } = loadProfile(readFileSync(file), 'cpu');
  const t = model.defaultSampleType;
  const matches = matchFunctions(model.funcNames, 'main.fib')!;
  const ours = matchedTotal(model.tree, t, matches);
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-unit=ns', `-sample_index=${t}`, '-focus=^main\\.fib$', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const total = Number(/Showing nodes accounting for (\d+)ns/.exec(out)?.[1]);
  assert.ok(ours > 0);
  assert.equal(ours, total);
});

test('callers and callees of a function both total its cum, and every node adds up', () => {
  const file = join(dir, 'out', 'cpu.pb.gz');
  const { model } = loadProfile(readFileSync(file), 'cpu');
  const stats = computeFunctionStats(model.tree, model.funcNames.length);
  const T = stats.sampleTypes;
  const expected = pprofTop(file, model.defaultSampleType, 'ns');
  let checked = 0;
  for (const name of ['main.fib', 'main.spin', 'runtime.mallocgc']) {
    const f = model.funcNames.indexOf(name);
    if (f < 0 || !expected.has(name)) {
      continue;
    }
    checked++;
    for (const tree of [calleesOf(model.tree, stats, f), callersOf(model.tree, stats, f)]) {
      const t = model.defaultSampleType;
      assert.equal(tree.total[t], expected.get(name)!.cum, `${name}: the sandwich root is its cum`);
      for (let n = 0; n < tree.length; n++) {
        let kids = 0;
        for (let c = tree.firstChild[n]; c >= 0; c = tree.nextSibling[c]) {
          kids += tree.total[c * T + t];
        }
        assert.ok(Math.abs(tree.self[n * T + t] + kids - tree.total[n * T + t]) < 1e-6, `${name}: node ${n} self + children = total`);
      }
    }
  }
  assert.ok(checked >= 2, `only ${checked} functions checked`);
});
