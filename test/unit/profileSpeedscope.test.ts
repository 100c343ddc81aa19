import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../../src/io/profileFile';
import { toSpeedscope, topTable } from '../../src/profile';
import { realProfiles, repoRoot } from './profileFixtures';
import { validate } from './jsonSchemaSubset';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;
let dir: string;

before(async () => {
  files = await realProfiles();
  dir = mkdtempSync(join(tmpdir(), 'speedscope-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  assert.equal(existsSync(dir), false);
});

test('a sampled speedscope profile: stacks root first, weights sum to the total, frames keep file and line', () => {
  const profile = readProfileFile(files.cpu);
  const out = toSpeedscope(profile, 'cpu', 'cpu.pb.gz');
  assert.equal(out.$schema, 'https://www.speedscope.app/file-format-schema.json');
  const [p] = out.profiles;
  assert.equal(p.type, 'sampled');
  assert.equal(p.unit, 'nanoseconds');
  assert.equal(p.samples.length, p.weights.length);
  const top = topTable(profile, { sampleType: 'cpu' });
  assert.equal(p.endValue, top.total);
  assert.equal(p.weights.reduce((a, b) => a + b, 0), top.total);
  for (const f of out.shared.frames) {
    assert.ok(f.name.length > 0);
    assert.ok(f.file && f.file.endsWith('.go') || f.file?.endsWith('.s'), `${f.name} has a file`);
    assert.ok(f.line !== undefined && f.line > 0, `${f.name} has a line`);
  }
  // Leaf frames carry the flat weight per function, as the top table says.
  const flat = new Map<string, number>();
  p.samples.forEach((stack, i) => {
    const leaf = out.shared.frames[stack[stack.length - 1]].name;
    flat.set(leaf, (flat.get(leaf) ?? 0) + p.weights[i]);
  });
  for (const row of top.rows) assert.equal(flat.get(row.name) ?? 0, row.flat, row.name);
  assert.ok(out.shared.frames.some((f) => f.name === 'main.mix'), 'inlined frames are kept');
  // Stacks read root first: the reverse of the model's leaf-first stacks, sample by sample.
  const T = profile.sampleTypes.length;
  const t = profile.sampleTypes.findIndex((x) => x.type === 'cpu');
  const expected: string[][] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    if (profile.samples.values[i * T + t] <= 0) continue;
    const names: string[] = [];
    for (let j = profile.samples.stackStart[i + 1] - 1; j >= profile.samples.stackStart[i]; j--) {
      names.push(profile.strings[profile.functions.name[profile.frames.func[profile.samples.stackFrames[j]]]]);
    }
    expected.push(names);
  }
  assert.deepEqual(p.samples.map((stack) => stack.map((f) => out.shared.frames[f].name)), expected);
});

test('the export conforms to the schema speedscope ships (file-format-schema.json)', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'speedscope', 'dist', 'release', 'file-format-schema.json'), 'utf8'));
  for (const name of ['cpu', 'heap', 'mutex', 'goroutine'] as const) {
    const file = JSON.parse(JSON.stringify(toSpeedscope(readProfileFile(files[name]))));
    assert.equal(validate(schema, '#/definitions/FileFormat.File', file), undefined, name);
  }
  assert.notEqual(validate(schema, '#/definitions/FileFormat.File', { $schema: 'x', profiles: [], shared: { frames: [] } }), undefined, 'the validator can fail');
});

test('bytes and counts map to speedscope units', () => {
  const heap = toSpeedscope(readProfileFile(files.heap), 'inuse_space');
  assert.equal(heap.profiles[0].unit, 'bytes');
  const goroutines = toSpeedscope(readProfileFile(files.goroutine));
  assert.equal(goroutines.profiles[0].unit, 'none');
});

test('the CLI writes the speedscope file', () => {
  const out = join(dir, 'cpu.speedscope.json');
  const r = spawnSync(process.execPath, [join(repoRoot, 'out', 'cli.js'), 'speedscope', files.cpu, '-o', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(json, JSON.parse(JSON.stringify(toSpeedscope(readProfileFile(files.cpu), undefined, 'cpu.pb.gz'))));
});
