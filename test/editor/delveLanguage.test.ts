// Delve scripts in a real VS Code (code-server + Chromium, the packaged .vsix): a *.dlv file and
// a .dlvinit open as "Delve script", VS Code's own tokenizer gives them our grammar's scopes,
// and Toggle Line Comment uses '#'. Screenshots land in test-artifacts/editor/.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step as journeyStep, useEditorSession, type EditorSession } from './session';

let session: EditorSession;

const SCRIPT = [
  '# Stop on the slow path, print the key, go on',
  'break slow main.go:42 if len(key) > 3',
  'on slow print key',
  'cond -hitcount slow >= 10',
  'continue',
  'profile heap',
].join('\n');

useEditorSession((s) => {
  session = s;
  // Written after VS Code opened the folder, as a person adds a script to a workspace.
  writeFileSync(join(session.workspace, 'slow-path.dlv'), `${SCRIPT}\n`);
  writeFileSync(join(session.workspace, '.dlvinit'), 'config max-string-len 256\n');
});

function step(name: string, body: () => Promise<void>): void {
  journeyStep(name, () => session, body);
}

/** The language VS Code's status bar shows for the active editor. */
async function languageMode(): Promise<string> {
  const item = session.workbench.page.locator('[id="status.editor.mode"]');
  await item.waitFor();
  return (await item.innerText()).trim();
}

/** Puts the cursor inside `word` on the line that shows `lineText`, then reads the scopes VS Code inspects there. */
async function scopesAt(lineText: string, word: string): Promise<string> {
  const { workbench } = session;
  const column = lineText.indexOf(word);
  assert.ok(column >= 0, `${word} is not in ${lineText}`);
  await workbench.editorLine(lineText).click();
  await workbench.page.keyboard.press('Home');
  for (let i = 0; i <= column; i++) {
    await workbench.page.keyboard.press('ArrowRight');
  }
  await workbench.runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = workbench.page.locator('.token-inspect-widget');
  await widget.waitFor();
  const text = await widget.innerText();
  await workbench.page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
  return text;
}

step('a .dlv file opens as a Delve script', async () => {
  await session.workbench.openFile('slow-path.dlv');
  await session.workbench.editorLine('break slow main.go:42').waitFor();
  assert.equal(await languageMode(), 'Delve script');
  await session.workbench.screenshot('delve-script-open');
});

step('VS Code tokenizes it with the Delve grammar', async () => {
  const keyword = await scopesAt('break slow main.go:42 if len(key) > 3', 'break');
  assert.match(keyword, /keyword\.control\.breakpoint\.delve/);
  assert.match(keyword, /source\.delve/);
  assert.match(await scopesAt('break slow main.go:42 if len(key) > 3', 'slow'), /entity\.name\.label\.breakpoint\.delve/);
  assert.match(await scopesAt('break slow main.go:42 if len(key) > 3', 'main.go'), /string\.unquoted\.file-path\.delve/);
  assert.match(await scopesAt('break slow main.go:42 if len(key) > 3', 'len'), /support\.function\.builtin\.delve/);
  assert.match(await scopesAt('cond -hitcount slow >= 10', '>='), /keyword\.operator\.comparison\.delve/);
  assert.match(await scopesAt('profile heap', 'heap'), /constant\.language\.profile-kind\.delve/);
  assert.match(await scopesAt('# Stop on the slow path, print the key, go on', 'slow'), /comment\.line\.number-sign\.delve/);
  await session.workbench.screenshot('delve-script-tokens');
});

step('Toggle Line Comment comments a line with #', async () => {
  const { workbench } = session;
  await workbench.editorLine('continue').click();
  await workbench.runCommand('Toggle Line Comment');
  await workbench.editorLine('# continue').waitFor();
  await workbench.screenshot('delve-script-comment');
  await workbench.runCommand('Toggle Line Comment');
  await workbench.page.waitForTimeout(200);
  assert.equal(await workbench.editorLine('continue').innerText(), 'continue');
});

step('a .dlvinit file is a Delve script too', async () => {
  await session.workbench.openFile('.dlvinit');
  await session.workbench.editorLine('config max-string-len').waitFor();
  assert.equal(await languageMode(), 'Delve script');
});
