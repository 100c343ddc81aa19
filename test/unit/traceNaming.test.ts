import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSummary, parseSummary } from '../../src/capture/traceSummary';
import { traceFileName } from '../../src/capture/traceRecorder';
import { waitProfilePath } from '../../src/traces/traceTools';

test('the helper summary parses and reads as one line; anything else is no summary', () => {
  const s = parseSummary('1530 3 9 2 412000');
  assert.deepEqual(s, { millis: 1530, goroutinesAtStart: 3, goroutinesAtEnd: 9, gcCount: 2, gcPauseNanos: 412000 });
  assert.equal(describeSummary(s!), '1.53 s, goroutines 3 → 9, 2 GCs pausing 412 µs in total');
  assert.equal(describeSummary({ ...s!, millis: 80, gcCount: 1, gcPauseNanos: 2_500_000 }), '80 ms, goroutines 3 → 9, 1 GC pausing 2.5 ms in total');
  assert.equal(parseSummary(''), undefined);
  assert.equal(parseSummary('1 2 3 x 5'), undefined);
});

test('trace files are named by location and time, never over an existing trace or partial one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trace-naming-'));
  try {
    const when = new Date('2026-11-23T16:40:00.123Z');
    const first = traceFileName(dir, 'main.(*T).run:42', when);
    assert.equal(first, join(dir, 'trace_main.-T-.run-42_2026-11-23T16-40-00.trace'));
    writeFileSync(first + '.part', '');
    assert.equal(traceFileName(dir, 'main.(*T).run:42', when), join(dir, 'trace_main.-T-.run-42_2026-11-23T16-40-00_2.trace'));
    assert.equal(waitProfilePath(first, 'sync'), join(dir, 'trace_main.-T-.run-42_2026-11-23T16-40-00.sync.pb.gz'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
