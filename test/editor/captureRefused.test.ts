// A capture Delve refuses at its stop (not a safe point for calls) in a real VS Code
// (code-server + Chromium): CPU for N seconds and heap each say so in one error notification,
// no progress notification stays behind, and the session goes on (a step, then heap works).
// The workspace is test/fixtures/markdownsite with the page made before the buffer, which
// leaves the Convert line's first instruction an unsafe point on the Go toolchains tested.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useEditorSession, type EditorSession } from './session';
import { ProfileView } from './profileView';
import type { Workbench } from './workbench';

const SECONDS = 3;
const REFUSED = /not a safe point for calls .* Step once and capture again\./;

let session: EditorSession;
let convertLine = 0;

useEditorSession(
  (s) => {
    session = s;
    const file = join(s.workspace, 'main.go');
    const source = readFileSync(file, 'utf8');
    const reordered = source.replace('\t\tvar out bytes.Buffer\n\t\tsrc := page(i)\n', '\t\tsrc := page(i)\n\t\tvar out bytes.Buffer\n');
    assert.notEqual(reordered, source, 'the markdownsite loop changed: plant the unsafe stop anew');
    writeFileSync(file, reordered);
    convertLine = reordered.split('\n').findIndex((l) => l.includes('if err := md.Convert(src, &out)')) + 1;
  },
  () => ({ fixture: 'markdownsite' }),
);

/** Every notification VS Code holds now, shown or not, read from the notification center. */
async function allNotifications(workbench: Workbench): Promise<string[]> {
  const center = workbench.page.locator('.notifications-center');
  await workbench.runCommand('Notifications: Show Notifications');
  await center.locator('.notifications-center-header').waitFor();
  const texts = (await center.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  await workbench.runCommand('Notifications: Hide Notifications');
  await center.locator('.notifications-center-header').waitFor({ state: 'hidden' });
  return texts;
}

/**
 * Waits until the notification center holds a notification matching `text` and none matching
 * `gone` (a progress closes a moment after its task ends); returns them all.
 */
async function waitForNotification(workbench: Workbench, text: RegExp, gone: RegExp): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const held = await allNotifications(workbench);
    if ((held.some((t) => text.test(t)) && !held.some((t) => gone.test(t))) || Date.now() > deadline) {
      return held;
    }
  }
}

test('a CPU capture for N seconds that Delve refuses, at its start or at the stop that ends it, says so once and closes its progress', async () => {
  const { workbench } = session;
  const page = workbench.page;
  const toast = (text: string | RegExp) => page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  const sampling = `Sampling CPU for ${SECONDS} s`;
  const cpuForSeconds = async (): Promise<void> => {
    await workbench.debugToolbarButton('Capture Profile at This Stop').click();
    // The quick pick gives way to an input box in the same widget.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CPU for N Seconds' }).first().click();
    const asked = page.locator('.quick-input-widget', { hasText: 'CPU profile: seconds to sample' });
    await asked.waitFor();
    await asked.locator('input.input').fill(String(SECONDS));
    await page.keyboard.press('Enter');
  };
  const stepOver = async (): Promise<void> => {
    await page.locator('.tabs-container .tab[data-resource-name="main.go"]').first().click();
    await page.keyboard.press('F10');
    await page.locator('.debug-call-stack .monaco-list-row', { hasText: /paused on step/i }).first().waitFor({ timeout: 60_000 });
  };
  try {
    await workbench.openFile('main.go');
    await workbench.goToLine(convertLine);
    await workbench.editorLine('md.Convert(src, &out)').waitFor();
    const breakpoint = page.locator('.editor-instance .codicon-debug-breakpoint').first();
    // Right after the window loads VS Code may not yet allow breakpoints in Go files: F9 again.
    for (let attempt = 0; attempt < 10 && !(await breakpoint.isVisible()); attempt++) {
      await page.keyboard.press('F9');
      await breakpoint.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await page.keyboard.press('F5');
    const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go (Delve, with profiling)' });
    await Promise.race([picker.waitFor({ timeout: 60_000 }).then(() => picker.click()), page.locator('.debug-toolbar').waitFor({ timeout: 60_000 })]);
    await workbench.waitForBreakpointStop();
    await workbench.waitForFrame('main.main', 'main.go', convertLine);

    // Refused where it would start: nothing runs, the error says why.
    await cpuForSeconds();
    await toast(REFUSED).waitFor({ timeout: 30_000 });
    await toast(sampling).waitFor({ state: 'detached', timeout: 10_000 });
    await workbench.screenshot('cpu-refused-at-start');

    // Started one step on; the breakpoint ends the N seconds early at the unsafe Convert line,
    // where the helper cannot stop the recording: the capture answers there instead of waiting.
    await stepOver();
    await cpuForSeconds();
    await workbench.waitForBreakpointStop(60_000);
    await toast(/keeps recording/).waitFor({ timeout: 30_000 });
    await toast(sampling).waitFor({ state: 'detached', timeout: 10_000 });
    await workbench.screenshot('cpu-refused-at-end');
    const afterCpu = await allNotifications(workbench);
    assert.equal(afterCpu.filter((t) => /keeps recording/.test(t)).length, 1, `notifications: ${afterCpu.join(' | ')}`);
    assert.deepEqual(afterCpu.filter((t) => t.includes(sampling)), [], `progress left: ${afterCpu.join(' | ')}`);

    // Heap is refused at the same stop, in one notification of its own.
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.runCommand('Go Profile: Capture Heap Here');
    const afterHeap = await waitForNotification(workbench, REFUSED, /Capturing heap/);
    assert.equal(afterHeap.filter((t) => REFUSED.test(t)).length, 1, `notifications: ${afterHeap.join(' | ')}`);
    assert.deepEqual(afterHeap.filter((t) => /Capturing heap|Sampling CPU/.test(t)), [], `progress left: ${afterHeap.join(' | ')}`);

    // The session goes on: one step on, the recording ends and a heap capture opens.
    await stepOver();
    await page.locator('.statusbar-item', { hasText: 'CPU profile recording' }).waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.runCommand('Go Profile: Capture Heap Here');
    await ProfileView.find(page, 'heap', 60_000);
    await workbench.screenshot('heap-after-step');
  } catch (e) {
    await workbench.screenshot('FAILED-capture-refused').catch(() => undefined);
    throw e;
  }
});
