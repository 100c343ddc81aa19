// The sampled-heap note of the flame graph, in headless Chromium, on heap profiles written by
// Go at three MemProfileRates: the default and 4096 say the profile is sampled, at what rate,
// and how to record every allocation; a rate of 1 (every allocation recorded) says nothing;
// a CPU profile says nothing either.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadProfile } from '../../src/flameGraph/model';
import { launchBrowser, openWebview } from './harness';

const program = `package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
)

var sink [][]byte

func main() {
	rate, _ := strconv.Atoi(os.Args[1])
	runtime.MemProfileRate = rate
	for i := 0; i < 200; i++ {
		sink = append(sink, make([]byte, 1000+i))
	}
	runtime.GC()
	out, _ := os.Create(os.Args[2])
	pprof.Lookup("heap").WriteTo(out, 0)
	out.Close()
	cpu, _ := os.Create(os.Args[3])
	pprof.StartCPUProfile(cpu)
	pprof.StopCPUProfile()
	cpu.Close()
}
`;

let dir: string;
let browser: Browser;
const heaps = new Map<number, Uint8Array>();
let cpu: Uint8Array;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'goprof-sampling-'));
  writeFileSync(join(dir, 'main.go'), program);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/sampling\n\ngo 1.22\n');
  const prog = join(dir, 'prog');
  execFileSync('go', ['build', '-o', prog, '.'], { cwd: dir, stdio: 'pipe' });
  for (const rate of [1, 4096, 524288]) {
    execFileSync(prog, [String(rate), join(dir, `heap-${rate}.pprof`), join(dir, 'cpu.pprof')], { stdio: 'pipe' });
    heaps.set(rate, readFileSync(join(dir, `heap-${rate}.pprof`)));
  }
  cpu = readFileSync(join(dir, 'cpu.pprof'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The note the page shows for these profile bytes, or null when it shows none. */
async function noteFor(bytes: Uint8Array, title: string): Promise<string | null> {
  const view = await openWebview(browser);
  try {
    const { model } = loadProfile(bytes, title);
    await view.sendModel(model);
    const note = view.page.locator('#samplingNote');
    const shown = await note.isVisible();
    if (shown) await view.screenshot(`sampling-note-${title}`);
    return shown ? (await note.innerText()).trim() : null;
  } finally {
    await view.close();
  }
}

test('a heap sampled at the default rate says so, with the rate and the memProfileRate: 1 hint', async () => {
  const note = await noteFor(heaps.get(524288)!, 'heap-default');
  assert.ok(note, 'a note is shown');
  assert.match(note, /^Sampled: Go records about one allocation per 512kB \(MemProfileRate 524288\)/);
  assert.match(note, /"memProfileRate": 1 in the launch configuration/);
});

test('a heap sampled every 4 kB names that rate', async () => {
  assert.match((await noteFor(heaps.get(4096)!, 'heap-4096')) ?? '', /one allocation per 4kB \(MemProfileRate 4096\)/);
});

test('a heap with every allocation recorded (rate 1) and a CPU profile show no note', async () => {
  assert.equal(await noteFor(heaps.get(1)!, 'heap-1'), null);
  assert.equal(await noteFor(cpu, 'cpu'), null);
});
