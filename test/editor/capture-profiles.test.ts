// The VS Code side of capture in a real VS Code (code-server + Chromium) with the packaged
// extension: the status-bar entry while stopped, a capture from the palette, each opening its
// profile, and the Profiles view: its rows, rename (the file follows) and delete. Screenshots
// go to test-artifacts/editor/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, useEditorSession, type EditorSession } from './session';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const HEAP_STOP = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;

let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

test('stopped: the status bar captures goroutines, the palette the heap; Profiles lists, renames and deletes them', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  const profiles = join(workspace, '.vscode', 'go-profiles');
  const files = () => (existsSync(profiles) ? readdirSync(profiles).sort() : []);
  const stems = () => files().map((f) => f.replace(/_\d{4}-.*$/, ''));
  // A flame graph that just opened has the keyboard focus in its webview, where F1 is not the palette.
  const focusEditor = () => page.locator('.tabs-container .tab[data-resource-name="main.go"]').first().click();
  try {
    await workbench.openFile('main.go');
    await workbench.goToLine(HEAP_STOP);
    await page.keyboard.press('F9');
    await page.keyboard.press('F5');
    await workbench.waitForBreakpointStop();

    const status = page.locator('.statusbar-item', { hasText: 'Profile' }).first();
    await status.click();
    // By its label: the details of other entries mention goroutines too.
    await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Goroutines$/ }) }).first().click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const tab = (prefix: string) => page.locator(`.tabs-container .tab[data-resource-name^="${prefix}"]`).first();
    await tab('goroutines_main.main-').waitFor({ timeout: 60_000 });
    await focusEditor();
    await workbench.runCommand('Go Profile: Capture Heap Here');
    await tab('heap_main.main-').waitFor({ timeout: 60_000 });
    assert.deepEqual(stems(), [`goroutines_main.main-${HEAP_STOP}`, `heap_main.main-${HEAP_STOP}`]);

    await focusEditor();
    await workbench.runCommand('Run and Debug: Focus on Profiles View');
    const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Profiles' }) }).locator('.monaco-list-row');
    await rows.nth(1).waitFor();
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(labels, [`Heap at main.main:${HEAP_STOP}`, `Goroutines at main.main:${HEAP_STOP}`], 'newest first');
    await workbench.screenshot('profiles-view');

    await rows.nth(0).click({ button: 'right' });
    await workbench.chooseFromMenu('Rename…');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill('before checksum');
    await page.keyboard.press('Enter');
    await rows.filter({ hasText: 'before checksum' }).first().waitFor();
    assert.deepEqual(stems(), ['before checksum.pb.gz', `goroutines_main.main-${HEAP_STOP}`]);

    await rows.filter({ hasText: 'before checksum' }).first().click({ button: 'right' });
    await workbench.chooseFromMenu('Delete');
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: /Move to Trash/ }).click();
    await rows.filter({ hasText: 'before checksum' }).first().waitFor({ state: 'detached' });
    assert.deepEqual(stems(), [`goroutines_main.main-${HEAP_STOP}`]);
    await workbench.screenshot('profiles-renamed-and-deleted');

    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await status.waitFor({ state: 'hidden' });
  } catch (e) {
    await workbench.screenshot('FAILED-capture-profiles').catch(() => undefined);
    throw new Error(`${(e as Error).message}\nprofile files: ${files().join(', ')}`);
  }
});
