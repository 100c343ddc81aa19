// F5 on a Go file in a workspace without launch.json debugs it with go-dlv, in a real VS Code
// (code-server + Chromium) with the packaged extension: the breakpoint is hit, stopping the
// session leaves no dlv behind. Screenshots go to test-artifacts/editor/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, processTree } from '../../src/debug/processTree';
import { root, useEditorSession, type EditorSession } from './session';
import { dlvIn } from './dlvProcesses';

let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

/** Opens a workspace file from the Explorer (one click, no Quick Open list to race). */
async function openFromExplorer(page: EditorSession['workbench']['page'], name: string): Promise<void> {
  // After a debug session the side bar shows Run and Debug; bring the Explorer back.
  await page.keyboard.press('Control+Shift+E');
  // A double click opens the file pinned and moves focus into its editor.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).first().dblclick();
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}


test('F5 with no launch.json stops at a breakpoint in the open Go file; Shift+F5 ends dlv', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  try {
    // The sample workspace has a launch.json; this test is about having none.
    rmSync(join(workspace, '.vscode', 'launch.json'));
    await openFromExplorer(page, 'main.go');
    const line = readFileSync(join(workspace, 'main.go'), 'utf8').split('\n').findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input.input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await workbench.editorLine('fmt.Println("records built:"').waitFor();
    // Right after the window loads VS Code may not yet allow breakpoints in Go files (the
    // debugger contributions are still being read): F9 is a no-op then, so try again.
    const breakpoint = page.locator('.editor-instance .codicon-debug-breakpoint').first();
    for (let attempt = 0; attempt < 10 && !(await breakpoint.isVisible()); attempt++) {
      await page.keyboard.press('F9');
      await breakpoint.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await breakpoint.waitFor();
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
    await openFromExplorer(page, 'main.go');
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

test('attach: the process picker lists a running Go program; pause shows it paused; stopping detaches', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  const binDir = mkdtempSync(join(tmpdir(), 'godlv-attach-'));
  const binary = join(binDir, 'waiter');
  execFileSync('go', ['build', '-gcflags=all=-N -l', '-o', binary, '.'], { cwd: join(root, 'test', 'fixtures', 'debug') });
  const target = spawn(binary, ['wait'], { stdio: 'ignore' });
  const launchJson = join(workspace, '.vscode', 'launch.json');
  writeFileSync(launchJson, JSON.stringify({ version: '0.2.0', configurations: [{ type: 'go-dlv', request: 'attach', name: 'Attach to waiter', mode: 'local' }] }));
  try {
    await page.waitForTimeout(1000);
    // With one configuration in launch.json, F5 starts it.
    await page.locator('.statusbar-item', { hasText: 'Attach to waiter' }).first().waitFor({ timeout: 30_000 });
    await openFromExplorer(page, 'main.go');
    await page.keyboard.press('F5');
    const input = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget', { hasText: 'Attach to a Go process' }).waitFor();
    await input.fill(String(target.pid));
    const row = page.locator('.quick-input-list .monaco-list-row:visible', { hasText: 'waiter' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${target.pid} · go1\\.\\d+`), 'listed as a Go program with its Go version');
    await workbench.screenshot('attach-process-picker');
    await row.click();
    await page.locator('.debug-toolbar').waitFor({ timeout: 60_000 });
    await page.locator('.debug-toolbar .codicon-debug-pause').click();
    // Paused: the editor shows where (somewhere in the runtime, where the program sleeps).
    await page.locator('.editor-instance .codicon-debug-stackframe').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('attach-paused');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await page.waitForTimeout(500);
    assert.equal(target.exitCode, null, 'the attached program keeps running after the session');
  } catch (e) {
    await workbench.screenshot('FAILED-attach').catch(() => undefined);
    throw e;
  } finally {
    target.kill('SIGKILL');
    rmSync(binDir, { recursive: true, force: true });
    rmSync(launchJson, { force: true });
  }
});

test('the extension host dying mid-session takes dlv, the program and the build dir with it', async () => {
  const { workbench, workspace, server } = session;
  const page = workbench.page;
  await openFromExplorer(page, 'main.go');
  await page.keyboard.press('F5');
  await page.locator('.editor-instance .codicon-debug-stackframe').first().waitFor({ timeout: 90_000 });
  const [dlv] = dlvIn(workspace);
  assert.ok(dlv, 'dlv runs for the session');
  const tree = processTree([dlv]);
  const buildDir = tree.map(cmdline).map((c) => /(\S*\/go-dlv-\w+)\/__debug_bin/.exec(c)?.[1]).find(Boolean);
  assert.ok(buildDir && existsSync(buildDir), `the session's build dir among ${tree.map(cmdline).join('; ')}`);
  const extensionHost = processTree([server.pid]).find((p) => /--type=extensionHost/.test(cmdline(p)));
  assert.ok(extensionHost, 'the extension host is a process of code-server');
  process.kill(extensionHost, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (tree.some(isAlive) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(tree.filter(isAlive).map(cmdline), [], 'dlv and the program are gone');
  // Only the watchdog removes this: dlv would at most delete the binary inside.
  while (existsSync(buildDir) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(existsSync(buildDir), false, 'the watchdog removed the session build dir');
  await workbench.screenshot('extension-host-killed');
});
