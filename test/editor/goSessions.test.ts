// Profiles in the `go` debug sessions of another extension, in a real VS Code (code-server +
// Chromium): heap, goroutines, CPU and an execution trace until the next stop in a `go` session, the
// user's launch.json untouched, and with goProfile.goSessions.enabled off nothing of ours in
// their build. Run against a stand-in `go` debugger (test/editor/goStandIn: plain `dlv dap`
// started as the official Go extension starts it, packaged here) and, where the build of the
// official Go extension is at ../shared/vscode-go (or /work/shared/vscode-go), against it.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileView } from './profileView';
import { root, useEditorSession, type EditorSession, type EditorOptions } from './session';

const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const HEAP_STOP = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const CPU_STOP = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;
const LAUNCH_JSON = `${JSON.stringify({
  version: '0.2.0',
  configurations: [{ name: 'Go: records', type: 'go', request: 'launch', mode: 'debug', program: '${workspaceFolder}', buildFlags: '-tags=profiletest' }],
}, null, 2)}\n`;
const dlv = join(spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim(), 'bin', 'dlv');

/** Packages test/editor/goStandIn with vsce into a temp dir; the .vsix path. */
function standInVsix(): string {
  const dir = mkdtempSync(join(tmpdir(), 'go-stand-in-'));
  cpSync(join(root, 'test', 'editor', 'goStandIn'), dir, { recursive: true });
  const out = join(dir, 'go-stand-in.vsix');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', out], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`packaging the stand-in failed:\n${r.stdout}${r.stderr}`);
  }
  return out;
}

const officialVsix = [join(root, '..', 'shared', 'vscode-go'), '/work/shared/vscode-go']
  .map((d) => join(d, 'golang.go-0.57.2.vsix'))
  .find((f) => existsSync(f));

/** The debug binary dlv built in the workspace for the running session (dlv names it __debug_bin…). */
function debugBinary(workspace: string): Buffer {
  const name = readdirSync(workspace).find((f) => f.startsWith('__debug_bin'));
  assert.ok(name, `a debug binary in ${readdirSync(workspace).join(', ')}`);
  return readFileSync(join(workspace, name));
}

function suite(name: string, options: () => EditorOptions): void {
  describe(name, () => {
    let session: EditorSession;
    useEditorSession((s) => {
      session = s;
      mkdirSync(join(s.workspace, '.vscode'), { recursive: true });
      writeFileSync(join(s.workspace, '.vscode', 'launch.json'), LAUNCH_JSON);
    }, options);

    test('heap, goroutines and CPU until the next stop in a go session; launch.json untouched', async () => {
      const { workbench, workspace } = session;
      const page = workbench.page;
      const tab = (prefix: string) => page.locator(`.tabs-container .tab[data-resource-name^="${prefix}"]`).first();
      const focusEditor = () => page.locator('.tabs-container .tab[data-resource-name="main.go"]').first().click();
      try {
        await workbench.openFile('main.go');
        for (const line of [HEAP_STOP, CPU_STOP]) {
          await workbench.goToLine(line);
          await page.keyboard.press('F9');
        }
        await page.keyboard.press('F5');
        await workbench.waitForBreakpointStop();
        assert.ok(debugBinary(workspace).includes('zzGoDebugProfileWrite'), 'the helper is in their build');
        await page.locator('.statusbar-item', { hasText: 'Profile' }).first().waitFor();

        await workbench.runCommand('Go Profile: Capture Heap Here');
        await tab(`heap_main.main-${HEAP_STOP}`).waitFor({ timeout: 60_000 });
        await focusEditor();
        await workbench.runCommand('Go Profile: Capture Goroutines');
        await tab(`goroutines_main.main-${HEAP_STOP}`).waitFor({ timeout: 60_000 });
        await focusEditor();
        await workbench.debugToolbarButton('Capture Profile at This Stop').click();
        await workbench.pick('CPU Until Next Stop');
        await page.locator('.notifications-toasts', { hasText: 'CPU profile recording' }).waitFor();
        await focusEditor();
        await workbench.runCommand('Go Profile: Trace Until Next Stop');
        // The status bar, not a toast: a second info toast may stay collapsed behind the CPU one.
        await page.locator('.statusbar-item', { hasText: 'CPU profile and execution trace recording' }).waitFor();
        await page.keyboard.press('F5');
        await workbench.waitForFrame('main.main', 'main.go', CPU_STOP);
        const view = await ProfileView.find(page, 'cpu');
        const functions = await view.tableFunctions();
        assert.equal(functions[0], 'main.checksum', `top table by flat: ${functions.slice(0, 8).join(', ')}`);
        await workbench.screenshot('go-session-cpu');
        await page.locator('.notifications-toasts', { hasText: `Execution trace from main.main:${HEAP_STOP}` }).waitFor();
        const saved = readdirSync(join(workspace, '.vscode', 'go-profiles')).map((f) => f.replace(/_\d{4}-.*?(\.trace)?$/, '$1')).sort();
        assert.deepEqual(saved, [`cpu_main.main-${HEAP_STOP}`, `goroutines_main.main-${HEAP_STOP}`, `heap_main.main-${HEAP_STOP}`, `trace_main.main-${HEAP_STOP}.trace`]);
        assert.equal(readFileSync(join(workspace, '.vscode', 'launch.json'), 'utf8'), LAUNCH_JSON);
        await focusEditor();
        await page.keyboard.press('Shift+F5');
        await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
      } catch (e) {
        await workbench.screenshot('FAILED-go-session').catch(() => undefined);
        throw e;
      }
    });

    test('with goProfile.goSessions.enabled off nothing of ours enters their build', async () => {
      const { workbench, workspace, server } = session;
      const page = workbench.page;
      const settingsFile = join(server.userDataDir, 'User', 'settings.json');
      const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(settingsFile, JSON.stringify({ ...settings, 'goProfile.goSessions.enabled': false }, null, 2));
      // VS Code reads the changed settings file on its own; give it a moment.
      await page.waitForTimeout(2_000);
      await workbench.openFile('main.go');
      await page.keyboard.press('F5');
      await workbench.waitForBreakpointStop();
      const binary = debugBinary(workspace);
      assert.ok(!binary.includes('zzGoDebugProfile') && !binary.includes('go_debug_profile'), 'no helper in their build');
      assert.equal(await page.locator('.statusbar-item', { hasText: /^Profile$/ }).count(), 0, 'no capture entry in the status bar');
      await page.keyboard.press('Shift+F5');
      await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
    });
  });
}

let standIn: string | undefined;
suite('a stand-in go debugger (plain dlv dap)', () => {
  standIn = standInVsix();
  return { otherExtensions: [standIn] };
});

if (officialVsix) {
  suite('the official Go extension (golang.go 0.57.2)', () => ({
    otherExtensions: [officialVsix],
    settings: {
      'go.toolsManagement.autoUpdate': false,
      'go.toolsManagement.checkForUpdates': 'off',
      'go.useLanguageServer': false,
      'go.alternateTools': { dlv },
      'go.showWelcome': false,
    },
  }));
} else {
  test('the official Go extension (golang.go 0.57.2)', (t) => {
    t.skip('no build of the official Go extension at ../shared/vscode-go: skipped');
  });
}

process.on('exit', () => standIn && rmSync(join(standIn, '..'), { recursive: true, force: true }));
