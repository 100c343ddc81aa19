// Comparing two profiles in a real VS Code (code-server + Chromium) with the packaged
// extension: Go Profile: Compare Profiles… through VS Code's file dialog, the differential
// flame graph in the panel, the per-line changes in the editor, and the one-line refusal of
// profiles of different kinds, on profiles written by a real Go program
// (test/fixtures/comparegen) inside the workspace, so their paths map to its source; and
// "Compare with Previous" on a heap capture in the Profiles view, after two stops of a
// go-dlv session on the sample workspace; and "Open in speedscope" from the panel.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
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
  await session.workbench.runCommand('Go Profile: Compare Profiles…');
  await answerOpenDialog(/Base profile/, base);
  await answerOpenDialog(/Target profile/, target);
}

/** Answers VS Code's own (simple) open dialog: a quick input that lists the folder as the path is typed. */
async function answerOpenDialog(title: RegExp, file: string): Promise<void> {
  const page = session.workbench.page;
  const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
  const input = widget.locator('input.input');
  const listed = widget.locator('.quick-input-list .monaco-list-row', { hasText: basename(file) }).first();
  await input.waitFor();
  // The dialog fills in its starting folder a moment after it opens and re-reads the folder while
  // the path is typed: it may rewrite what was typed or drop an accept meanwhile.
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await input.inputValue()) !== file) await input.fill(file);
    if (!(await listed.waitFor({ timeout: 5_000 }).then(() => true, () => false))) continue;
    if ((await input.inputValue()) !== file) continue;
    await widget.locator('.monaco-button', { hasText: /^OK$/ }).click();
    if (await widget.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false)) break;
  }
  await widget.waitFor({ state: 'hidden' });
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

test('Compare with Previous on a capture in the Profiles view compares it with the earlier heap of the session', async () => {
  const { workbench } = session;
  const page = workbench.page;
  const mainGo = readFileSync(join(session.workspace, 'main.go'), 'utf8').split('\n');
  const first = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
  const second = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;
  try {
    await workbench.openFile('main.go');
    for (const line of [first, second]) {
      await workbench.goToLine(line);
      await page.keyboard.press('F9');
    }
    await page.keyboard.press('F5');
    await workbench.waitForFrame('main.main', 'main.go', first);
    await workbench.runCommand('Go Profile: Capture Heap Here');
    await ProfileView.find(page, `heap_main.main-${first}`);
    await workbench.debugToolbarButton('Continue').click();
    await workbench.waitForFrame('main.main', 'main.go', second);
    await workbench.runCommand('Go Profile: Capture Heap Here');
    await ProfileView.find(page, `heap_main.main-${second}`);

    await workbench.runCommand('Run and Debug: Focus on Profiles View');
    const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Profiles' }) }).locator('.monaco-list-row');
    await rows.nth(1).waitFor();
    await rows.nth(0).click({ button: 'right' });
    await workbench.chooseFromMenu('Compare with Previous');
    const view = await ProfileView.find(page, `main.main:${first} (`);
    const title = await view.title();
    assert.match(title, new RegExp(`main\\.main:${second}.* vs .*main\\.main:${first}`), 'the newer capture against the one before it');
    assert.equal(await view.frame.evaluate(() => Boolean((window as unknown as { goProfile: { app: { model: { base?: unknown } } } }).goProfile.app.model.base)), true);
    await workbench.screenshot('compare-with-previous');

    // Two rows selected: Compare with… compares them directly, the older as the base.
    await workbench.runCommand('View: Close All Editors');
    await page.locator('.tab', { hasText: ' vs ' }).first().waitFor({ state: 'detached' });
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Control'] });
    await page.locator('.pane .monaco-list-row.selected').nth(1).waitFor();
    await rows.nth(1).click({ button: 'right' });
    await workbench.chooseFromMenu('Compare with…');
    const selectedView = await ProfileView.find(page, `main.main:${first} (`);
    assert.match(await selectedView.title(), new RegExp(`main\\.main:${second}.* vs .*main\\.main:${first}`), 'the two selected captures, the older as the base');
    assert.equal(await page.locator('.quick-input-widget:visible').count(), 0, 'nothing asked: the selection said which two');
    await workbench.screenshot('compare-selected');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  } catch (e) {
    await workbench.screenshot('FAILED-compare-with-previous').catch(() => undefined);
    throw e;
  }
});

