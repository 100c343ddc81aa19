import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readProfileFile } from '../../src/shared/profileFile';
import { topTable } from '../../src/profile';
import { perftools } from '../../src/profile/proto/profile';
import { pprofBinary, pprofTop, repoRoot, topAsPprof } from './profileFixtures';

// What pprof prints for what a foreign profile leaves unnamed or writes oddly: unsymbolized
// addresses, empty function names, unclean paths, names that are not UTF-8. One profile holds
// all four; go tool pprof is the oracle, by function and by line.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'naming-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A placeholder the same length as the invalid bytes that replace it after encoding. */
const PLACEHOLDER = 'BAD\u0001\u0002NAME';
const INVALID = Buffer.from([0x42, 0x41, 0x44, 0xff, 0xfe, 0x4e, 0x41, 0x4d, 0x45]);

function namingProfile(): string {
  const strings = ['', 'samples', 'count', '/usr/bin/app', '/lib/libc.so.6', 'main.work', '/src//app/./main.go', '', '/src/a/../b/util.py', PLACEHOLDER, 'x.go'];
  const p: perftools.profiles.IProfile = {
    sampleType: [{ type: 1, unit: 2 }],
    mapping: [
      { id: 1, memoryStart: 0x1000, memoryLimit: 0x9000, filename: 3, hasFunctions: true },
      { id: 2, memoryStart: 0x10000, memoryLimit: 0x90000, filename: 4 },
      { id: 3, memoryStart: 0x100000, memoryLimit: 0x900000, filename: 0 },
    ],
    function: [
      { id: 1, name: 5, systemName: 5, filename: 6 },
      { id: 2, name: 7, systemName: 7, filename: 8 },
      { id: 3, name: 9, systemName: 9, filename: 10 },
    ],
    location: [
      { id: 1, mappingId: 1, address: 0x1100, line: [{ functionId: 1, line: 10 }] },
      // Three unsymbolized addresses in libc: one row [libc.so.6].
      { id: 2, mappingId: 2, address: 0x10100 },
      { id: 3, mappingId: 2, address: 0x10200 },
      { id: 4, mappingId: 2, address: 0x10300 },
      // An address in a mapping without a file: <unknown>.
      { id: 5, mappingId: 3, address: 0x100100 },
      // A function with an empty name, in the binary and in the file-less mapping.
      { id: 6, mappingId: 1, address: 0x1200, line: [{ functionId: 2, line: 7 }] },
      { id: 7, mappingId: 3, address: 0x100200, line: [{ functionId: 2, line: 0 }] },
      { id: 8, mappingId: 1, address: 0x1300, line: [{ functionId: 3, line: 3 }] },
    ],
    sample: [
      { locationId: [2, 1], value: [5] },
      { locationId: [3, 1], value: [3] },
      { locationId: [4, 2, 1], value: [2] },
      { locationId: [5, 1], value: [7] },
      { locationId: [6, 1], value: [11] },
      { locationId: [7, 6, 1], value: [13] },
      { locationId: [8, 1], value: [17] },
    ],
    stringTable: strings,
  };
  const bytes = Buffer.from(perftools.profiles.Profile.encode(p).finish());
  const at = bytes.indexOf(Buffer.from(PLACEHOLDER));
  INVALID.copy(bytes, at);
  const file = join(dir, 'naming.pb');
  writeFileSync(file, bytes);
  return file;
}

const file = namingProfile();

test('unsymbolized, unnamed, unclean and non-UTF-8 names: top equals pprof, by function and by line', async () => {
  const profile = readProfileFile(file);
  for (const lines of [false, true]) {
    const expected = await pprofTop(file, 'samples', 'count', { lines });
    assert.deepEqual(topAsPprof(topTable(profile, { lines })).rows.filter((r) => !r.key.startsWith('BAD')), expected.rows.filter((r) => !r.key.startsWith('BAD')));
    assert.equal(topAsPprof(topTable(profile, { lines })).total, expected.total);
  }
  const names = topTable(profile).rows.map((r) => r.name);
  assert.ok(names.includes('[libc.so.6]'), 'the addresses of one mapping are one row named by its binary');
  assert.ok(names.includes('<unknown>'), 'an address in a mapping with no file is <unknown>');
  assert.ok(names.includes('[app]'), 'an unnamed function in a mapping is named by its binary');
  assert.ok(!names.some((n) => n === '' || /^0x/.test(n)), 'no empty or address names');
  const files = topTable(profile, { lines: true }).rows.map((r) => r.file);
  assert.ok(files.includes('/src/app/main.go') && files.includes('/src/b/util.py'), 'paths cleaned as filepath.Clean');
});

test('a name that is not UTF-8 is printed with the very bytes pprof prints', async () => {
  const { stdout: pprofOut } = await run(await pprofBinary(), ['-top', '-symbolize=none', file], { encoding: 'buffer' });
  const ours = spawnSync(process.execPath, [join(repoRoot, 'out', 'cli.js'), 'top', file]);
  assert.equal(ours.status, 0, ours.stderr.toString());
  assert.ok(pprofOut.includes(INVALID), 'pprof prints the raw bytes');
  assert.ok(ours.stdout.includes(INVALID), `the CLI prints them too:\n${ours.stdout.toString('latin1')}`);
  assert.ok(!ours.stdout.includes(Buffer.from('\ufffd')), 'no replacement characters');
  const row = (out: Buffer): string => out.toString('latin1').split('\n').find((l) => l.includes('BAD'))?.trim().split(/\s+/).slice(0, 1).join('') ?? '';
  assert.equal(row(ours.stdout), row(pprofOut), 'the same flat value on that row');
});
