/**
 * Reads a flight recording into the What Led Here model: `go tool trace -d=parsed` (Go's own
 * trace parser, see ledHereParse.ts) streamed line by line, never held whole: its text is about
 * ten times the size of the trace.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { requireGo } from './traceTools';
import { LedModel } from './ledHereModel';
import { LedHereParser } from './ledHereParse';

const TIMEOUT_MS = 120_000;

/** What the view centres on: the goroutine, the seconds asked for, when the stop was reported (ms since 1970). */
export interface LedFocus {
  goroutine: number;
  seconds?: number;
  stoppedAt?: number;
}

export function readLedHere(tracePath: string, focus: LedFocus, env: NodeJS.ProcessEnv = process.env): Promise<LedModel> {
  const go = requireGo(env);
  const parser = new LedHereParser(focus.goroutine, focus.stoppedAt);
  return new Promise((resolve, reject) => {
    const child = spawn(go, ['tool', 'trace', '-d=parsed', tracePath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => parser.line(line));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`go tool trace could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = stderr.trim().split('\n').pop() || (signal ? `stopped after ${TIMEOUT_MS / 1000} s` : `exit code ${code}`);
        reject(new Error(`go tool trace could not read ${tracePath}: ${why}`));
        return;
      }
      resolve(parser.finish(focus.seconds));
    });
  });
}
