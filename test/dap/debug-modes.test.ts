// Launch modes test and exec, and attach to a local process and to a headless dlv.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { buildFixture, DEBUG_FIXTURE, dlvBinary, isRunning, lineOf, locals, MAIN_GO, startAdapter, startDebugging, toolEnv, topFrame, waitGone, withTimeout } from './harness';

const TEST_GO = join(DEBUG_FIXTURE, 'calc_test.go');

/** Starts a process and resolves with the first stdout line matching `pattern`. */
function startAndWaitFor(command: string, args: string[], pattern: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: DEBUG_FIXTURE });
  let seen = '';
  return withTimeout(
    new Promise((done) => {
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString();
        const match = pattern.exec(seen);
        if (match) {
          done({ child, match });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
    }),
    20_000,
    `${command} printing ${pattern}`,
  );
}

describe('go-dlv: other modes', () => {
  let dir: string;
  let binary: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'godlv-modes-'));
    binary = buildFixture(join(dir, 'fixture'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('test mode runs a _test.go under the debugger and stops in the test', async () => {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      await startDebugging(s.client, 'launch', { mode: 'test', program: TEST_GO, args: ['-test.run', 'TestAdd'] }, { [TEST_GO]: [{ line: lineOf(TEST_GO, 'test') }] });
      const stop = await s.nextStop();
      const frame = await topFrame(s.client, stop.threadId!);
      assert.match(frame.name, /godlvfixture\.TestAdd$/);
      assert.equal(frame.line, lineOf(TEST_GO, 'test'));
      const exited = s.client.waitForEvent('exited');
      const terminated = s.client.waitForEvent('terminated');
      await s.client.continueRequest({ threadId: stop.threadId! });
      assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0, 'the test passes');
      await terminated;
      await s.waitForOutput(/^PASS$/m);
    } finally {
      await s.close();
    }
  });

  test('restart rebuilds and runs the program again to the same breakpoint', async () => {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      const bp = { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'vars') }] };
      await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE }, bp);
      const first = await s.nextStop();
      assert.equal((await topFrame(s.client, first.threadId!)).line, lineOf(MAIN_GO, 'vars'));
      const initialized = s.client.waitForEvent('initialized');
      // VS Code sends the session's configuration along; dlv keeps its build settings.
      await s.client.restartRequest({ arguments: { type: 'go-dlv', request: 'launch', name: 'x', program: DEBUG_FIXTURE } as DebugProtocol.LaunchRequestArguments });
      await initialized;
      await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: bp[MAIN_GO] });
      await s.client.configurationDoneRequest();
      const again = await s.nextStop();
      assert.equal(again.reason, 'breakpoint');
      assert.equal((await topFrame(s.client, again.threadId!)).line, lineOf(MAIN_GO, 'vars'));
    } finally {
      await s.close();
    }
    assert.deepEqual(readdirSync(DEBUG_FIXTURE).filter((f) => f.startsWith('__debug_bin')), [], 'nothing is built into the module');
  });

  test('exec mode debugs a prebuilt binary; stopOnEntry stops before main', async () => {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      await startDebugging(s.client, 'launch', { mode: 'exec', program: binary, stopOnEntry: true }, { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'call') }] });
      const entry = await s.nextStop();
      assert.equal(entry.reason, 'entry');
      const stop = await s.resume('continue', entry.threadId!);
      assert.equal(stop.reason, 'breakpoint');
      const frame = await topFrame(s.client, stop.threadId!);
      assert.equal(frame.line, lineOf(MAIN_GO, 'call'));
      assert.equal((await locals(s.client, frame.id)).get('greeting')?.value, '"hihi"');
    } finally {
      await s.close();
    }
  });

  test('attach to a running process by pid, stop in it, detach and leave it running', async () => {
    const { child } = await startAndWaitFor(binary, ['wait'], /ready (\d+)/);
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      await startDebugging(s.client, 'attach', { mode: 'local', processId: child.pid }, { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'tick') }] });
      const stop = await s.nextStop();
      const frame = await topFrame(s.client, stop.threadId!);
      assert.equal(frame.name, 'main.tick');
      await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: [] });
      await s.client.continueRequest({ threadId: stop.threadId! });
      await s.close();
      assert.ok(isRunning(child.pid!), 'detaching leaves the attached process running');
    } finally {
      child.kill('SIGKILL');
      await waitGone([child.pid!], 5_000);
    }
  });

  test('attach remote connects to a headless dlv on 127.0.0.1', async () => {
    const { child: headless, match } = await startAndWaitFor(
      dlvBinary(),
      ['exec', binary, '--headless', '--accept-multiclient', '--api-version=2', '--listen=127.0.0.1:0', '--', 'wait'],
      /listening at: 127\.0\.0\.1:(\d+)/,
    );
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      await startDebugging(s.client, 'attach', { mode: 'remote', port: Number(match[1]) }, { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'tick') }] });
      const threads = await s.client.threadsRequest();
      let stop = await s.nextStop(2_000).catch(() => undefined);
      if (!stop) {
        // A headless dlv started without --continue holds the process until someone continues it.
        stop = await s.resume('continue', threads.body.threads[0].id);
      }
      assert.equal(stop.reason, 'breakpoint');
      assert.equal((await topFrame(s.client, stop.threadId!)).name, 'main.tick');
      await s.client.disconnectRequest({ terminateDebuggee: true });
      await s.close();
    } finally {
      headless.kill('SIGKILL');
      await waitGone([headless.pid!], 5_000);
    }
  });
});
