// One real VS Code for a whole editor suite: packages the .vsix, serves a copy of the sample
// workspace from code-server, and drives it with headless Chromium. Starting it costs ~10 s,
// so a suite starts it once and stops it in `after`, which runs even when a test failed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../../scripts/code-server.mjs';
import { Workbench } from './workbench';

export const root = join(__dirname, '..', '..', '..');
export const artifacts = join(root, 'test-artifacts', 'editor');
export const vsix = join(root, 'go-debug-profile.vsix');

const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export interface EditorSession {
  server: CodeServer;
  workbench: Workbench;
  /** The copy of test/fixtures/workspace that VS Code has open. */
  workspace: string;
  /** code-server's own output, for failure messages. */
  log: string[];
  close(): Promise<void>;
}

export function packageVsix(): void {
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
  }
}

export async function openEditorSession(): Promise<EditorSession> {
  rmSync(artifacts, { recursive: true, force: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'gdp-editor-'));
  // A copy, so that builds and profiles written during the test never touch the fixture.
  const workspace = join(stateDir, 'records');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const log: string[] = [];
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ root, vsix, workspace, stateDir, log: (t) => log.push(t) });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumFlags });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.folderUrl);
    const workbench = new Workbench(page, artifacts);
    await workbench.waitUntilReady();
    return { server, workbench, workspace, log, close };
  } catch (e) {
    await close();
    throw e;
  }
}
