// Which package a Go function belongs to and whether it is the user's code, the standard
// library or the runtime: frames are coloured by that so user code stands out.

export type CodeKind = 'user' | 'std' | 'runtime';

/** Where the import path ends: the last '/' before any receiver or type argument list. */
function pathEnd(name: string): number {
  const bracket = name.search(/[[(]/);
  return (bracket < 0 ? name : name.slice(0, bracket)).lastIndexOf('/');
}

/** "github.com/a/b.(*T).M" -> "github.com/a/b"; "main.main" -> "main". */
export function packageOf(name: string): string {
  const dot = name.indexOf('.', pathEnd(name) + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** The name without its import path: "github.com/a/b.(*T).M" -> "b.(*T).M". */
export function shortName(name: string): string {
  return name.slice(pathEnd(name) + 1) || name;
}

export function kindOf(pkg: string): CodeKind {
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/runtime') || pkg === 'internal/abi') {
    return 'runtime';
  }
  if (pkg === 'main' || pkg === '') {
    return 'user';
  }
  const first = pkg.split('/', 1)[0];
  // Import paths outside the standard library start with a domain name.
  return first.includes('.') ? 'user' : 'std';
}

/** A stable small hash so a package keeps its colour across profiles and reloads. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
