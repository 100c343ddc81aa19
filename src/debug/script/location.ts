import type { Location } from './commands';

// Source files Delve can stop in. A `name:line` spec ending in one of these is a file, anything
// else is a function: Delve itself tries both, but only a file maps to a DAP source breakpoint.
const SOURCE_FILE = /\.(?:go|s|S|c|h|cc|cpp|cxx|hpp|m)$/;
const INTEGER = /^(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|[1-9][0-9]*|0)$/;

/** Reads a location spec the way Delve's locspec.Parse does; returns a message when it cannot. */
export function parseLocation(spec: string): Location | string {
  if (spec === '') {
    return { kind: 'current' };
  }
  if (spec.startsWith('*')) {
    const address = spec.slice(1);
    return INTEGER.test(address) ? { kind: 'address', address } : `bad address ${JSON.stringify(address)}`;
  }
  // An absolute path starts with '/' too; only /.../ is a regular expression.
  if (spec.length > 1 && spec.startsWith('/') && spec.endsWith('/')) {
    return { kind: 'regex', pattern: spec.slice(1, -1) };
  }
  if (/\s/.test(spec)) {
    return `a location has no spaces: ${JSON.stringify(spec)}`;
  }
  const offset = /^([+-])(\d+)$/.exec(spec);
  if (offset) {
    return { kind: 'offset', offset: Number(offset[2]) * (offset[1] === '-' ? -1 : 1) };
  }
  if (/^\d+$/.test(spec)) {
    return { kind: 'line', line: Number(spec) };
  }
  // Windows paths have a colon of their own: the line is after the last one.
  const colon = spec.lastIndexOf(':');
  const tail = colon > 0 ? spec.slice(colon + 1) : '';
  if (colon > 0 && /^\d+$/.test(tail)) {
    const head = spec.slice(0, colon);
    const line = Number(tail);
    if (line === 0) {
      return `line numbers start at 1: ${spec}`;
    }
    return SOURCE_FILE.test(head) ? { kind: 'file', file: head, line } : { kind: 'function', name: head, line };
  }
  if (colon > 0 && !/^[A-Za-z]:[\\/]/.test(spec)) {
    return `bad line number after ':' in ${spec}`;
  }
  if (SOURCE_FILE.test(spec)) {
    return `a file location needs a line: ${spec}:LINE`;
  }
  return { kind: 'function', name: spec };
}

/** The location as Delve prints it, for messages. */
export function formatLocation(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `${location.file}:${location.line}`;
    case 'function':
      return location.line === undefined ? location.name : `${location.name}:${location.line}`;
    case 'line':
      return String(location.line);
    case 'offset':
      return location.offset < 0 ? String(location.offset) : `+${location.offset}`;
    case 'address':
      return `*${location.address}`;
    case 'regex':
      return `/${location.pattern}/`;
    case 'current':
      return '';
  }
}
