/**
 * The heap/allocs and block/mutex profiles from bucket records, with the numbers
 * runtime/pprof writes: the heap profile's cycle as MemProfile publishes it (pending cycle
 * flushed; all cycles when no GC has published any), scaleHeapSample, block/mutex counts
 * and delays converted from CPU ticks with the runtime's measured tick rate, sorted by delay.
 */
import { sampleTable, type Label, type Profile, type ValueType } from '../../profile';
import { BlockBucket, MemBucket, MemCycle } from './buckets';
import { FrameResolver } from './frames';
import type { HostTicks } from './hostTicks';
import { LocationTable } from './locations';

export class ProfileReadError extends Error {}

const add = (a: MemCycle, b: MemCycle): MemCycle => ({
  allocs: a.allocs + b.allocs,
  frees: a.frees + b.frees,
  allocBytes: a.allocBytes + b.allocBytes,
  freeBytes: a.freeBytes + b.freeBytes,
});

/** runtime.memProfileInternal's view of the records, without changing the target's state. */
export function publishedCycles(buckets: readonly MemBucket[], memCycleWord: number): MemCycle[] {
  const index = (memCycleWord >>> 1) % 3;
  const flushed = buckets.map((b) => add(b.active, b.future[index]));
  if (flushed.every((c) => c.allocs === 0 && c.frees === 0)) {
    // No GC has published a cycle yet: the runtime then adds every pending cycle.
    return buckets.map((b) => b.future.reduce(add, b.active));
  }
  return flushed;
}

