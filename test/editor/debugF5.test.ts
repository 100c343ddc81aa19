// F5 on a Go file in a workspace without launch.json debugs it with go-dlv, in a real VS Code
// (code-server + Chromium) with the packaged extension: the breakpoint is hit, stopping the
// session leaves no dlv behind. Screenshots go to test-artifacts/editor/.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEditorSession, packageVsix, type EditorSession } from './session';

let session: EditorSession;

before(async () => {
  packageVsix();
  session = await openEditorSession();
});

after(async () => {
  await session?.close();
});

/** dlv processes running in the given directory (dlv starts in the program's module). */
function dlvIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return /\bdlv\0dap\0/.test(readFileSync(`/proc/${n}/cmdline`, 'utf8')) && readlinkSync(`/proc/${n}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('F5 with no launch.json stops at a breakpoint in the open Go file; Shift+F5 ends dlv', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  try {
    // The sample workspace has a launch.json; this test is about having none.
    rmSync(join(workspace, '.vscode', 'launch.json'));
    await workbench.openFile('main.go');
    const line = readFileSync(join(workspace, 'main.go'), 'utf8').split('\n').findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input.input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await workbench.editorLine('fmt.Println("records built:"').waitFor();
    await page.keyboard.press('F9');
    await page.locator('.editor-instance .codicon-debug-breakpoint').first().waitFor();
    await page.keyboard.press('F5');
    const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go (Delve, with profiling)' });
    const stopped = page.locator('.editor-instance .codicon-debug-stackframe');
    await Promise.race([picker.waitFor({ timeout: 60_000 }).then(() => picker.click()), stopped.waitFor({ timeout: 60_000 })]);
    await stopped.waitFor({ timeout: 90_000 });
    await page.locator('.debug-toolbar').waitFor();
    await workbench.screenshot('f5-stopped-at-breakpoint');
    assert.equal(dlvIn(workspace).length, 1, 'one dlv runs for the session, in the workspace module');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    const deadline = Date.now() + 10_000;
    while (dlvIn(workspace).length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(dlvIn(workspace), [], 'dlv is gone after Shift+F5');
  } catch (e) {
    await workbench.screenshot('FAILED-f5').catch(() => undefined);
    throw e;
  }
});

test('a dlvPath that does not exist: F5 shows what is wrong and offers to install dlv', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  const settings = join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'goDlv.dlvPath': '/nonexistent/dlv' }));
  try {
    await page.waitForTimeout(1000);
    await workbench.openFile('main.go');
    await page.keyboard.press('F5');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'dlv not found at dlvPath "/nonexistent/dlv"' });
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /go install github\.com\/go-delve\/delve\/cmd\/dlv@latest/);
    await toast.getByRole('button', { name: 'Install dlv' }).waitFor();
    await workbench.screenshot('missing-dlv-offers-install');
    assert.equal(await page.locator('.debug-toolbar').isVisible(), false, 'no session started');
  } catch (e) {
    await workbench.screenshot('FAILED-missing-dlv').catch(() => undefined);
    throw e;
  } finally {
    rmSync(settings, { force: true });
  }
});