/** The cost annotation after the first rendered line containing `fragment` ('' when it has none). */
async function annotationOn(fragment: string): Promise<string | undefined> {
  return session.workbench.page.evaluate((frag) => {
    for (const line of Array.from(document.querySelectorAll('.editor-instance .view-line'))) {
      if (!(line.textContent ?? '').includes(frag)) continue;
      return Array.from(line.querySelectorAll('span'))
        .map((e) => getComputedStyle(e, '::after').content)
        .filter((c) => /\d/.test(c) && !c.includes('Δ'))
        .join(' ');
    }
    return undefined;
  }, fragment);
}

/** Polls until both pprof.Do lines of the labels program are rendered and `ok` holds of their annotations. */
async function labelLines(ok: (home: string, api: string) => boolean): Promise<{ home?: string; api?: string }> {
  let seen: { home?: string; api?: string } = {};
  for (let i = 0; i < 60; i++) {
    seen = { home: await annotationOn('"/home"'), api: await annotationOn('"/api"') };
    if (seen.home !== undefined && seen.api !== undefined && ok(seen.home, seen.api)) break;
    await session.workbench.page.waitForTimeout(250);
  }
  return seen;
}

test('a label filter in the active profile\'s flame graph applies to its editor annotations, and clearing it restores them', async () => {
  const { workbench } = session;
  const page = workbench.page;
  const source = readFileSync(join(gen, 'comparegen.go'), 'utf8').split('\n');
  const apiLine = source.findIndex((l) => l.includes('"/api"')) + 1;
  const showSource = async (): Promise<void> => {
    await workbench.openFile('comparegen.go');
    await workbench.goToLine(apiLine);
  };
  const showProfile = (): Promise<void> => workbench.runCommand('View: Open Previous Editor');
  try {
    await workbench.runCommand('Go Profile: Open Profile…');
    await answerOpenDialog(/Open Go profile/, join(gen, 'cpu.pb.gz'));
    const view = await ProfileView.find(page, 'cpu.pb.gz');
    await showSource();
    const whole = await labelLines((home, api) => home !== '' && api !== '');
    assert.ok(whole.home && whole.api, `unfiltered: both labelled calls annotated: ${JSON.stringify(whole)}`);

    await showProfile();
    await view.frame.locator('#filter-tagfocus').fill('route=/home');
    await view.frame.locator('#filter-tagfocus').press('Enter');
    await view.frame.locator('#filter-clear:not([disabled])').waitFor();
    await showSource();
    const home = await labelLines((_home, api) => api === '');
    assert.deepEqual(home, { home: whole.home, api: '' }, 'tagfocus=route=/home: the /api call has no cost left, the /home call keeps its cost and share');
    await workbench.screenshot('annotations-filtered');

    await showProfile();
    await view.frame.locator('#filter-clear').click();
    await view.frame.locator('#filter-clear[disabled]').waitFor();
    await showSource();
    assert.deepEqual(await labelLines((_home, api) => api !== ''), whole, 'cleared: back to the whole profile');
  } catch (e) {
    await workbench.screenshot('FAILED-annotations-filtered').catch(() => undefined);
    throw e;
  }
});

test('Open in speedscope shows the profile in speedscope\'s own app, in a panel of its own', async () => {
  const { workbench } = session;
  const page = workbench.page;
  try {
    await workbench.runCommand('Go Profile: Open Profile…');
    await answerOpenDialog(/Open Go profile/, join(gen, 'cpu.pb.gz'));
    const view = await ProfileView.find(page, 'cpu.pb.gz');
    await view.frame.locator('#speedscope').click();
    // The webview's resources (app, loader, export) are served by code-server: a page that
    // shows speedscope's toolbar with our title has fetched and read the export.
    let shown = false;
    for (let i = 0; i < 120 && !shown; i++) {
      for (const frame of page.frames()) {
        shown ||= await frame
          .evaluate(() => document.title.includes('cpu.pb.gz') && document.body.innerText.includes('Left Heavy') && document.body.innerText.includes('cpu.pb.gz'))
          .catch(() => false);
      }
      if (!shown) await page.waitForTimeout(250);
    }
    assert.ok(shown, 'speedscope shows cpu.pb.gz');
    assert.ok(await page.locator('.tab', { hasText: 'speedscope: cpu.pb.gz' }).count() > 0, 'in a tab of its own');
    await workbench.screenshot('speedscope');
  } catch (e) {
    await workbench.screenshot('FAILED-speedscope').catch(() => undefined);
    throw e;
  }
});
