/**
 * "Check leaks" for one test, without vscode (the unit suite runs it on real packages): runs
 * `go test` on that test and the generated check after it, with what the Go version needs
 * for the leak profile, and reads the leaked goroutines back. Spawned without a shell,
 * cancellable (go and the test binary are killed), its temp directory always removed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LeakGroup } from '../capture/api';
import { goToolchain } from '../capture/leaks/goVersion';
import { leakBuild, missingProfileMessage } from '../capture/leaks/leakBuild';
import { LEAK_HELPER_FILE, LEAK_STACKS_SUFFIX, leakHelperSource } from '../capture/leaks/leakHelperSource';
import { parseLeakedStacks } from '../capture/leaks/leakStacks';
import { killTree } from '../debug/processTree';
import { CHECK_FILE, CHECK_TEST, ENV_LEAK_OUT, NO_PROFILE_SUFFIX, testCheckSource } from './testCheckSource';

export interface LeakCheckOptions {
  /** The _test.go file holding the test, and the test's name. */
  readonly file: string;
  readonly test: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  readonly onOutput?: (text: string) => void;
}

export type LeakCheckResult =
  | { outcome: 'checked'; groups: LeakGroup[]; testFailed: boolean; output: string }
  | { outcome: 'failed'; message: string; output: string };

export async function checkTestLeaks(o: LeakCheckOptions): Promise<LeakCheckResult> {
  const dir = dirname(o.file);
  const pkg = /^\s*package\s+([A-Za-z_]\w*)/m.exec(readFileSync(o.file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))?.[1];
  if (!pkg) {
    return { outcome: 'failed', message: `${o.file} has no package clause.`, output: '' };
  }
  const envOverlay = { ...(o.env ?? process.env) } as Record<string, string | null>;
  const go = goToolchain(dir, envOverlay);
  const build = leakBuild(go);
  if (build.kind === 'unsupported') {
    return { outcome: 'failed', message: build.message, output: '' };
  }
  const tmp = await mkdtemp(join(tmpdir(), 'go-leak-check-'));
  try {
    const helper = join(tmp, 'helper_test.go');
    const check = join(tmp, 'check_test.go');
    await writeFile(helper, leakHelperSource(pkg));
    await writeFile(check, testCheckSource(pkg));
    const overlay = join(tmp, 'overlay.json');
    await writeFile(overlay, JSON.stringify({ Replace: { [join(dir, LEAK_HELPER_FILE.replace(/\.go$/, '_test.go'))]: helper, [join(dir, CHECK_FILE)]: check } }));
    const out = join(tmp, 'leaks.pb.gz');
    const env: NodeJS.ProcessEnv = { ...(o.env ?? process.env), [ENV_LEAK_OUT]: out, GOTMPDIR: tmp };
    if (build.experiment) {
      env.GOEXPERIMENT = build.experiment;
    }
    const args = ['test', '-count=1', `-overlay=${overlay}`, '-run', `^(${o.test}|${CHECK_TEST})$`, '.'];
    const { code, output, cancelled } = await run(args, dir, env, o);
    if (cancelled) {
      return { outcome: 'failed', message: 'The leak check was cancelled.', output };
    }
    if (await exists(out + NO_PROFILE_SUFFIX)) {
      return { outcome: 'failed', message: missingProfileMessage(go, true), output };
    }
    const stacks = await readFile(out + LEAK_STACKS_SUFFIX, 'utf8').catch(() => undefined);
    if (stacks === undefined) {
      return { outcome: 'failed', message: `The leak check did not run (go test exited with ${code ?? 'a signal'}): see the test output.`, output };
    }
    return { outcome: 'checked', groups: parseLeakedStacks(stacks), testFailed: code !== 0, output };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function exists(path: string): Promise<boolean> {
  return readFile(path).then(() => true, () => false);
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv, o: LeakCheckOptions): Promise<{ code: number | null; output: string; cancelled: boolean }> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    const child = spawn('go', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const append = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      o.onOutput?.(text);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const cancel = (): void => {
      cancelled = true;
      if (child.pid !== undefined) {
        killTree([child.pid]);
      }
    };
    o.signal?.addEventListener('abort', cancel, { once: true });
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', cancel);
      resolve({ code: null, output: output + ((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'go: not found; install Go or put it on PATH' : e.message), cancelled });
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', cancel);
      resolve({ code, output, cancelled });
    });
  });
}
