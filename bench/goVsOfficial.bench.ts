// F5 to the first stop, and continue to the next stop, in a real VS Code (code-server +
// Chromium) with our `go-dlv` and with the official Go extension's `go` (golang.go 0.57.2, from
// ../shared/vscode-go or /work/shared/vscode-go; skipped with a message where absent), same
// program, same breakpoints, one run, rounds alternating. The official extension runs as its
// users have it: goProfile.goSessions.enabled is off, so nothing of ours is in its build.
// Each time runs from picking the configuration (Debug: Select and Start Debugging) until the
// Call Stack shows the stop; continue from F5 until it shows the next one.
//   npm run build && node scripts/bench.mjs goVsOfficial        BENCH_ROUNDS=4 by default
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEditorSession, packageVsix, root } from '../test/editor/session';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const mainGo = readFileSync(join(root, 'test', 'fixtures', 'workspace', 'main.go'), 'utf8').split('\n');
const FIRST_STOP = mainGo.findIndex((l) => l.includes('fmt.Println("records built:"')) + 1;
const NEXT_STOP = mainGo.findIndex((l) => l.includes('fmt.Println("checksum:"')) + 1;
const CONFIGS = { ours: 'Ours (go-dlv)', official: 'Official (go)' } as const;
type Path = keyof typeof CONFIGS;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const officialVsix = [join(root, '..', 'shared', 'vscode-go'), '/work/shared/vscode-go'].map((d) => join(d, 'golang.go-0.57.2.vsix')).find((f) => existsSync(f));
  if (!officialVsix) {
    console.log('skipped: no build of the official Go extension at ../shared/vscode-go');
    return;
  }
  const dlv = join(spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim(), 'bin', 'dlv');
  packageVsix();
  const session = await openEditorSession({
    otherExtensions: [officialVsix],
    settings: {
      'go.toolsManagement.autoUpdate': false,
      'go.toolsManagement.checkForUpdates': 'off',
      'go.useLanguageServer': false,
      'go.alternateTools': { dlv },
      'go.showWelcome': false,
      'goProfile.goSessions.enabled': false,
    },
  });
  const program = '${workspaceFolder}';
  mkdirSync(join(session.workspace, '.vscode'), { recursive: true });
  writeFileSync(join(session.workspace, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [
      { name: CONFIGS.ours, type: 'go-dlv', request: 'launch', mode: 'debug', program },
      { name: CONFIGS.official, type: 'go', request: 'launch', mode: 'debug', program },
    ],
  }));
  const f5: Record<Path, number[]> = { ours: [], official: [] };
  const next: Record<Path, number[]> = { ours: [], official: [] };
  const { workbench } = session;
  const page = workbench.page;
  try {
    await workbench.openFile('main.go');
    for (const line of [FIRST_STOP, NEXT_STOP]) {
      await workbench.goToLine(line);
      await page.keyboard.press('F9');
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of (round % 2 ? ['official', 'ours'] : ['ours', 'official']) as Path[]) {
        await workbench.runCommand('Debug: Select and Start Debugging');
        const started = performance.now();
        await workbench.pick(CONFIGS[path]);
        await workbench.waitForFrame('main.main', 'main.go', FIRST_STOP, 120_000);
        f5[path].push(performance.now() - started);
        const resumed = performance.now();
        await page.keyboard.press('F5');
        await workbench.waitForFrame('main.main', 'main.go', NEXT_STOP, 120_000);
        next[path].push(performance.now() - resumed);
        await page.keyboard.press('Shift+F5');
        await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
        console.log(`round ${round + 1} ${path}: F5 ${f5[path][round].toFixed(0)} ms, continue ${next[path][round].toFixed(0)} ms`);
      }
    }
  } catch (e) {
    await workbench.screenshot('FAILED-goVsOfficial').catch(() => undefined);
    throw e;
  } finally {
    await session.close();
  }
  for (const [what, times] of [['F5 to the first stop', f5], ['continue to the next stop', next]] as const) {
    console.log(`${what}: go-dlv median ${median(times.ours).toFixed(0)} ms, official go ${median(times.official).toFixed(0)} ms; ours / theirs = ${(median(times.ours) / median(times.official)).toFixed(3)} (goal <= 1.10)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
