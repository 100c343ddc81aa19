// What Led Here: what the flight recorder costs a running program, and how long it takes from
// the click at a stop to the drawn timeline.
// 1. Overhead: one Go program, built once with the helper's own flight-recorder file (the file a
//    debug launch adds), run with the recorder off and on (the same env var the adapter sets):
//    a CPU-bound loop and an allocation-heavy loop, timed inside the program.
// 2. Click to drawn: at a breakpoint under real dlv, the `goProfile.capture` request (the
//    injected WriteTo), reading the recording into the model (`go tool trace -d=parsed`), and
//    the webview drawing it in Chromium; plus the read time of the busy window from step 1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ENV_FLIGHT_SECONDS, FLIGHT_HELPER, FLIGHT_HELPER_FILE, flightRecorderSource } from '../src/capture/flightRecorderSource';
import type { FlightCapturedEvent } from '../src/capture/flightRecorder';
import { renderPage } from '../src/shared/html';
import { readLedHere } from '../src/traces/ledHereRun';
import { FLIGHT_FIXTURE, FLIGHT_MAIN } from '../test/dap/flightRecording';
import { ROOT, lineOf, startAdapter, startDebugging, toolEnv } from '../test/dap/harness';
import { launchBrowser } from '../test/webview/harness';

const SECONDS = 5;
const ROUNDS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

const program = `package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// cpuTime is the process's CPU time (all threads, the recorder's own included): on a shared
// machine it moves far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var sink [][]byte

//go:noinline
func cpuLoop(n int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < n; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	return h
}

//go:noinline
func allocLoop(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		b := make([]byte, 64+i%512)
		sink = append(sink, b)
		if len(sink) > 4096 {
			sink = sink[:0]
		}
		total += len(b)
	}
	return total
}

func main() {
	t, c := time.Now(), cpuTime()
	h := cpuLoop(300_000_000)
	cpu, cpuC := time.Since(t), cpuTime()-c
	t, c = time.Now(), cpuTime()
	a := allocLoop(6_000_000)
	alloc, allocC := time.Since(t), cpuTime()-c
	if out := os.Getenv("BENCH_TRACE_OUT"); out != "" {
		if s := ${FLIGHT_HELPER.write}(out); s != "ok" {
			panic(s)
		}
	}
	fmt.Println(cpu.Nanoseconds(), alloc.Nanoseconds(), cpuC.Nanoseconds(), allocC.Nanoseconds(), h%2, a%2)
}
`;

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

function overhead(dir: string): string {
  writeFileSync(join(dir, 'go.mod'), 'module bench/flight\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), program);
  writeFileSync(join(dir, FLIGHT_HELPER_FILE), flightRecorderSource('main'));
  const bin = join(dir, 'flightbench');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: dir, env: toolEnv() });
  /** [cpu loop wall, alloc loop wall, cpu loop CPU time, alloc loop CPU time] in ms. */
  const run = (recorder: boolean, out = ''): number[] => {
    const env = { ...toolEnv(), [ENV_FLIGHT_SECONDS]: recorder ? String(SECONDS) : '', BENCH_TRACE_OUT: out };
    return execFileSync(bin, { env, encoding: 'utf8' }).trim().split(' ').slice(0, 4).map((n) => Number(n) / 1e6);
  };
  // Alternated, three of each: the machine is shared, and one pair alone moved by ×2 here.
  const traced = join(dir, 'busy.trace');
  const plain: number[][] = [];
  const recorded: number[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    plain.push(run(false));
    rmSync(traced, { force: true });
    recorded.push(run(true, traced));
  }
  for (const [i, name] of [[0, 'CPU-bound loop'], [1, 'allocation-heavy loop']] as const) {
    const [p, r] = [median(plain.map((x) => x[i])), median(recorded.map((x) => x[i]))];
    const [pc, rc] = [median(plain.map((x) => x[i + 2])), median(recorded.map((x) => x[i + 2]))];
    console.log(`${name}, flight recorder (${SECONDS} s) vs none, median of ${ROUNDS} alternated runs: wall ${fmt(r)} vs ${fmt(p)} ×${(r / p).toFixed(3)}; process CPU time ${fmt(rc)} vs ${fmt(pc)} ×${(rc / pc).toFixed(3)}`);
  }
  return traced;
}

async function clickToDrawn(dir: string): Promise<void> {
  const s = startAdapter(toolEnv());
  let event: FlightCapturedEvent | undefined;
  let captureMs = 0;
  try {
    s.client.on('goProfile.captured', (e: DebugProtocol.Event) => (event = e.body as FlightCapturedEvent));
    await startDebugging(s.client, 'launch', { program: FLIGHT_FIXTURE, cwd: FLIGHT_FIXTURE, profileDir: dir, flightRecorder: { seconds: SECONDS } }, { [FLIGHT_MAIN]: [{ line: lineOf(FLIGHT_MAIN, 'stop') }] });
    const stop = await s.nextStop(60_000);
    const t = performance.now();
    await s.client.customRequest('goProfile.capture', { kind: 'flightRecorder', threadId: stop.threadId });
    captureMs = performance.now() - t;
  } finally {
    await s.close();
  }
  const rec = event!;
  let t = performance.now();
  const model = await readLedHere(rec.path, rec, { env: toolEnv() });
  const readMs = performance.now() - t;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const origin = 'https://webview.test';
    const html = renderPage({ cspSource: origin, scriptUri: `${origin}/ledHere.js`, styleUri: `${origin}/ledHere.css`, title: 'bench' });
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path === '/ledHere.js' ? join(ROOT, 'out', 'media', 'ledHere.js') : path === '/ledHere.css' ? join(ROOT, 'media', 'ledHere.css') : '';
      return file ? route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(file) }) : route.fulfill({ contentType: 'text/html', body: html });
    });
    await page.addInitScript(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: () => undefined });
    });
    await page.goto(`${origin}/index.html`);
    t = performance.now();
    const drawMs = await page.evaluate(async (m) => {
      const probe = (window as unknown as { ledHere: { drawn?: number } }).ledHere;
      const sent = performance.now();
      window.postMessage({ type: 'model', model: m, location: 'bench' }, '*');
      while (probe.drawn === undefined) {
        await new Promise((r) => setTimeout(r, 1));
      }
      return probe.drawn - sent;
    }, model);
    console.log(`click to drawn timeline (${statSync(rec.path).size} B recording, ${model.segments.length} segments): capture request ${fmt(captureMs)} + read ${fmt(readMs)} + draw ${fmt(drawMs)} = ${fmt(captureMs + readMs + drawMs)}`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flight-bench-'));
  try {
    const busy = overhead(dir);
    await readLedHere(busy, { goroutine: 1 }, { env: toolEnv() }); // builds the fast reader if this machine has none yet
    let t = performance.now();
    const model = await readLedHere(busy, { goroutine: 1 }, { env: toolEnv() });
    const fastMs = performance.now() - t;
    t = performance.now();
    await readLedHere(busy, { goroutine: 1 }, { env: toolEnv(), dumpOnly: true });
    const dumpMs = performance.now() - t;
    console.log(`reading a busy recording (${(statSync(busy).size / 1e6).toFixed(1)} MB, ${(model.duration / 1e9).toFixed(1)} s window, ${model.segments.length} segments of main): x/exp/trace reader ${fmt(fastMs)}, go tool trace -d=parsed ${fmt(dumpMs)} (×${(dumpMs / fastMs).toFixed(1)})`);
    await clickToDrawn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: Error) => {
  console.error(err);
  process.exitCode = 1;
});
