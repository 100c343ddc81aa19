import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile } from '../../src/shared/profileFile';
import { ProfileError, buildCallTree, diffProfiles, filterProfile, labelSummary, tagRoot, topTable } from '../../src/profile';
import type { FilterOptions, Profile } from '../../src/profile';
import { inBatches, pprofTop, realProfiles, topAsPprof } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

/** Our top of `profile` against pprof's top of `file` with `args`, for every sample type, by function and by line. */
async function samePprof(profile: Profile, file: string, args: string[], what: string): Promise<void> {
  const cases = profile.sampleTypes.flatMap((t) => [false, true].map((lines) => ({ type: t.type, unit: t.unit, lines })));
  await inBatches(cases, 2, async (c) => {
    const expected = await pprofTop(file, c.type, c.unit, { lines: c.lines, extra: args });
    assert.deepEqual(topAsPprof(topTable(profile, { sampleType: c.type, lines: c.lines })), expected, `${what} ${c.type}${c.lines ? ' -lines' : ''}`);
  });
}

const filterCases: [ProfileName, FilterOptions][] = [
  ['cpu', { focus: 'main\\.fib' }],
  ['cpu', { ignore: 'main\\.fib' }],
  ['cpu', { focus: 'main\\.spin', ignore: 'fib' }],
  ['cpu', { focus: '(?i)MAIN\\.MIX' }],
  ['cpu', { hide: 'runtime' }],
  ['cpu', { show: 'main\\.' }],
  ['cpu', { tagfocus: 'route=/api' }],
  ['cpu', { tagignore: 'route=/home' }],
  ['cpu', { tagfocus: '/api' }],
  ['cpu', { tagfocus: 'route=/api,/home', hide: 'pprof' }],
  ['mutex', { hide: 'sync' }],
  ['mutex', { focus: 'mutex\\.go' }],
  ['heap', { tagfocus: 'bytes=256kb:' }],
  ['heap', { tagignore: 'bytes=:1kb' }],
  ['heap', { tagfocus: '64:1024' }],
  ['goroutine', { tagfocus: 'worker=[1]' }],
  ['goroutine', { tagignore: 'worker:0' }],
];

for (const [name, options] of filterCases) {
  const args = Object.entries(options).map(([k, v]) => `-${k}=${v}`);
  test(`${name} ${args.join(' ')}: equals pprof`, async () => {
    const profile = filterProfile(readProfileFile(files[name]), options);
    await samePprof(profile, files[name], args, `${name} ${args.join(' ')}`);
  });
}

for (const [name, keys] of [['cpu', 'route'], ['goroutine', 'worker'], ['heap', 'bytes']] as [ProfileName, string][]) {
  test(`${name} -tagroot=${keys}: equals pprof`, async () => {
    const profile = tagRoot(readProfileFile(files[name]), keys.split(','));
    await samePprof(profile, files[name], [`-tagroot=${keys}`], `${name} tagroot`);
  });
}

test('tagroot then tagfocus, as pprof orders them', async () => {
  const profile = filterProfile(tagRoot(readProfileFile(files.cpu), ['route']), { tagfocus: 'route=/home' });
  await samePprof(profile, files.cpu, ['-tagroot=route', '-tagfocus=route=/home'], 'tagroot+tagfocus');
});

test('the label summary lists keys, values and sample counts', () => {
  const summary = labelSummary(readProfileFile(files.goroutine));
  const worker = summary.find((s) => s.key === 'worker');
  assert.deepEqual(worker?.values.map((v) => v.value), ['0', '1']);
  assert.ok(worker.values.every((v) => v.samples > 0));
  const heap = labelSummary(readProfileFile(files.heap)).find((s) => s.key === 'bytes');
  assert.ok(heap && heap.values.some((v) => v.value === '262144'));
});

test('filters keep labels and leave the original profile alone', () => {
  const original = readProfileFile(files.cpu);
  const before = original.samples.length;
  const api = filterProfile(original, { tagfocus: 'route=/api' });
  assert.ok(api.samples.length > 0 && api.samples.length < before);
  for (const set of api.samples.labelSet) assert.ok(api.labelSets[set].some((l) => l.key === 'route' && l.str === '/api'));
  assert.equal(original.samples.length, before);
  buildCallTree(api);
});

test('a bad regexp is refused with one clear line', () => {
  const p = readProfileFile(files.cpu);
  assert.throws(() => filterProfile(p, { focus: 'main.(' }), (e: unknown) => e instanceof ProfileError && /^invalid focus regexp "main\.\(":/.test(e.message));
});

const diffCases: [ProfileName, ProfileName][] = [['heap', 'heap2'], ['cpu', 'test-cpu'], ['block', 'mutex']];
for (const [base, target] of diffCases) {
  test(`${target} -diff_base=${base}: equals pprof`, async () => {
    const profile = diffProfiles(readProfileFile(files[base]), readProfileFile(files[target]));
    await samePprof(profile, files[target], [`-diff_base=${files[base]}`], `${target} - ${base}`);
  });
}

test('heap2 -diff_base=heap -normalize: equals pprof', async () => {
  const profile = diffProfiles(readProfileFile(files.heap), readProfileFile(files.heap2), { normalize: true });
  await samePprof(profile, files.heap2, [`-diff_base=${files.heap}`, '-normalize'], 'normalized diff');
});

test('a diff filtered by focus equals pprof with both options', async () => {
  const profile = filterProfile(diffProfiles(readProfileFile(files.heap), readProfileFile(files.heap2)), { focus: 'main\\.' });
  await samePprof(profile, files.heap2, [`-diff_base=${files.heap}`, '-focus=main\\.'], 'focused diff');
});

test('a diff against itself has no rows, percentages of the base total, a tree that nets out', () => {
  const heap = readProfileFile(files.heap);
  const self = diffProfiles(heap, heap);
  const top = topTable(self);
  assert.deepEqual(top.rows, []);
  assert.equal(top.total, topTable(heap).total);
  const tree = buildCallTree(self);
  for (const v of tree.total) assert.equal(v, 0);
});

test('profiles of different kinds are not compared', () => {
  assert.throws(() => diffProfiles(readProfileFile(files.heap), readProfileFile(files.cpu)), (e: unknown) => e instanceof ProfileError && /different kinds/.test(e.message));
});
