/**
 * Reads a flight recording into the What Led Here model: with the fast reader when it can be
 * built (ledHereReader.ts), else, or when it cannot read this trace's format, with
 * `go tool trace -d=parsed` (Go's own parser, see ledHereParse.ts). Both are streamed line by
 * line into the same parser, never held whole.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { requireGo } from './traceTools';
import { LedModel } from './ledHereModel';
import { LedHereParser } from './ledHereParse';
import { readerBinary } from './ledHereReader';

const TIMEOUT_MS = 300_000;

/** What the view centres on: the goroutine, the seconds asked for, when the stop was reported (ms since 1970). */
export interface LedFocus {
  goroutine: number;
  seconds?: number;
  stoppedAt?: number;
}

export interface LedReadOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the fast reader is built; absent: ~/.cache/go-debug-profile. */
  cacheDir?: string;
  /** Skip the fast reader (tests of the fallback, the benchmark's comparison). */
  dumpOnly?: boolean;
}

export async function readLedHere(tracePath: string, focus: LedFocus, options: LedReadOptions = {}): Promise<LedModel> {
  const env = options.env ?? process.env;
  const go = requireGo(env);
  const reader = options.dumpOnly ? undefined : await readerBinary(go, env, options.cacheDir);
  if (reader) {
    try {
      return await parseOutput(tracePath, reader, [tracePath, String(focus.goroutine)], env, focus);
    } catch {
      // A trace format newer than the pinned x/exp/trace: Go's own dump reads it.
    }
  }
  return parseOutput(tracePath, go, ['tool', 'trace', '-d=parsed', tracePath], env, focus);
}

function parseOutput(tracePath: string, command: string, args: string[], env: NodeJS.ProcessEnv, focus: LedFocus): Promise<LedModel> {
  const parser = new LedHereParser(focus.goroutine, focus.stoppedAt);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => parser.line(line));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`The trace reader could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = stderr.trim().split('\n').pop() || (signal ? `stopped after ${TIMEOUT_MS / 1000} s` : `exit code ${code}`);
        reject(new Error(`The flight recording ${tracePath} could not be read: ${why}`));
        return;
      }
      resolve(parser.finish(focus.seconds));
    });
  });
}
