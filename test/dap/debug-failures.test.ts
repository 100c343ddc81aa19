// What goes wrong before a program runs: no dlv, an old dlv, no Go, a program that does not
// compile, a missing program. Each must answer launch with a short message that names the
// fix, leave nothing running and nothing in its temp dir (checked by close()).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEBUG_FIXTURE, dlvBinary, startAdapter, toolEnv } from './harness';

const INSTALL = 'go install github.com/go-delve/delve/cmd/dlv@latest';
const GO_DIR = dirname(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim() + '/bin/go');

/** Launches with the given env and arguments and returns the launch error message. */
async function launchError(env: NodeJS.ProcessEnv, args: Record<string, unknown>): Promise<{ message: string; output: string }> {
  const s = startAdapter(env, { isolateTmp: true });
  try {
    await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const outcome = await s.client.launchRequest(args as never).then(
      () => undefined,
      (err: Error) => err,
    );
    assert.ok(outcome instanceof Error, 'launch must fail');
    return { message: outcome.message, output: s.output() };
  } finally {
    await s.close();
  }
}

describe('go-dlv: launch failures', () => {
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'godlv-fail-'));
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  test('no dlv anywhere: the message gives the install command', async () => {
    const env = { ...process.env, PATH: `${GO_DIR}:/usr/bin:/bin`, HOME: scratch, GOPATH: join(scratch, 'gopath'), GOBIN: '' };
    const { message } = await launchError(env, { program: DEBUG_FIXTURE });
    assert.match(message, /Delve \(dlv\) is not installed/);
    assert.ok(message.includes(INSTALL), message);
  });

  test('a dlvPath that does not exist is named in the message', async () => {
    const { message } = await launchError(toolEnv(), { program: DEBUG_FIXTURE, dlvPath: join(scratch, 'nope', 'dlv') });
    assert.match(message, /dlv not found at dlvPath ".*nope\/dlv"/);
    assert.ok(message.includes(INSTALL));
  });

  test('a dlv older than the minimum is refused with the version and the install command', async () => {
    const fake = join(scratch, 'dlv');
    writeFileSync(fake, '#!/bin/sh\necho "Delve Debugger"\necho "Version: 1.20.2"\necho "Build: fake"\n');
    chmodSync(fake, 0o755);
    const { message } = await launchError(toolEnv(), { program: DEBUG_FIXTURE, dlvPath: fake });
    assert.match(message, /Delve 1\.20\.2 at .* is too old: go-dlv needs 1\.\d+\.\d+ or newer/);
    assert.ok(message.includes(INSTALL));
  });

  test('no Go toolchain: says so instead of failing inside dlv', async () => {
    const env = { ...process.env, PATH: '/usr/bin:/bin' };
    const { message } = await launchError(env, { program: DEBUG_FIXTURE, dlvPath: dlvBinary() });
    assert.match(message, /The Go toolchain \(go\) is not on PATH/);
  });

  test('a program that does not compile: the compiler message in the console, a short error', async () => {
    const started = Date.now();
    const { message, output } = await launchError(toolEnv(), { program: join(DEBUG_FIXTURE, 'broken') });
    assert.match(message, /^Build failed: broken\/main\.go:\d+:\d+: cannot use/);
    assert.ok(message.length < 200, `short: ${message}`);
    assert.match(output, /cannot use "not a number" \(untyped string constant\) as int value/);
    assert.ok(Date.now() - started < 60_000, 'no hang');
  });

  test('a program path that does not exist', async () => {
    const { message } = await launchError(toolEnv(), { program: join(DEBUG_FIXTURE, 'missing.go') });
    assert.match(message, /program .*missing\.go does not exist/);
  });

  test('an unknown mode lists the valid ones', async () => {
    const { message } = await launchError(toolEnv(), { program: DEBUG_FIXTURE, mode: 'profile' });
    assert.match(message, /Unsupported launch mode "profile": use one of debug, test, exec/);
  });
});
