import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../../src/shared/profileFile';
import { speedscopeChunks, SPEEDSCOPE_CHUNK, toSpeedscope, topTable } from '../../src/profile';
import type { Profile } from '../../src/profile';
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

/**
 * The export built the plain way, as objects, for JSON.stringify: what the streamed text
 * must equal character for character.
 */
function plainExport(profile: Profile, t: number, name: string): unknown {
  const T = profile.sampleTypes.length;
  const { strings, functions, frames, samples: s } = profile;
  const shared: { name: string; file?: string; line?: number }[] = [];
  const index = new Map<number, number>();
  const samples: number[][] = [];
  const weights: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const v = s.values[i * T + t];
    if (!(v > 0) || s.stackStart[i] === s.stackStart[i + 1]) continue;
    const stack: number[] = [];
    for (let j = s.stackStart[i + 1] - 1; j >= s.stackStart[i]; j--) {
      const f = s.stackFrames[j];
      if (!index.has(f)) {
        index.set(f, shared.length);
        const fn = frames.func[f];
        const file = strings[functions.file[fn]];
        shared.push({ name: strings[functions.name[fn]], ...(file ? { file } : {}), ...(frames.line[f] > 0 ? { line: frames.line[f] } : {}) });
      }
      stack.push(index.get(f)!);
    }
    samples.push(stack);
    weights.push(v);
  }
  const { type, unit } = profile.sampleTypes[t];
  const units = ['nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes'];
  const endValue = weights.reduce((a, b) => a + b, 0);
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames: shared },
    profiles: [{ type: 'sampled', name: type, unit: units.includes(unit) ? unit : 'none', startValue: 0, endValue, samples, weights }],
    name,
    activeProfileIndex: 0,
    exporter: 'go-debug-profile',
  };
}

/** Names no export may garble: quotes, escapes, a control character, a pair split across chunks. */
function hostileNames(profile: Profile): Profile {
  return { ...profile, strings: profile.strings.map((s, i) => (s && i % 3 === 0 ? `${s}"\\\n\u0001😀` : s)) };
}

test('the streamed text is the JSON of the export, character for character, for every real profile and sample type', () => {
  for (const name of Object.keys(files) as ProfileName[]) {
    const profile = readProfileFile(files[name]);
    for (let t = 0; t < profile.sampleTypes.length; t++) {
      const text = [...speedscopeChunks(profile, t, `${name}.pb.gz`)].join('');
      assert.equal(text, JSON.stringify(plainExport(profile, t, `${name}.pb.gz`)), `${name} ${profile.sampleTypes[t].type}`);
      assert.deepEqual(toSpeedscope(profile, t, `${name}.pb.gz`), JSON.parse(text));
    }
  }
  const hostile = hostileNames(readProfileFile(files.cpu));
  assert.ok(hostile.strings.some((s) => s.includes('😀')));
  assert.equal([...speedscopeChunks(hostile, 0, 'a "name"')].join(''), JSON.stringify(plainExport(hostile, 0, 'a "name"')));
});

test('chunks are bounded and never split a surrogate pair, whatever their size', () => {
  const profile = hostileNames(readProfileFile(files.cpu));
  const whole = [...speedscopeChunks(profile)];
  for (const size of [2, 3, 7, 64, 1000, SPEEDSCOPE_CHUNK]) {
    const chunks = [...speedscopeChunks(profile, undefined, 'profile', size)];
    assert.equal(chunks.join(''), whole.join(''), `size ${size}`);
    assert.ok(chunks.every((c) => c.length > 0 && c.length <= size), `size ${size}: a chunk out of bounds`);
    // A chunk is written as UTF-8 on its own: half a pair would be written as U+FFFD.
    assert.equal(Buffer.concat(chunks.map((c) => Buffer.from(c, 'utf8'))).toString('utf8'), whole.join(''), `size ${size}`);
    if (size < 1000) assert.ok(chunks.length > whole.join('').length / size / 2, `size ${size}: chunks are not filled`);
  }
  assert.throws(() => speedscopeChunks(profile, undefined, 'profile', 1).next(), RangeError);
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
  assert.deepEqual(json, toSpeedscope(readProfileFile(files.cpu), undefined, 'cpu.pb.gz'));
  assert.equal(readFileSync(out, 'utf8'), [...speedscopeChunks(readProfileFile(files.cpu), undefined, 'cpu.pb.gz')].join(''));
});

test('the CLI leaves no file behind when the export cannot be made or written', () => {
  const cli = join(repoRoot, 'out', 'cli.js');
  const out = join(dir, 'refused.speedscope.json');
  const bad = spawnSync(process.execPath, [cli, 'speedscope', files.cpu, '-o', out, '--sample', 'no_such_type'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^error: .*no_such_type/);
  assert.equal(existsSync(out), false);
  const nowhere = join(dir, 'missing', 'cpu.speedscope.json');
  const unwritable = spawnSync(process.execPath, [cli, 'speedscope', files.cpu, '-o', nowhere], { encoding: 'utf8' });
  assert.equal(unwritable.status, 1);
  assert.equal(unwritable.stderr, `error: ${nowhere}: cannot write (ENOENT)\n`);
  assert.equal(existsSync(nowhere), false);
});
