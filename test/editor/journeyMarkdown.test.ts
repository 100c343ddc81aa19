// The everyday loop on a program built on a public module, in a real VS Code (code-server +
// Chromium): test/fixtures/markdownsite renders Markdown with goldmark, which setup downloads
// from the Go module proxy into the module cache. A breakpoint on the line calling goldmark,
// F5, Step Into (the editor shows goldmark's file from the module cache), F5 there continues
// the session; once the session has ended, F5 with that goldmark file focused debugs the
// workspace's program, not the library; CPU for N seconds and a heap capture right after both
// open their flame graphs. No launch.json: F5 is what a new user presses. Screenshots go to
// test-artifacts/editor/journeyMarkdown/; a failing step leaves FAILED-<step>.
import type { TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, root, step as journeyStep, useEditorSession, type EditorSession } from './session';
import { dlvIn } from './dlvProcesses';
import { ProfileView } from './profileView';

const FIXTURE = 'markdownsite';
const mainGo = readFileSync(join(root, 'test', 'fixtures', FIXTURE, 'main.go'), 'utf8').split('\n');
const CONVERT = mainGo.findIndex((l) => l.includes('md.Convert(src, &out)')) + 1;
const GOLDMARK = join(execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim(), 'github.com', 'yuin', 'goldmark@v1.7.8');
const SECONDS = 3;

let session: EditorSession;

useEditorSession(
  (s) => {
    session = s;
  },
  () => ({ fixture: FIXTURE }),
);

function step(name: string, body: (t: TestContext) => Promise<void>): void {
  journeyStep(name, () => session, body);
}


/** Presses F5 with no session running; VS Code may ask which debugger first (no launch.json). */
async function startWithF5(): Promise<void> {
  const page = session.workbench.page;
  await page.keyboard.press('F5');
  const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go (Delve, with profiling)' });
  await Promise.race([picker.waitFor({ timeout: 60_000 }).then(() => picker.click()), page.locator('.debug-toolbar').waitFor({ timeout: 60_000 })]);
}

