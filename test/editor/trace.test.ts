// Execution traces in a real VS Code (code-server + Chromium) with the packaged extension:
// Trace Until Next Stop from the palette, the summary notification at the next stop, Go's
// trace viewer in a panel, and its process gone once the panel closes or the debug session ends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, root, useEditorSession, type EditorSession } from './session';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const FIRST = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const SECOND = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;

let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timeout: ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a trace between two stops opens in Go\'s trace viewer, whose process ends with its panel or the session', async () => {
  const { workbench, workspace, server } = session;
  const page = workbench.page;
  const viewers = () => descendants(server.pid).filter((p) => p.comm === 'trace');
  try {
    await workbench.openFile('main.go');
    await workbench.goToLine(FIRST);
    await page.keyboard.press('F9');
    await workbench.goToLine(SECOND);
    await page.keyboard.press('F9');
    await page.keyboard.press('F5');
    await workbench.waitForBreakpointStop();
    await workbench.waitForFrame('main.main', 'main.go', FIRST);

    await workbench.runCommand('Go Profile: Trace Until Next Stop');
    await page.locator('.notifications-toasts', { hasText: 'Execution trace running' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('F5');
    await workbench.waitForFrame('main.main', 'main.go', SECOND, 60_000);
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Execution trace from main.main' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), /goroutines \d+ → \d+, \d+ GCs? pausing/);
    const profiles = join(workspace, '.vscode', 'go-profiles');
    assert.ok(existsSync(profiles) && readdirSync(profiles).some((f) => /^trace_main\.main-\d+_.*\.trace$/.test(f)), 'the trace is saved beside the profiles');

    await toast.locator('.monaco-button', { hasText: 'Open Trace Viewer' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'Trace: trace_main.main-' }).first().waitFor({ timeout: 60_000 });
    await until('the viewer process runs', () => viewers().length > 0, 30_000);
    await workbench.screenshot('trace-viewer');
    await workbench.runCommand('View: Close Editor');
    await until('the viewer process is gone after its panel closed', () => viewers().length === 0);

    await workbench.runCommand('Go Profile: Open Trace in Go\'s Trace Viewer');
    await page.locator('.tabs-container .tab', { hasText: 'Trace: trace_main.main-' }).first().waitFor({ timeout: 60_000 });
    await until('the viewer process runs again', () => viewers().length > 0, 30_000);
    // The viewer's page holds the keyboard inside its frames, so the session is stopped from the toolbar.
    await page.locator('.debug-toolbar .codicon-debug-stop').click();
    await until('the viewer process is gone after the session ended', () => viewers().length === 0);
    await page.locator('.tabs-container .tab', { hasText: 'Trace: trace_main.main-' }).first().waitFor({ state: 'detached' });
  } catch (err) {
    await workbench.screenshot('trace-failure');
    throw err;
  }
});
