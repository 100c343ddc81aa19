// A Delve script's profilepoint (`trace NAME LOC` then `on NAME profile KIND`) through the
// go-dlv adapter on real dlv: it captures at each hit, the program never stops for the
// client, and the captures form one series named for the tracepoint.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CapturedEvent } from '../../src/capture/api';
import { closeAfterEach, startAdapter, startDebugging, toolEnv, withTimeout } from './harness';
import { bpLine, captureFixtures } from './capture-dlv';

const current = closeAfterEach();
const DIR = join(captureFixtures, 'profilepoint');

describe('a profilepoint in a Delve script (real dlv)', { timeout: 180_000 }, () => {
  test('trace + on profile heap: five heap profiles, one series, no stop shown', async () => {
    // The script names the line; keep it in step with the fixture's marker.
    assert.equal(bpLine(join(DIR, 'main.go'), 'pass'), 18);
    current.profileDir = mkdtempSync(join(tmpdir(), 'profilepoint-script-test-'));
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    current.session = s;
    const captured: CapturedEvent[] = [];
    let stops = 0;
    s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e.body as CapturedEvent));
    s.client.on('stopped', () => stops++);
    const terminated = new Promise<unknown>((done) => s.client.once('terminated', done));
    await startDebugging(s.client, 'launch', { program: DIR, cwd: DIR, initScript: 'grow.dlv', profileDir: current.profileDir, memProfileRate: 1 });
    await withTimeout(terminated, 120_000, 'the program did not run to its end');
    assert.equal(stops, 0);
    assert.deepEqual(captured.map((c) => [c.kind, c.profilepoint]), [1, 2, 3, 4, 5].map((hit) => ['heap', { id: 'grow', hit }]));
    const top = execFileSync('go', ['tool', 'pprof', '-top', '-unit=B', '-sample_index=inuse_space', captured[4].path], { env: toolEnv(), encoding: 'utf8' });
    assert.match(top, /\s5242880B\s+\S+%\s+main\.grow$/m);
    assert.equal(s.stderr(), '');
  });
});
