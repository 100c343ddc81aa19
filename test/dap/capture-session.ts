// The capture tests' sessions: a fixture launched under real dlv with the capture controller
// in front, ended with a check that nothing was left behind; go tool pprof as the oracle.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureResult, DlvLaunchArgs } from '../../src/capture/api';
import { createCaptureController } from '../../src/capture/controller';
import { DlvSession, bpLine, captureFixtures, helperDirOf } from './capture-dlv';
export const MiB = 1 << 20;

export interface Running {
  dlv: DlvSession;
  profileDir: string;
  capture(kind: string, extra?: Record<string, unknown>): Promise<CaptureResult>;
}

export const sessions: Running[] = [];

/** For afterEach: a failed test still ends its dlv, so one failure does not leak into the next test. */
export async function endSessions(): Promise<void> {
  for (const s of sessions.splice(0)) {
    await s.dlv.close();
    rmSync(s.profileDir, { recursive: true, force: true });
  }
}

/** Launches a fixture package with the controller in front, stopping at its `// BP:` lines. */
export async function launch(fixture: string, bps: string[], extra: Partial<DlvLaunchArgs> = {}, fileName = 'main.go'): Promise<Running> {
  const file = join(captureFixtures, fixture, fileName);
  const profileDir = mkdtempSync(join(tmpdir(), 'capture-test-'));
  const dlv = await DlvSession.start(captureFixtures);
  dlv.controller = createCaptureController(dlv);
  const running: Running = {
    dlv,
    profileDir,
    capture: (kind, more = {}) => dlv.controller!.handleRequest('goProfile.capture', { kind, ...more }) as Promise<CaptureResult>,
  };
  sessions.push(running);
  const args = { request: 'launch', mode: 'debug', program: join(captureFixtures, fixture), profileDir, ...extra } as DlvLaunchArgs;
  const stopped = dlv.waitFor('stopped');
  await dlv.launch(args, { [file]: bps.map((b) => bpLine(file, b)) });
  await stopped;
  return running;
}

/** Ends the session and checks it left no helper temp dir, recording or partial file behind. */
export async function finish(s: Running, keep: string[] = []): Promise<void> {
  // Stays in `sessions` until checked, so afterEach removes the profile folder if a check fails.
  await s.dlv.close();
  const helperDir = helperDirOf(s.dlv.launched);
  assert.ok(helperDir, 'the launch got the helper overlay');
  assert.equal(existsSync(helperDir), false, 'helper temp files left behind');
  assert.deepEqual(readdirSync(s.profileDir).filter((f) => !keep.includes(join(s.profileDir, f))).sort(), [], 'unexpected files in the profile folder');
  assert.equal(s.dlv.proc.exitCode !== null || s.dlv.proc.signalCode !== null, true, 'dlv still running');
  sessions.splice(sessions.indexOf(s), 1);
  rmSync(s.profileDir, { recursive: true, force: true });
}

/** flat/cum per function as the reference tool prints them (`go tool pprof -top`, values in plain units). */
export function pprofTop(path: string, sampleIndex: string): Map<string, { flat: number; cum: number }> {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=1000', `-sample_index=${sampleIndex}`, '-unit=byte', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const rows = new Map<string, { flat: number; cum: number }>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)[a-zA-Z]*\s+\S+%\s+\S+%\s+(\d+)[a-zA-Z]*\s+\S+%\s+(.+)$/.exec(line);
    if (m) {
      rows.set(m[3].trim().replace(/ \((?:partial-)?inline\)$/, ''), { flat: Number(m[1]), cum: Number(m[2]) });
    }
  }
  return rows;
}

export async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected the capture to fail');
}
