/**
 * Builds a profile in the engine's model from stacks known by name (function, file, line)
 * rather than by address — what Delve gives for goroutines. `encodeProfile` writes it.
 */
import type { Label, Profile, ValueType } from './model';
import { StringTable } from './stringTable';

export interface NamedFrame {
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

export class ProfileBuilder {
  private readonly strings = new StringTable(['']);
  private readonly functions = new Map<string, number>();
  private readonly functionRows: [number, number][] = [];
  private readonly frames = new Map<string, number>();
  private readonly frameRows: [number, number][] = [];
  private readonly stacks: number[][] = [];
  private readonly values: number[] = [];
  private readonly labelSets: Label[][] = [];
  private readonly labelSetIds = new Map<string, number>();
  private readonly sampleLabels: number[] = [];
  private readonly comments: string[] = [];

  constructor(
    private readonly sampleTypes: readonly ValueType[],
    private readonly periodType?: ValueType,
    private readonly period = 0,
    private readonly timeNanos = Date.now() * 1e6,
  ) {}

  comment(text: string): void {
    this.comments.push(text);
  }

  /** Adds a sample; `stack` is leaf first, as pprof stores it. String labels only. */
  addSample(stack: readonly NamedFrame[], values: readonly number[], labels: Readonly<Record<string, string>> = {}): void {
    this.stacks.push(stack.map((f) => this.frame(f)));
    this.values.push(...values);
    const set = Object.entries(labels).map(([key, str]) => ({ key, str }));
    this.sampleLabels.push(set.length ? this.labelSet(set) : -1);
  }

  build(): Profile {
    return {
      strings: this.strings.strings,
      sampleTypes: this.sampleTypes,
      defaultSampleType: this.sampleTypes.length - 1,
      periodType: this.periodType,
      period: this.period,
      timeNanos: this.timeNanos,
      durationNanos: 0,
      comments: this.comments,
      functions: {
        length: this.functionRows.length,
        name: Int32Array.from(this.functionRows, (r) => r[0]),
        file: Int32Array.from(this.functionRows, (r) => r[1]),
        startLine: new Int32Array(this.functionRows.length),
      },
      frames: {
        length: this.frameRows.length,
        func: Int32Array.from(this.frameRows, (r) => r[0]),
        line: Int32Array.from(this.frameRows, (r) => r[1]),
        inlined: new Uint8Array(this.frameRows.length),
      },
      samples: sampleTable(this.stacks, this.values, this.sampleLabels),
      labelSets: this.labelSets,
    };
  }

  private frame(f: NamedFrame): number {
    const key = `${f.func}\u0000${f.file}\u0000${f.line}`;
    let id = this.frames.get(key);
    if (id === undefined) {
      id = this.frameRows.length;
      this.frames.set(key, id);
      this.frameRows.push([this.function(f), f.line]);
    }
    return id;
  }

  private function(f: NamedFrame): number {
    const key = `${f.func}\u0000${f.file}`;
    let id = this.functions.get(key);
    if (id === undefined) {
      id = this.functionRows.length;
      this.functions.set(key, id);
      this.functionRows.push([this.strings.intern(f.func), this.strings.intern(f.file)]);
    }
    return id;
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

/**
 * The model's columnar sample table from one frame-index stack, its values (all sample types
 * of one sample in a row) and its label-set index (-1: none) per sample.
 */
export function sampleTable(stacks: readonly (readonly number[])[], values: readonly number[], labelSets: readonly number[]): Profile['samples'] {
  const stackStart = new Uint32Array(stacks.length + 1);
  let n = 0;
  stacks.forEach((s, i) => {
    stackStart[i] = n;
    n += s.length;
  });
  stackStart[stacks.length] = n;
  return {
    length: stacks.length,
    stackStart,
    stackFrames: Int32Array.from(stacks.flat()),
    values: Float64Array.from(values),
    labelSet: Int32Array.from(labelSets),
  };
}
