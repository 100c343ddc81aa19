// The trace viewer process (`go tool trace -http`), on its own: it answers on 127.0.0.1 and
// nothing of it is left once stopped, when it cannot start, or when its parent dies.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, toolEnv, waitGone, withTimeout } from './harness';
import { processTree } from '../../src/debug/processTree';
import { startTraceViewer } from '../../src/traces/traceViewer';

// Started again as a child by the last test: a parent that opens a viewer and is then killed.
const PARENT_OF = process.env.TRACE_VIEWER_PARENT_OF;

if (PARENT_OF) {
  void startTraceViewer(PARENT_OF, toolEnv()).then((v) => {
    process.stdout.write(`${JSON.stringify({ url: v.url, pids: processTree([v.pid]) })}\n`);
    setInterval(() => undefined, 1000);
  });
} else {
  let dir = '';
  let tracePath = '';

  describe('go tool trace viewer process', { timeout: 180_000 }, () => {
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'trace-viewer-test-'));
      tracePath = join(dir, 'short.trace');
      execFileSync('go', ['run', '.', tracePath], { cwd: join(ROOT, 'test', 'fixtures', 'trace', 'gen'), env: toolEnv(), stdio: 'pipe' });
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    test('serves on 127.0.0.1 and is gone, with go and its child, once stopped', async () => {
      const viewer = await startTraceViewer(tracePath, toolEnv());
      assert.match(viewer.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(viewer.viewerUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(viewer.url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /trace/i);
      const pids = processTree([viewer.pid]);
      assert.ok(pids.length >= 3, `guard, go and the viewer: ${pids.join(', ')}`);
      await viewer.stop();
      await waitGone(pids, 5_000);
      await assert.rejects(fetch(viewer.url), 'the proxy in front of the viewer is closed too');
      await assert.rejects(fetch(viewer.viewerUrl));
    });

    test('a file that is not a trace gives a short message and leaves no process', async () => {
      const bad = join(dir, 'bad.trace');
      writeFileSync(bad, 'not a trace');
      await assert.rejects(startTraceViewer(bad, toolEnv()), /^Error: go tool trace could not open .*bad\.trace/);
      assert.deepEqual(processTree([process.pid]).filter((p) => p !== process.pid), []);
    });

    test('go not found says so', async () => {
      await assert.rejects(startTraceViewer(tracePath, { PATH: '' }), /^Error: The go command was not found on PATH/);
    });

    test('the viewer is gone when the process that started it is killed', async () => {
      const parent = spawn(process.execPath, [__filename], { env: { ...toolEnv(), TRACE_VIEWER_PARENT_OF: tracePath }, stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await withTimeout(new Promise<string>((done) => {
        let out = '';
        parent.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) {
            done(out.split('\n')[0]);
          }
        });
      }), 60_000, 'the parent never reported its viewer');
      const { url, pids } = JSON.parse(line) as { url: string; pids: number[] };
      assert.equal((await fetch(url)).status, 200);
      parent.kill('SIGKILL');
      await waitGone(pids, 5_000);
      await assert.rejects(fetch(url));
    });
  });
}
