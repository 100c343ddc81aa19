// Leaked goroutines and profilepoints in a real VS Code (code-server + Chromium) with the
// packaged extension: a leak captured at a stop shows in the Leaked Goroutines view, whose
// rows open the blocked line and the go statement, with gutter marks there; a profilepoint
// added from the palette captures at every pass without stopping, and its series and chart
// show the growth per pass. Screenshots go to test-artifacts/editor/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useEditorSession, type EditorSession } from './session';

const LEAKY = `package main

import (
	"fmt"
	"time"
)

func leaky(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			ch <- 1
		}()
	}
}

func main() {
	leaky(5)
	time.Sleep(100 * time.Millisecond)
	fmt.Println("leaked")
}
`;
const SPAWN = 11;
const BLOCKED = 12;
const CHECK = 20;

const GROW = `package main

import "fmt"

var kept [][]byte

func count(k [][]byte) int {
	return len(k)
}

func main() {
	total := 0
	for pass := 0; pass < 5; pass++ {
		kept = append(kept, make([]byte, 1<<20))
		total += count(kept)
	}
	fmt.Println("passes", total)
}
`;
const GROW_POINT = 8;

let session: EditorSession;

useEditorSession((s) => {
  session = s;
  // Names of their own: Quick Open finds a file by its name.
  for (const [dir, source] of [['leaky', LEAKY], ['grow', GROW]]) {
    mkdirSync(join(s.workspace, dir), { recursive: true });
    writeFileSync(join(s.workspace, dir, `${dir}.go`), source);
  }
  // The package of the file in the editor, with the leak profile and exact heap numbers.
  writeFileSync(join(s.workspace, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [{ name: 'Debug this package', type: 'go-dlv', request: 'launch', mode: 'debug', program: '${fileDirname}', detectGoroutineLeaks: true, memProfileRate: 1 }],
  }));
});

function pane(name: string) {
  return session.workbench.page.locator('.pane', { has: session.workbench.page.locator('.pane-header', { hasText: name }) });
}

test('Leaked Goroutines: the view lists the leak with its count; its rows open the blocked line and the go statement, both marked in the gutter', async () => {
  const { workbench } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('leaky.go');
    await workbench.goToLine(CHECK);
    await page.keyboard.press('F9');
    await page.keyboard.press('F5');
    await workbench.waitForBreakpointStop(180_000);
    await workbench.runCommand('Go Profile: Capture Leaked Goroutines');
    const rows = pane('Leaked Goroutines').locator('.monaco-list-row');
    await rows.filter({ hasText: '5 goroutines leaked' }).first().waitFor({ timeout: 60_000 });
    await rows.filter({ hasText: '5 goroutines · chan send' }).first().waitFor();
    await workbench.screenshot('leaked-goroutines-view');

    await rows.filter({ hasText: 'created by go statement in main.leaky' }).first().click();
    await workbench.waitForLineIn('leaky.go', SPAWN);
    await rows.filter({ hasText: 'blocked at main.leaky.func1' }).first().click();
    await workbench.waitForLineIn('leaky.go', BLOCKED);
    // The go statement's gutter mark, and the blocked line's tint (its gutter holds the leak
    // profile's own heat: one icon per line shows).
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const marks = () => editor.locator('.glyph-margin-widgets *, .cgmr').evaluateAll((els) =>
      els.map((el) => /leak-(\w+)\.svg/.exec(getComputedStyle(el).backgroundImage)?.[1]).filter(Boolean));
    const tints = () => editor.locator('.view-overlays > div > div').evaluateAll((els, tint) =>
      els.filter((el) => getComputedStyle(el).backgroundColor === tint).length, 'rgba(229, 160, 0, 0.15)');
    for (let i = 0; i < 40 && ((await marks()).length < 1 || (await tints()) < 1); i++) {
      await page.waitForTimeout(250);
    }
    assert.deepEqual(await marks(), ['created']);
    assert.equal(await tints(), 1);
    await workbench.screenshot('leak-gutter-marks');

    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    await workbench.goToLine(CHECK);
    await page.keyboard.press('F9');
  } catch (e) {
    await workbench.screenshot('FAILED-leaks').catch(() => undefined);
    throw e;
  }
});

test('a profilepoint captures each pass without stopping; its series and chart show +1MB per hit', async () => {
  const { workbench } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('grow.go');
    await workbench.goToLine(GROW_POINT);
    await workbench.runCommand('Go Profile: Add Profilepoint…');
    await workbench.pick('Heap');
    // The Breakpoints view shows the new breakpoint once VS Code has re-rendered it.
    await page.locator('.debug-breakpoints .monaco-list-row', { hasText: 'grow.go' }).first().waitFor();
    const breakpoints = (await workbench.breakpoints()).filter((b) => b.includes('grow.go'));
    assert.equal(breakpoints.length, 1, breakpoints.join('\n'));
    assert.match(breakpoints[0], new RegExp(`\\b${GROW_POINT}$`));

    await page.keyboard.press('F5');
    // The program runs to its end: no stop is ever shown.
    await page.locator('.debug-toolbar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 180_000 });
    assert.equal(await page.locator('.debug-call-stack .monaco-list-row', { hasText: /paused/i }).count(), 0);

    await workbench.runCommand('Run and Debug: Focus on Profilepoint Series View');
    const series = pane('Profilepoint Series').locator('.monaco-list-row', { hasText: `heap at grow.go:${GROW_POINT}` }).first();
    await series.waitFor({ timeout: 30_000 });
    // The total is all in-use bytes: 1 MiB per pass, plus what the runtime keeps between hits (a few kB at most).
    assert.match(await series.innerText(), /5 captures · \+1(\.0\d)?MB inuse_space per hit/);
    await series.hover();
    await series.locator('.action-label[aria-label="Show Series Chart"]').click();
    const chart = await findChart(page.frames.bind(page), 30_000);
    assert.match((await chart.locator('#growth').innerText()).trim(), /^\+1(\.0\d)?MB inuse_space per hit over 5 captures$/);
    assert.equal(await chart.locator('svg circle.dot').count(), 5);
    await workbench.screenshot('profilepoint-series-chart');
  } catch (e) {
    await workbench.screenshot('FAILED-profilepoints').catch(() => undefined);
    throw e;
  }
});

/** The webview frame of the series chart (it has no script: found by its content). */
async function findChart(frames: () => Frame[], timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of frames()) {
      if ((await frame.locator('#growth').count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no series chart was drawn');
}
