// "Save as default.pgo" in a real VS Code (code-server + Chromium) with the packaged extension:
// two CPU profiles written by a real Go program (test/fixtures/comparegen) are selected in the
// explorer and saved as default.pgo; the file lands in the workspace's main package folder,
// equals pprof's own merge of the two by `go tool pprof -top`, and `go build` (-pgo=auto, the
// default) builds with it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, useEditorSession, type EditorSession } from './session';
import { poll } from './traceViewerFrame';

let session: EditorSession;

useEditorSession((s) => {
  session = s;
  // Built outside the workspace, so the workspace keeps one main package.
  const bin = mkdtempSync(join(tmpdir(), 'gdp-pgo-'));
  try {
    const prog = join(bin, 'comparegen');
    execFileSync('go', ['build', '-o', prog, '.'], { cwd: join(root, 'test', 'fixtures', 'comparegen'), stdio: 'pipe' });
    for (const name of ['first.pb.gz', 'second.pb.gz']) execFileSync(prog, ['labels', join(s.workspace, name)], { stdio: 'pipe' });
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
  // explorer.autoReveal re-selects the active editor's file alone; under load the opened
  // profile's editor did so after the Ctrl+click, and one profile was merged instead of two.
}, () => ({ settings: { 'explorer.autoReveal': false } }));

/** go tool pprof -top's rows (header lines dropped: they name the files). */
function pprofTop(...files: string[]): string[] {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', '-unit=ns', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => /^\s*-?\d/.test(l));
}

test('two CPU profiles selected in the explorer are saved as default.pgo that go build takes', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  const pgo = join(workspace, 'default.pgo');
  await workbench.runCommand('Refresh Explorer');
  const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }).first();
  await row('first.pb.gz').waitFor({ timeout: 30_000 });
  await row('first.pb.gz').click();
  await page.locator('.tabs-container .tab.active[data-resource-name="first.pb.gz"]').waitFor({ timeout: 30_000 });
  await row('second.pb.gz').click({ modifiers: ['Control'] });
  await page.locator('.explorer-folders-view .monaco-list-row.selected').nth(1).waitFor();
  await row('second.pb.gz').click({ button: 'right' });
  await workbench.chooseFromMenu('Save as default.pgo');
  await poll('default.pgo is written', async () => existsSync(pgo), 30_000);
  // Read in the notification center: under load VS Code sometimes kept the toast hidden (the
  // bell showed it unread), so toasts alone made this check fail while the message was there.
  await workbench.runCommand('Notifications: Show Notifications');
  const messages = page.locator('.notifications-center .notification-list-item-message');
  let shown: string[] = [];
  await poll('the notification names it', async () => (shown = await messages.allInnerTexts()).some((n) => n.includes('default.pgo') && n.includes('2 profiles')), 15_000).catch(async (err: Error) => {
    await workbench.screenshot('FAILED-notification');
    throw new Error(`${err.message}; notifications: ${JSON.stringify(shown)}`);
  });
  await workbench.screenshot('saved-default-pgo');

  assert.deepEqual(pprofTop(pgo), pprofTop(join(workspace, 'first.pb.gz'), join(workspace, 'second.pb.gz')), 'default.pgo is pprof’s merge of the two');
  const exe = join(workspace, 'records.bin');
  execFileSync('go', ['build', '-o', exe, '.'], { cwd: workspace, stdio: 'pipe' });
  const settings = execFileSync('go', ['version', '-m', exe], { encoding: 'utf8' });
  assert.match(settings, new RegExp(`build\\s+-pgo=${pgo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'go build used default.pgo');
});
