// What a person does in the VS Code workbench, as Playwright steps: open a file, run a command
// from the palette, read notifications, take a screenshot of the step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

  /** Quick Open (Ctrl+P) a workspace file by name and wait for its editor tab. */
  async openFile(name: string): Promise<void> {
    await this.quickInput('Control+P', name);
    await this.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Runs a command by its palette label (e.g. "View: Show Run and Debug"). */
  async runCommand(label: string): Promise<void> {
    await this.quickInput('F1', label, label);
  }

  /** The labels the command palette offers for `filter`. */
  async paletteLabels(filter: string): Promise<string[]> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(`>${filter}`);
    await this.page.waitForTimeout(300);
    const labels = await this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels.map((l) => l.trim());
  }

  private async quickInput(key: string, text: string, exactLabel?: string): Promise<void> {
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(key === 'F1' ? `>${text}` : text);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const row = exactLabel ? rows.filter({ has: this.page.locator('.label-name', { hasText: exactly(exactLabel) }) }).first() : rows.first();
    await row.waitFor();
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
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
   * The "Activation: N ms" text that Developer: Show Running Extensions shows for the extension
   * named `name` (package.json name), or undefined when it has not been activated.
   */
  async activationTime(name: string): Promise<string | undefined> {
    await this.runCommand('Developer: Show Running Extensions');
    const list = this.page.locator('.runtime-extensions-editor .monaco-list-row');
    await list.first().waitFor();
    const row = this.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${name}"]`);
    if ((await row.count()) === 0) {
      return undefined;
    }
    return (await row.locator('.activation-time').innerText()).trim();
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
