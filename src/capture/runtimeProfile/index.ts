/**
 * Heap, allocation, block and mutex profiles of any stopped Go process Delve can see (exec,
 * attach, remote dlv, core file), read from the runtime's profile buckets at the stop with no
 * code run in the target and no file written on its machine. The result is the profile
 * `pprof.Lookup(kind).WriteTo` would write at that moment, in the engine's model (its one
 * encoder writes the file).
 */
import type { Profile } from '../../profile';
import { BucketType, readBlockBuckets, readMemBuckets } from './buckets';
import { FrameResolver } from './frames';
import { goExpAmd64 } from './goExp';
import type { HostTicks } from './hostTicks';
import { Pclntab } from './pclntab';
import { contentionProfile, heapProfile, tickRate } from './profiles';
import { RuntimeState, readRuntimeState } from './runtimeVars';
import { DapRequester, TargetMemory } from './targetMemory';

export type RuntimeProfileKind = 'heap' | 'allocs' | 'block' | 'mutex';

export const RUNTIME_PROFILE_KINDS: readonly RuntimeProfileKind[] = ['heap', 'allocs', 'block', 'mutex'];

export interface RuntimeProfile {
  profile: Profile;
  buckets: number;
  /** examinemem requests it took. */
  memoryReads: number;
  /** A one-line note for the user, e.g. that a profile is off in the program. */
  note?: string;
}

export { DapRequester } from './targetMemory';
export { hostTicks, type HostTicks } from './hostTicks';

/** `host`: this machine's tick rate, when the program runs here (see tickRate). */
export async function readRuntimeProfile(dap: DapRequester, kind: RuntimeProfileKind, host?: HostTicks): Promise<RuntimeProfile> {
  const state = await readRuntimeState(dap);
  const mem = new TargetMemory(dap);
  const frames = new FrameResolver(new Pclntab(mem, state.module));
  let profile: Profile;
  let buckets: number;
  let tickNote: string | undefined;
  if (kind === 'heap' || kind === 'allocs') {
    const records = await readMemBuckets(mem, state.mbuckets);
    await warm(frames, records.map((r) => r.stack));
    buckets = records.length;
    profile = await heapProfile(frames, {
      buckets: records,
      memCycleWord: state.memCycleWord,
      memProfileRate: state.memProfileRate,
      defaultSampleType: kind === 'allocs' ? 'alloc_space' : undefined,
      exp: state.useFMA === undefined ? Math.exp : (x) => goExpAmd64(x, state.useFMA!),
    });
  } else {
    const head = kind === 'block' ? state.bbuckets : state.xbuckets;
    const records = await readBlockBuckets(mem, head, kind === 'block' ? BucketType.block : BucketType.mutex);
    await warm(frames, records.map((r) => r.stack));
    buckets = records.length;
    const rate = tickRate(state.ticksPerSecond, state.startTicks, state.startTime, host);
    tickNote = records.length > 0 ? rate?.note : undefined;
    profile = await contentionProfile(frames, {
      buckets: records,
      block: kind === 'block',
      ticksPerSecond: rate?.ticksPerSecond ?? 0,
      tickNote,
      profStackDepth: state.profStackDepth,
    });
  }
  return { profile, buckets, memoryReads: mem.calls, note: emptyNote(kind, state, buckets) ?? tickNote };
}

/** Symbolizes every distinct pc at once, so the symbol table's pages are read concurrently. */
async function warm(frames: FrameResolver, stacks: number[][]): Promise<void> {
  const pcs = new Set<number>();
  for (const stack of stacks) {
    for (const pc of stack) {
      pcs.add(pc);
    }
  }
  await Promise.all([...pcs].map((pc) => frames.allFrames(pc)));
}

function emptyNote(kind: RuntimeProfileKind, state: RuntimeState, buckets: number): string | undefined {
  if (buckets > 0) {
    return undefined;
  }
  if ((kind === 'heap' || kind === 'allocs') && state.memProfileRate === 0) {
    return 'The program turned memory profiling off (runtime.MemProfileRate is 0), so the profile is empty.';
  }
  if (kind === 'block' || kind === 'mutex') {
    const call = kind === 'block' ? 'runtime.SetBlockProfileRate' : 'runtime.SetMutexProfileFraction';
    return `The ${kind} profile is empty: the program records ${kind} events only after it calls ${call} with a rate above 0.`;
  }
  return undefined;
}
