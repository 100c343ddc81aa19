// What a person does in the VS Code workbench, as Playwright steps: open a file, run a command
// from the palette, read notifications, take a screenshot of the step.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  private step = 0;

  constructor(
    readonly page: Page,
    private readonly artifacts: string,
  ) {
    mkdirSync(artifacts, { recursive: true });
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  /** Saves test-artifacts/editor/NN-name.png; the numbering keeps the journey in order. */
  async screenshot(name: string): Promise<string> {
    this.step += 1;
    const path = join(this.artifacts, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Chooses `label` in the open context menu. VS Code's menus act on mouse up over an item they
   * saw the mouse enter, and a click that lands while the menu is still settling is lost (the
   * menu stays open with the item highlighted): then Enter runs the highlighted item.
   */
  async chooseFromMenu(label: string): Promise<void> {
    const item = this.page.locator('.context-view .action-menu-item', { hasText: label }).first();
    await item.hover();
    await item.click({ delay: 50 });
    await this.page.locator('.context-view .action-menu-item').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => this.page.keyboard.press('Enter'));
  }

  /** Quick Open (Ctrl+P) a workspace file by name, or any file by absolute path, and wait for its editor tab. */
  async openFile(name: string): Promise<void> {
    // Quick Open also takes an absolute path to a file outside the workspace and lists it by its base name.
    const base = basename(name);
    await this.quickInput('Control+P', name, base);
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${base}"]`).first().waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Runs a command by its palette label (e.g. "View: Show Run and Debug"). */
  async runCommand(label: string): Promise<void> {
    await this.quickInput('F1', label, label);
  }

  /** Whether the command palette offers `label` when it is typed, and what it offers. */
  async paletteOffers(label: string): Promise<{ offered: boolean; labels: string[] }> {
    const widget = this.page.locator('.quick-input-widget');
    await this.openPrompt('F1', `>${label}`);
    const offered = await widget
      .locator('.quick-input-list .monaco-list-row .label-name', { hasText: exactly(label) })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true, () => false);
    const labels = (await widget.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((l) => l.trim());
    await this.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    return { offered, labels };
  }

  /**
   * Opens Quick Open / the palette with `key` and types `typed` into it. A window still restoring
   * its editors, or a notification arriving, may take focus and close the prompt between the key
   * and the typing: then the prompt is opened again, as a person would.
   */
  private async openPrompt(key: string, typed: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    for (let attempt = 1; ; attempt++) {
      if (await widget.isVisible()) {
        await this.page.keyboard.press('Escape');
      }
      await widget.waitFor({ state: 'hidden' });
      await this.page.keyboard.press(key);
      if (await input.fill(typed, { timeout: 5_000 }).then(() => true, () => false)) {
        return;
      }
      if (attempt === 3) {
        throw new Error(`the prompt opened with ${key} closed before "${typed}" could be typed, three times`);
      }
    }
  }

  /**
   * Types into Quick Open / the palette and accepts the entry labelled exactly `label`. The list
   * re-renders while results arrive and reuses its row elements, so a click can land on another
   * entry: Enter once the focused row is the right one is what a person does, and is stable.
   * A window still restoring its editors may take focus and close the prompt: then again.
   */
  private async quickInput(key: string, text: string, label: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    const typed = key === 'F1' ? `>${text}` : text;
    const focused = widget.locator('.quick-input-list .monaco-list-row.focused .label-name', { hasText: exactly(label) });
    for (let attempt = 1; ; attempt++) {
      await this.openPrompt(key, typed);
      if (await focused.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
        await this.page.keyboard.press('Enter');
        break;
      }
      if (await widget.isVisible()) {
        // Not the focused entry (Quick Open focuses the second one when the first is the active
        // editor): a click accepts it, as it does for a person.
        await widget.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactly(label) }) }).first().click();
        break;
      }
      if (attempt === 3) {
        throw new Error(`the prompt closed before "${label}" could be chosen, three times`);
      }
    }
    // Closed, or reused by the command for a quick pick of its own (another prompt, no text).
    const deadline = Date.now() + 10_000;
    while ((await widget.isVisible()) && (await input.inputValue()) === typed) {
      if (Date.now() > deadline) {
        throw new Error(`"${label}" was not accepted`);
      }
      await this.page.waitForTimeout(50);
    }
  }

  /** The Extensions view filtered to installed extensions; returns the entry named `displayName`. */
  async installedExtension(displayName: string): Promise<Locator> {
    await this.runCommand('Extensions: Focus on Extensions View');
    const search = this.page.locator('.extensions-viewlet .suggest-input-container');
    await search.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type('@installed');
    const entry = this.page.locator('.extensions-viewlet .extension-list-item', { hasText: displayName });
    await entry.waitFor({ timeout: 30_000 });
    return entry;
  }

  /**
   * What Developer: Show Running Extensions says about the extension named `name` (package.json
   * name): "Activation: N ms" (VS Code's code loading + activate() call) and, from its hover,
   * why it was activated; undefined when it has not been activated.
   */
  async activation(name: string, waitMs = 5_000): Promise<{ text: string; ms: number; reason: string } | undefined> {
    await this.runCommand('Developer: Show Running Extensions');
    await this.page.locator('.runtime-extensions-editor .monaco-list-row').first().waitFor();
    const row = this.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${name}"]`);
    // Activation runs in the extension host while the list renders: give it a moment.
    if (!(await row.waitFor({ timeout: waitMs }).then(() => true, () => false))) {
      return undefined;
    }
    const time = row.locator('.activation-time', { hasText: /\d+\s*ms/ });
    await time.waitFor({ timeout: waitMs });
    const text = (await time.innerText()).trim();
    await this.page.mouse.move(0, 0);
    await this.page.locator('.workbench-hover').waitFor({ state: 'hidden' }).catch(() => undefined);
    await time.hover();
    const hover = this.page.locator('.workbench-hover').filter({ hasText: /activated/i }).last();
    await hover.waitFor();
    const reason = (await hover.innerText()).trim();
    await this.page.mouse.move(0, 0);
    return { text, ms: Number(/(\d+)\s*ms/.exec(text)?.[1] ?? NaN), reason };
  }

  /** Go to Line (Ctrl+G) in the active editor. */
  async goToLine(line: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Waits until an editor showing `file` has its cursor on `line` (focused or not). */
  async waitForLineIn(file: string, line: number, timeoutMs = 10_000): Promise<void> {
    const group = this.page.locator('.editor-group-container', { has: this.page.locator(`.tab.active[data-resource-name="${file}"]`) });
    const active = group.locator('.line-numbers.active-line-number', { hasText: exactly(String(line)) });
    await active.first().waitFor({ timeout: timeoutMs });
  }

  /** Rows of the Breakpoints view, e.g. "main.go 43". */
  async breakpoints(): Promise<string[]> {
    const rows = this.page.locator('.debug-breakpoints .monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Waits until the Call Stack view says the program is paused on a breakpoint. */
  async waitForBreakpointStop(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.debug-call-stack .monaco-list-row', { hasText: /paused on breakpoint/i }).first().waitFor({ timeout: timeoutMs });
  }

  /** Waits until the Call Stack view lists the frame `func` at `file`:`line` (the stop's top frame). */
  async waitForFrame(func: string, file: string, line: number, timeoutMs = 30_000): Promise<void> {
    const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const text = new RegExp(`${escape(func)}\\s*${escape(file)}\\s*${line}\\b`);
    await this.page.locator('.debug-call-stack .monaco-list-row', { hasText: text }).first().waitFor({ timeout: timeoutMs });
  }

  /** The debug toolbar button whose tooltip starts with `label`. */
  debugToolbarButton(label: string): Locator {
    return this.page.locator(`.debug-toolbar .action-label[aria-label^="${label}"]`);
  }

  /** Picks the quick pick row that contains `text` (the quick pick must be open or opening). */
  async pick(text: string): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    // A hover shown where the mouse was last (seen in CI: an extension's description, after a
    // click in the Extensions view) lies over the list and takes the click: the mouse leaves it
    // first, and the hover goes with it.
    await this.page.mouse.move(0, 0);
    await this.page.locator('.context-view.monaco-component').waitFor({ state: 'hidden', timeout: 5_000 });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Every row of the Running Extensions editor (open it first, e.g. with activation()). */
  async activationTimes(): Promise<{ name: string; ms: number; startup: boolean }[]> {
    const rows = this.page.locator('.runtime-extensions-editor .monaco-list-row');
    return rows.evaluateAll((els) =>
      els.map((el) => {
        const text = el.querySelector('.activation-time')?.textContent ?? '';
        return { name: el.getAttribute('aria-label') ?? '', ms: Number(/(\d+)\s*ms/.exec(text)?.[1] ?? NaN), startup: text.startsWith('Startup') };
      }),
    );
  }

  /** Text of the notification toasts now showing. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  /** The editor line that shows `text` in the active editor. */
  editorLine(text: string): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-line', { hasText: text }).first();
  }
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
