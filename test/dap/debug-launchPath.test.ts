// The launch path of the go-dlv adapter against real dlv: Run Without Debugging (noDebug) runs
// the program or test to its end with nothing of the debugger added, the helper is never put
// beneath the module cache (go refuses such an overlay), and a program that is a library says
// so in one line.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { closeAfterEach, DEBUG_FIXTURE, lineOf, MAIN_GO, startAdapter, toolEnv, withTimeout, type AdapterSession } from './harness';

const CAPABILITIES = 'goProfile.capabilities';

/** initialize → launch, as VS Code does for noDebug (dlv sends no `initialized`, so nothing else follows). */
async function runWithoutDebugging(s: AdapterSession, args: Record<string, unknown>): Promise<{ stops: () => number; exitCode: Promise<number> }> {
  let stops = 0;
  s.client.on('stopped', () => stops++);
  const exited = s.client.waitForEvent('exited', 60_000) as Promise<DebugProtocol.ExitedEvent>;
  const terminated = s.client.waitForEvent('terminated', 60_000);
  // Awaited below once the launch succeeded; a failed launch must fail the test, not the process.
  [exited, terminated].forEach((p) => p.catch(() => undefined));
  await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
  await s.client.launchRequest({ noDebug: true, ...args } as DebugProtocol.LaunchRequestArguments);
  const exitCode = Promise.all([exited, terminated]).then(([e]) => e.body.exitCode);
  return { stops: () => stops, exitCode };
}

describe('go-dlv: the launch path', () => {
  const current = closeAfterEach();
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'godlv-launchpath-'));
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  test('noDebug runs the program to its end: its output, no stops, no helper, no initScript, no profilepoints', async () => {
    current.profileDir = mkdtempSync(join(tmpdir(), 'godlv-profiles-'));
    const script = join(scratch, 'stop.dlv');
    writeFileSync(script, `break ${MAIN_GO}:${lineOf(MAIN_GO, 'call')}\n`);
    const s = (current.session = startAdapter(toolEnv(), { isolateTmp: true }));
    const run = await runWithoutDebugging(s, {
      program: DEBUG_FIXTURE,
      profileDir: current.profileDir,
      initScript: script,
      stopOnEntry: true,
      profilepoints: [{ id: 'p1', path: MAIN_GO, line: lineOf(MAIN_GO, 'after'), kind: 'heap' }],
    });
    const capabilities = (await s.client.customRequest(CAPABILITIES)).body as { reason?: string };
    assert.match(capabilities.reason ?? 'the helper was built in', /runs without debugging/);
    assert.equal(await withTimeout(run.exitCode, 60_000, 'the program ended'), 3, 'the program ran to its os.Exit(3)');
    await s.waitForOutput(/sum 3\n[\s\S]*loop/);
    assert.equal(run.stops(), 0, 'no stop at all');
    assert.doesNotMatch(s.output(), /initScript|[Pp]rofilepoint|overlay/);
  });

  test('noDebug runs the tests of a package: PASS in the output, then the session ends', async () => {
    const s = (current.session = startAdapter(toolEnv(), { isolateTmp: true }));
    const run = await runWithoutDebugging(s, { mode: 'test', program: DEBUG_FIXTURE, args: ['-test.run', 'TestAdd', '-test.v'] });
    assert.equal(await withTimeout(run.exitCode, 60_000, 'the test ended'), 0);
    await s.waitForOutput(/--- PASS: TestAdd[\s\S]*\nPASS\n/);
    assert.equal(run.stops(), 0);
  });

  test('a main package beneath GOMODCACHE is debugged without the helper (go refuses an overlay there)', async () => {
    const modcache = join(scratch, 'modcache');
    const tool = join(modcache, 'example.com', 'tool@v1.0.0');
    mkdirSync(tool, { recursive: true });
    writeFileSync(join(tool, 'go.mod'), 'module example.com/tool\n\ngo 1.22\n');
    writeFileSync(join(tool, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("tool ran")\n}\n');
    const s = (current.session = startAdapter(toolEnv({ GOMODCACHE: modcache }), { isolateTmp: true }));
    await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    await s.client.launchRequest({ program: tool } as DebugProtocol.LaunchRequestArguments);
    // The program starts only at configurationDone: no exit can come before this.
    const exited = s.client.waitForEvent('exited', 60_000) as Promise<DebugProtocol.ExitedEvent>;
    const capabilities = (await s.client.customRequest(CAPABILITIES)).body as { reason?: string };
    assert.match(capabilities.reason ?? 'the helper was built in', new RegExp(`the program is in ${modcache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(the Go root or module cache\\)`));
    await s.client.configurationDoneRequest();
    assert.equal((await exited).body.exitCode, 0);
    await s.waitForOutput(/tool ran/);
  });

  test('a program that is a library package: one line naming it and what to choose', async () => {
    const lib = join(scratch, 'libmod', 'lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(scratch, 'libmod', 'go.mod'), 'module example.com/libmod\n\ngo 1.22\n');
    writeFileSync(join(lib, 'lib.go'), '// Package lib adds.\npackage lib\n\nfunc Add(a, b int) int { return a + b }\n');
    const s = (current.session = startAdapter(toolEnv(), { isolateTmp: true }));
    await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const failure = await s.client.launchRequest({ program: lib } as DebugProtocol.LaunchRequestArguments).then(() => undefined, (e: Error) => e);
    assert.ok(failure, 'the launch fails');
    assert.equal(failure.message, `${lib} is not a main package (it is package lib); choose a main package's folder or file as "program", or use "mode": "test" to debug its tests.`);
  });
});
