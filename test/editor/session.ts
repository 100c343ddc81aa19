// One real VS Code for a whole editor suite: packages the .vsix, serves a copy of the sample
// workspace from code-server, and drives it with headless Chromium. Starting it costs ~10 s,
// so a suite starts it once and stops it in `after`, which runs even when a test failed.
import { spawnSync } from 'node:child_process';
import { after, before, test, type TestContext } from 'node:test';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../../scripts/code-server.mjs';
import { Workbench } from './workbench';

/** The repository: the nearest folder above this bundle (out/test/editor or out/bench) with package.json. */
export const root = findRoot(__dirname);
// One folder per test file (node --test runs each file in its own process), so suites never
// delete each other's screenshots.
export const artifacts = join(root, 'test-artifacts', 'editor', basename(process.argv[1] ?? 'editor').replace(/\.(test|bench)\.js$/, ''));
export const vsix = join(root, 'go-debug-profile.vsix');

const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export interface EditorSession {
  server: CodeServer;
  workbench: Workbench;
  /** The copy of test/fixtures/workspace that VS Code has open. */
  workspace: string;
  /** code-server's own output, for failure messages. */
  log: string[];
  /** Another browser window on the same workspace, with fresh browser storage: a new extension host. */
  newWindow(): Promise<Workbench>;
  close(): Promise<void>;
}

/** Builds the .vsix, once per `scripts/test.mjs` run (GDP_TEST_RUN) however many files ask. */
export function packageVsix(): void {
  const run = process.env.GDP_TEST_RUN;
  const stamp = join(root, '.cache', 'vsix-test-run');
  if (run && existsSync(vsix) && existsSync(stamp) && readFileSync(stamp, 'utf8') === run) {
    return;
  }
  // A second try: on a shared work tree another build may be rewriting out/ while vsce reads it.
  let r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  }
  if (r.status !== 0) {
    throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
  }
  if (run) {
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, run);
  }
}

export interface EditorOptions {
  /** Other .vsix files to install beside ours. */
  otherExtensions?: string[];
  /** User settings beside the quiet defaults. */
  settings?: Record<string, unknown>;
  /** code-server's environment (and so the extension host's), instead of this one with GOPATH/bin on PATH. */
  env?: NodeJS.ProcessEnv;
}

export async function openEditorSession(options: EditorOptions = {}): Promise<EditorSession> {
  rmSync(artifacts, { recursive: true, force: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'gdp-editor-'));
  // A copy, so that builds and profiles written during the test never touch the fixture.
  const workspace = join(stateDir, 'records');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const log: string[] = [];
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ root, vsix, workspace, stateDir, env: withGoBin(process.env), log: (t) => log.push(t), ...options });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumFlags });
    const openWindow = async (): Promise<Workbench> => {
      const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(server!.folderUrl);
      // Headless pages get keyboard focus only when in front; VS Code closes prompts on blur.
      await page.bringToFront();
      const workbench = new Workbench(page, artifacts);
      await workbench.waitUntilReady();
      return workbench;
    };
    const workbench = await openWindow();
    return { server, workbench, workspace, log, newWindow: openWindow, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * The suite's one VS Code: packaged and opened in `before`, handed to `onOpen` (which may add
 * files to the workspace), closed in `after` even when `onOpen` or a test failed.
 */
export function useEditorSession(onOpen: (session: EditorSession) => void | Promise<void>, options: () => EditorOptions = () => ({})): void {
  let session: EditorSession | undefined;
  before(async () => {
    packageVsix();
    session = await openEditorSession(options());
    await onOpen(session);
  });
  after(async () => {
    await session?.close();
  });
}

/** `env` with GOPATH/bin first on the PATH, where `go install` put dlv. */
function withGoBin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  return gopath.status === 0 ? { ...env, PATH: [join(gopath.stdout.trim(), 'bin'), env.PATH].join(delimiter) } : env;
}

/** Processes below `pid`, with their command names: what a VS Code session left running. */
export function descendants(pid: number): { pid: number; comm: string }[] {
  const children = new Map<number, number[]>();
  const comms = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces; the fields after it are space-separated.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      comms.set(Number(name), comm);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: { pid: number; comm: string }[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.shift()!;
    found.push({ pid: p, comm: comms.get(p) ?? '?' });
    queue.push(...(children.get(p) ?? []));
  }
  return found;
}

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      return dir;
    }
  }
  throw new Error(`no package.json above ${from}`);
}

/**
 * A test step of an editor journey: when it fails, the workbench is saved as a screenshot
 * and any prompt it left open is closed, so the next step starts clean.
 */
export function step(name: string, session: () => EditorSession | undefined, body: (t: TestContext) => Promise<void>): void {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (e) {
      const workbench = session()?.workbench;
      await workbench?.screenshot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      await workbench?.page.keyboard.press('Escape').catch(() => undefined);
      await workbench?.page.keyboard.press('Escape').catch(() => undefined);
      throw e;
    }
  });
}
