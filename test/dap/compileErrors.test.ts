// A program that does not compile, launched on real dlv: the user gets go's errors (a launch
// error naming the first, every one as a goDlv.buildErrors event at its file:line:col) and
// nothing of the adapter's own build: no -overlay, no helper file, no temp path.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { BUILD_ERRORS_EVENT, type BuildErrorsBody } from '../../src/debug/compileErrors';
import { DEBUG_FIXTURE, lineOf, startAdapter, startDebugging, toolEnv, withTimeout, type AdapterSession } from './harness';

const BROKEN = join(DEBUG_FIXTURE, 'broken');
const BROKEN_GO = join(BROKEN, 'main.go');
/** What must never reach the user: the adapter's flags, helper files and temp paths. */
const INTERNAL = /overlay|zz_go_debug_profile|go-dlv-|go-debug-profile-|__debug_bin|-gcflags/;

/** Launches `program`, which must fail to build; returns the launch error, the output and the one event. */
async function failedBuild(program: string): Promise<{ message: string; output: string; body: BuildErrorsBody }> {
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  try {
    await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const events: BuildErrorsBody[] = [];
    s.client.on(BUILD_ERRORS_EVENT, (e: DebugProtocol.Event) => events.push(e.body as BuildErrorsBody));
    const response = await s.client.send('launch', { program }).then(
      () => undefined,
      (err: Error) => err,
    );
    assert.ok(response instanceof Error, 'launch must fail');
    await s.waitForOutput(/Build failed/, 10_000);
    assert.equal(events.length, 1, `one ${BUILD_ERRORS_EVENT} event: ${JSON.stringify(events)}`);
    return { message: response.message, output: s.output(), body: events[0] };
  } finally {
    await s.close();
  }
}

function checkTwoErrors(body: BuildErrorsBody): void {
  assert.deepEqual(
    body.errors.map((e) => ({ file: e.file, line: e.line, column: e.column })),
    [
      { file: BROKEN_GO, line: lineOf(BROKEN_GO, 'firstError'), column: 14 },
      { file: BROKEN_GO, line: lineOf(BROKEN_GO, 'secondError'), column: 17 },
    ],
  );
  assert.match(body.errors[0].message, /^cannot use "not a number" \(untyped string constant\) as int value/);
  assert.equal(body.errors[1].message, 'undefined: notDeclared');
}

describe('go-dlv: compile errors', () => {
  test('two compile errors: the first in the launch error, both in the event at file:line:col, nothing internal', async () => {
    const { message, output, body } = await failedBuild(BROKEN);
    checkTwoErrors(body);
    assert.equal(body.summary, message, 'the event says what the launch error says');
    assert.match(message, new RegExp(`^Build failed: broken/main\\.go:${lineOf(BROKEN_GO, 'firstError')}:14: cannot use "not a number"`));
    assert.match(message, /2 errors/);
    assert.ok(message.length < 200, `short: ${message}`);
    assert.match(output, /undefined: notDeclared/, 'every error is in the Debug Console');
    assert.doesNotMatch(message, INTERNAL);
    assert.doesNotMatch(output, INTERNAL, `output:\n${output}`);
  });

  test('a program given as a file (the helper files join the command line): still nothing internal', async () => {
    const { message, output, body } = await failedBuild(BROKEN_GO);
    checkTwoErrors(body);
    assert.doesNotMatch(message, INTERNAL);
    assert.doesNotMatch(output, INTERNAL, `output:\n${output}`);
  });

  test('a launch that builds sends an empty list, which clears the errors of an earlier one', async () => {
    const s: AdapterSession = startAdapter(toolEnv(), { isolateTmp: true });
    try {
      const event = withTimeout(s.client.waitForEvent(BUILD_ERRORS_EVENT), 60_000, BUILD_ERRORS_EVENT);
      await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, stopOnEntry: true });
      assert.deepEqual((await event).body, { errors: [] }, 'no summary: nothing failed');
    } finally {
      await s.close();
    }
  });
});
