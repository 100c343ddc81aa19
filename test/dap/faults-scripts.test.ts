// Fault injection, Delve scripts: hostile initScripts on a real program under real dlv. The
// work of one run is bounded (lines run, files sourced), an error in a sourced file stops the
// file that sourced it, the cut is reported once at the line that caused it, configurationDone
// is always answered and the program then runs to its end with nothing left behind.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { closeAfterEach, ROOT, startAdapter, startDebugging, toolEnv, withTimeout } from './harness';

const PROGRAM = join(ROOT, 'test', 'fixtures', 'delve-scripts', 'runner');
const current = closeAfterEach();

/** Writes the scripts into a temp dir of the test's own and runs `main` as the initScript. */
async function runInitScript(files: Record<string, string>): Promise<{ stderr: string[]; configured: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'godlv-hostile-'));
  current.profileDir = dir;
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  current.session = s;
  const terminated = new Promise<unknown>((done) => s.client.once('terminated', done));
  const stderr: string[] = [];
  s.client.on('output', (e: DebugProtocol.OutputEvent) => e.body.category === 'stderr' && stderr.push(...e.body.output.split('\n').filter(Boolean)));
  const started = Date.now();
  // startDebugging awaits the configurationDone response: it must come.
  await withTimeout(startDebugging(s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: join(dir, 'main.dlv'), profileDir: dir }), 60_000, 'configurationDone answered');
  const configured = Date.now() - started;
  await withTimeout(terminated, 60_000, 'the program ran to its end');
  current.session = undefined;
  await s.close();
  rmSync(dir, { recursive: true, force: true });
  return { stderr, configured };
}

describe('faults: hostile Delve scripts', { timeout: 240_000 }, () => {
  test('a script whose 20 lines each source itself stops at the depth limit and says where, once', async () => {
    const { stderr } = await runInitScript({ 'main.dlv': 'source main.dlv\n'.repeat(20) });
    // The deepest file reports its 20 failing lines; every file above it stops at its first line.
    const depth = stderr.filter((l) => /main\.dlv:\d+: source main\.dlv: scripts source each other more than 8 deep$/.test(l));
    assert.equal(depth.length, 20, stderr.join('\n'));
    const cut = stderr.filter((l) => /main\.dlv:1: source main\.dlv had errors \(above\): the lines after this one were not run$/.test(l));
    assert.equal(cut.length, 1, stderr.join('\n'));
    assert.equal(stderr.length, 21, stderr.join('\n'));
  });

  test('a script that runs more than 10,000 lines is cut at the line that crossed the bound', async () => {
    const { stderr } = await runInitScript({ 'main.dlv': 'source b.dlv\n'.repeat(150), 'b.dlv': 'clearall\n'.repeat(100) });
    assert.equal(stderr.length, 1, stderr.join('\n'));
    assert.match(stderr[0], /\/b\.dlv:1: the script was stopped here: it ran 10000 lines \(sourced files included\), the most one run may$/);
  });

  test('a script that sources more than 200 files is cut at the source line that crossed the bound', async () => {
    const { stderr } = await runInitScript({ 'main.dlv': 'source empty.dlv\n'.repeat(250), 'empty.dlv': '# nothing\n' });
    assert.deepEqual(stderr.map((l) => l.replace(/^.*\//, '')), ['main.dlv:201: the script was stopped here: it sourced 200 files, the most one run may']);
  });
});
