// F5 on a Go program that does not compile, in a real VS Code (code-server + Chromium): one
// notification with the first error, both errors in the Problems view at their lines, no
// dialog and nothing of the adapter's build (its -overlay, helper files, temp paths) on screen;
// the next launch that builds clears the Problems view.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useEditorSession, type EditorSession } from './session';

let session: EditorSession;
let original: string;
const FIRST = 'records := buildRecords("many")';
const SECOND = 'fmt.Println("checksum:", sum, summ)';
let lines: { first: number; second: number };

useEditorSession((s) => {
  session = s;
  const main = join(s.workspace, 'main.go');
  original = readFileSync(main, 'utf8');
  const broken = original.replace('records := buildRecords(200000)', FIRST).replace('fmt.Println("checksum:", sum)', SECOND);
  assert.notEqual(broken, original);
  writeFileSync(main, broken);
  const at = (text: string): number => broken.split('\n').findIndex((l) => l.includes(text)) + 1;
  lines = { first: at(FIRST), second: at(SECOND) };
});

/** What must never reach the user: the adapter's flags, helper files and temp paths. */
const INTERNAL = /overlay|zz_go_debug_profile|go-dlv-|go-debug-profile-|__debug_bin/;

test('F5 on a program with two compile errors: one notification with the first, both in Problems at their lines; a good build clears them', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('main.go');
    await page.keyboard.press('F5');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Build failed' });
    await toast.waitFor({ timeout: 90_000 });
    // Anything else VS Code would say about the failed launch comes with the same response.
    await page.waitForTimeout(1_000);
    const toasts = await workbench.notifications();
    assert.equal(toasts.filter((t) => /build|launch/i.test(t)).length, 1, `one notification: ${JSON.stringify(toasts)}`);
    const text = (await toast.locator('.notification-list-item-message').innerText()).trim();
    assert.match(text, new RegExp(`^Build failed: main\\.go:${lines.first}:\\d+: cannot use "many" \\(untyped string constant\\) as int value`));
    assert.match(text, /1 more in the Problems view/);
    assert.equal(await page.locator('.monaco-dialog-box').isVisible(), false, 'no dialog');
    await workbench.screenshot('build-failed-notification');

    await toast.getByRole('button', { name: 'Show Problems' }).click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'undefined: summ' }).first().waitFor({ timeout: 10_000 });
    const problems = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    const at = (message: RegExp, line: number): boolean => problems.some((p) => message.test(p) && new RegExp(`\\[Ln ${line}, Col \\d+\\]`).test(p));
    assert.ok(at(/cannot use "many"/, lines.first), `problems: ${problems.join(' | ')}`);
    assert.ok(at(/undefined: summ/, lines.second), `problems: ${problems.join(' | ')}`);
    await workbench.screenshot('build-failed-problems');

    await page.keyboard.press('Control+Shift+Y');
    const console = page.locator('.repl .monaco-list-rows');
    await console.filter({ hasText: 'undefined: summ' }).waitFor({ timeout: 10_000 });
    const shown = `${await console.innerText()}\n${problems.join('\n')}\n${toasts.join('\n')}`;
    assert.doesNotMatch(shown, INTERNAL, `on screen:\n${shown}`);
    await workbench.screenshot('build-failed-console');

    writeFileSync(join(workspace, 'main.go'), original);
    await workbench.openFile('main.go');
    await workbench.goToLine(lines.first);
    // The editor has read the fixed file from disk before F5 saves it.
    await workbench.editorLine('records := buildRecords(200000)').waitFor();
    await page.keyboard.press('F5');
    // The program runs to its end: the session shows its output and is gone.
    await page.locator('.repl .monaco-list-rows', { hasText: 'checksum:' }).waitFor({ timeout: 90_000 });
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await page.getByRole('tab', { name: /^Problems/ }).click();
    await page.locator('.markers-panel').waitFor();
    await page.getByText('No problems have been detected in the workspace.').waitFor({ timeout: 10_000 });
    await workbench.screenshot('build-fixed-problems-cleared');
  } catch (e) {
    await workbench.screenshot('FAILED-build-errors').catch(() => undefined);
    throw e;
  }
});
