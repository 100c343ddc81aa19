// Comparing two profiles in a real VS Code (code-server + Chromium) with the packaged
// extension: Go Profile: Compare Profiles… through VS Code's file dialog, the differential
// flame graph in the panel, the per-line changes in the editor, and the one-line refusal of
// profiles of different kinds. The profiles are written by a real Go program
// (test/fixtures/comparegen) inside the workspace, so their paths map to its source.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openEditorSession, packageVsix, root, type EditorSession } from './session';
import { ProfileView } from './profileView';

let session: EditorSession;
let gen: string;

before(async () => {
  packageVsix();
  session = await openEditorSession();
  // In the workspace, under a name of its own (Quick Open finds it without the fixture's main.go).
  gen = join(session.workspace, 'comparegen');
  cpSync(join(root, 'test', 'fixtures', 'comparegen'), gen, { recursive: true });
  renameSync(join(gen, 'main.go'), join(gen, 'comparegen.go'));
  const prog = join(gen, 'comparegen.bin');
  execFileSync('go', ['build', '-o', prog, '.'], { cwd: gen, stdio: 'pipe' });
  execFileSync(prog, ['allocs', '1', '4', '5', join(gen, 'base.pb.gz')], { stdio: 'pipe' });
  execFileSync(prog, ['allocs', '8', '2', '5', join(gen, 'target.pb.gz')], { stdio: 'pipe' });
  execFileSync(prog, ['labels', join(gen, 'cpu.pb.gz')], { stdio: 'pipe' });
});

after(async () => {
  await session?.close();
});

/** Runs Compare Profiles… and answers VS Code's two open dialogs with these files. */
async function compare(base: string, target: string): Promise<void> {
  const { workbench } = session;
  const page = workbench.page;
  await workbench.runCommand('Go Profile: Compare Profiles…');
  for (const file of [base, target]) {
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(file);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
  }
}

async function afterLineTexts(): Promise<string[]> {
  return session.workbench.page.evaluate(() =>
    Array.from(document.querySelectorAll('.editor-instance .view-line span'))
      .map((e) => getComputedStyle(e, '::after').content)
      .filter((c) => c.includes('Δ')),
  );
}

test('Compare Profiles…: a differential flame graph and the change per line in the editor', async () => {
  const { workbench } = session;
  const page = workbench.page;
  await workbench.openFile('comparegen.go');
  await compare(join(gen, 'base.pb.gz'), join(gen, 'target.pb.gz'));
  const view = await ProfileView.find(page, 'target.pb.gz vs base.pb.gz');
  const seen = await view.frame.evaluate(() => {
    interface App {
      model: { funcNames: string[]; base?: { baseTitle: string }; tree: { length: number; func: Int32Array } };
      diff: { direction(n: number): number } | null;
    }
    const app = (window as unknown as { goProfile: { app: App } }).goProfile.app;
    const dir = (name: string): number[] => {
      const out: number[] = [];
      for (let n = 1; n < app.model.tree.length; n++) if (app.model.funcNames[app.model.tree.func[n]] === name) out.push(app.diff?.direction(n) ?? 99);
      return out;
    };
    return { baseTitle: app.model.base?.baseTitle, growing: dir('main.growing'), shrinking: dir('main.shrinking'), steady: dir('main.steady') };
  });
  assert.deepEqual(seen, { baseTitle: 'base.pb.gz', growing: [1], shrinking: [-1], steady: [0] });
  await view.frame.locator('#increases tbody tr').first().waitFor();
  assert.ok((await view.frame.locator('#decreases td.name').allInnerTexts()).includes('main.shrinking'));
  await workbench.screenshot('compare-panel');

  // Monaco renders only the lines on screen: go to the calls whose cost changed.
  const source = readFileSync(join(gen, 'comparegen.go'), 'utf8').split('\n');
  await page.locator('.editor-group-container', { has: page.locator('.tab.active[data-resource-name="comparegen.go"]') }).locator('.view-lines').first().click();
  await workbench.goToLine(source.findIndex((l) => l.includes('growing(count(os.Args[2]))')) + 1);
  let texts: string[] = [];
  for (let i = 0; i < 40 && texts.length === 0; i++) {
    await page.waitForTimeout(250);
    texts = await afterLineTexts();
  }
  assert.ok(texts.some((t) => /Δ \+448kB alloc_space/.test(t)), `after-line texts: ${texts.join(' | ')}`);
  assert.ok(texts.some((t) => /Δ -128kB alloc_space/.test(t)), `after-line texts: ${texts.join(' | ')}`);
  await workbench.screenshot('compare-editor');
});

test('profiles of different kinds are refused in one line', async () => {
  const { workbench } = session;
  await compare(join(gen, 'base.pb.gz'), join(gen, 'cpu.pb.gz'));
  let shown: string[] = [];
  for (let i = 0; i < 40 && !shown.some((n) => n.startsWith('Cannot compare')); i++) {
    await workbench.page.waitForTimeout(250);
    shown = await workbench.notifications();
  }
  const refusal = shown.find((n) => n.startsWith('Cannot compare'));
  assert.equal(refusal, 'Cannot compare cpu.pb.gz with base.pb.gz: they are different kinds of profile (samples/cpu and alloc_objects/alloc_space/inuse_objects/inuse_space).');
});
