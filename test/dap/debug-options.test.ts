// Launch attributes the adapter hands to dlv unchanged: each must reach dlv and change what
// the client sees, on a real session (a dropped attribute would silently do nothing).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture, DEBUG_FIXTURE, lineOf, MAIN_GO, startAdapter, startDebugging, toolEnv, type AdapterSession } from './harness';

const WORKERS = lineOf(MAIN_GO, 'workers');

describe('go-dlv: launch attributes passed through to dlv', () => {
  let dir: string;
  let binary: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'godlv-options-'));
    binary = buildFixture(join(dir, 'fixture'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the fixture to BP:workers (four parked worker goroutines) with these attributes. */
  async function stoppedAtWorkers(attributes: Record<string, unknown>, breakpointFile = MAIN_GO): Promise<{ s: AdapterSession; threadId: number }> {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    await startDebugging(s.client, 'launch', { mode: 'exec', program: binary, ...attributes }, { [breakpointFile]: [{ line: WORKERS }] });
    const stop = await s.nextStop();
    return { s, threadId: stop.threadId! };
  }

  async function threadNames(s: AdapterSession): Promise<string[]> {
    return (await s.client.threadsRequest()).body.threads.map((t) => t.name);
  }

  test('hideSystemGoroutines leaves out the runtime\'s goroutines and keeps the program\'s', async () => {
    const all = await stoppedAtWorkers({});
    let shown: string[];
    try {
      shown = await threadNames(all.s);
    } finally {
      await all.s.close();
    }
    const hidden = await stoppedAtWorkers({ hideSystemGoroutines: true });
    try {
      const user = await threadNames(hidden.s);
      assert.ok(user.length < shown.length, `hidden: ${user.length} of ${shown.length} goroutines`);
      assert.ok(user.length >= 5, `main and the four workers stay: ${user.join(' | ')}`);
      assert.ok(user.every((n) => /main\./.test(n)), `only the program's goroutines: ${user.join(' | ')}`);
    } finally {
      await hidden.s.close();
    }
  });

  test('goroutineFilters keeps only the goroutines it matches (and the stopped one)', async () => {
    const { s } = await stoppedAtWorkers({ goroutineFilters: '-with userloc main.workers.func1' });
    try {
      const names = await threadNames(s);
      const workers = names.filter((n) => /main\.workers\.func1/.test(n));
      assert.equal(workers.length, 4, `the four parked workers: ${names.join(' | ')}`);
      assert.ok(names.length <= 5, `the workers and at most the stopped goroutine: ${names.join(' | ')}`);
    } finally {
      await s.close();
    }
  });

  test('showGlobalVariables adds the package\'s globals to the scopes', async () => {
    const { s, threadId } = await stoppedAtWorkers({ showGlobalVariables: true });
    try {
      const frame = (await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 })).body.stackFrames[0];
      const scopes = (await s.client.scopesRequest({ frameId: frame.id })).body.scopes;
      const globals = scopes.find((sc) => /^Globals/.test(sc.name));
      assert.ok(globals, `scopes: ${scopes.map((sc) => sc.name).join(', ')}`);
      const vars = (await s.client.variablesRequest({ variablesReference: globals.variablesReference })).body.variables;
      assert.ok(vars.some((v) => /(^|\.)ticks$/.test(v.name)), `globals: ${vars.map((v) => v.name).join(', ')}`);
    } finally {
      await s.close();
    }
  });

  test('substitutePath maps the client\'s paths to the build\'s, both ways', async () => {
    const virtual = '/virtual/godlvfixture';
    const { s, threadId } = await stoppedAtWorkers({ substitutePath: [{ from: virtual, to: DEBUG_FIXTURE }] }, join(virtual, 'main.go'));
    try {
      const frame = (await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 })).body.stackFrames[0];
      assert.equal(frame.source?.path, join(virtual, 'main.go'), 'the stack shows the client\'s path');
      assert.equal(frame.line, WORKERS, 'the breakpoint set on the client\'s path stopped on its line');
    } finally {
      await s.close();
    }
  });
});
