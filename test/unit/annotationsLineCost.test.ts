import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../../src/shared/profileFile';
import { encodeProfileFile } from '../../src/capture/profileBytes';
import { ProfileBuilder } from '../../src/profile';
import type { Profile } from '../../src/profile';
import { buildCostIndex } from '../../src/profile/lineCosts';
import { annotateFile } from '../../src/annotations/fileAnnotations';
import { lineDetail } from '../../src/annotations/lineDetail';
import { inBatches, pprofTop, realProfiles, rowLocation } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;
let dir: string;

before(async () => {
  files = await realProfiles();
  dir = mkdtempSync(join(tmpdir(), 'gdp-linecost-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  lines: Map<string, { flat: number; cum: number }>;
  functions: Map<string, { flat: number; cum: number }>;
}

/** `go tool pprof -top -lines` summed per file:line, and `-top` per function. */
async function expectedFor(file: string, type: string, unit: string): Promise<Expected> {
  const [byLine, byFunc] = await Promise.all([pprofTop(file, type, unit, { lines: true }), pprofTop(file, type, unit)]);
  const lines = new Map<string, { flat: number; cum: number }>();
  for (const r of byLine.rows) {
    const at = rowLocation(r.key);
    assert.ok(at, `pprof -lines row ${r.key}`);
    const c = lines.get(at) ?? { flat: 0, cum: 0 };
    lines.set(at, { flat: c.flat + r.flat, cum: c.cum + r.cum });
  }
  return { lines, functions: new Map(byFunc.rows.map((r) => [r.key, { flat: r.flat, cum: r.cum }])) };
}

/** Every annotated line and function of every Go file of the profile equals pprof's numbers. */
async function matchesPprof(name: ProfileName, types?: string[]): Promise<void> {
  await fileMatchesPprof(name, files[name], types);
}

async function fileMatchesPprof(name: string, file: string, types?: string[]): Promise<void> {
  const profile: Profile = readProfileFile(file);
  const wanted = profile.sampleTypes.filter((t) => !types || types.includes(t.type));
  assert.ok(wanted.length > 0);
  await inBatches(wanted, 2, async (t) => {
    const expected = await expectedFor(file, t.type, t.unit);
    const index = buildCostIndex(profile, t.type);
    const seenLines = new Set<string>();
    const seenFunctions = new Set<string>();
    for (const [recorded, costs] of index.files) {
      const ann = annotateFile(index, [costs], Number.MAX_SAFE_INTEGER);
      for (const a of ann.lines) {
        const key = `${recorded}:${a.line + 1}`;
        assert.deepEqual({ flat: a.flat, cum: a.cum }, expected.lines.get(key), `${name} ${t.type} ${key}`);
        seenLines.add(key);
      }
      for (const f of costs.functions) {
        assert.deepEqual({ flat: f.flat, cum: f.cum }, expected.functions.get(f.name), `${name} ${t.type} ${f.name}`);
        seenFunctions.add(f.name);
      }
    }
    const withFile = [...expected.lines.keys()].filter((k) => !k.startsWith(':'));
    assert.deepEqual([...seenLines].sort(), withFile.sort(), `${name} ${t.type}: every pprof line is annotated`);
    assert.ok(seenFunctions.size > 0);
  });
}

test('cpu (inlining, recursion): per-line and per-function cost equal go tool pprof -top [-lines]', () => matchesPprof('cpu'));
test('go test -cpuprofile: per-line cost equals pprof', () => matchesPprof('test-cpu'));
test('heap: per-line cost of every sample type equals pprof', () => matchesPprof('heap'));
test('mutex with partially inlined frames: per-line cost equals pprof', () => matchesPprof('mutex'));
test('go test -blockprofile: per-line delay equals pprof', () => matchesPprof('test-block', ['delay']));

// A CPU sample lands in a runtime generic now and then (in 3 of 30 `go test -cpuprofile` runs
// of the fixture: `internal/runtime/atomic.(*Pointer[go.shape.struct { runtime.spanSetBlockHeader2;
// … }]).StoreNoWB` at types.go:539), so the name with spaces is built here for every run.
test('functions whose names hold spaces (generic shapes): per-line cost equals pprof', async () => {
  const cpu = { type: 'cpu', unit: 'nanoseconds' };
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }, cpu], cpu, 10_000_000);
  const store = { func: 'internal/runtime/atomic.(*Pointer[go.shape.struct { runtime.a int; runtime.b [512]int }]).StoreNoWB', file: '/go/src/internal/runtime/atomic/types.go', line: 539 };
  const grow = { func: 'runtime.(*spanSet).push', file: '/go/src/runtime/mspanset.go', line: 96 };
  const main = { func: 'main.main', file: '/src/app/main.go', line: 7 };
  b.addSample([store, grow, main], [1, 10_000_000]);
  b.addSample([grow, main], [2, 20_000_000]);
  b.addSample([main], [3, 30_000_000]);
  const path = join(dir, 'spaces.pb.gz');
  writeFileSync(path, encodeProfileFile(b.build()));
  assert.equal(rowLocation(`${store.func} ${store.file}:539`), `${store.file}:539`);
  await fileMatchesPprof('spaces', path);
});

