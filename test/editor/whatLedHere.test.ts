// What Led Here in a real VS Code (code-server + Chromium) with the packaged extension: the
// setting goDlv.flightRecorderSeconds turns the recorder on for F5, the debug toolbar's button
// at a breakpoint opens the view, the main goroutine's channel wait (in an init of the program's
// own) is drawn, a click on it opens its line, and the recording is listed in the Profiles view.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { root, useEditorSession, type EditorSession } from './session';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const STOP = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;
// Sorted after the helper's zz_ files, so its init runs once the recorder has started.
const WAIT_GO = `package main

import "time"

func init() {
	ch := make(chan int)
	go func() {
		time.Sleep(300 * time.Millisecond)
		ch <- 1
	}()
	<-ch // the wait
}
`;
const WAIT_LINE = WAIT_GO.split('\n').findIndex((l) => l.includes('// the wait')) + 1;

let session: EditorSession;

useEditorSession((s) => {
  session = s;
  writeFileSync(join(s.workspace, 'zzz_wait.go'), WAIT_GO);
  mkdirSync(join(s.workspace, '.vscode'), { recursive: true });
  writeFileSync(join(s.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'goDlv.flightRecorderSeconds': 5 }));
});

/** The What Led Here page: the inner frame of a webview whose timeline is drawn. */
async function ledHereFrame(page: Page, timeoutMs = 90_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.url().includes('/fake.html') && (await frame.locator('.lane.own .span').count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no What Led Here timeline was drawn within ${timeoutMs} ms`);
}

test('What Led Here from the debug toolbar shows the wait before the stop, and a click opens its line', async () => {
  const { workbench, workspace } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('main.go');
    await workbench.goToLine(STOP);
    await page.keyboard.press('F9');
    await page.keyboard.press('F5');
    await workbench.waitForBreakpointStop();
    await workbench.waitForFrame('main.main', 'main.go', STOP);

    await workbench.debugToolbarButton('What Led Here').first().click();
    await page.locator('.tabs-container .tab', { hasText: `What Led Here: main.main:${STOP}` }).first().waitFor({ timeout: 60_000 });
    const frame = await ledHereFrame(page);
    assert.match(await frame.locator('.title').innerText(), new RegExp(`^What led to main\\.main:${STOP}$`));
    assert.match(await frame.locator('.summary').innerText(), /before the stop: goroutine 1 ran/);
    const wait = frame.locator('.lane.own .span.waiting.what-channel').first();
    assert.match((await wait.getAttribute('title')) ?? '', /^blocked \d+(\.\d)? ms on channel \(chan receive\) in main\.init\.\d+$/);
    await workbench.screenshot('what-led-here');

    await wait.click();
    await workbench.waitForLineIn('zzz_wait.go', WAIT_LINE, 30_000);
    const profiles = join(workspace, '.vscode', 'go-profiles');
    assert.ok(existsSync(profiles) && readdirSync(profiles).some((f) => /^trace_led-here_main\.main-\d+_.*\.trace$/.test(f)), 'the recording is saved beside the profiles');
    await workbench.runCommand('Run and Debug: Focus on Profiles View');
    const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Profiles' }) }).locator('.monaco-list-row');
    await rows.filter({ hasText: `What led to main.main:${STOP}` }).first().waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`Profiles lists: ${(await rows.allInnerTexts()).join(' | ')}`);
    });
    await page.locator('.debug-toolbar .codicon-debug-stop').click();
  } catch (err) {
    await workbench.screenshot('what-led-here-failure');
    throw err;
  }
});
