// The getting-started walkthrough in a real VS Code (code-server + Chromium) on a machine where
// dlv is installed: opening it activates the extension, which finds dlv, and the "Install
// Delve" step shows as done; the steps that need the user stay open.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, useEditorSession, type EditorSession } from './session';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let session: EditorSession;

useEditorSession((s) => {
  session = s;
});

test('with dlv installed, the walkthrough shows "Install Delve" done and "Stop at a breakpoint" not yet', async () => {
  const { workbench } = session;
  const walkthrough = manifest.contributes.walkthroughs[0] as { title: string; steps: { id: string; title: string }[] };
  const title = (id: string): string => walkthrough.steps.find((s) => s.id === id)!.title;
  try {
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pick(walkthrough.title);
    const container = workbench.page.locator('.gettingStartedContainer');
    const install = container.locator('.getting-started-step', { hasText: title('installDlv') }).first();
    await install.waitFor();
    // VS Code draws a finished step's checkbox with this codicon.
    await install.locator('.codicon-getting-started-step-checked').first().waitFor({ state: 'attached', timeout: 30_000 });
    const debug = container.locator('.getting-started-step', { hasText: title('debug') }).first();
    assert.equal(await debug.locator('.codicon-getting-started-step-checked').count(), 0, 'not debugged yet');
    await workbench.screenshot('walkthrough-dlv-installed');
  } catch (e) {
    await workbench.screenshot('FAILED-walkthrough').catch(() => undefined);
    throw e;
  }
});
