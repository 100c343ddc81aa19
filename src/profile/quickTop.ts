import type { TopTable } from './model';
import type { Gunzip, ProfileHead, TopLevel } from './decode';
import { decodeWith } from './decode';
import type { Symbols } from './symbols';
import { sampleTypeIndex } from './sampleType';
import { rowKeys, topRows, topTable } from './top';
import type { RowKeys, TopOptions } from './top';
import { Cursor, fieldOf } from './varint';
import { demangleFunctions, demangleProfile } from './demangle';
import { ProfileError } from './errors';

/**
 * A top table straight from the bytes, for the CLI: the samples are aggregated as they are
 * read, never expanded into the model's table of every stack frame. Same numbers as
 * decodeProfile + topTable (the tests compare both with pprof); on the 400k-sample benchmark
 * profile it takes about half their time, which bench/engine.bench.ts measures.
 */
export function quickTop(bytes: Uint8Array, gunzip: Gunzip, options: TopOptions = {}): TopTable {
  return decodeWith(bytes, gunzip, (p) => topTable(options.demangle ? demangleProfile(p) : p, options), (raw, t, head, symbols) => aggregate(raw, t, head, symbols, options));
}

function aggregate(raw: Uint8Array, t: TopLevel, head: ProfileHead, symbols: Symbols, options: TopOptions): TopTable {
  const T = head.sampleTypes.length;
  const type = sampleTypeIndex(head, options.sampleType);
  const named = options.demangle ? demangleFunctions(head.strings, symbols.functions) : { strings: head.strings, functions: symbols.functions };
  const keys: RowKeys = rowKeys({ ...named, frames: symbols.frames }, options.lines);
  const rows = new Rows(keys, symbols);
  const c = new Cursor(raw);
  const ids: number[] = [];
  let total = 0;
  for (let i = 0; i < t.sampleCount; i++) {
    c.pos = t.sampleSpans[2 * i];
    c.end = t.sampleSpans[2 * i + 1];
    // Values come after the stack on the wire: note where the stack is, then walk it.
    let packedFrom = -1;
    let packedTo = -1;
    ids.length = 0;
    let nValues = 0;
    let v = 0;
    while (c.pos < c.end) {
      const tag = c.varint();
      const field = fieldOf(tag);
      const wire = tag & 7;
      if (field === 1 && wire === 2) {
        const end = c.fieldEnd();
        if (packedFrom >= 0) readIds(c, packedFrom, packedTo, ids);
        packedFrom = c.pos;
        packedTo = end;
        c.pos = end;
      } else if (field === 1 && wire === 0) {
        if (packedFrom >= 0) readIds(c, packedFrom, packedTo, ids);
        packedFrom = -1;
        ids.push(c.varint());
      } else if (field === 2 && wire === 0) {
        if (nValues >= T) throw valueCountError(T);
        const x = c.varint();
        if (nValues++ === type) v = x;
      } else if (field === 2 && wire === 2) {
        const end = c.fieldEnd();
        const outer = c.end;
        c.end = end;
        while (c.pos < end) {
          if (nValues >= T) throw valueCountError(T);
          const x = c.varint();
          if (nValues++ === type) v = x;
        }
        c.end = outer;
      } else if (field === 3 && wire === 2) {
        checkLabel(c, c.fieldEnd(), head.strings.length);
      } else if (field >= 1 && field <= 3) {
        throw new ProfileError(`corrupt protobuf data: sample field ${field} has wire type ${wire}`);
      } else {
        c.skip(wire);
      }
    }
    if (nValues !== T) throw valueCountError(T);
    if (ids.length > 0 && packedFrom >= 0) {
      readIds(c, packedFrom, packedTo, ids);
      packedFrom = -1;
    }
    if (v === 0) {
      if (packedFrom < 0) for (const id of ids) rows.location(id);
      else rows.checkPacked(raw, packedFrom, packedTo);
      continue;
    }
    total += Math.abs(v);
    if (packedFrom >= 0) rows.packed(raw, packedFrom, packedTo, i, v);
    else rows.ids(ids, i, v);
  }
  return topRows(keys, rows.flat, rows.cum, head.sampleTypes[type], total, options.n);
}

/** flat and cum per row, added up sample by sample from location ids. */
class Rows {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  private readonly seen: Int32Array;
  /** By location id, its rows (one per frame, leaf first): rowList[rowStart[id] .. rowStart[id + 1]). */
  private readonly rowStart: Int32Array;
  private readonly rowList: Int32Array;
  /** By location id, its one row, or -1 when it has none or several. */
  private readonly single: Int32Array;
  private readonly ofFrame: Int32Array;

  constructor(keys: RowKeys, private readonly symbols: Symbols) {
    const count = keys.name.length;
    this.flat = new Float64Array(count);
    this.cum = new Float64Array(count);
    this.seen = new Int32Array(count).fill(-1);
    this.ofFrame = keys.ofFrame;
    const { denseLocations: dense, locFrameStart: start, locFrames } = symbols;
    this.rowStart = new Int32Array(dense.length + 1);
    const list: number[] = [];
    for (let id = 0; id < dense.length; id++) {
      this.rowStart[id] = list.length;
      const loc = dense[id];
      if (loc >= 0) for (let k = start[loc]; k < start[loc + 1]; k++) list.push(keys.ofFrame[locFrames[k]]);
    }
    this.rowStart[dense.length] = list.length;
    this.rowList = Int32Array.from(list);
    this.single = new Int32Array(dense.length).fill(-1);
    for (let id = 0; id < dense.length; id++) if (this.rowStart[id + 1] - this.rowStart[id] === 1) this.single[id] = this.rowList[this.rowStart[id]];
  }

