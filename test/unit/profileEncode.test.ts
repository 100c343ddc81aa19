// The engine's one pprof encoder, with go tool pprof as the oracle: a real Go profile decoded
// and encoded again reads the same in pprof (inlining, recursion, labels included); profiles
// built from named stacks (goroutines) and the allocation growth between two snapshots read
// as intended, and the growth equals pprof's own -diff_base when nothing shrank.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProfileBytes, encodeProfileFile } from '../../src/capture/profileBytes';
import { growth, ProfileBuilder, topTable, withSampleTypes } from '../../src/profile';
import type { NamedFrame, Profile } from '../../src/profile';
import { readProfileFile } from '../../src/shared/profileFile';
import { inBatches, pprofTop, realProfiles } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;
let dir: string;

before(async () => {
  files = await realProfiles();
  dir = mkdtempSync(join(tmpdir(), 'gdp-encode-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, profile: Profile): string {
  const path = join(dir, name);
  writeFileSync(path, encodeProfileFile(profile));
  return path;
}

for (const name of ['cpu', 'heap', 'mutex', 'goroutine'] as const) {
  test(`${name}: decoded and encoded again, pprof reads every sample type as it read the original`, async () => {
    const original = files[name];
    const profile = readProfileFile(original);
    const copy = written(`${name}.pb.gz`, profile);
    const cases = profile.sampleTypes.flatMap((t) => [false, true].map((lines) => ({ ...t, lines })));
    await inBatches(cases, 2, async (c) => {
      const expected = await pprofTop(original, c.type, c.unit, { lines: c.lines });
      assert.ok(expected.rows.length > 0);
      assert.deepEqual(await pprofTop(copy, c.type, c.unit, { lines: c.lines }), expected, `${name} ${c.type}${c.lines ? ' -lines' : ''}`);
    });
    const again = decodeProfileBytes(encodeProfileFile(profile));
    assert.deepEqual(again.labelSets, profile.labelSets);
    assert.deepEqual(again.comments, profile.comments);
    assert.equal(again.sampleTypes[again.defaultSampleType].type, profile.sampleTypes[profile.defaultSampleType].type);
    if (name === 'cpu') assert.ok(again.frames.inlined.includes(1), 'inlined frames stay inlined');
  });
}

const frame = (func: string, line: number): NamedFrame => ({ func, file: '/src/app/main.go', line });
const allocs = (samples: [NamedFrame[], number, number][]): Profile => {
  const b = new ProfileBuilder([{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }], { type: 'space', unit: 'bytes' }, 524288);
  for (const [stack, objects, bytes] of samples) b.addSample(stack, [objects, bytes]);
  return b.build();
};

test('a profile built from named stacks reads in pprof with its labels and counts', async () => {
  const count = { type: 'goroutine', unit: 'count' };
  const b = new ProfileBuilder([count], count, 1);
  b.addSample([frame('main.wait', 10), frame('main.main', 3)], [4], { role: 'worker' });
  b.addSample([frame('main.serve', 20), frame('main.main', 4)], [1]);
  const path = written('goroutines.pb.gz', b.build());
  const top = await pprofTop(path, 'goroutine', 'count');
  assert.deepEqual(top.rows.map((r) => [r.key, r.flat, r.cum]).sort(), [['main.main', 0, 5], ['main.serve', 1, 1], ['main.wait', 4, 4]]);
  const tagged = await pprofTop(path, 'goroutine', 'count', { extra: ['-tagfocus=role=worker'] });
  assert.deepEqual(tagged.rows.map((r) => r.key).sort(), ['main.main', 'main.wait']);
});

test('growth keeps what grew between two snapshots, equal to pprof -diff_base', async () => {
  const a = [frame('main.alloc', 5), frame('main.main', 2)];
  const b = [frame('main.other', 9), frame('main.main', 3)];
  const c = [frame('main.fresh', 12), frame('main.main', 4)];
  const earlier = allocs([[a, 10, 1000], [b, 5, 500]]);
  const later = allocs([[a, 15, 1500], [b, 5, 500], [c, 3, 96]]);
  const grown = growth(earlier, later);
  assert.equal(grown.samples.length, 2, 'the stack that did not grow is left out');
  assert.equal(grown.baseSampleStart, undefined);
  const path = written('growth.pb.gz', grown);
  const expected = await pprofTop(written('later.pb.gz', later), 'alloc_space', 'bytes', { extra: [`-diff_base=${written('earlier.pb.gz', earlier)}`] });
  const actual = await pprofTop(path, 'alloc_space', 'bytes');
  const nonZero = (rows: typeof actual.rows) => rows.filter((r) => r.flat !== 0 || r.cum !== 0).map((r) => [r.key, r.flat, r.cum]).sort();
  assert.deepEqual(nonZero(actual.rows), nonZero(expected.rows));
  assert.deepEqual(topTable(grown, { sampleType: 'alloc_objects' }).rows.map((r) => [r.name, r.flat]).filter(([, f]) => f).sort(), [['main.alloc', 5], ['main.fresh', 3]]);
});

test('a sample type selection keeps the chosen values in order and the default if kept', () => {
  const heap = readProfileFile(files.heap);
  const space = heap.sampleTypes.findIndex((t) => t.type === 'alloc_space');
  const objects = heap.sampleTypes.findIndex((t) => t.type === 'alloc_objects');
  const chosen = withSampleTypes(heap, [objects, space]);
  assert.deepEqual(chosen.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space']);
  assert.equal(chosen.defaultSampleType, 1, 'inuse_space is not kept: the last is the default');
  assert.deepEqual(topTable(chosen, { sampleType: 'alloc_space' }), topTable(heap, { sampleType: 'alloc_space' }));
});
