/**
 * Tells a Go program from any other executable by its ELF `.go.buildinfo` section, which the Go
 * linker writes into every binary (also stripped ones) and which holds the Go version. Only the
 * headers and that section are read, so checking every process for the attach picker stays cheap.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface GoBinaryInfo {
  /** e.g. "go1.26.8"; empty when the build info uses the pre-1.18 layout. */
  readonly goVersion: string;
  /** The main package's import path, when the build recorded it. */
  readonly path?: string;
}

const BUILDINFO_MAGIC = '\xff Go buildinf:';
/** Enough for any real section header table's section-name strings. */
const MAX_NAMES = 1 << 16;

/** The Go build info of an ELF executable, or undefined when it is not a Go program (or not ELF, or unreadable). */
export function goBinaryInfo(file: string): GoBinaryInfo | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const section = findSection(fd, '.go.buildinfo');
    return section && parseBuildInfo(read(fd, section.offset, Math.min(section.size, 4096)));
  } catch {
    // Truncated or malformed: not something the picker can attach to as Go.
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function read(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, offset);
  return buf.subarray(0, n);
}

interface Section {
  offset: number;
  size: number;
}

function findSection(fd: number, wanted: string): Section | undefined {
  const h = read(fd, 0, 64);
  if (h.length < 52 || h.readUInt32BE(0) !== 0x7f454c46) {
    return undefined;
  }
  const is64 = h[4] === 2;
  const le = h[5] === 1;
  const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (b: Buffer, o: number): number => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o));
  const shoff = addr(h, is64 ? 0x28 : 0x20);
  const shentsize = u16(h, is64 ? 0x3a : 0x2e);
  const shnum = u16(h, is64 ? 0x3c : 0x30);
  const shstrndx = u16(h, is64 ? 0x3e : 0x32);
  if (shoff === 0 || shnum === 0 || shstrndx >= shnum) {
    return undefined;
  }
  const table = read(fd, shoff, shentsize * shnum);
  const entry = (i: number): Section & { name: number } => {
    const o = i * shentsize;
    return { name: u32(table, o), offset: addr(table, o + (is64 ? 0x18 : 0x10)), size: addr(table, o + (is64 ? 0x20 : 0x14)) };
  };
  const strtab = entry(shstrndx);
  const names = read(fd, strtab.offset, Math.min(strtab.size, MAX_NAMES));
  for (let i = 0; i < shnum; i++) {
    const s = entry(i);
    const end = names.indexOf(0, s.name);
    if (end > s.name && names.toString('latin1', s.name, end) === wanted) {
      return s;
    }
  }
  return undefined;
}

/** Go 1.18+ writes the version and module info inline after the header as length-prefixed strings. */
function parseBuildInfo(b: Buffer): GoBinaryInfo | undefined {
  if (b.length < 32 || b.toString('latin1', 0, BUILDINFO_MAGIC.length) !== BUILDINFO_MAGIC) {
    return undefined;
  }
  const inline = (b[15] & 2) !== 0;
  if (!inline) {
    return { goVersion: '' };
  }
  let at = 32;
  const next = (): string => {
    let len = 0;
    for (let shift = 0; at < b.length; shift += 7) {
      const byte = b[at++];
      len += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    const s = b.toString('utf8', at, Math.min(b.length, at + len));
    at += len;
    return s;
  };
  const goVersion = next();
  const path = /path\t([^\n]+)/.exec(next())?.[1];
  return path ? { goVersion, path } : { goVersion };
}
