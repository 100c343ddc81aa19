// What detectGoroutineLeaks asks of each Go version, and how leaked tracebacks are grouped.
// The real builds and tracebacks are tested on real Go in test/dap/leaks.test.ts; these cover
// the versions and shapes this machine does not have (Go 1.25, 1.27, other GOEXPERIMENTs).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { leakBuild, missingProfileMessage } from '../../src/capture/leaks/leakBuild';
import { parseLeakedStacks } from '../../src/capture/leaks/leakStacks';

const go = (version: string, experiment = '') => ({ version, minor: Number(/^go1\.(\d+)/.exec(version)?.[1]), experiment });

test('Go 1.26 gets the experiment, kept beside the user\'s; 1.27 needs nothing; older Go is one line', () => {
  assert.deepEqual(leakBuild(go('go1.26.8')), { kind: 'ready', experiment: 'goroutineleakprofile' });
  assert.deepEqual(leakBuild(go('go1.26.8', 'jsonv2,nogreenteagc')), { kind: 'ready', experiment: 'jsonv2,nogreenteagc,goroutineleakprofile' });
  assert.deepEqual(leakBuild(go('go1.26.8', 'nogoroutineleakprofile')), { kind: 'ready', experiment: 'goroutineleakprofile' });
  assert.deepEqual(leakBuild(go('go1.26.8', 'goroutineleakprofile')), { kind: 'ready', experiment: 'goroutineleakprofile' });
  assert.deepEqual(leakBuild(go('go1.27.0')), { kind: 'ready' });
  assert.deepEqual(leakBuild(go('go1.25.5')), { kind: 'unsupported', message: 'Leaked goroutines need Go 1.26 or later; this program is built with go1.25.5.' });
  assert.equal(leakBuild(undefined).kind, 'unsupported');
  assert.match(missingProfileMessage(go('go1.26.8'), false), /^Leaked goroutines need the goroutineleak profile in the build: set "detectGoroutineLeaks": true/);
  assert.equal(missingProfileMessage(go('go1.24.1'), false), 'Leaked goroutines need Go 1.26 or later; this program is built with go1.24.1.');
});

test('leaked tracebacks group by stack and go statement; the blocked line is the first outside the runtime', () => {
  const text = [
    'goroutine 7 [sync.Mutex.Lock (leaked), 3 minutes]:',
    'internal/sync.runtime_SemacquireMutex(0xc000012345?, 0x0?, 0x1?)',
    '\t/go/src/runtime/sema.go:95 +0x25',
    'sync.(*Mutex).Lock(...)',
    '\t/go/src/sync/mutex.go:46',
    'example.com/app.(*Cache).get(0xc0000a0000, {0x5, 0x6})',
    '\t/src/app/cache.go:31 +0x4d',
    'created by example.com/app.(*Cache).warm in goroutine 1',
    '\t/src/app/cache.go:20 +0x8a',
    '',
    'goroutine 8 [sync.Mutex.Lock (leaked), 3 minutes]:',
    'internal/sync.runtime_SemacquireMutex(0xc000012345?, 0x0?, 0x1?)',
    '\t/go/src/runtime/sema.go:95 +0x25',
    'sync.(*Mutex).Lock(...)',
    '\t/go/src/sync/mutex.go:46',
    'example.com/app.(*Cache).get(0xc0000a0000, {0x5, 0x6})',
    '\t/src/app/cache.go:31 +0x4d',
    'created by example.com/app.(*Cache).warm in goroutine 1',
    '\t/src/app/cache.go:20 +0x8a',
    '',
    'goroutine 9 [chan receive (leaked)]:',
    'main.wait(...)',
    '\t/src/app/main.go:9',
    '...additional frames elided...',
    'created by main.main in goroutine 1',
    '\t/src/app/main.go:14 +0x1d',
    '',
  ].join('\n');
  const groups = parseLeakedStacks(text);
  assert.deepEqual(groups.map((g) => [g.count, g.waitReason, g.blockedAt, g.createdAt]), [
    [2, 'sync.Mutex.Lock', { func: 'example.com/app.(*Cache).get', file: '/src/app/cache.go', line: 31 }, { func: 'example.com/app.(*Cache).warm', file: '/src/app/cache.go', line: 20 }],
    [1, 'chan receive', { func: 'main.wait', file: '/src/app/main.go', line: 9 }, { func: 'main.main', file: '/src/app/main.go', line: 14 }],
  ]);
  assert.deepEqual(parseLeakedStacks(''), []);
});
