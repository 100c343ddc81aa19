// The flame-graph panel as VS Code shows it: a webview is two nested iframes; the inner one
// (fake.html) holds our page. The page's `window.goProfile` probe (media/src/main.ts) says
// where a frame is drawn, so the test can click it where a person would.
import type { Frame, Page } from 'playwright-core';
import { widestFrame, type FrameSpot } from '../webview/frameProbe';

export class ProfileView {
  constructor(readonly frame: Frame) {}

  /** Waits until the profile whose title contains `title` is drawn in some open webview. */
  static async find(page: Page, title: string, timeoutMs = 60_000): Promise<ProfileView> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        if (!frame.url().includes('/fake.html')) {
          continue;
        }
        const drawn = await frame
          .evaluate((t) => {
            const probe = (window as unknown as { goProfile?: { app?: { model: { title: string } }; firstPaint?: number } }).goProfile;
            return Boolean(probe?.app && probe.firstPaint !== undefined && probe.app.model.title.includes(t));
          }, title)
          .catch(() => false);
        if (drawn) {
          return new ProfileView(frame);
        }
      }
      await page.waitForTimeout(250);
    }
    throw new Error(`no flame graph titled "${title}" was drawn within ${timeoutMs} ms`);
  }

  async title(): Promise<string> {
    return (await this.frame.locator('#title').innerText()).trim();
  }

  /** Function names of the top table, in its order. */
  async tableFunctions(): Promise<string[]> {
    await this.frame.locator('.top-table tbody tr').first().waitFor();
    return (await this.frame.locator('.top-table td.name').allInnerTexts()).map((t) => t.trim());
  }

  /** Where the widest frame of function `name` is drawn, or null when it is not on screen. */
  spotOf(name: string): Promise<FrameSpot | null> {
    return this.frame.evaluate(widestFrame, name);
  }

  /** Clicks the middle of the widest frame of `name`, as a person picks it; returns what it shows. */
  async clickFrame(name: string): Promise<FrameSpot> {
    const spot = await this.spotOf(name);
    if (!spot) {
      throw new Error(`${name} is not drawn in the flame graph`);
    }
    const canvas = this.frame.locator('canvas#flame');
    await canvas.click({ position: { x: spot.box.x + spot.box.w / 2, y: spot.box.y + spot.box.h / 2 } });
    return spot;
  }
}
