// A person's first session with the extension in a real VS Code (code-server + Chromium):
// the packaged .vsix is installed, the sample Go workspace opens, our commands are in the
// palette, the extension activates only when asked; then a breakpoint, F5, a heap profile
// captured from the debug toolbar, its flame graph, a click on a frame that lands on the
// source line, the cost in the editor (hidden on a line while it is edited, back on undo), a CPU
// profile from one stop to the next, a clean stop, a window reload that keeps the profile
// annotating the editor. Each step leaves a screenshot in test-artifacts/editor/journey/; a
// failing step leaves one named FAILED-<step>.
import type { TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, root, step as journeyStep, useEditorSession, type EditorSession } from './session';
import { ProfileView } from './profileView';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const lineOf = (text: string): number => mainGo.findIndex((l) => l.includes(text)) + 1;
/** Stop 1: the records are built and live. Stop 2: checksum has run. */
const HEAP_STOP = lineOf('fmt.Println("records built:"');
const CPU_STOP = lineOf('fmt.Println("checksum:"');
const BUILD_RECORDS = { first: lineOf('func buildRecords('), last: lineOf('return records') + 1 };

interface PaletteEntry {
  command: string;
  when?: string;
}
const paletteWhen = new Map<string, string | undefined>(
  ((manifest.contributes.menus?.commandPalette ?? []) as PaletteEntry[]).map((e) => [e.command, e.when]),
);
/** Contributed commands with the palette's `when` for them (undefined: always offered). */
const commands = ((manifest.contributes.commands ?? []) as { command: string; title: string; category?: string }[]).map((c) => ({
  ...c,
  label: c.category ? `${c.category}: ${c.title}` : c.title,
  when: paletteWhen.get(c.command),
}));
let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

function step(name: string, body: (t: TestContext) => Promise<void>): void {
  journeyStep(name, () => session, body);
}

step('the sample Go workspace opens in VS Code, and nothing activates the extension yet', async () => {
  const { workbench } = session;
  const files = await workbench.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  assert.ok(files.some((f) => f.includes('main.go')), `explorer shows ${files.join(', ')}`);
  assert.equal(await workbench.activation(manifest.name), undefined);
  await workbench.screenshot('workspace-open');
});

