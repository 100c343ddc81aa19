// What a wait is called in What Led Here. Seen in CI: the first GC of a process started inside
// an allocation in compress/flate, and the runtime's start of its mark workers (a channel
// receive per worker) was drawn as "blocked on channel in compress/flate.newDeflateFast".
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ownFunc, waitWhat, type LedFrame } from '../../src/traces/ledHereModel';

const frame = (func: string): LedFrame => ({ func, file: '', line: 0 });

test('a channel receive while the runtime starts GC workers is a GC wait', () => {
  const stack = ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'runtime.gcBgMarkStartWorkers', 'runtime.gcStart', 'runtime.mallocgc', 'compress/flate.newDeflateFast', 'main.init.0'].map(frame);
  assert.equal(waitWhat('chan receive', 'waiting', stack), 'GC');
  assert.equal(ownFunc(stack), 'compress/flate.newDeflateFast');
});

test('a channel receive of the program stays a channel wait; other states keep their kind', () => {
  const stack = ['runtime.gopark', 'runtime.chanrecv', 'runtime.chanrecv1', 'main.init.1'].map(frame);
  assert.equal(waitWhat('chan receive', 'waiting', stack), 'channel');
  assert.equal(waitWhat('chan send', 'waiting'), 'channel');
  assert.equal(waitWhat('sleep', 'waiting', stack), 'sleep');
  assert.equal(waitWhat(undefined, 'waiting'), 'other');
  assert.equal(waitWhat('chan receive', 'syscall', stack), 'syscall');
  assert.equal(waitWhat('chan receive', 'running', stack), undefined);
});
