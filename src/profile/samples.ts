import type { Label, SampleTable } from './model';
import type { Symbols } from './symbols';
import { Cursor, fieldOf } from './varint';
import { ProfileError } from './errors';
import { growInt32 } from './growable';

/** The most stack frames (summed over samples) the engine holds: 256 MB of Int32Array. */
export const MAX_STACK_FRAMES = 1 << 26;

/**
 * Decodes the Sample messages at `spans` (start/end byte offsets pairs) straight into the
 * columnar sample table: no object per sample, stacks expanded to frames as they are read.
 */
export function decodeSamples(
  raw: Uint8Array,
  spans: Uint32Array,
  count: number,
  typeCount: number,
  symbols: Symbols,
  strings: readonly string[],
): { samples: SampleTable; labelSets: Label[][] } {
  // Every value takes at least one byte on the wire, which bounds this allocation by the input.
  if (count * typeCount > raw.length) {
    throw new ProfileError('corrupt profile: more sample values than the data can hold');
  }
  const values = new Float64Array(count * typeCount);
  const stackStart = new Uint32Array(count + 1);
  const labelSet = new Int32Array(count).fill(-1);
  // About one frame per two bytes of samples (location ids take 1-3 bytes): sized by the
  // samples, not the whole input, so a profile of huge strings does not reserve a huge table.
  let sampleBytes = 0;
  for (let i = 0; i < count; i++) sampleBytes += spans[2 * i + 1] - spans[2 * i];
  const stacks = new StackBuilder(Math.min(MAX_STACK_FRAMES, Math.max(1024, sampleBytes >>> 1)), symbols);
  const labels = new LabelInterner(strings);
  const c = new Cursor(raw);

  for (let i = 0; i < count; i++) {
    stackStart[i] = stacks.n;
    c.pos = spans[2 * i];
    c.end = spans[2 * i + 1];
    let nValues = 0;
    labels.begin();
    while (c.pos < c.end) {
      const tag = c.varint();
      const field = fieldOf(tag);
      const wire = tag & 7;
      if (field === 1 && wire === 2) {
        const end = c.fieldEnd();
        stacks.packed(raw, c.pos, end);
        c.pos = end;
      } else if (field === 1 && wire === 0) {
        stacks.push(c.varint());
      } else if (field === 2 && wire === 0) {
        if (nValues >= typeCount) throw valueCountError(typeCount);
        values[i * typeCount + nValues++] = c.varint();
      } else if (field === 2 && wire === 2) {
        const end = c.fieldEnd();
        const outer = c.end;
        c.end = end;
        while (c.pos < end) {
          if (nValues >= typeCount) throw valueCountError(typeCount);
          values[i * typeCount + nValues++] = c.varint();
        }
        c.end = outer;
      } else if (field === 3 && wire === 2) {
        const end = c.fieldEnd();
        labels.read(c, end);
      } else if (field >= 1 && field <= 3) {
        throw new ProfileError(`corrupt protobuf data: sample field ${field} has wire type ${wire}`);
      } else {
        c.skip(wire);
      }
    }
    if (nValues !== typeCount) throw valueCountError(typeCount);
    labelSet[i] = labels.end();
  }
  stackStart[count] = stacks.n;
  const stackFrames = stacks.finish();
  return { samples: { length: count, stackStart, stackFrames, values, labelSet }, labelSets: labels.sets };
}

/** Expands location ids to frames, appending to one growing array of all samples' stacks. */
class StackBuilder {
  n = 0;
  private frames: Int32Array;
  /** By location id: its frame when the location is one frame, else -1. */
  private readonly single: Int32Array;
  private readonly locFrameStart: Uint32Array;
  private readonly locFrames: Int32Array;

  constructor(capacity: number, private readonly symbols: Symbols) {
    this.frames = new Int32Array(capacity);
    this.locFrameStart = symbols.locFrameStart;
    this.locFrames = symbols.locFrames;
    const dense = symbols.denseLocations;
    this.single = new Int32Array(dense.length);
    for (let id = 0; id < dense.length; id++) {
      const loc = dense[id];
      this.single[id] = loc >= 0 && this.locFrameStart[loc + 1] - this.locFrameStart[loc] === 1 ? this.locFrames[this.locFrameStart[loc]] : -1;
    }
  }

