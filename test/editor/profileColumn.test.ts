// Where profiles open in a real VS Code (code-server + Chromium) with the packaged extension:
// captures and a comparison share one profile column beside the code (two editor groups, never
// three narrow ones); a new capture replaces the last one nobody kept, as a preview editor
// does, and a kept one stays; a frame's source opens in the code's column. And a goroutine
// profile annotates the code in goroutines ("1 goroutine"), not "cum 1", after the line and
// in its hover.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { root, useEditorSession, type EditorSession } from './session';
import { ProfileView } from './profileView';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const FIRST = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const SECOND = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;

let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

interface Group {
  tabs: string[];
  width: number;
}

/** The editor groups, left to right: their tab labels and widths. */
function editorGroups(page: Page): Promise<Group[]> {
  return page.locator('.part.editor .editor-group-container').evaluateAll((els) =>
    els
      .map((el) => ({
        left: el.getBoundingClientRect().left,
        tabs: Array.from(el.querySelectorAll('.tabs-container .tab')).map((t) => (t.querySelector('.label-name')?.textContent ?? '').trim()),
        width: Math.round(el.getBoundingClientRect().width),
      }))
      .sort((a, b) => a.left - b.left)
      .map(({ tabs, width }) => ({ tabs, width })),
  );
}

/** Polls until `ok` holds of the editor groups (VS Code lays them out after the command returns). */
async function groupsWhen(page: Page, ok: (groups: Group[]) => boolean, what: string): Promise<Group[]> {
  let groups: Group[] = [];
  for (let i = 0; i < 60; i++) {
    groups = await editorGroups(page);
    if (ok(groups)) return groups;
    await page.waitForTimeout(250);
  }
  throw new Error(`${what}: editor groups ${JSON.stringify(groups)}`);
}

const codeAndProfiles = (profiles: (tab: string) => boolean, count: number) => (groups: Group[]): boolean =>
  groups.length === 2 && groups[0].tabs.includes('main.go') && groups[1].tabs.filter(profiles).length === count;

test('two captures and a comparison share one profile column beside the code; a kept capture stays; source opens in the code column; goroutines read "1 goroutine"', async () => {
  const { workbench } = session;
  const page = workbench.page;
  const codeTab = page.locator('.tabs-container .tab[data-resource-name="main.go"]').first();
  try {
    await workbench.openFile('main.go');
    for (const line of [FIRST, SECOND]) {
      await workbench.goToLine(line);
      await page.keyboard.press('F9');
    }
    await page.keyboard.press('F5');
    await workbench.waitForFrame('main.main', 'main.go', FIRST);

    await workbench.runCommand('Go Profile: Capture Heap Here');
    await ProfileView.find(page, `heap_main.main-${FIRST}`);
    await groupsWhen(page, codeAndProfiles((t) => t.startsWith('heap_'), 1), 'the first capture opens a profile column beside the code');

    await workbench.debugToolbarButton('Continue').click();
    await workbench.waitForFrame('main.main', 'main.go', SECOND);
    await workbench.runCommand('Go Profile: Capture Heap Here');
    await ProfileView.find(page, `heap_main.main-${SECOND}`);
    const afterTwo = await groupsWhen(page, codeAndProfiles((t) => t.startsWith('heap_'), 1), 'the second capture replaces the first in that column');
    assert.ok(afterTwo[1].tabs[0].startsWith(`heap_main.main-${SECOND}`), JSON.stringify(afterTwo));
    await workbench.screenshot('two-captures-one-column');

    await workbench.runCommand('Run and Debug: Focus on Profiles View');
    const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Profiles' }) }).locator('.monaco-list-row');
    await rows.nth(1).waitFor();
    await rows.nth(0).click({ button: 'right' });
    await workbench.chooseFromMenu('Compare with Previous');
    const compared = await ProfileView.find(page, `main.main:${FIRST} (`);
    const afterCompare = await groupsWhen(page, codeAndProfiles((t) => t.startsWith('heap_') || t.includes(' vs '), 2), 'the comparison opens in the profile column');
    for (const g of afterCompare) assert.ok(g.width >= 450, `columns share the window: ${JSON.stringify(afterCompare)}`);
    const flameWidth = await compared.frame.evaluate(() => document.getElementById('flame')!.getBoundingClientRect().width);
    assert.ok(flameWidth >= 450, `the comparison's flame graph is ${flameWidth} px wide`);
    await workbench.screenshot('compare-in-profile-column');

    // Kept (a double click on its tab): the next capture opens beside it in the column, not over it.
    await page.locator(`.tabs-container .tab[data-resource-name^="heap_main.main-${SECOND}"]`).first().dblclick();
    await codeTab.click();
    await workbench.runCommand('Go Profile: Capture Goroutines');
    const goroutines = await ProfileView.find(page, `goroutines_main.main-${SECOND}`);
    const afterKept = await groupsWhen(page, codeAndProfiles((t) => /^(heap_|goroutines_)/.test(t) || t.includes(' vs '), 3), 'a kept capture stays beside the new one');
    assert.equal(afterKept[1].tabs.filter((t) => t.startsWith('heap_')).length, 1, JSON.stringify(afterKept));

    // The goroutine profile annotates main.go in goroutines: after the line and in its hover.
    // (Its stacks come from Delve, which gives no function start lines: no lenses.)
    await codeTab.click();
    const code = page.locator('.editor-group-container', { has: page.locator('.tab.active[data-resource-name="main.go"]') }).first();
    const goroutineTexts = (): Promise<string[]> =>
      code.evaluate((el) =>
        Array.from(el.querySelectorAll('.view-line span'))
          .map((e) => getComputedStyle(e, '::after').content)
          .filter((c) => /goroutine/.test(c)),
      );
    let afterLine: string[] = [];
    for (let i = 0; i < 60 && afterLine.length === 0; i++) {
      await page.waitForTimeout(250);
      afterLine = await goroutineTexts();
    }
    assert.ok(afterLine.length > 0 && afterLine.every((c) => /\b1 goroutine · \d/.test(c) && !c.includes('cum')), `after-line texts: ${afterLine.join(' | ')}`);
    await code.locator('.view-line', { hasText: 'fmt.Println("checksum:"' }).first().locator('span', { hasText: 'checksum' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'goroutines with this line in their stack' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const hoverText = await hover.innerText();
    assert.match(hoverText, /goroutines with this line in their stack\s+1 goroutine\s+\d/, hoverText);
    assert.doesNotMatch(hoverText, /flat \(this line\)/, hoverText);
    await workbench.screenshot('goroutine-annotations');
    await page.mouse.move(0, 0);

    // A frame clicked in the flame graph opens its source in the code's column.
    await page.locator(`.tabs-container .tab[data-resource-name^="goroutines_main.main-${SECOND}"]`).first().click();
    const spot = await goroutines.clickFrame('main.main');
    await workbench.waitForLineIn('main.go', spot.line);
    await groupsWhen(page, (g) => g.length === 2 && g[0].tabs.includes('main.go'), 'source opens in the code column');

    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  } catch (e) {
    await workbench.screenshot('FAILED-profile-column').catch(() => undefined);
    throw new Error(`${(e as Error).message}\ngroups: ${JSON.stringify(await editorGroups(page).catch(() => []))}`);
  }
});