/** pprof's scaleHeapSample: undo the Poisson sampling at `rate` bytes per sample, with the target's exp. */
export function scaleHeapSample(count: number, size: number, rate: number, exp: (x: number) => number): [number, number] {
  if (count === 0 || size === 0) {
    return [0, 0];
  }
  if (rate <= 1) {
    return [count, size];
  }
  const scale = 1 / (1 - exp(-(size / count) / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

function isRuntimeName(name: string | undefined): boolean {
  return name !== undefined && (name.startsWith('runtime.') || name.startsWith('internal/runtime/'));
}

async function heapStack(frames: FrameResolver, table: LocationTable, stack: readonly number[]): Promise<number[]> {
  // Go hides the runtime's own frames above the first frame of the program, unless that leaves nothing.
  let stk = stack;
  for (let i = 0; i < stack.length; i++) {
    if (!isRuntimeName(await frames.funcNameForPC(stack[i]))) {
      stk = stack.slice(i);
      break;
    }
  }
  const locs = await table.locationsFor(stk);
  return table.framesOf(locs.length > 0 || stk === stack ? locs : await table.locationsFor(stack));
}

/** Samples collected in the model's columnar layout. */
class Samples {
  private readonly stacks: number[][] = [];
  private readonly values: number[] = [];
  private readonly labels: number[] = [];
  readonly labelSets: Label[][] = [];
  private readonly labelSetIds = new Map<string, number>();

  add(stack: number[], values: number[], labels: Label[] = []): void {
    this.stacks.push(stack);
    this.values.push(...values);
    this.labels.push(labels.length ? this.labelSet(labels) : -1);
  }

  table(): Profile['samples'] {
    return sampleTable(this.stacks, this.values, this.labels);
  }

  private labelSet(set: Label[]): number {
    const key = JSON.stringify(set);
    let id = this.labelSetIds.get(key);
    if (id === undefined) {
      id = this.labelSets.length;
      this.labelSetIds.set(key, id);
      this.labelSets.push(set);
    }
    return id;
  }
}

export interface HeapInput {
  buckets: MemBucket[];
  memCycleWord: number;
  memProfileRate: number;
  /** "alloc_space" for the allocs profile, none for heap (as pprof.Lookup writes them). */
  defaultSampleType?: string;
  /** math.Exp as the target computes it (see goExp.ts); Math.exp where that is not known. */
  exp: (x: number) => number;
}

const HEAP_TYPES: ValueType[] = [
  { type: 'alloc_objects', unit: 'count' },
  { type: 'alloc_space', unit: 'bytes' },
  { type: 'inuse_objects', unit: 'count' },
  { type: 'inuse_space', unit: 'bytes' },
];

export async function heapProfile(frames: FrameResolver, input: HeapInput): Promise<Profile> {
  const table = new LocationTable(frames);
  const cycles = publishedCycles(input.buckets, input.memCycleWord);
  const rate = input.memProfileRate;
  const samples = new Samples();
  for (let i = 0; i < input.buckets.length; i++) {
    const r = cycles[i];
    const stack = await heapStack(frames, table, input.buckets[i].stack);
    const [allocObjects, allocSpace] = scaleHeapSample(r.allocs, r.allocBytes, rate, input.exp);
    const [inuseObjects, inuseSpace] = scaleHeapSample(r.allocs - r.frees, r.allocBytes - r.freeBytes, rate, input.exp);
    const blockSize = r.allocs > 0 ? Math.trunc(r.allocBytes / r.allocs) : 0;
    samples.add(stack, [allocObjects, allocSpace, inuseObjects, inuseSpace], blockSize !== 0 ? [{ key: 'bytes', num: blockSize }] : []);
  }
  const defaultType = HEAP_TYPES.findIndex((t) => t.type === input.defaultSampleType);
  return model(table, samples, HEAP_TYPES, defaultType < 0 ? HEAP_TYPES.length - 1 : defaultType, { type: 'space', unit: 'bytes' }, rate, []);
}

export interface ContentionInput {
  buckets: BlockBucket[];
  /** Block counts of 0 read as 1 (blockProfileInternal); mutex counts are kept as they are. */
  block: boolean;
  ticksPerSecond: number;
  /** Said in the profile's comments when the tick rate is an estimate. */
  tickNote?: string;
  profStackDepth: number;
}

/**
 * The tick rate pprof converts delays with. The runtime measures it the first time it needs
 * it (a block rate above 1, or a block or mutex profile written); until then its start pair
 * (cputicks and nanotime at schedinit) gives an estimate where both clocks count from about
 * boot (the TSC from reset, CLOCK_MONOTONIC from the kernel's start; on arm64 cputicks is
 * nanotime), measured here at 16 ppm from the runtime's own figure. A virtual machine's TSC
 * does not count from the guest's boot (seen: the pair gave 2.72 GHz and 226 GHz where the
 * runtime measured 2.10): for a program on this machine (`host`), its TSC rate is used there,
 * and wherever the pair gives nothing plausible.
 */
export function tickRate(measured: number, startTicks: number, startTime: number, host?: HostTicks): { ticksPerSecond: number; note?: string } | undefined {
  if (measured > 0) {
    return { ticksPerSecond: measured };
  }
  const estimate = startTime > 0 ? Math.trunc((startTicks / startTime) * 1e9) : 0;
  const plausible = estimate >= 1e8 && estimate <= 1e11;
  if (host && (host.virtual || !plausible)) {
    return {
      ticksPerSecond: host.ticksPerSecond,
      note: `Delays use this machine's CPU tick rate, ${(host.ticksPerSecond / 1e9).toFixed(4)} GHz (/proc/cpuinfo): the program had not measured its own yet.`,
    };
  }
  if (!plausible) {
    return undefined;
  }
  return {
    ticksPerSecond: estimate,
    note: `Delays use an estimated CPU tick rate of ${(estimate / 1e9).toFixed(4)} GHz: the program had not measured its own yet.`,
  };
}

export async function contentionProfile(frames: FrameResolver, input: ContentionInput): Promise<Profile> {
  const records = input.buckets.map((b) => {
    const count = Math.trunc(b.count);
    return { stack: b.stack, count: input.block && count === 0 ? 1 : count, cycles: b.cycles };
  });
  if (input.ticksPerSecond <= 0 && records.some((r) => r.cycles !== 0)) {
    throw new ProfileReadError('The program has not measured its CPU tick rate and its start time gives no estimate, so its contention delays cannot be turned into time.');
  }
  records.sort((a, b) => b.cycles - a.cycles);
  const cpuGHz = input.ticksPerSecond / 1e9;
  const table = new LocationTable(frames);
  const samples = new Samples();
  for (const r of records) {
    const expanded = await frames.expandInlinedFrames(r.stack, input.profStackDepth);
    samples.add(await table.stackFrames(expanded), [r.count, r.cycles === 0 ? 0 : Math.trunc(r.cycles / cpuGHz)]);
  }
  const types = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }];
  return model(table, samples, types, 1, types[0], 1, input.tickNote ? [input.tickNote] : []);
}

function model(table: LocationTable, samples: Samples, sampleTypes: ValueType[], defaultSampleType: number, periodType: ValueType, period: number, notes: string[]): Profile {
  return {
    functions: table.functionTable(),
    frames: table.frameTable(),
    strings: table.strings.strings,
    sampleTypes,
    defaultSampleType,
    periodType,
    period,
    timeNanos: Date.now() * 1e6,
    durationNanos: 0,
    comments: ['Read from the Go runtime\'s profile buckets by Delve at a debugger stop', ...notes],
    samples: samples.table(),
    labelSets: samples.labelSets,
  };
}
