import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile, readTopTable } from '../../src/shared/profileFile';
import { topTable } from '../../src/profile';
import type { Profile } from '../../src/profile';
import { inBatches, pprofTop, realProfiles, topAsPprof } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

/** Compares every sample type of a profile, by function and by line, with go tool pprof. */
async function matchesPprof(name: ProfileName, only?: string[]): Promise<void> {
  const file = files[name];
  const profile: Profile = readProfileFile(file);
  const cases = profile.sampleTypes
    .filter((t) => !only || only.includes(t.type))
    .flatMap((t) => [false, true].map((lines) => ({ type: t.type, unit: t.unit, lines })));
  assert.ok(cases.length > 0);
  await inBatches(cases, 2, async (c) => {
    const expected = await pprofTop(file, c.type, c.unit, { lines: c.lines });
    const table = topTable(profile, { sampleType: c.type, lines: c.lines });
    assert.ok(expected.rows.length > 0, `${name} ${c.type}: pprof shows no rows`);
    assert.deepEqual(topAsPprof(table), expected, `${name} ${c.type}${c.lines ? ' -lines' : ''}`);
    assert.deepEqual(readTopTable(file, { sampleType: c.type, lines: c.lines }), table, `${name} ${c.type}: the CLI's read-time aggregation`);
  });
}

test('cpu with inlining, recursion and labels: top equals pprof', async () => {
  await matchesPprof('cpu');
  const profile = readProfileFile(files.cpu);
  const fib = topTable(profile).rows.find((r) => r.name === 'main.fib');
  assert.ok(fib && fib.cum <= topTable(profile).total, 'recursive fib counted once per sample');
  assert.ok(profile.frames.inlined.includes(1), 'inlined frames are kept as frames');
  assert.ok(profile.labelSets.some((s) => s.some((l) => l.key === 'route')), 'pprof.Do labels decoded');
});

test('heap: all four sample types equal pprof', () => matchesPprof('heap'));
test('allocs: equals pprof', () => matchesPprof('allocs', ['alloc_space', 'alloc_objects']));
test('block: equals pprof', () => matchesPprof('block'));
test('mutex with inlined frames: equals pprof', () => matchesPprof('mutex'));
test('goroutine with labels: equals pprof', () => matchesPprof('goroutine'));
test('go test -cpuprofile: equals pprof', () => matchesPprof('test-cpu'));
test('go test -memprofile: equals pprof', () => matchesPprof('test-mem', ['alloc_space', 'alloc_objects']));
test('go test -blockprofile: equals pprof', () => matchesPprof('test-block', ['delay']));
test('go test -mutexprofile: equals pprof', () => matchesPprof('test-mutex', ['delay']));

test('n limits the rows, keeping the heaviest', () => {
  const profile = readProfileFile(files.cpu);
  const all = topTable(profile);
  const two = topTable(profile, { n: 2 });
  assert.deepEqual(two.rows, all.rows.slice(0, 2));
  assert.equal(two.total, all.total);
});
