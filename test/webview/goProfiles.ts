// Real profiles written by Go's runtime: a small program with a known call shape is
// built and run in a temp dir and writes a CPU and a heap profile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness';

const program = `package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

var sink []byte

//go:noinline
func hashLoop(n int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < n; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	return h
}

//go:noinline
func parseRecords() uint64 { return hashLoop(3_000_000) }

//go:noinline
func renderPage() uint64 { return hashLoop(1_000_000) }

//go:noinline
func allocBuffers() {
	for i := 0; i < 20; i++ {
		sink = make([]byte, 64<<10)
	}
}

func main() {
	// A CPU profile stopped at once holds no samples, as a too-short capture would.
	empty, _ := os.Create(os.Args[3])
	pprof.StartCPUProfile(empty)
	pprof.StopCPUProfile()
	empty.Close()

	cpu, _ := os.Create(os.Args[1])
	pprof.StartCPUProfile(cpu)
	var total uint64
	for deadline := time.Now().Add(600 * time.Millisecond); time.Now().Before(deadline); {
		total += parseRecords()
		total += renderPage()
		allocBuffers()
	}
	pprof.StopCPUProfile()
	cpu.Close()
	runtime.GC()
	heap, _ := os.Create(os.Args[2])
	pprof.Lookup("allocs").WriteTo(heap, 0)
	heap.Close()
	if total == 42 {
		println()
	}
}
`;

export interface GoProfiles {
  readonly dir: string;
  readonly cpu: Uint8Array;
  readonly heap: Uint8Array;
  /** A CPU profile without samples. */
  readonly emptyCpu: Uint8Array;
  /** Absolute path of the Go source as the profiles record it. */
  readonly source: string;
  dispose(): void;
}

export function writeGoProfiles(): GoProfiles {
  const dir = mkdtempSync(join(tmpdir(), 'goprof-webview-'));
  const source = join(dir, 'main.go');
  writeFileSync(source, program);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/flametest\n\ngo 1.22\n');
  const cpuPath = join(dir, 'cpu.pprof');
  const heapPath = join(dir, 'heap.pprof');
  const emptyPath = join(dir, 'empty.pprof');
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  execFileSync('go', ['build', '-o', join(dir, 'prog'), '.'], { cwd: dir, env, stdio: 'pipe' });
  execFileSync(join(dir, 'prog'), [cpuPath, heapPath, emptyPath], { cwd: dir, stdio: 'pipe' });
  return {
    dir,
    source,
    cpu: readFileSync(cpuPath),
    heap: readFileSync(heapPath),
    emptyCpu: readFileSync(emptyPath),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Go's profiles and a headless Chromium for one suite: made in `before` and handed to `onReady`,
 * closed and removed in `after`, pass or fail.
 */
export function useGoProfilesAndBrowser(onReady: (go: GoProfiles, browser: Browser) => void): void {
  let go: GoProfiles | undefined;
  let browser: Browser | undefined;
  before(async () => {
    go = writeGoProfiles();
    browser = await launchBrowser();
    onReady(go, browser);
  });
  after(async () => {
    await browser?.close();
    go?.dispose();
  });
}
