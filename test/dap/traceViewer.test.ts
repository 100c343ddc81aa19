// The trace viewer process (`go tool trace -http`), on its own: it answers on 127.0.0.1 and
// nothing of it is left once stopped, or when it cannot start.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, toolEnv, waitGone } from './harness';
import { processTree } from '../../src/debug/processTree';
import { startTraceViewer } from '../../src/capture/traceViewer';

let dir = '';
let tracePath = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'trace-viewer-test-'));
  tracePath = join(dir, 'short.trace');
  execFileSync('go', ['run', '.', tracePath], { cwd: join(ROOT, 'test', 'fixtures', 'trace', 'gen'), env: toolEnv(), stdio: 'pipe' });
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('go tool trace viewer process', { timeout: 180_000 }, () => {
  test('serves on 127.0.0.1 and is gone, with its child, once stopped', async () => {
    const viewer = await startTraceViewer(tracePath, toolEnv());
    assert.match(viewer.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(viewer.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /trace/i);
    const pids = processTree([viewer.pid]);
    assert.ok(pids.length >= 2, `go and its viewer: ${pids.join(', ')}`);
    await viewer.stop();
    await waitGone(pids, 5_000);
    await assert.rejects(fetch(viewer.url));
  });

  test('a file that is not a trace gives a short message and leaves no process', async () => {
    const bad = join(dir, 'bad.trace');
    writeFileSync(bad, 'not a trace');
    const before = processTree([process.pid]);
    await assert.rejects(startTraceViewer(bad, toolEnv()), /^Error: go tool trace could not open .*bad\.trace/);
    await waitGone(processTree([process.pid]).filter((p) => p !== process.pid && !before.includes(p)), 5_000);
  });

  test('go not found says so', async () => {
    await assert.rejects(startTraceViewer(tracePath, { PATH: '' }), /^Error: The go command was not found on PATH/);
  });
});