function fileEnding(profile: Profile, suffix: string): string {
  const index = buildCostIndex(profile);
  const found = [...index.files.keys()].find((f) => f.endsWith(suffix));
  assert.ok(found, `profile has ${suffix}`);
  return found;
}

test('the hot test function gets a lens; the line calling walk shows cum and heat', () => {
  const profile = readProfileFile(files['test-cpu']);
  const index = buildCostIndex(profile);
  const recorded = fileEnding(profile, 'worktest/work_test.go');
  const ann = annotateFile(index, [index.files.get(recorded)!], 1000);
  const testWork = ann.functions.find((f) => f.name.endsWith('.TestWork'));
  assert.ok(testWork, 'TestWork has a lens');
  assert.equal(testWork.line, 23, 'lens on the func line (0-based)');
  assert.match(testWork.text, /^cpu: flat .* · .*%, cum \d.* ms · \d+(\.\d)?%$/);
  const call = ann.lines.find((l) => l.line === 26);
  assert.ok(call, 'the line `s += walk(6)` is annotated');
  assert.ok(call.cum > call.flat && call.cum > 0.5 * index.total, 'walk dominates the test');
  assert.ok(call.bucket >= 4, `hot line shaded hot (bucket ${call.bucket})`);
  assert.match(call.text, /cum \d+(\.\d+)? ms · \d+(\.\d)?%/);
});

test('annotations beyond the end of the document are dropped', () => {
  const profile = readProfileFile(files['test-cpu']);
  const index = buildCostIndex(profile);
  const costs = index.files.get(fileEnding(profile, 'worktest/work_test.go'))!;
  assert.deepEqual(annotateFile(index, [costs], 20).lines.map((l) => l.line).filter((l) => l >= 20), []);
  assert.ok(annotateFile(index, [costs], 20).lines.length < annotateFile(index, [costs], 1000).lines.length);
});

test('hover detail: callees of a line, inlined calls, and what a line was inlined into', () => {
  const profile = readProfileFile(files.cpu);
  const index = buildCostIndex(profile);
  const recorded = fileEnding(profile, 'profgen/main.go');
  const costs = index.files.get(recorded)!;
  const spin = costs.functions.find((f) => f.name === 'main.spin')!;
  // In spin: `s += fib(24)` and `h = mix(h, i)` (mix inlined) are lines 42 and 44.
  const fibLine = lineDetail(profile, undefined, [recorded], spin.startLine + 4);
  const fib = fibLine.callees.find((c) => c.name === 'main.fib');
  assert.ok(fib && !fib.inlined && fib.value > 0, 'fib called, not inlined');
  const mixLine = lineDetail(profile, undefined, [recorded], spin.startLine + 6);
  assert.ok(mixLine.callees.some((c) => c.name === 'main.mix' && c.inlined), 'mix inlined into spin');
  const mixCost = costs.lines.find((l) => l.line === spin.startLine + 6)!;
  assert.equal(mixLine.cum, mixCost.cum, 'detail cum equals the line cum');
  const mixBody = costs.functions.find((f) => f.name === 'main.mix')!;
  const bodyLine = costs.lines.find((l) => l.line > mixBody.startLine && l.line <= mixBody.startLine + 3 && l.cum > 0);
  assert.ok(bodyLine, 'a line of mix has samples');
  const inside = lineDetail(profile, undefined, [recorded], bodyLine.line);
  assert.ok(inside.inlinedInto.some((c) => c.name === 'main.spin'), 'mix body inlined into spin');
});
