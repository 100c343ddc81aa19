/**
 * How pprof names what a profile leaves unnamed, and how it prints paths and bytes: the rules
 * of its graph.NodeInfo (an unsymbolized frame is its binary's basename in brackets, or
 * <unknown>; file names pass through Go's filepath.Clean) and of Go strings (a name is bytes,
 * printed as they are even when they are not UTF-8).
 */

/** What pprof prints for a frame with no function name: `[binary]`, or `<unknown>` without a mapping file. */
export function unnamedFrame(mappingFile: string): string {
  return mappingFile ? `[${baseName(mappingFile)}]` : '<unknown>';
}

/** Go's filepath.Base on a slash-separated path. */
export function baseName(path: string): string {
  if (path === '') return '.';
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  if (end === 0) return '/';
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}

/** Go's filepath.Clean on a slash-separated path: `/a//b/./c/..` is `/a/b`. */
export function cleanPath(path: string): string {
  if (path === '') return '';
  // Most paths are clean already; only those with a doubled, dotted or trailing separator change.
  if (!/\/\/|(^|\/)\.\.?(\/|$)|.\/$/.test(path)) return path;
  const rooted = path[0] === '/';
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/**
 * Bytes that are not UTF-8 become lone surrogates U+DC80..U+DCFF, one per byte (Python's
 * "surrogateescape"): the name stays distinct from every valid one, a view shows U+FFFD for
 * them, and `encodeBytes` gives the exact bytes back for output, as pprof prints them.
 */
const ESCAPE_BASE = 0xdc00;

export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  // Short ASCII (most names) is quickest by hand; anything longer through TextDecoder, whose
  // output for ASCII is a one-byte string made in place (a latin1 decoder or chunks joined
  // pass through a two-byte copy: 3x the string's size at peak, measured on a 100 MB name).
  if (end - start <= 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = buf[i];
      if (b >= 0x80) return decodeLong(buf, start, end);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decodeLong(buf, start, end);
}

function decodeLong(buf: Uint8Array, start: number, end: number): string {
  try {
    return strictDecoder.decode(buf.subarray(start, end));
  } catch {
    return decodeEscaping(buf, start, end);
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** The slow path: valid sequences decoded, each byte of an invalid one escaped. */
function decodeEscaping(buf: Uint8Array, start: number, end: number): string {
  // Flushed to string parts as it goes: a hostile 100 MB name must not become 100 M numbers.
  const parts: string[] = [];
  let codes: number[] = [];
  let i = start;
  while (i < end) {
    if (codes.length >= 4096) {
      parts.push(String.fromCharCode(...codes));
      codes = [];
    }
    const b = buf[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 1) {
      codes.push(b);
      i++;
      continue;
    }
    const cp = n > 0 && i + n <= end ? sequence(buf, i, n) : -1;
    if (cp < 0) {
      codes.push(ESCAPE_BASE + b);
      i++;
      continue;
    }
    if (cp >= 0x10000) codes.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else codes.push(cp);
    i += n;
  }
  parts.push(String.fromCharCode(...codes));
  return parts.join('');
}

/** The code point of a well-formed n-byte sequence at i, or -1 (overlong, surrogate, beyond U+10FFFF). */
function sequence(buf: Uint8Array, i: number, n: number): number {
  let cp = buf[i] & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const c = buf[i + k];
    if ((c & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (c & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return cp;
}

/** True when a string carries escaped bytes that `encodeBytes` must restore. */
export function hasEscapedBytes(s: string): boolean {
  return /[\udc80-\udcff]/.test(s);
}

/** UTF-8 of a string, with escaped bytes restored as the raw bytes they stand for. */
export function encodeBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHigh(s.charCodeAt(i - 1)))) {
      out.push(c - ESCAPE_BASE);
      continue;
    }
    if (isHigh(c) && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
