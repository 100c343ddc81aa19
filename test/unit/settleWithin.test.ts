// The adapter's stop gate: capture sees each stop first, but neither its failure nor a capture
// that never answers may keep the stop from the client.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Failure, settleWithin } from '../../src/debug/settleWithin';

const LONG_MS = 60_000;
const timeoutError = (): Error => new Error('no answer');

/** Runs settleWithin and records every call of its callback. */
function gate(work: Promise<unknown>, ms: number): { calls: Failure[]; first: Promise<Failure> } {
  const calls: Failure[] = [];
  let resolveFirst: (f: Failure) => void = () => undefined;
  const first = new Promise<Failure>((done) => (resolveFirst = done));
  settleWithin(work, ms, timeoutError, (failure) => {
    calls.push(failure);
    resolveFirst(failure);
  });
  return { calls, first };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve: () => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every callback already queued (promise reactions, immediates) run. */
const drain = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('settleWithin', () => {
  test('work that succeeds releases without a failure, once', async () => {
    const { calls, first } = gate(Promise.resolve('ok'), LONG_MS);
    assert.equal(await first, undefined);
    await drain();
    assert.deepEqual(calls, [undefined]);
  });

  test('work that fails releases with its error, once', async () => {
    const error = new Error('helper exited');
    const { calls, first } = gate(Promise.reject(error), LONG_MS);
    assert.deepEqual(await first, { error });
    await drain();
    assert.equal(calls.length, 1);
  });

  test('a rejection with no value is still a failure', async () => {
    const { first } = gate(Promise.reject(undefined), LONG_MS);
    assert.deepEqual(await first, { error: undefined });
  });

  test('work that never answers releases with the timeout error; a late answer is ignored', async () => {
    const work = deferred();
    const { calls, first } = gate(work.promise, 20);
    const failure = await first;
    assert.ok(failure);
    assert.equal((failure.error as Error).message, 'no answer');
    work.reject(new Error('too late'));
    await drain();
    assert.equal(calls.length, 1);
  });

  test('nothing is left scheduled once the work has answered', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { first } = gate(Promise.resolve(), LONG_MS);
    await first;
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    assert.equal(after, before);
  });
});
