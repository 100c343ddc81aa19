import type { FunctionTable, Profile } from '../model';
import { StringTable } from '../stringTable';
import { demangleItanium } from './itanium';
import { demangleOldRust } from './rust';

/**
 * Function names as `go tool pprof` shows them by default: its symbolizer demangles C++ and
 * Rust names (simplified: no parameters, no template arguments) and strips parameters and
 * template arguments from names that look already demangled. With `-symbolize=none` it does
 * neither; the engine's decoded profile is that raw form, and this makes the default one.
 */
export function demangleProfile(profile: Profile): Profile {
  const { strings, functions } = demangleFunctions(profile.strings, profile.functions);
  return { ...profile, strings, functions };
}

/** The function table with pprof's default names; the raw ones stay in `systemName`. */
export function demangleFunctions(strings: readonly string[], functions: FunctionTable): { strings: string[]; functions: FunctionTable } {
  const table = new StringTable(strings);
  const name = new Int32Array(functions.length);
  const systemName = functions.systemName ?? functions.name;
  const done = new Map<string, number>();
  for (let f = 0; f < functions.length; f++) {
    if (functions.unnamed?.[f] === 1) {
      name[f] = functions.name[f];
      continue;
    }
    const key = `${functions.name[f]},${systemName[f]}`;
    let shown = done.get(key);
    if (shown === undefined) {
      shown = table.intern(pprofName(strings[functions.name[f]], strings[systemName[f]]));
      done.set(key, shown);
    }
    name[f] = shown;
  }
  return { strings: table.strings, functions: { ...functions, name, systemName } };
}

/** pprof's demangleSingleFunction with its default options. */
export function pprofName(name: string, systemName: string): string {
  if (name !== '' && systemName !== name) return name;
  const demangled = demangle(systemName);
  if (demangled !== undefined && demangled !== systemName) return demangled;
  // macOS prefixes every symbol with one more underscore.
  if (systemName.startsWith('_')) {
    const d = demangle(systemName.slice(1));
    if (d !== undefined && d !== systemName.slice(1)) return d;
  }
  let n = systemName;
  if (looksLikeDemangledCPlusPlus(n)) n = removeMatching(removeMatching(n, '(', ')'), '<', '>');
  return n;
}

/** A mangled C++ or legacy Rust name in pprof's simplified form, or undefined. */
export function demangle(mangled: string): string | undefined {
  return demangleOldRust(mangled) ?? demangleItanium(mangled);
}

function looksLikeDemangledCPlusPlus(name: string): boolean {
  // Java's "Class.<init>" and Go's "pkg.(*T[...]).M" are not C++.
  if (name.includes('.<') || name.includes(']).')) return false;
  return /[<>[\]]/.test(name) || name.includes('::');
}

/** Removes each outermost open...close group; an unbalanced close leaves the name as it was. */
function removeMatching(name: string, open: string, close: string): string {
  let nesting = 0;
  let first = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === open) {
      if (++nesting === 1) first = i;
    } else if (name[i] === close) {
      if (--nesting < 0) return name;
      if (nesting === 0) {
        name = name.slice(0, first) + name.slice(i + 1);
        i = first - 1;
      }
    }
  }
  return name;
}
