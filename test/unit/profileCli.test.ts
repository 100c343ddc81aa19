import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printableName } from '../../src/profile';
import { perftools } from '../../src/profile/proto/profile';
import { pprofTop, realProfiles, repoRoot } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;
const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'out', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20_000 });

before(async () => {
  files = await realProfiles();
});

test('top --json prints raw values in the sample type\'s unit, rows by flat descending, equal to pprof', async () => {
  const r = cli('top', files.heap, '--json', '--sample', 'alloc_space', '--lines');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['sampleType', 'unit', 'total', 'rows']);
  assert.equal(out.sampleType, 'alloc_space');
  assert.equal(out.unit, 'bytes');
  for (const row of out.rows) assert.deepEqual(Object.keys(row), ['name', 'file', 'line', 'flat', 'cum']);
  for (let i = 1; i < out.rows.length; i++) assert.ok(out.rows[i - 1].flat >= out.rows[i].flat);
  const expected = await pprofTop(files.heap, 'alloc_space', 'bytes', { lines: true });
  assert.equal(out.total, expected.total);
  assert.deepEqual(out.rows.map((x: { name: string; file: string; line: number; flat: number; cum: number }) => ({ key: `${x.name} ${x.file}:${x.line}`, flat: x.flat, cum: x.cum })), expected.rows);
});

test('top with pprof\'s options (diff base, tagroot, focus, tagignore) equals pprof with the same options', async () => {
  const r = cli('top', files.heap2, '--json', '--sample', 'alloc_space', '--diff-base', files.heap, '--tagroot', 'bytes', '--focus', 'main\\.', '--tagignore', 'bytes=:1kb');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const expected = await pprofTop(files.heap2, 'alloc_space', 'bytes', { extra: [`-diff_base=${files.heap}`, '-tagroot=bytes', '-focus=main\\.', '-tagignore=bytes=:1kb'] });
  assert.ok(expected.rows.length > 0);
  assert.equal(out.total, expected.total);
  assert.deepEqual(out.rows.map((x: { name: string; file: string; flat: number; cum: number }) => ({ key: printableName(x.name, x.file), flat: x.flat, cum: x.cum })), expected.rows);
});

test('top without --sample uses the default type; --n keeps the first rows; rows by function carry no line', () => {
  const out = JSON.parse(cli('top', files.cpu, '--json', '--n', '3').stdout);
  assert.equal(out.sampleType, 'cpu');
  assert.equal(out.rows.length, 3);
  for (const row of out.rows) assert.deepEqual(Object.keys(row), ['name', 'file', 'flat', 'cum']);
});

test('top without --json prints a readable table', () => {
  const r = cli('top', files.cpu, '--n', '5');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^Type: cpu \(nanoseconds\)\s+Total: [\d.]+m?s$/);
  assert.match(lines[1], /flat\s+flat%\s+sum%\s+cum\s+cum%\s+name/);
  assert.equal(lines.length, 7);
  assert.match(lines[2], /^\s*[\d.]+(ns|us|ms|s)\s+[\d.]+%\s+[\d.]+%\s+[\d.]+(ns|us|ms|s)\s+[\d.]+%\s+\S+/);
});

test('a reader that closes the pipe early ends the output quietly', async () => {
  // 20,000 functions make output far beyond a pipe's buffer, so the CLI is still writing.
  const n = 20_000;
  const strings = ['', 'samples', 'count', 'main.go', ...Array.from({ length: n }, (_, i) => `main.function${i}`)];
  const bytes = perftools.profiles.Profile.encode({
    sampleType: [{ type: 1, unit: 2 }],
    sample: Array.from({ length: n }, (_, i) => ({ locationId: [i + 1], value: [i + 1] })),
    location: Array.from({ length: n }, (_, i) => ({ id: i + 1, line: [{ functionId: i + 1, line: 10 }] })),
    function: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: 4 + i, filename: 3 })),
    stringTable: strings,
  }).finish();
  const dir = mkdtempSync(join(tmpdir(), 'cli-pipe-'));
  try {
    const file = join(dir, 'wide.pb');
    writeFileSync(file, bytes);
    const child = spawn(process.execPath, [join(repoRoot, 'out', 'cli.js'), 'top', file, '--lines'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors and unknown sample types: one line, non-zero exit', () => {
  for (const args of [[], ['frobnicate'], ['top'], ['top', files.cpu, '--n', 'many'], ['speedscope', files.cpu], ['top', files.cpu, '--sample', 'inuse_space']]) {
    const r = cli(...args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, /^error: [^\n]+\n/, args.join(' '));
    assert.doesNotMatch(r.stderr, /\bat .*:\d+:\d+/);
  }
});
