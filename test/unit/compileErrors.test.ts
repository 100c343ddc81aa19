// dlv's build-failure text turned into what the user sees: go's errors with absolute paths,
// and nothing of the adapter's build (its go command, helper files, temp dir).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { HELPER_FILE_PREFIX } from '../../src/capture/launch';
import { FLIGHT_HELPER_FILE } from '../../src/capture/flightRecorderSource';
import { LEAK_HELPER_FILE } from '../../src/capture/leaks/leakHelperSource';
import { TRACE_HELPER_FILE } from '../../src/capture/traceHelperSource';
import { parseBuildFailure } from '../../src/debug/compileErrors';

const TEMP = '/tmp/go-dlv-AbC123';
const dlvSays = (goOutput: string): string => `Build Error: go build -o ${TEMP}/__debug_bin -gcflags all=-N -l -overlay=${TEMP}/go-debug-profile-x/overlay.json /work/app\n${goOutput} (exit status 1)\n`;

test('every file capture adds to a build carries the prefix the adapter hides', () => {
  for (const name of [FLIGHT_HELPER_FILE, LEAK_HELPER_FILE, TRACE_HELPER_FILE]) {
    assert.ok(name.startsWith(HELPER_FILE_PREFIX), name);
  }
});

test('errors get absolute paths, columns and continued messages; the go command is gone', () => {
  const failure = parseBuildFailure(dlvSays('# example.com/app\n./main.go:6:14: cannot use x\ncmd/tool.go:3:8: no required module provides package a/b; to add it:\n\tgo get a/b\n/abs/dep/x.go:9: old style'), '/work/app', TEMP);
  assert.ok(failure);
  assert.deepEqual(failure.errors, [
    { file: '/work/app/main.go', line: 6, column: 14, message: 'cannot use x' },
    { file: '/work/app/cmd/tool.go', line: 3, column: 8, message: 'no required module provides package a/b; to add it:\ngo get a/b' },
    { file: '/abs/dep/x.go', line: 9, message: 'old style' },
  ]);
  assert.equal(failure.summary, 'Build failed: main.go:6:14: cannot use x (3 errors; all in the Debug Console)');
  assert.equal(failure.console, 'Build failed:\n# example.com/app\n./main.go:6:14: cannot use x\ncmd/tool.go:3:8: no required module provides package a/b; to add it:\n\tgo get a/b\n/abs/dep/x.go:9: old style\n');
});

test("lines about the helper's files or the temp dir are left out, and the user's errors kept", () => {
  const failure = parseBuildFailure(dlvSays(`./main.go:4:2: undefined: y\n./${HELPER_FILE_PREFIX}helper.go:12:3: main redeclared\n\tother declaration of main\ngo: reading ${TEMP}/x: no such file`), '/work/app', TEMP);
  assert.ok(failure);
  assert.deepEqual(failure.errors.map((e) => e.file), ['/work/app/main.go']);
  assert.doesNotMatch(failure.console + failure.summary, /zz_|go-dlv-|overlay|other declaration/);
});

test('only the helper failed: the user is told it is not their code, without its names', () => {
  const failure = parseBuildFailure(dlvSays(`# example.com/app\n./${HELPER_FILE_PREFIX}trace.go:5:1: syntax error`), '/work/app', TEMP);
  assert.ok(failure);
  assert.deepEqual(failure.errors, []);
  assert.match(failure.summary, /the code go-debug-profile adds to the build for profiling did not compile/);
  assert.doesNotMatch(failure.console + failure.summary, /zz_|overlay/);
});

test('other output is not a build failure', () => {
  assert.equal(parseBuildFailure('Building /work/app\n', '/work/app', TEMP), undefined);
});
