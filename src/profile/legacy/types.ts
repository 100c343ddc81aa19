import type { ValueType } from '../model';

/**
 * A profile read from one of pprof's legacy formats, before it becomes the engine's model:
 * stacks of raw addresses (64-bit, hence bigint), values per sample type, and the memory map
 * that names the binaries the addresses fall in.
 */
export interface LegacyLocation {
  readonly address: bigint;
  mapping?: LegacyMapping;
}

export interface LegacyMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
}

export interface LegacySample {
  locations: LegacyLocation[];
  readonly values: number[];
}

export interface LegacyProfile {
  readonly sampleTypes: ValueType[];
  readonly periodType: ValueType;
  period: number;
  durationNanos: number;
  readonly samples: LegacySample[];
  mappings: LegacyMapping[];
}

/** The format is not this parser's: the next one may read it (pprof's errUnrecognized). */
export class Unrecognized extends Error {}

/** Locations interned by address, as pprof's legacy parsers share one Location per address. */
export class AddressTable {
  private readonly byAddress = new Map<bigint, LegacyLocation>();

  get(address: bigint): LegacyLocation {
    let loc = this.byAddress.get(address);
    if (!loc) {
      loc = { address };
      this.byAddress.set(address, loc);
    }
    return loc;
  }
}

/** Go's isSpaceOrComment. */
export function isSpaceOrComment(line: string): boolean {
  const t = line.trim();
  return t.length === 0 || t[0] === '#';
}

/** Every 0x-prefixed hex number in s, as pprof's parseHexAddresses. */
export function hexAddresses(s: string): bigint[] {
  return (s.match(/0x[0-9a-f]+/g) ?? []).map((h) => BigInt(h));
}

/** Go's strconv.ParseInt(s, 0, 64), refusing what it refuses. */
export function parseInt0(s: string): number | undefined {
  const m = /^([+-]?)(0x[0-9a-fA-F]+|0o?[0-7]+|0b[01]+|\d+)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const v = /^0[0-7]+$/.test(body) ? parseInt(body.slice(1), 8) : Number(body.replace(/^0o/, '0o'));
  return m[1] === '-' ? -v : v;
}