  /** Appends the frames of the packed location ids in buf[pos, end), the hot loop of decoding. */
  packed(buf: Uint8Array, pos: number, end: number): void {
    // Most locations are one frame: `single[id]` gives it in one load (measured: a third
    // faster than id -> location -> frame range on the 400k-sample benchmark profile).
    const single = this.single;
    const singleLength = single.length;
    let frames = this.frames;
    let n = this.n;
    while (pos < end) {
      let id = buf[pos++];
      if (id >= 0x80) {
        id &= 0x7f;
        let b = 0x80;
        for (let shift = 7; b >= 0x80; shift += 7) {
          if (pos >= end) throw new ProfileError('truncated protobuf data');
          if (shift > 63) throw new ProfileError('corrupt protobuf data: malformed varint');
          b = buf[pos++];
          id = shift < 28 ? id | ((b & 0x7f) << shift) : id + (b & 0x7f) * 2 ** shift;
        }
      }
      const frame = id < singleLength ? single[id] : -1;
      if (frame >= 0 && n < frames.length) {
        frames[n++] = frame;
        continue;
      }
      this.n = n;
      this.push(id);
      frames = this.frames;
      n = this.n;
    }
    this.n = n;
  }

  push(id: number): void {
    const loc = this.symbols.locationOf(id);
    if (loc < 0) throw missingLocation(id);
    const from = this.locFrameStart[loc];
    const to = this.locFrameStart[loc + 1];
    if (this.n + (to - from) > this.frames.length) {
      this.frames = growInt32(this.frames, this.n + (to - from), MAX_STACK_FRAMES, 'stack frames');
    }
    for (let k = from; k < to; k++) this.frames[this.n++] = this.locFrames[k];
  }

  /** The frames written, trimmed when the slack is large: the model crosses to the webview whole. */
  finish(): Int32Array {
    const n = this.n;
    return this.frames.length - n > n >>> 2 ? this.frames.slice(0, n) : this.frames.subarray(0, n);
  }
}

function missingLocation(id: number): ProfileError {
  return new ProfileError(`corrupt profile: a sample refers to missing location ${id}`);
}

function valueCountError(typeCount: number): ProfileError {
  return new ProfileError(`corrupt profile: a sample does not have exactly ${typeCount} values (one per sample type)`);
}

/** Reads a sample's labels and gives each distinct set of labels one index. */
class LabelInterner {
  readonly sets: Label[][] = [];
  private readonly byKey = new Map<string, number>();
  private raw: number[] = [];

  constructor(private readonly strings: readonly string[]) {}

  begin(): void {
    this.raw.length = 0;
  }

  read(c: Cursor, end: number): void {
    const outer = c.end;
    c.end = end;
    let key = 0;
    let str = 0;
    let num = 0;
    let unit = 0;
    while (c.pos < end) {
      const tag = c.varint();
      const field = fieldOf(tag);
      const wire = tag & 7;
      if (field >= 1 && field <= 4 && wire !== 0) {
        throw new ProfileError(`corrupt protobuf data: label field ${field} has wire type ${wire}`);
      }
      if (field === 1) key = this.index(c.varint());
      else if (field === 2) str = this.index(c.varint());
      else if (field === 3) num = c.varint();
      else if (field === 4) unit = this.index(c.varint());
      else c.skip(wire);
    }
    c.end = outer;
    // As pprof: a label with neither a string nor a number nor a unit carries nothing.
    if (str !== 0 || num !== 0 || unit !== 0) this.raw.push(key, str, num, unit);
  }

  end(): number {
    if (this.raw.length === 0) return -1;
    const key = this.raw.join(',');
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.byKey.set(key, id);
      const set: Label[] = [];
      for (let k = 0; k < this.raw.length; k += 4) {
        const [key, str, num, unit] = this.raw.slice(k, k + 4);
        const s = this.strings;
        // As pprof: a label with a string is a string label, otherwise a numeric one.
        set.push(str !== 0 ? { key: s[key], str: s[str] } : unit !== 0 ? { key: s[key], num, unit: s[unit] } : { key: s[key], num });
      }
      this.sets.push(set);
    }
    return id;
  }

  private index(i: number): number {
    if (i < 0 || i >= this.strings.length || !Number.isInteger(i)) {
      throw new ProfileError(`corrupt profile: a label refers to string ${i} but the string table has ${this.strings.length} entries`);
    }
    return i;
  }
}
