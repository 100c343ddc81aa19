// Execution traces in a real VS Code (code-server + Chromium) with the packaged extension:
// Trace Until Next Stop from the capture quick pick (the status-bar entry), the summary
// notification at the next stop, the trace listed in the Profiles view (its menu, a click
// opening it, still there after a reload), Go's trace viewer in a panel, and its process gone
// once the panel closes or the debug session ends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, root, useEditorSession, type EditorSession } from './session';
import { poll, proxiedViewer, traceViewLoaded, writeShortTrace } from './traceViewerFrame';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const FIRST = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const SECOND = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;

let session: EditorSession;

const profileRows = () => session.workbench.page.locator('.pane', { has: session.workbench.page.locator('.pane-header', { hasText: 'Profiles' }) }).locator('.monaco-list-row');
const profileLabels = async () => (await profileRows().locator('.label-name').allInnerTexts()).map((t) => t.trim());

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

test('a trace between two stops is listed in Profiles and opens in Go\'s trace viewer, whose process ends with its panel or the session', async () => {
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

    await page.locator('.statusbar-item', { hasText: 'Profile' }).first().click();
    await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Trace Until Next Stop$/ }) }).first().click();
    await page.locator('.notifications-toasts', { hasText: 'Execution trace running' }).first().waitFor({ timeout: 30_000 });
    const recording = page.locator('.statusbar-item', { hasText: 'Execution trace recording' });
    await recording.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('F5');
    await workbench.waitForFrame('main.main', 'main.go', SECOND, 60_000);
    await recording.first().waitFor({ state: 'detached', timeout: 30_000 });
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Execution trace from main.main' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), /goroutines \d+ → \d+, \d+ GCs? pausing/);
    const profiles = join(workspace, '.vscode', 'go-profiles');
    assert.ok(existsSync(profiles) && readdirSync(profiles).some((f) => /^trace_main\.main-\d+_.*\.trace$/.test(f)), 'the trace is saved beside the profiles');

    await workbench.runCommand('Run and Debug: Focus on Profiles View');
    const row = profileRows().filter({ hasText: `Trace from main.main:${FIRST}` }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.deepEqual(await profileLabels(), [`Trace from main.main:${FIRST}`], 'the trace is the one entry');
    await row.click({ button: 'right' });
    const menu = page.locator('.context-view .action-menu-item');
    await menu.filter({ hasText: 'Open Trace in Go\'s Trace Viewer' }).first().waitFor();
    const offered = (await menu.allInnerTexts()).map((t) => t.trim());
    for (const entry of ['Show Trace Waits as Profile', 'Rename…', 'Delete', 'Reveal in File Explorer']) {
      assert.ok(offered.some((t) => t.startsWith(entry)), `the trace's menu offers ${entry}: ${offered.join(', ')}`);
    }
    assert.ok(!offered.some((t) => t.startsWith('Compare')), `no comparison for a trace: ${offered.join(', ')}`);
    await workbench.screenshot('trace-in-profiles-menu');
    await page.keyboard.press('Escape');
    await menu.first().waitFor({ state: 'detached' });

    await row.click();
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

    // The command (unlike a browser reload) waits for the window's state to be saved.
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    await workbench.runCommand('Developer: Reload Window');
    await loaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The window comes back with Run and Debug and its Profiles view open; if not, the palette opens it.
    const listed = profileRows().filter({ hasText: `Trace from main.main:${FIRST}` }).first();
    if (!(await listed.waitFor({ timeout: 30_000 }).then(() => true, () => false))) {
      await workbench.runCommand('Run and Debug: Focus on Profiles View');
      await listed.waitFor({ timeout: 30_000 });
    }
    assert.deepEqual(await profileLabels(), [`Trace from main.main:${FIRST}`], 'the trace is still listed after a reload');
    // No trace taken in this window yet: the palette command opens the listed one without asking.
    await workbench.runCommand('Go Profile: Open Trace in Go\'s Trace Viewer');
    await page.locator('.tabs-container .tab', { hasText: 'Trace: trace_main.main-' }).first().waitFor({ timeout: 60_000 });
    await until('the viewer of the listed trace runs', () => viewers().length > 0, 30_000);
    await page.locator('.tabs-container .tab', { hasText: 'Trace: trace_main.main-' }).first().click();
    await workbench.runCommand('View: Close Editor');
    await until('its viewer is gone with its panel', () => viewers().length === 0);
  } catch (err) {
    await workbench.screenshot('trace-failure');
    throw err;
  }
});

test('Go\'s trace viewer works under code-server\'s /proxy/PORT/: its links open the pages they name, and its proxy closes with the panel', async () => {
  const { workbench, workspace, server } = session;
  const page = workbench.page;
  const viewers = () => descendants(server.pid).filter((p) => p.comm === 'trace');
  try {
    writeShortTrace(join(workspace, 'short.trace'));
    // The file watcher may not have reported the new file yet; refreshing shows it at once.
    await workbench.runCommand('Refresh Explorer');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^short\.trace$/ }).first();
    await file.waitFor({ timeout: 30_000 });
    await file.click({ button: 'right' });
    await workbench.chooseFromMenu('Open Trace in Go\'s Trace Viewer');
    const { frame, port } = await proxiedViewer(page);
    const under = new RegExp(`/proxy/${port}/`);

    await frame.locator('a', { hasText: 'View trace by proc' }).click();
    await poll('the trace view by proc loaded its data', () => traceViewLoaded(frame), 90_000);
    assert.match(frame.url(), under);
    await workbench.screenshot('trace-viewer-by-proc');

    await frame.evaluate(() => history.back());
    await frame.locator('a', { hasText: 'Goroutine analysis' }).click();
    await frame.locator('th', { hasText: 'Start location' }).first().waitFor({ timeout: 30_000 });
    assert.match(frame.url(), under);
    await frame.locator('a', { hasText: /^main\.main$/ }).first().click();
    await frame.locator('td', { hasText: 'Goroutine start location:' }).first().waitFor({ timeout: 30_000 });
    assert.match(frame.url(), new RegExp(`/proxy/${port}/goroutine\\?name=main\\.main$`));
    await workbench.screenshot('trace-viewer-goroutine');

    // The viewer's frame holds the keyboard, so the panel is closed from its tab.
    await page.locator('.tabs-container .tab', { hasText: 'Trace: short.trace' }).first().locator('.codicon-close').click();
    await until('the viewer process is gone after its panel closed', () => viewers().length === 0);
    await poll('the proxy in front of the viewer is closed', () => fetch(`http://127.0.0.1:${port}/`).then(() => false, () => true), 15_000);
  } catch (err) {
    await workbench.screenshot('trace-viewer-failure');
    throw err;
  }
});
