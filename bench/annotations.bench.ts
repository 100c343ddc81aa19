// Editor annotations on a 10,000-line Go file with 2,000 annotated lines (400 functions,
// 5 sampled lines each), from a synthetic pprof file written with the engine's protobuf code.
// Prints the median time of each step the extension runs, against a 10 ms budget for
// computing a file's annotations (checked for the file alone, and for the file plus the
// profile-wide index a newly active profile needs), and pprof's `-top -lines` for scale:
//   index    buildCostIndex: per-line and per-function cost of the whole profile (once per
//            profile and sample type)
//   annotate annotateFile: texts, heat buckets and lenses of the 10,000-line file (on each
//            editor shown, or sample-type switch)
//   compute  index + annotate: what a profile becoming active costs the file
//   anchor   TrackedDocument: each annotated line's text and the document's, kept to follow
//            edits (once per file shown)
//   keystroke applyEdits: moving the 2,000 annotations for one typed line break
//   back     the whole document back to its annotated text (undo, revert): found by comparing
//            it after a pause in typing, every annotation in place again
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeProfile } from '../src/profile';
import { perftools } from '../src/profile/proto/profile';
import { buildCostIndex } from '../src/profile/lineCosts';
import { anchorsAt, applyEdits } from '../src/annotations/editTracking';
import { annotateFile } from '../src/annotations/fileAnnotations';
import { TrackedDocument } from '../src/annotations/trackedDocument';
import { pprofBinary } from '../test/unit/profileFixtures';
import { seededRandom } from '../test/unit/seededRandom';

const FILE_LINES = 10_000;
const FUNCTIONS = 400;
const LINES_PER_FUNCTION = 5;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50_000);
const RUNS = 30;
const BUDGET_MS = 10;
const FILE = '/build/example.com/big/big.go';

/** Function f spans lines 25f+1 .. 25f+25 and is sampled at 5 of them: 2,000 locations. */
function syntheticProfile(): Uint8Array {
  const rnd = seededRandom(7);
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', FILE];
  const functions = Array.from({ length: FUNCTIONS }, (_, f) => {
    strings.push(`example.com/big.fn${f}`);
    return { id: f + 1, name: strings.length - 1, systemName: strings.length - 1, filename: 5, startLine: 25 * f + 1 };
  });
  const locations = [];
  for (let f = 0; f < FUNCTIONS; f++) {
    for (let k = 0; k < LINES_PER_FUNCTION; k++) {
      locations.push({ id: locations.length + 1, address: 0x1000 + locations.length, line: [{ functionId: f + 1, line: 25 * f + 2 + 4 * k }] });
    }
  }
  const samples = Array.from({ length: SAMPLES }, () => {
    const depth = 2 + Math.floor(rnd() * 10);
    const locationId = Array.from({ length: depth }, () => 1 + Math.floor(rnd() * locations.length));
    const n = 1 + Math.floor(rnd() * 3);
    return { locationId, value: [n, n * 10_000_000] };
  });
  const message = perftools.profiles.Profile.encode({
    sampleType: [{ type: 1, unit: 2 }, { type: 3, unit: 4 }],
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
    periodType: { type: 3, unit: 4 },
    period: 10_000_000,
  }).finish();
  return message;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** bench.mjs runs with --expose-gc: collect the previous runs' garbage outside the timing. */
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

function time(fn: () => void): number {
  gc();
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const bytes = syntheticProfile();
  const profile = decodeProfile(bytes, () => {
    throw new Error('not gzip');
  });
  const phases = { index: [] as number[], annotate: [] as number[], compute: [] as number[], anchor: [] as number[], keystroke: [] as number[], back: [] as number[] };
  let annotated = 0;
  const source = Array.from({ length: FILE_LINES }, (_, i) => `\tvalue${i} := compute(value${i - 1}, ${i}) // line ${i + 1}`);
  const document = {
    get lineCount(): number {
      return source.length;
    },
    lineAt: (line: number) => ({ text: source[line] }),
    getText: () => source.join('\n'),
  };
  const lineText = (line: number): string => source[line];
  for (let r = 0; r < RUNS; r++) {
    let index = buildCostIndex(profile);
    phases.index.push(time(() => (index = buildCostIndex(profile))));
    let ann = annotateFile(index, [index.files.get(FILE)!], FILE_LINES);
    phases.annotate.push(time(() => (ann = annotateFile(index, [index.files.get(FILE)!], FILE_LINES))));
    phases.compute.push(time(() => {
      const fresh = buildCostIndex(profile);
      annotateFile(fresh, [fresh.files.get(FILE)!], FILE_LINES);
    }));
    annotated = ann.lines.length;
    let tracked = new TrackedDocument(ann, document);
    phases.anchor.push(time(() => (tracked = new TrackedDocument(ann, document))));
    const anchors = anchorsAt(ann.lines.map((a) => a.line), lineText);
    const edit = { startLine: 3, startCharacter: 40, endLine: 3, endCharacter: 40, text: '\n\t', startLineLength: 40 };
    phases.keystroke.push(time(() => applyEdits(anchors, [edit], lineText)));
    // An annotated line deleted, then undone: every annotation back in place needs the whole text compared.
    const typed = ann.lines[0].line;
    const [removed] = source.splice(typed, 1);
    tracked.edit(document, [{ range: { start: { line: typed, character: 0 }, end: { line: typed + 1, character: 0 } }, rangeLength: removed.length + 1, text: '' }]);
    tracked.shown(document);
    source.splice(typed, 0, removed);
    tracked.edit(document, [{ range: { start: { line: typed, character: 0 }, end: { line: typed, character: 0 } }, rangeLength: 0, text: `${removed}\n` }]);
    let shown = 0;
    phases.back.push(time(() => (shown = tracked.shown(document).lines.length)));
    if (shown !== annotated) throw new Error(`back: ${shown} of ${annotated} annotations shown`);
  }
  if (annotated !== FUNCTIONS * LINES_PER_FUNCTION) throw new Error(`expected ${FUNCTIONS * LINES_PER_FUNCTION} annotated lines, got ${annotated}`);

  const dir = mkdtempSync(join(tmpdir(), 'gdp-bench-'));
  let pprofMs: number;
  try {
    const file = join(dir, 'big.pprof');
    writeFileSync(file, bytes);
    const bin = await pprofBinary();
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      await promisify(execFile)(bin, ['-top', '-lines', '-nodecount=10', file], { maxBuffer: 16 << 20 });
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    pprofMs = median(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`profile: ${SAMPLES} samples, ${FILE_LINES}-line file, ${annotated} annotated lines, ${FUNCTIONS} functions; median of ${RUNS} runs`);
  for (const [name, xs] of Object.entries(phases)) console.log(`  ${name.padEnd(10)} ${median(xs).toFixed(2).padStart(8)} ms`);
  const compute = median(phases.compute);
  const annotate = median(phases.annotate);
  console.log(`  go tool pprof -top -lines (whole process, for scale): ${pprofMs.toFixed(0)} ms; compute/pprof = ${(compute / pprofMs).toFixed(3)}`);
  // Printed, not enforced: on a shared 2-core machine a loaded moment can double any number.
  const verdict = (ms: number): string => `${ms.toFixed(2)} ms ${ms < BUDGET_MS ? '<' : '>='} ${BUDGET_MS} ms: ${ms < BUDGET_MS ? 'PASS' : 'OVER'}`;
  console.log(`  budget, a file's annotations (annotate):             ${verdict(annotate)}`);
  console.log(`  budget, from a newly active profile (index+annotate): ${verdict(compute)}`);
  console.log(`  load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
}

void main();
