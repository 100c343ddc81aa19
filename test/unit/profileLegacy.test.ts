import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../../src/shared/profileFile';
import { topTable } from '../../src/profile';
import { inBatches, pprofTop, realProfiles, topAsPprof } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

// Go's debug=1 text profiles, written by the runtime from test/fixtures/profgen, read with
// pprof's numbers (its heap sampling scale-up, contention cycles to nanoseconds).

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

async function matchesPprof(name: ProfileName, types: string[]): Promise<void> {
  const profile = readProfileFile(files[name]);
  assert.deepEqual(profile.sampleTypes.map((t) => t.type), types);
  const cases = profile.sampleTypes.flatMap((t) => [false, true].map((lines) => ({ ...t, lines })));
  await inBatches(cases, 2, async (c) => {
    const expected = await pprofTop(files[name], c.type, c.unit, { lines: c.lines });
    assert.ok(expected.rows.length > 0, `${name} ${c.type}: pprof shows no rows`);
    assert.deepEqual(topAsPprof(topTable(profile, { sampleType: c.type, lines: c.lines })), expected, `${name} ${c.type}${c.lines ? ' -lines' : ''}`);
  });
}

const heapTypes = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];
test('heap debug=1: equals pprof, sampling scaled as pprof scales it', () => matchesPprof('heap-text', heapTypes));
test('allocs debug=1: equals pprof', () => matchesPprof('allocs-text', heapTypes));
test('block debug=1: equals pprof, cycles turned into nanoseconds', () => matchesPprof('block-text', ['contentions', 'delay']));
test('mutex debug=1: equals pprof', () => matchesPprof('mutex-text', ['contentions', 'delay']));
test('goroutine debug=1: equals pprof', () => matchesPprof('goroutine-text', ['goroutine']));
test('threadcreate debug=1: equals pprof', () => matchesPprof('threadcreate-text', ['threadcreate']));

test('a goroutine dump (debug=2) and a malformed legacy profile each get one line naming what they are', () => {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-'));
  try {
    const dump = join(dir, 'goroutines.txt');
    writeFileSync(dump, 'goroutine 1 [running]:\nmain.main()\n\t/x/main.go:5 +0x1d\n');
    assert.throws(() => readProfileFile(dump), /goroutine dump \(debug=2\)/);
    const heap = join(dir, 'heap.txt');
    writeFileSync(heap, 'heap profile: 3: 1024 [5: 2048] @ heap/1048576\nnot a sample\n');
    assert.throws(() => readProfileFile(heap), (e: Error) => /malformed legacy profile: not a heap sample/.test(e.message) && !e.message.includes('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