/** Error notifications showing now (a failed launch, a refused capture). */
async function errorToasts(): Promise<string[]> {
  const items = session.workbench.page.locator('.notifications-toasts .notification-list-item', { has: session.workbench.page.locator('.codicon-error') });
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

step('a breakpoint on the line calling goldmark and F5 stop there', async () => {
  const { workbench } = session;
  const page = workbench.page;
  await workbench.openFile('main.go');
  await workbench.goToLine(CONVERT);
  await workbench.editorLine('md.Convert(src, &out)').waitFor();
  // Right after the window loads VS Code may not yet allow breakpoints in Go files: F9 again.
  const breakpoint = page.locator('.editor-instance .codicon-debug-breakpoint').first();
  for (let attempt = 0; attempt < 10 && !(await breakpoint.isVisible()); attempt++) {
    await page.keyboard.press('F9');
    await breakpoint.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await breakpoint.waitFor();
  await startWithF5();
  await workbench.waitForBreakpointStop();
  await workbench.waitForFrame('main.main', 'main.go', CONVERT);
  assert.equal(dlvIn(session.workspace).length, 1, 'one dlv, in the workspace module');
  await workbench.screenshot('stopped-at-convert');
});

step("Step Into (F11) opens goldmark's source from the module cache", async () => {
  const { workbench } = session;
  const page = workbench.page;
  await page.keyboard.press('F11');
  await page.locator('.tabs-container .tab.active[data-resource-name="markdown.go"]').waitFor({ timeout: 30_000 });
  await page.locator('.debug-call-stack .monaco-list-row', { hasText: /goldmark\.\(\*markdown\)\.Convert\s*markdown\.go/ }).first().waitFor({ timeout: 30_000 });
  // The breadcrumbs of a file outside the workspace are its full path.
  const crumbs = (await page.locator('.editor-group-container.active .monaco-breadcrumbs .monaco-breadcrumb-item').allInnerTexts()).map((c) => c.trim()).join('/');
  assert.ok(`/${crumbs}`.startsWith(join(GOLDMARK, 'markdown.go')), `the editor shows /${crumbs}, not ${GOLDMARK}/markdown.go`);
  await workbench.screenshot('stepped-into-goldmark');
});

step('F5 in the goldmark file continues the session to the breakpoint again', async () => {
  const { workbench } = session;
  const page = workbench.page;
  await page.locator('.editor-instance .codicon-debug-stackframe').first().waitFor();
  await page.keyboard.press('F5');
  await workbench.waitForFrame('main.main', 'main.go', CONVERT);
  await page.locator('.tabs-container .tab.active[data-resource-name="main.go"]').waitFor();
  assert.equal(dlvIn(session.workspace).length, 1, 'still the one session');
  assert.deepEqual(await errorToasts(), []);
  await workbench.screenshot('continued-from-goldmark');
});

step('after the session ends, F5 with the goldmark file focused debugs the workspace program', async () => {
  const { workbench } = session;
  const page = workbench.page;
  await page.keyboard.press('Shift+F5');
  await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  const goldmarkTab = page.locator('.tabs-container .tab[data-resource-name="markdown.go"]').first();
  await goldmarkTab.click();
  await page.locator('.tabs-container .tab.active[data-resource-name="markdown.go"]').waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await startWithF5();
  // The breakpoint in main.go is hit: the program debugged is the workspace's, not goldmark.
  await workbench.waitForBreakpointStop();
  await workbench.waitForFrame('main.main', 'main.go', CONVERT);
  assert.deepEqual(await errorToasts(), []);
  assert.equal(dlvIn(session.workspace).length, 1, 'one dlv, in the workspace module');
  await workbench.screenshot('f5-from-goldmark-debugs-workspace');
});

step(`CPU for ${SECONDS} seconds samples the rendering and opens its flame graph`, async () => {
  const { workbench } = session;
  const page = workbench.page;
  // The breakpoint is in the loop: without it the program runs for the whole sample.
  await workbench.openFile('main.go');
  await workbench.goToLine(CONVERT);
  await page.keyboard.press('F9');
  await page.locator('.editor-instance .codicon-debug-breakpoint').waitFor({ state: 'detached' });
  await workbench.debugToolbarButton('Capture Profile at This Stop').click();
  // The quick pick gives way to an input box in the same widget: it never hides between them.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CPU for N Seconds' }).first().click();
  const asked = page.locator('.quick-input-widget', { hasText: 'CPU profile: seconds to sample' });
  await asked.waitFor();
  await asked.locator('input.input').fill(String(SECONDS));
  await page.keyboard.press('Enter');
  await page.locator('.notifications-toasts', { hasText: `Sampling CPU for ${SECONDS} s` }).waitFor();
  await workbench.screenshot('cpu-sampling');
  const view = await ProfileView.find(page, 'cpu', 90_000);
  const functions = await view.tableFunctions();
  assert.ok(functions.some((f) => f.startsWith('github.com/yuin/goldmark')), `top table: ${functions.slice(0, 12).join(', ')}`);
  // The session is paused again where a person can go on from: no error, the toolbar offers Continue.
  await page.locator('.debug-toolbar .codicon-debug-continue').waitFor({ timeout: 30_000 });
  assert.deepEqual(await errorToasts(), []);
  await workbench.screenshot('cpu-for-seconds-flame-graph');
});

step('a heap capture right after opens its flame graph', async () => {
  const { workbench } = session;
  await workbench.debugToolbarButton('Capture Profile at This Stop').click();
  await workbench.pick('Heap Here');
  const view = await ProfileView.find(workbench.page, 'heap', 60_000);
  const functions = await view.tableFunctions();
  assert.ok(functions.some((f) => f.startsWith('github.com/yuin/goldmark') || f === 'main.main'), `top table: ${functions.slice(0, 12).join(', ')}`);
  assert.deepEqual(await errorToasts(), []);
  await workbench.screenshot('heap-flame-graph');
});

step('Shift+F5 ends the session and leaves neither dlv nor the program running', async () => {
  const { workbench, server } = session;
  await workbench.openFile('main.go');
  await workbench.page.keyboard.press('Shift+F5');
  await workbench.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  const deadline = Date.now() + 10_000;
  let left = descendants(server.pid).filter((p) => p.comm !== 'node');
  while (left.length && Date.now() < deadline) {
    await workbench.page.waitForTimeout(250);
    left = descendants(server.pid).filter((p) => p.comm !== 'node');
  }
  assert.deepEqual(left, [], 'processes still running under code-server');
  await workbench.screenshot('session-ended');
});
