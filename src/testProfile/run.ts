/**
 * Runs `go test` for one test with one profile: spawned without a shell in the package
 * directory, output streamed, cancellable (the whole process tree is killed: go and the
 * test binary it started), the profile read back and the temp directory always removed.
 * No vscode, so the unit suite runs it on a real Go package.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killTree } from '../debug/processTree';
import { goTestPlan, testOutcome } from './args';
import type { TestFunction, TestOutcome, TestProfileKind } from './args';

export interface TestRunOptions {
  readonly fn: Pick<TestFunction, 'name' | 'kind'>;
  readonly profile: TestProfileKind;
  /** The package directory: where the test file is. */
  readonly cwd: string;
  readonly goBinary?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly onOutput?: (text: string) => void;
  /** Told the go process id once it runs (tests check no process outlives a cancel). */
  readonly onSpawn?: (pid: number) => void;
  /** Where the run's temp directory goes; the OS temp dir by default. */
  readonly tempRoot?: string;
}

export interface TestRunResult {
  readonly outcome: TestOutcome;
  readonly exitCode: number | null;
  readonly output: string;
  /** The command line, for the output channel. */
  readonly command: string;
  /** The profile's bytes when go test wrote one (a failed test may still have). */
  readonly profile?: Uint8Array;
}

export async function runTestProfile(o: TestRunOptions): Promise<TestRunResult> {
  const dir = await mkdtemp(join(o.tempRoot ?? tmpdir(), 'go-profile-test-'));
  try {
    const plan = goTestPlan(o.fn, o.profile, dir, join);
    const go = o.goBinary ?? 'go';
    const command = [go, ...plan.args].join(' ');
    if (o.signal?.aborted) return { outcome: 'cancelled', exitCode: null, output: '', command };
    // go's own work directory goes inside ours, so a killed build leaves nothing behind.
    const env = { ...(o.env ?? process.env), GOTMPDIR: dir };
    const { exitCode, output, cancelled, notStarted } = await run(go, plan.args, o, env);
    const outcome = notStarted ? 'not-started' : testOutcome(o.fn, exitCode, output, cancelled);
    let profile: Uint8Array | undefined;
    if (outcome === 'passed' || outcome === 'failed') {
      profile = await readFile(plan.profilePath).catch(() => undefined);
    }
    return { outcome, exitCode, output, command, profile: profile && profile.length > 0 ? profile : undefined };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Exit {
  readonly exitCode: number | null;
  readonly output: string;
  readonly cancelled: boolean;
  readonly notStarted?: boolean;
}

function run(go: string, args: readonly string[], o: TestRunOptions, env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    const child = spawn(go, args, { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const append = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      o.onOutput?.(text);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const cancel = (): void => {
      cancelled = true;
      if (child.pid === undefined) return;
      // Windows has no /proc to walk: taskkill /T ends the tree (go and the test binary).
      if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', shell: false });
      else killTree([child.pid]);
    };
    o.signal?.addEventListener('abort', cancel, { once: true });
    if (child.pid !== undefined) o.onSpawn?.(child.pid);
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', cancel);
      const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${go}: not found; install Go or put it on PATH` : e.message;
      output += message;
      o.onOutput?.(message);
      resolve({ exitCode: null, output, cancelled, notStarted: true });
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', cancel);
      resolve({ exitCode: code, output, cancelled });
    });
  });
}
