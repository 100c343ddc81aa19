// A person's first session with the extension in a real VS Code (code-server + Chromium):
// the packaged .vsix is installed, the sample Go workspace opens, our commands are in the
// palette, and the extension activates only when asked. Each step leaves a screenshot in
// test-artifacts/editor/; a failing step leaves one named FAILED-<step>.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEditorSession, packageVsix, root, type EditorSession } from './session';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let session: EditorSession;

before(async () => {
  packageVsix();
  session = await openEditorSession();
});

after(async () => {
  await session?.close();
});

function step(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    try {
      await body();
    } catch (e) {
      await session?.workbench.screenshot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw e;
    }
  });
}

step('the sample Go workspace opens in VS Code', async () => {
  const { workbench } = session;
  const files = await workbench.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  assert.ok(files.some((f) => f.includes('main.go')), `explorer shows ${files.join(', ')}`);
  await workbench.openFile('main.go');
  await workbench.editorLine('func checksum(').waitFor();
  await workbench.screenshot('workspace-open');
});

step('opening the workspace and a Go file does not activate the extension', async () => {
  const { workbench } = session;
  assert.equal(await workbench.activationTime(manifest.name), undefined);
});

step('the extension from the .vsix is installed, with its icon and version', async () => {
  const { workbench } = session;
  const entry = await workbench.installedExtension(manifest.displayName);
  await entry.click();
  const details = workbench.page.locator('.extension-editor');
  await details.locator('.header .name', { hasText: manifest.displayName }).waitFor();
  await details.getByText('VSIX', { exact: true }).waitFor();
  const text = await details.innerText();
  assert.match(text, new RegExp(`Version\\s+${manifest.version.replace(/\./g, '\\.')}`));
  assert.match(text, /Source\s+VSIX/);
  assert.equal(await details.locator('.header img.icon').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true, 'icon loads');
  await workbench.screenshot('extension-installed');
});

step('every contributed command is in the command palette', async () => {
  const { workbench } = session;
  const commands: { title: string; category?: string }[] = manifest.contributes.commands ?? [];
  for (const command of commands) {
    const label = command.category ? `${command.category}: ${command.title}` : command.title;
    const offered = await workbench.paletteLabels(label);
    assert.ok(offered.includes(label), `palette offers ${JSON.stringify(offered)} for "${label}"`);
  }
  await workbench.page.keyboard.press('F1');
  await workbench.page.locator('.quick-input-widget input.input').fill(`>${manifest.displayName}`);
  await workbench.page.waitForTimeout(300);
  await workbench.screenshot('command-palette');
  await workbench.page.keyboard.press('Escape');
});
