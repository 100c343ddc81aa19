// Delve scripts in a real VS Code (code-server + Chromium, the packaged .vsix): an `initScript`
// given relative to the workspace folder runs when F5 starts the session, its breakpoints show
// in the Breakpoints view, its output in the Debug Console, and the session stops where the
// script ended; "Go: Run Delve Script" runs the open .dlv file in that session.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step as journeyStep, useEditorSession, type EditorSession } from './session';

let session: EditorSession;

// Breakpoints outside buildRecords' loop: a conditional breakpoint there would be evaluated
// 200,000 times.
const INIT = ['# Log how many records were built, stop before the checksum', 'break built main.go:43', 'on built print len(records)', 'break sum main.go:44', 'continue', 'print records[0].name'];

useEditorSession((s) => {
  session = s;
  const { workspace } = session;
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'launch.json'),
    JSON.stringify({ version: '0.2.0', configurations: [{ name: 'Scripted records', type: 'go-dlv', request: 'launch', program: '${workspaceFolder}', initScript: 'debug.dlv' }] }, null, 2),
  );
  writeFileSync(join(workspace, 'debug.dlv'), `${INIT.join('\n')}\n`);
  writeFileSync(join(workspace, 'adhoc.dlv'), 'print records[7].name\nregs\n');
});

function step(name: string, body: () => Promise<void>): void {
  journeyStep(name, () => session, body);
}

async function debugConsole(): Promise<string> {
  const page = session.workbench.page;
  const repl = page.locator('.repl').first();
  // Ctrl+Shift+Y toggles the Debug Console: press it only while it is hidden.
  if (!(await repl.isVisible())) {
    await page.keyboard.press('Control+Shift+Y');
  }
  await repl.waitFor();
  return repl.innerText();
}

async function waitForConsole(text: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await debugConsole();
    if (shown.includes(text) || Date.now() > deadline) {
      return shown;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

step('F5 runs the initScript: logpoint output, a print at its stop, the session paused where it ended', async () => {
  const { workbench } = session;
  await workbench.openFile('main.go');
  await workbench.page.keyboard.press('F5');
  await workbench.waitForFrame('main.main', 'main.go', 44, 120_000);
  const shown = await waitForConsole('records[0].name: "record-0"');
  assert.ok(shown.includes('> [Go 1]: len(records): 200000'), shown);
  assert.ok(shown.includes('records[0].name: "record-0"'), shown);
  await workbench.page.keyboard.press('Control+Shift+D');
  const rows = await workbench.breakpoints();
  assert.ok(rows.some((r) => /main\.go.*\b43\b/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /main\.go.*\b44\b/.test(r)), rows.join(' | '));
  await workbench.screenshot('init-script-stopped');
});

step('Go: Run Delve Script runs the open .dlv file at the stop; a line it cannot run is reported with its number', async () => {
  const { workbench } = session;
  await workbench.openFile('adhoc.dlv');
  await workbench.runCommand('Go: Run Delve Script');
  const shown = await waitForConsole('records[7].name: "record-7"');
  assert.ok(shown.includes('records[7].name: "record-7"'), shown);
  assert.match(shown, /adhoc\.dlv:2: regs: DAP has no request for registers/);
  await workbench.screenshot('run-delve-script');
  await workbench.page.keyboard.press('Shift+F5');
  await workbench.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
});
