// Install dlv from the F5 that found none, in a real VS Code (code-server + Chromium) whose PATH
// has no `go` (the extension finds it under GOROOT, as it does for a Go installed outside
// PATH): the task runs that absolute go, the user is told where dlv went, and the F5 goes on to
// the breakpoint. `go install` reads the module cache as its proxy, so nothing is downloaded,
// and GOBIN is a temp dir, so the machine's dlv is left alone.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { useEditorSession, type EditorSession } from './session';

const goEnv = (name: string): string => execFileSync('go', ['env', name], { encoding: 'utf8' }).trim();
const gobin = mkdtempSync(join(tmpdir(), 'gdp-gobin-'));
const mainGo = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const BREAKPOINT = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;

let session: EditorSession;

useEditorSession(
  (s) => {
    session = s;
    rmSync(join(s.workspace, '.vscode', 'launch.json'));
    // dlvPath is machine-overridable: a remote VS Code (code-server) takes it from the workspace, not the user.
    writeFileSync(join(s.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'goDlv.dlvPath': '/nonexistent/dlv' }));
  },
  () => ({
    env: {
      ...process.env,
      // No directory that holds a go: the task terminal inherits this PATH.
      PATH: (process.env.PATH ?? '').split(delimiter).filter((d) => d && !existsSync(join(d, 'go'))).join(delimiter),
      GOROOT: goEnv('GOROOT'),
      GOBIN: gobin,
      GOPROXY: `file://${join(goEnv('GOMODCACHE'), 'cache', 'download')}`,
      GOSUMDB: 'off',
    },
  }),
);

after(() => rmSync(gobin, { recursive: true, force: true }));

test('Install dlv runs the go the extension found, says where dlv went and continues the F5 to the breakpoint', async () => {
  const { workbench } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('main.go');
    await workbench.goToLine(BREAKPOINT);
    const breakpoint = page.locator('.editor-instance .codicon-debug-breakpoint').first();
    // Right after the window loads VS Code may not yet allow breakpoints in Go files: try again.
    for (let attempt = 0; attempt < 10 && !(await breakpoint.isVisible()); attempt++) {
      await page.keyboard.press('F9');
      await breakpoint.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await breakpoint.waitFor();
    await page.keyboard.press('F5');
    const debuggerPick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go (Delve, with profiling)' });
    const offer = page.locator('.notifications-toasts .notification-list-item', { hasText: 'dlv not found at dlvPath "/nonexistent/dlv"' });
    await Promise.race([debuggerPick.waitFor({ timeout: 30_000 }).then(() => debuggerPick.click()), offer.waitFor({ timeout: 30_000 })]);
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Install dlv' }).click();
    const installed = page.locator('.notifications-toasts .notification-list-item', { hasText: 'installed at' });
    await installed.waitFor({ timeout: 180_000 });
    const text = (await installed.innerText()).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`Delve \\d+\\.\\d+\\.\\d+ installed at ${join(gobin, 'dlv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. goDlv\\.dlvPath still says /nonexistent/dlv`));
    assert.ok(existsSync(join(gobin, 'dlv')), 'dlv is in GOBIN');
    await workbench.screenshot('install-dlv-told-where');
    await workbench.waitForFrame('main.main', 'main.go', BREAKPOINT, 120_000);
    await workbench.screenshot('install-dlv-continued-to-breakpoint');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  } catch (e) {
    await workbench.screenshot('FAILED-install-dlv').catch(() => undefined);
    throw e;
  }
});