  /**
   * The hot loop: one varint, one lookup and one seen check per frame. Two- and three-byte ids
   * (every id from 128 to 2M) are read without the general varint loop, and a location with
   * one row (no inlined calls) is one table read: together 10-20% less CPU in quickTop on the
   * 400k-sample benchmark profile (bench/engine.bench.ts, phase `cli top's decode+aggregate`).
   */
  packed(buf: Uint8Array, pos: number, end: number, sample: number, v: number): void {
    const { rowStart, rowList, single, seen, cum, flat } = this;
    const ids = single.length;
    let leaf = true;
    while (pos < end) {
      let id = buf[pos++];
      if (id >= 0x80) {
        if (pos < end && buf[pos] < 0x80) {
          id = (id & 0x7f) | (buf[pos++] << 7);
        } else if (pos + 1 < end && buf[pos + 1] < 0x80) {
          id = (id & 0x7f) | ((buf[pos] & 0x7f) << 7) | (buf[pos + 1] << 14);
          pos += 2;
        } else {
          id &= 0x7f;
          let b = 0x80;
          for (let shift = 7; b >= 0x80; shift += 7) {
            if (pos >= end) throw new ProfileError('truncated protobuf data');
            if (shift > 63) throw new ProfileError('corrupt protobuf data: malformed varint');
            b = buf[pos++];
            id = shift < 28 ? id | ((b & 0x7f) << shift) : id + (b & 0x7f) * 2 ** shift;
          }
        }
      }
      const one = id < ids ? single[id] : -1;
      if (one >= 0) {
        if (leaf) {
          flat[one] += v;
          leaf = false;
        }
        if (seen[one] !== sample) {
          seen[one] = sample;
          cum[one] += v;
        }
        continue;
      }
      if (id >= ids || rowStart[id] === rowStart[id + 1]) {
        // Sparse ids (not Go's), or no such location: the general path, which refuses the latter.
        this.frames(id, sample, v, leaf);
        leaf = false;
        continue;
      }
      for (let k = rowStart[id], z = rowStart[id + 1]; k < z; k++) {
        const row = rowList[k];
        if (leaf) {
          flat[row] += v;
          leaf = false;
        }
        if (seen[row] !== sample) {
          seen[row] = sample;
          cum[row] += v;
        }
      }
    }
  }

  ids(ids: readonly number[], sample: number, v: number): void {
    ids.forEach((id, k) => this.frames(id, sample, v, k === 0));
  }

  /** A location's frames (several when calls were inlined into it). */
  private frames(id: number, sample: number, v: number, leaf: boolean): void {
    const loc = this.location(id);
    const { locFrameStart: start, locFrames } = this.symbols;
    for (let k = start[loc]; k < start[loc + 1]; k++) {
      const row = this.ofFrame[locFrames[k]];
      if (leaf && k === start[loc]) this.flat[row] += v;
      if (this.seen[row] !== sample) {
        this.seen[row] = sample;
        this.cum[row] += v;
      }
    }
  }

  /** The location's index, refusing an id the profile does not define. */
  location(id: number): number {
    const loc = this.symbols.locationOf(id);
    if (loc < 0) throw new ProfileError(`corrupt profile: a sample refers to missing location ${id}`);
    return loc;
  }

  /** A zero-valued sample adds nothing, but its stack must still be valid. */
  checkPacked(buf: Uint8Array, pos: number, end: number): void {
    const ids: number[] = [];
    readIds(new Cursor(buf), pos, end, ids);
    for (const id of ids) this.location(id);
  }
}

function readIds(c: Cursor, from: number, to: number, out: number[]): void {
  const { pos, end } = c;
  c.pos = from;
  c.end = to;
  while (c.pos < to) out.push(c.varint());
  c.pos = pos;
  c.end = end;
}

/** A label's string indexes must be in the table, as decodeProfile checks them. */
function checkLabel(c: Cursor, end: number, strings: number): void {
  const outer = c.end;
  c.end = end;
  while (c.pos < end) {
    const tag = c.varint();
    const field = fieldOf(tag);
    const wire = tag & 7;
    if (field >= 1 && field <= 4 && wire !== 0) throw new ProfileError(`corrupt protobuf data: label field ${field} has wire type ${wire}`);
    if (field === 1 || field === 2 || field === 4) {
      const i = c.varint();
      if (i < 0 || i >= strings || !Number.isInteger(i)) throw new ProfileError(`corrupt profile: a label refers to string ${i} but the string table has ${strings} entries`);
    } else {
      c.skip(wire);
    }
  }
  c.end = outer;
}

function valueCountError(typeCount: number): ProfileError {
  return new ProfileError(`corrupt profile: a sample does not have exactly ${typeCount} values (one per sample type)`);
}
