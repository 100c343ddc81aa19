import type { LegacyMapping, LegacyProfile } from './types';

// The memory map that ends a legacy profile (/proc/self/maps lines, or a brief form of them),
// and how pprof ties addresses to it: profile.ParseMemoryMap, massageMappings, remapMappingIDs.

const HEX = '(?:0x)?([0-9a-fA-F]+)';
const RANGE = `\\s*${HEX}[\\s-]?\\s*${HEX}:?`;
const PERM = '(?:\\s+([-rwxp]+))?';
const PROC_MAPS = new RegExp(`^${RANGE}${PERM}(?:\\s+([0-9a-fA-F]+))?\\s+[0-9a-fA-F]+:[0-9a-fA-F]+\\s+\\d+(?:\\s+(\\S+))?`);
const BRIEF_MAPS = new RegExp(`^${RANGE}${PERM}(?:\\s+(\\S+))?(?:\\s+\\(@([0-9a-fA-F]+)\\))?(?:\\s+([0-9a-fA-F]+))?`);
const LOG_PREFIX = /^[^[\]]+:[0-9]+]\s/;
const LIBRARY = /([.]so$|[.]so[._][0-9]+)/;

const SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

export function isMemoryMapSentinel(line: string): boolean {
  return SENTINELS.some((s) => line.includes(s));
}

/** Reads mapping lines; `name = value` lines define `$name` for the lines after them. */
export function parseMappings(lines: readonly string[]): LegacyMapping[] {
  const out: LegacyMapping[] = [];
  const vars: [string, string][] = [];
  for (const raw of lines) {
    const match = LOG_PREFIX.exec(raw);
    let line = match ? raw.slice(match[0].length) : raw;
    for (const [k, v] of vars) line = line.split(k).join(v);
    const entry = mappingEntry(line);
    if (entry === 'unrecognized') {
      const eq = line.indexOf('=');
      if (eq >= 0) vars.push([`$${line.slice(0, eq).trim()}`, line.slice(eq + 1).trim()]);
      continue;
    }
    if (entry) out.push(entry);
  }
  return out;
}

function mappingEntry(line: string): LegacyMapping | undefined | 'unrecognized' {
  let start: string, end: string, perm: string | undefined, file: string | undefined, offset: string | undefined, buildId: string | undefined;
  const proc = PROC_MAPS.exec(line);
  if (proc) {
    [, start, end, perm, offset, file] = proc;
  } else {
    const brief = BRIEF_MAPS.exec(line);
    if (!brief) return 'unrecognized';
    [, start, end, perm, file, offset, buildId] = brief;
  }
  // Only executable mappings hold code addresses.
  if (perm && !perm.includes('x')) return undefined;
  return { start: BigInt(`0x${start}`), limit: BigInt(`0x${end}`), offset: offset ? BigInt(`0x${offset}`) : 0n, file: file ?? '', buildId: buildId ?? '' };
}

/** Adds the mappings to the profile and gives every location its mapping, as pprof does. */
export function attachMappings(p: LegacyProfile, found: LegacyMapping[]): void {
  p.mappings = massage([...p.mappings, ...found]);
  const mappings = p.mappings;
  if (mappings.length > 1 && mappings[0].file.startsWith('/anon_hugepage') && mappings[0].limit === mappings[1].start) mappings.shift();
  // A main binary mapped at its usual address with an offset: pprof treats it as mapped from 0.
  if (mappings.length > 0 && mappings[0].start - mappings[0].offset === 0x400000n) {
    mappings[0].start = 0x400000n;
    mappings[0].offset = 0n;
  }
  let fake: LegacyMapping | undefined;
  for (const s of p.samples) {
    for (const l of s.locations) {
      const a = l.address;
      if (l.mapping || a === 0n) continue;
      l.mapping = mappings.find((m) => m.start <= a && a < m.limit);
      if (l.mapping) continue;
      l.mapping = mappings.find((m) => m.offset !== 0n && m.start - m.offset <= a && a < m.start);
      if (l.mapping) {
        l.mapping.start -= l.mapping.offset;
        l.mapping.offset = 0n;
        continue;
      }
      if (!fake) {
        fake = { start: 0n, limit: 0xffffffffffffffffn, offset: 0n, file: '', buildId: '' };
        mappings.push(fake);
      }
      l.mapping = fake;
    }
  }
}

/** Merges adjacent pieces of one binary and puts the main binary first. */
function massage(mappings: LegacyMapping[]): LegacyMapping[] {
  const merged: LegacyMapping[] = [];
  for (const m of mappings) {
    const last = merged[merged.length - 1];
    if (last && adjacent(last, m)) {
      last.limit = m.limit;
      if (m.file) last.file = m.file;
      if (m.buildId) last.buildId = m.buildId;
      continue;
    }
    merged.push(m);
  }
  const main = merged.findIndex((m) => {
    const file = m.file.split('(deleted)').join('').trim();
    return file.length > 0 && !LIBRARY.test(file) && file[0] !== '[';
  });
  if (main > 0) [merged[0], merged[main]] = [merged[main], merged[0]];
  return merged;
}

function adjacent(a: LegacyMapping, b: LegacyMapping): boolean {
  if (a.file && b.file && a.file !== b.file) return false;
  if (a.buildId && b.buildId && a.buildId !== b.buildId) return false;
  if (a.limit !== b.start) return false;
  if (a.offset !== 0n && b.offset !== 0n && a.offset + (a.limit - a.start) !== b.offset) return false;
  return true;
}
