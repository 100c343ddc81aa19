// Go's trace viewer as the trace panel frames it in code-server: the page comes through
// code-server's /proxy/PORT/, so every link of the viewer must stay under that prefix.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { root } from './session';

/** Writes a short real trace (test/fixtures/trace/gen) to `path`. */
export function writeShortTrace(path: string): void {
  execFileSync('go', ['run', '.', path], { cwd: join(root, 'test', 'fixtures', 'trace', 'gen'), stdio: 'pipe' });
}

/** Polls `check` until it holds; a frame that is navigating makes it throw, which counts as not yet. */
export async function poll(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`timeout: ${what}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const PROXIED = /^http:\/\/127\.0\.0\.1:\d+\/proxy\/(\d+)\//;

/** The frame showing the viewer through code-server's proxy, and the port it proxies to. */
export async function proxiedViewer(page: Page, ms = 60_000): Promise<{ frame: Frame; port: number }> {
  let found: Frame | undefined;
  await poll('the trace viewer\'s main page in its panel', async () => {
    for (const frame of page.frames().filter((f) => PROXIED.test(f.url()))) {
      if ((await frame.locator('h1', { hasText: 'the Go trace event viewer' }).count()) > 0) {
        found = frame;
        return true;
      }
    }
    return false;
  }, ms);
  return { frame: found!, port: Number(PROXIED.exec(found!.url())![1]) };
}

/** Whether the framed trace view has loaded its data (catapult's timeline has a model with events). */
export async function traceViewLoaded(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => {
    const viewer = document.getElementById('trace-viewer') as (HTMLElement & { model?: { bounds: { isEmpty: boolean } } }) | null;
    return !!viewer?.model && !viewer.model.bounds.isEmpty;
  });
}
