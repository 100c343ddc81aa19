/**
 * Rust's legacy mangling: an Itanium-like `_ZN` path of length-prefixed parts ending in a
 * `17h` + 16 hex digit hash, with `$..$` escapes. pprof prints the path joined by `::`,
 * escapes decoded, hash dropped. (Rust's v0 `_R` mangling is not read here.)
 */
export function demangleOldRust(mangled: string): string | undefined {
  if (!mangled.startsWith('_ZN')) return undefined;
  let name = mangled;
  const suffix = name.lastIndexOf('E.');
  if (suffix > 0) name = name.slice(0, suffix + 1);
  if (!name.endsWith('E') || name.length <= 23 || name.slice(-20, -17) !== '17h') return undefined;
  const hash = name.slice(-17, -1);
  if (!/^[0-9a-f]{16}$/.test(hash) || new Set(hash).size < 5) return undefined;
  let rest = name.slice(3, -20);
  const parts: string[] = [];
  while (rest.length > 0) {
    const m = /^\d+/.exec(rest);
    if (!m) return undefined;
    let n = Number(m[0]);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('_')) {
      rest = rest.slice(1);
      n--;
    }
    if (rest.length < n || n < 0) return undefined;
    parts.push(unescape(rest.slice(0, n)));
    rest = rest.slice(n);
  }
  return parts.join('::');
}

const CODES: Record<string, string> = { SP: '@', BP: '*', RF: '&', LT: '<', GT: '>', LP: '(', RP: ')' };

function unescape(id: string): string {
  if (id.startsWith('_$')) id = id.slice(1);
  let out = '';
  while (id.length > 0) {
    if (id[0] === '$') {
      let m: RegExpExecArray | null;
      if (id.startsWith('$C$')) {
        out += ',';
        id = id.slice(3);
      } else if ((m = /^\$u([0-7][0-9a-f])\$/.exec(id)) && parseInt(m[1], 16) >= 0x20) {
        out += String.fromCharCode(parseInt(m[1], 16));
        id = id.slice(5);
      } else if (id.length > 3 && id[3] === '$' && CODES[id.slice(1, 3)]) {
        out += CODES[id.slice(1, 3)];
        id = id.slice(4);
      } else {
        return out + id;
      }
    } else if (id.startsWith('..')) {
      out += '::';
      id = id.slice(2);
    } else {
      out += id[0];
      id = id.slice(1);
    }
  }
  return out;
}
