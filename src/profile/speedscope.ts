import type { Profile } from './model';
import { sampleTypeIndex } from './sampleType';

/** speedscope's file format (https://www.speedscope.app/file-format-schema.json), the parts we write. */
export interface SpeedscopeFile {
  readonly $schema: 'https://www.speedscope.app/file-format-schema.json';
  readonly shared: { readonly frames: readonly SpeedscopeFrame[] };
  readonly profiles: readonly SpeedscopeSampledProfile[];
  readonly name: string;
  readonly activeProfileIndex: number;
  readonly exporter: string;
}

export interface SpeedscopeFrame {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

export type SpeedscopeUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';

export interface SpeedscopeSampledProfile {
  readonly type: 'sampled';
  readonly name: string;
  readonly unit: SpeedscopeUnit;
  readonly startValue: number;
  readonly endValue: number;
  /** Stacks root first, as indexes into shared.frames. */
  readonly samples: readonly (readonly number[])[];
  readonly weights: readonly number[];
}

const UNITS: Record<string, SpeedscopeUnit> = {
  nanoseconds: 'nanoseconds',
  microseconds: 'microseconds',
  milliseconds: 'milliseconds',
  seconds: 'seconds',
  bytes: 'bytes',
};

/**
 * Exports one sample type as a speedscope "sampled" profile. Every frame (function, line) is
 * a speedscope frame of its own, inlined calls included, so speedscope keeps file and line
 * (its own pprof importer keeps one line per function and drops inlined frames). Samples with
 * no positive weight are left out: speedscope has no notion of negative weight.
 */
export function toSpeedscope(profile: Profile, sampleType?: string | number, name = 'profile'): SpeedscopeFile {
  const t = sampleTypeIndex(profile, sampleType);
  const T = profile.sampleTypes.length;
  const { strings, functions, frames } = profile;
  const { stackStart, stackFrames, values, length } = profile.samples;
  const shared: SpeedscopeFrame[] = [];
  const remap = new Int32Array(frames.length).fill(-1);
  const samples: number[][] = [];
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i * T + t];
    if (!(v > 0) || stackStart[i] === stackStart[i + 1]) continue;
    const stack: number[] = [];
    for (let j = stackStart[i + 1] - 1; j >= stackStart[i]; j--) {
      const f = stackFrames[j];
      if (remap[f] < 0) {
        remap[f] = shared.length;
        const fn = frames.func[f];
        const file = strings[functions.file[fn]];
        const line = frames.line[f];
        shared.push({ name: strings[functions.name[fn]], ...(file ? { file } : {}), ...(line > 0 ? { line } : {}) });
      }
      stack.push(remap[f]);
    }
    samples.push(stack);
    weights.push(v);
    total += v;
  }
  const type = profile.sampleTypes[t];
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames: shared },
    profiles: [{ type: 'sampled', name: type.type, unit: UNITS[type.unit] ?? 'none', startValue: 0, endValue: total, samples, weights }],
    name,
    activeProfileIndex: 0,
    exporter: 'go-debug-profile',
  };
}
