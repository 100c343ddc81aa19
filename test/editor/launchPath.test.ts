// What F5 and Ctrl+F5 start without launch.json, in a real VS Code (code-server + Chromium):
// with a GOROOT or module-cache file focused, F5 debugs the workspace's program (a quick pick
// when there are several, then the one debugged last), and Run Without Debugging runs the
// program past its breakpoint to the end with its output in the Debug Console.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useEditorSession, type EditorSession } from './session';
import { dlvIn } from './dlvProcesses';

let session: EditorSession;

useEditorSession((s) => {
  session = s;
  // This suite is about having no launch.json; a second main package makes F5 ask which.
  rmSync(join(s.workspace, '.vscode', 'launch.json'));
  mkdirSync(join(s.workspace, 'cmd', 'tool'), { recursive: true });
  writeFileSync(join(s.workspace, 'cmd', 'tool', 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("tool")\n}\n');
});

const mainGo = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const BREAKPOINT = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const goEnv = (name: string): string => execFileSync('go', ['env', name], { encoding: 'utf8' }).trim();


async function withScreenshotOnFailure(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await session.workbench.screenshot(`FAILED-${name}`).catch(() => undefined);
    throw e;
  }
}

/** Sets a breakpoint on `line` of main.go (open in the editor). */
async function breakpointAt(line: number): Promise<void> {
  const { workbench } = session;
  const page = workbench.page;
  await workbench.openFile('main.go');
  await workbench.goToLine(line);
  const breakpoint = page.locator('.editor-instance .codicon-debug-breakpoint').first();
  // Right after the window loads VS Code may not yet allow breakpoints in Go files (the
  // debugger contributions are still being read): F9 is a no-op then, so try again.
  for (let attempt = 0; attempt < 10 && !(await breakpoint.isVisible()); attempt++) {
    await page.keyboard.press('F9');
    await breakpoint.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await breakpoint.waitFor();
}

/** Presses `key`; if VS Code asks which debugger, answers ours. */
async function start(key: string): Promise<void> {
  const page = session.workbench.page;
  await page.keyboard.press(key);
  const debuggerPick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go (Delve, with profiling)' });
  if (await debuggerPick.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
    await debuggerPick.click();
  }
}

async function endSession(): Promise<void> {
  const page = session.workbench.page;
  await page.keyboard.press('Shift+F5');
  await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
}

test('F5 with a GOROOT file focused asks which workspace program, debugs it; from a module-cache file it debugs that one again', () =>
  withScreenshotOnFailure('f5-from-library', async () => {
    const { workbench, workspace } = session;
    const page = workbench.page;
    await breakpointAt(BREAKPOINT);
    await workbench.openFile(join(goEnv('GOROOT'), 'src', 'fmt', 'print.go'));
    await start('F5');
    const pick = page.locator('.quick-input-widget', { hasText: 'Debug which program?' });
    await pick.waitFor({ timeout: 30_000 });
    const rows = (await pick.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.ok(rows.some((r) => r.startsWith('cmd/tool')), rows.join(' | '));
    await workbench.screenshot('f5-from-goroot-asks-which-program');
    await pick.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^records$/ }) }).click();
    await pick.waitFor({ state: 'hidden' });
    await workbench.waitForFrame('main.main', 'main.go', BREAKPOINT, 120_000);
    assert.equal(dlvIn(workspace).length, 1, 'dlv runs in the workspace module');
    await workbench.screenshot('f5-from-goroot-stopped-in-main');
    await endSession();

    // A module-cache file (what stepping into a dependency opens): the program debugged last, no question.
    const modcache = goEnv('GOMODCACHE');
    const dir = JSON.parse(execFileSync('go', ['mod', 'download', '-json', 'github.com/yuin/goldmark@v1.7.8'], { cwd: workspace, encoding: 'utf8' })).Dir as string;
    assert.ok(dir.startsWith(modcache), `${dir} is in the module cache`);
    await workbench.openFile(join(dir, 'markdown.go'));
    await start('F5');
    await workbench.waitForFrame('main.main', 'main.go', BREAKPOINT, 120_000);
    assert.equal(await pick.isVisible(), false, 'no question the second time');
    await workbench.screenshot('f5-from-module-cache-stopped-in-main');
    await endSession();
  }));

test('Ctrl+F5 with a breakpoint set runs the program to its end: output in the Debug Console, no stop, the session ends', () =>
  withScreenshotOnFailure('ctrl-f5', async () => {
    const { workbench, workspace } = session;
    const page = workbench.page;
    await breakpointAt(BREAKPOINT);
    const repl = page.locator('.repl').first();
    // Ctrl+Shift+Y toggles the Debug Console: opened once, before the session.
    if (!(await repl.isVisible())) {
      await page.keyboard.press('Control+Shift+Y');
    }
    await repl.waitFor();
    let stopped = false;
    const stackFrame = page.locator('.editor-instance .codicon-debug-stackframe');
    await start('Control+F5');
    const deadline = Date.now() + 120_000;
    for (;;) {
      stopped ||= await stackFrame.first().isVisible();
      if ((await repl.innerText().catch(() => '')).includes('checksum:') || Date.now() > deadline) {
        break;
      }
      await page.waitForTimeout(200);
    }
    const shown = await repl.innerText();
    assert.match(shown, /records built: 200000[\s\S]*checksum: \d+/, 'the program\'s output in the Debug Console');
    assert.equal(stopped, false, 'never stopped at the breakpoint');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    const end = Date.now() + 10_000;
    while (dlvIn(workspace).length && Date.now() < end) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(dlvIn(workspace), [], 'the session ended with the program: no dlv left');
    await workbench.screenshot('ctrl-f5-ran-to-the-end');
  }));
