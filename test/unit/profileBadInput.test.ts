import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, ProfileError, topTable } from '../../src/profile';
import { perftools } from '../../src/profile/proto/profile';
import { gunzipGuarded } from '../../src/capture/profileBytes';
import { realProfiles, repoRoot } from './profileFixtures';

const pb = perftools.profiles;
const cli = join(repoRoot, 'out', 'cli.js');
let dir: string;
let cpu: Uint8Array;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'profile-bad-'));
  cpu = readFileSync((await realProfiles()).cpu);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  assert.equal(existsSync(dir), false);
});

/** A small valid profile; tests break one thing in it at a time. */
function profile(change: (p: perftools.profiles.IProfile) => void = () => {}): Uint8Array {
  const p: perftools.profiles.IProfile = {
    sampleType: [{ type: 1, unit: 2 }],
    sample: [{ locationId: [1, 2], value: [5] }, { locationId: [2], value: [3] }],
    location: [{ id: 1, line: [{ functionId: 1, line: 10 }] }, { id: 2, line: [{ functionId: 2, line: 20 }] }],
    function: [{ id: 1, name: 3, filename: 5 }, { id: 2, name: 4, filename: 5 }],
    stringTable: ['', 'samples', 'count', 'main.leaf', 'main.main', 'main.go'],
  };
  change(p);
  return pb.Profile.encode(p).finish();
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs the CLI on a file: it must fail fast with one clear line and no stack trace. */
function refuses(path: string, pattern: RegExp): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, 'top', path, '--json'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, `cli was killed (hung?) on ${path}`);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.doesNotMatch(r.stderr, /\bat .*:\d+:\d+/);
  assert.match(lines[0], pattern);
  assert.ok(Date.now() - started < 10_000, 'refused within seconds');
}

test('the valid hand-made profile decodes (so the broken variants below test one thing each)', () => {
  const top = topTable(decodeProfile(profile(), gunzipSync));
  assert.deepEqual(top.rows.map((r) => [r.name, r.flat, r.cum]), [['main.leaf', 5, 5], ['main.main', 3, 8]]);
});

test('empty file', () => refuses(file('empty', new Uint8Array()), /empty/));
test('random bytes', () => {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
  refuses(file('random', bytes), /protobuf|profile/);
});
test('truncated gzip', () => refuses(file('trunc.gz', gzipSync(cpu).subarray(0, 300)), /gzip|truncated|protobuf/));
test('gzip of garbage', () => refuses(file('garbage.gz', gzipSync(Buffer.from('this is not a protobuf at all, just text\n'.repeat(50)))), /protobuf|profile/));
test('truncated protobuf, cut inside a field or between two', () => {
  const raw = gunzipSync(cpu);
  refuses(file('trunc.pb', raw.subarray(0, raw.length >> 1)), /truncated|protobuf|missing/);
  // Cut between two top-level fields: every field read is whole, and the string table (written last) is missing.
  refuses(file('trunc-boundary.pb', raw.subarray(0, fieldEnds(raw)[1])), /truncated/);
});

/** Where each top-level field of a protobuf message ends (every field here is varint or length-delimited). */
function fieldEnds(raw: Uint8Array): number[] {
  const ends: number[] = [];
  let at = 0;
  const varint = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = raw[at++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (at < raw.length) {
    const wire = varint() & 7;
    const n = varint();
    if (wire === 2) at += n;
    ends.push(at);
  }
  return ends;
}
test('a length that claims terabytes', () => {
  // field 2 (sample), wire type 2, length 2^40, then three bytes.
  refuses(file('tera.pb', Uint8Array.from([0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 1, 2, 3])), /claims 1099511627776 bytes/);
});
test('string index out of range', () => refuses(file('str.pb', profile((p) => (p.function![0].name = 99))), /string 99/));
test('sample type string out of range', () => refuses(file('type.pb', profile((p) => (p.sampleType![0].unit = 1e6))), /string 1000000/));
test('location index out of range', () => refuses(file('loc.pb', profile((p) => (p.sample![0].locationId = [7]))), /missing location 7/));
test('function index out of range', () => refuses(file('fn.pb', profile((p) => (p.location![1].line![0].functionId = 42))), /missing function 42/));
test('values that do not match the sample types', () => refuses(file('vals.pb', profile((p) => (p.sample![1].value = [1, 2]))), /exactly 1 values/));
test('string_table[0] not empty', () => refuses(file('s0.pb', profile((p) => (p.stringTable![0] = 'x'))), /string_table\[0\]/));
test('a legacy binary CPU profile cut inside a record says so', () => {
  const words = [0, 3, 0, 10000, 0, 5, 3, 0x1000];
  refuses(file('cut.cpu', Buffer.from(Uint32Array.from(words).buffer)), /legacy CPU profile: a stack runs past the end/);
});
test('a directory', () => {
  const sub = join(dir, 'a-directory');
  mkdirSync(sub);
  refuses(sub, /is a directory/);
});
test('a missing file', () => refuses(join(dir, 'no-such.pb.gz'), /no such file/));

test('a gzip bomb is cut off at the decompression limit, not inflated whole', () => {
  const bomb = gzipSync(Buffer.alloc(8 << 20));
  assert.throws(() => decodeProfile(bomb, (b) => gunzipGuarded(b, 1 << 20)), (e: unknown) => e instanceof ProfileError && /too large: more than 1 MB/.test(e.message));
});

test('more sample values than the data can hold are refused before allocating', () => {
  const bytes = profile((p) => (p.sampleType = Array.from({ length: 2000 }, () => ({ type: 1, unit: 2 }))));
  assert.throws(() => decodeProfile(bytes, gunzipSync), ProfileError);
});

test('the CLI leaves no files behind on failure', () => {
  const before = readdirSync(dir).sort();
  const out = join(dir, 'never.json');
  const r = spawnSync(process.execPath, [cli, 'speedscope', join(dir, 'empty'), '-o', out], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(dir).sort(), before);
});
