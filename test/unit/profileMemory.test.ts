import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPeak } from './peakMemory';
import { writeGzipBomb, writeHugeNameProfile } from './hostileInputs';

// The CLI's memory on hostile input: a gzip bomb is refused after tens of MB, not hundreds,
// and a profile with one 100 MB string is read within 3 times its size.

const dir = mkdtempSync(join(tmpdir(), 'memory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a 1 GiB gzip bomb is refused in one line with under 100 MB of memory', async () => {
  const bomb = join(dir, 'bomb.pb.gz');
  writeGzipBomb(bomb);
  const r = await cliPeak(['top', bomb]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: .*bomb\.pb\.gz: profile too large: more than 32 MB decompressed, over 32 times its compressed size \(a gzip bomb\?\)\n$/);
  assert.ok(r.peakMB < 100, `peak ${r.peakMB.toFixed(0)} MB`);
});

test('a profile with one 100 MB function name is read and printed within 3x its size', async () => {
  const file = join(dir, 'huge-name.pb');
  writeHugeNameProfile(file);
  const r = await cliPeak(['top', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdoutBytes > 100 << 20, 'the whole name is printed');
  const size = statSync(file).size / 2 ** 20;
  assert.ok(r.peakMB < 3 * size, `peak ${r.peakMB.toFixed(0)} MB for ${size.toFixed(0)} MB`);
});
