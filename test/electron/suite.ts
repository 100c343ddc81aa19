// Runs inside the VS Code that runTest.ts starts: the extension under development, the
// sample workspace open. Same journey as the editor suite, through the API: activation,
// every command registered, a go-dlv session stopped at a breakpoint, a heap capture.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'go-debug-profile.go-debug-profile';

type Check = [name: string, body: () => Promise<void>];

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'runTest.ts opens the sample workspace');
  return folder.uri.fsPath;
}

function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const checks: Check[] = [
  [
    'the extension activates',
    async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      await extension.activate();
      assert.equal(extension.isActive, true);
    },
  ],
  [
    'every contributed command is registered',
    async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
      assert.deepEqual(missing, []);
    },
  ],
  [
    'a go-dlv session stops at a breakpoint and captures the heap',
    async () => {
      const dir = workspaceDir();
      const main = join(dir, 'main.go');
      const line = lineOf(main, 'fmt.Println("records built:"');
      vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(main), new vscode.Position(line, 0)))]);
      let stopped = false;
      const tracker = vscode.debug.registerDebugAdapterTrackerFactory('go-dlv', {
        createDebugAdapterTracker: () => ({
          onDidSendMessage: (m: { type: string; event?: string }) => {
            if (m.type === 'event' && m.event === 'stopped') {
              stopped = true;
            }
          },
        }),
      });
      try {
        const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], 'Debug records');
        assert.equal(started, true, 'the launch configuration did not start');
        await until('the breakpoint stop', () => (stopped ? true : undefined));
        await vscode.commands.executeCommand('goProfile.captureHeap');
        const profiles = join(dir, '.vscode', 'go-profiles');
        const file = await until('the heap profile', () => (existsSync(profiles) ? readdirSync(profiles).find((f) => f.startsWith('heap')) : undefined), 30_000);
        assert.match(file, /\.pb\.gz$/);
      } finally {
        tracker.dispose();
        await vscode.debug.stopDebugging();
      }
    },
  ],
];

/** Entry point that @vscode/test-electron calls; a rejection fails the run. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of checks) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`not ok - ${name}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  console.log(`${checks.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) {
    throw new Error(`${failures.length} of ${checks.length} checks failed: ${failures.join('; ')}`);
  }
}