step('opening a Go file activates the extension; activation time is reported', async (t) => {
  const { workbench } = session;
  await workbench.openFile('main.go');
  await workbench.editorLine('func checksum(').waitFor();
  const activation = await workbench.activation(manifest.name);
  assert.ok(activation, 'the extension is not active');
  t.diagnostic(`activation of ${manifest.name} in code-server ${activation.text} (${activation.reason})`);
  assert.match(activation.reason, /because you opened a go file/);
  assert.ok(activation.ms < 2_000, `activation took ${activation.ms} ms`);
  await workbench.screenshot('running-extensions');
  await workbench.openFile('main.go');
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

step('the getting-started walkthrough shows its steps', async () => {
  const { workbench } = session;
  const walkthrough = manifest.contributes.walkthroughs[0] as { title: string; steps: { title: string }[] };
  await workbench.runCommand('Welcome: Open Walkthrough...');
  await workbench.pick(walkthrough.title);
  const page = workbench.page.locator('.gettingStartedContainer');
  await page.getByText(walkthrough.title).first().waitFor();
  for (const step of walkthrough.steps) {
    await page.locator('.getting-started-step', { hasText: step.title }).first().waitFor();
  }
  await workbench.screenshot('walkthrough');
});

step('every command meant for the palette is in it', async () => {
  const { workbench } = session;
  for (const command of commands.filter((c) => c.when === undefined)) {
    const { offered, labels } = await workbench.paletteOffers(command.label);
    assert.ok(offered, `palette offers ${JSON.stringify(labels)} for "${command.label}"`);
  }
  await workbench.page.keyboard.press('F1');
  await workbench.page.locator('.quick-input-widget input.input').fill('>Go Profile');
  await workbench.page.waitForTimeout(300);
  await workbench.screenshot('command-palette');
  await workbench.page.keyboard.press('Escape');
});

step('a breakpoint and F5 stop the program in a go-dlv session', async () => {
  const { workbench } = session;
  await workbench.openFile('main.go');
  await workbench.goToLine(HEAP_STOP);
  await workbench.page.keyboard.press('F9');
  await workbench.screenshot('breakpoint-set');
  await workbench.page.keyboard.press('F5');
  await workbench.waitForBreakpointStop();
  await workbench.waitForFrame('main.main', 'main.go', HEAP_STOP);
  assert.ok((await workbench.breakpoints()).includes(`main.go ${HEAP_STOP}`), `breakpoints: ${await workbench.breakpoints()}`);
  await workbench.screenshot('stopped-at-breakpoint');
});

step('while stopped in go-dlv, the capture commands are in the palette', async () => {
  const { workbench } = session;
  // Capture commands are enabled in go-dlv sessions (most also in the official extension's go sessions);
  // Run Delve Script also needs a .dlv editor, so it is not among them.
  const capture = commands.filter((c) => c.when?.startsWith("debugType == 'go-dlv'"));
  assert.ok(capture.length >= 7, `capture commands: ${capture.map((c) => c.label).join(', ')}`);
  for (const command of capture) {
    const { offered, labels } = await workbench.paletteOffers(command.label);
    assert.ok(offered, `palette offers ${JSON.stringify(labels)} for "${command.label}"`);
  }
});

step('the flame button of the debug toolbar captures the heap and opens its flame graph', async () => {
  const { workbench } = session;
  await workbench.debugToolbarButton('Capture Profile at This Stop').click();
  await workbench.pick('Heap Here');
  const view = await ProfileView.find(workbench.page, 'heap');
  const functions = await view.tableFunctions();
  for (const f of ['main.buildRecords', 'strings.Fields', 'fmt.Sprintf']) {
    assert.ok(functions.includes(f), `top table: ${functions.slice(0, 12).join(', ')}`);
  }
  await workbench.screenshot('heap-flame-graph');
});

step('a click on a frame opens its source line', async () => {
  const { workbench } = session;
  const view = await ProfileView.find(workbench.page, 'heap');
  const spot = await view.clickFrame('main.buildRecords');
  assert.ok(spot.file.endsWith('main.go'), spot.file);
  assert.ok(spot.line >= BUILD_RECORDS.first && spot.line <= BUILD_RECORDS.last, `frame line ${spot.line}`);
  await workbench.waitForLineIn('main.go', spot.line);
  await workbench.screenshot('frame-opened-source');
});

step('the editor shows the profile: a cost lens on each sampled function, heat in the gutter, cost after the line', async (t) => {
  const { workbench } = session;
  const editor = workbench.page.locator('.editor-group-container', { has: workbench.page.locator('.tab.active[data-resource-name="main.go"]') }).first();
  // Lenses just outside the viewport are in the page too, hidden, and may come first.
  const lenses = editor.locator('.codelens-decoration:visible');
  await lenses.first().waitFor();
  const lensTexts = (await lenses.allInnerTexts()).map((l) => l.trim());
  t.diagnostic(`lenses: ${lensTexts.join(' | ')}`);
  // buildRecords holds nearly all the live heap at this stop: its lens says so.
  const cumShares = lensTexts.map((l) => Number(/^inuse_space: flat .+, cum .+ · ([\d.]+)%$/.exec(l)?.[1] ?? 0));
  assert.ok(Math.max(...cumShares) >= 90, `lenses: ${lensTexts.join(' | ')}`);
  const annotated = await editor.evaluate((root) => {
    const heat = Array.from(root.querySelectorAll('.cgmr')).filter((e) => getComputedStyle(e).backgroundImage.includes('data:image/svg')).length;
    const after = Array.from(root.querySelectorAll('.view-line span'))
      .map((e) => getComputedStyle(e, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal');
    return { heat, after };
  });
  t.diagnostic(`gutter heat marks: ${annotated.heat}; after-line texts: ${annotated.after.join(' | ')}`);
  assert.ok(annotated.heat > 0, 'no heat marks in the gutter');
  assert.ok(annotated.after.some((c) => /\d(\.\d+)? ?[kMG]?B/.test(c)), `after-line texts: ${annotated.after.join(' | ')}`);
  await workbench.screenshot('annotations');
});

/** Waits until every editor line showing `code` has a cost after it (`shown`), or none has. */
async function waitForCostAfter(code: string, shown: boolean): Promise<void> {
  await session.workbench.page.waitForFunction(
    ({ code, shown }) => {
      // Editors may draw spaces as non-breaking ones.
      const lines = Array.from(document.querySelectorAll('.editor-instance .view-line')).filter((l) => l.textContent?.replace(/\s/g, ' ').includes(code));
      const costs = lines.map((l) =>
        Array.from(l.querySelectorAll('span'))
          .map((e) => getComputedStyle(e, '::after').content)
          .filter((c) => /\d/.test(c))
          .join(''),
      );
      return lines.length > 0 && costs.every((c) => (c !== '') === shown);
    },
    { code, shown },
    { timeout: 15_000, polling: 100 },
  );
}

step('typing on an annotated line hides its cost; undo brings it back', async () => {
  const { workbench } = session;
  const page = workbench.page;
  const code = 'Sprintf("record-%d"';
  await workbench.openFile('main.go');
  await waitForCostAfter(code, true);
  await workbench.goToLine(lineOf(code));
  await page.keyboard.press('End');
  await page.keyboard.type('//edited');
  await workbench.editorLine('i)}//edited').waitFor();
  await waitForCostAfter(code, false);
  await workbench.screenshot('annotation-edited');
  // Undo may take the typing back in more than one step: undo until the line is as it was.
  for (let i = 0; i < 4 && (await workbench.editorLine('//edited').count()) > 0; i++) {
    await page.keyboard.press('Control+Z');
    await workbench.editorLine('//edited').waitFor({ state: 'detached', timeout: 3_000 }).catch(() => undefined);
  }
  assert.equal(await workbench.editorLine('//edited').count(), 0, 'undo took the typing back');
  await waitForCostAfter(code, true);
  await workbench.screenshot('annotation-undone');
});

step('CPU from this stop to the next points at the hot function', async () => {
  const { workbench } = session;
  await workbench.openFile('main.go');
  await workbench.goToLine(CPU_STOP);
  await workbench.page.keyboard.press('F9');
  await workbench.debugToolbarButton('Capture Profile at This Stop').click();
  await workbench.pick('CPU Until Next Stop');
  await workbench.page.locator('.notifications-toasts', { hasText: 'CPU profile recording' }).waitFor();
  await workbench.screenshot('cpu-recording');
  await workbench.page.keyboard.press('F5');
  const view = await ProfileView.find(workbench.page, 'cpu');
  await workbench.waitForFrame('main.main', 'main.go', CPU_STOP);
  const functions = await view.tableFunctions();
  assert.equal(functions[0], 'main.checksum', `top table by flat: ${functions.slice(0, 8).join(', ')}`);
  assert.ok(await view.spotOf('main.checksum'), 'main.checksum is drawn');
  await workbench.screenshot('cpu-flame-graph');
});

step('Shift+F5 ends the session and leaves neither dlv nor the program running', async () => {
  const { workbench, server } = session;
  await workbench.openFile('main.go');
  await workbench.page.keyboard.press('Shift+F5');
  await workbench.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  const deadline = Date.now() + 10_000;
  let left = descendants(server.pid).filter((p) => p.comm !== 'node');
  while (left.length && Date.now() < deadline) {
    await workbench.page.waitForTimeout(250);
    left = descendants(server.pid).filter((p) => p.comm !== 'node');
  }
  assert.deepEqual(left, [], 'processes still running under code-server');
  await workbench.screenshot('session-ended');
});

step('after a window reload, the active profile annotates the editor again', async () => {
  const { workbench } = session;
  const page = workbench.page;
  // No flame graph left open: it would make its profile active by itself.
  await workbench.runCommand('View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  // The command (unlike a browser reload) waits for the window's state to be saved.
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  await workbench.runCommand('Developer: Reload Window');
  await loaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await workbench.openFile('main.go');
  const lens = page.locator('.editor-instance .codelens-decoration', { hasText: /^cpu: flat .+, cum / });
  // Attached, not visible: the editor may have scrolled a function's lens out of view.
  await lens.first().waitFor({ state: 'attached', timeout: 30_000 });
  const tabs = (await page.locator('.tabs-container .tab').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(tabs, ['main.go'], 'no flame graph came back to activate the profile');
  await workbench.screenshot('reloaded-annotations');
});
