/**
 * The panel's click-to-source on top of the shared path mapping (sourcePaths.ts): files
 * the user located by hand teach substitutions that later lookups try first.
 */
import { resolveRecordedPath, type MappingRoots, type SubstitutePath } from '../shared/sourcePaths';

/** A user-confirmed rewrite: recorded paths starting with `from` live under `to`. */
export interface Substitution {
  readonly from: string;
  readonly to: string;
}

export type SourceRoots = Omit<MappingRoots, 'substitutePath'> & {
  readonly substitutePath?: readonly SubstitutePath[];
  readonly substitutions: readonly Substitution[];
};

/** substitutePath runs local -> remote; an empty `from` is the recorded root. */
function asSubstitutePath(s: Substitution): SubstitutePath {
  return { from: s.to, to: s.from || '/' };
}

export function resolveSourcePath(recorded: string, roots: SourceRoots, exists: (path: string) => Promise<boolean>): Promise<string | undefined> {
  const substitutePath = [...roots.substitutions.map(asSubstitutePath), ...(roots.substitutePath ?? [])];
  return resolveRecordedPath(recorded, { ...roots, substitutePath }, exists);
}

/**
 * When the user locates `recorded` at `chosen`, the common tail of both paths is the part
 * that moved together; what precedes it becomes a substitution for the other files.
 */
export function substitutionFor(recorded: string, chosen: string): Substitution {
  const a = recorded.replace(/\\/g, '/').split('/');
  const b = chosen.replace(/\\/g, '/').split('/');
  let common = 0;
  while (common < a.length - 1 && common < b.length - 1 && a[a.length - 1 - common] === b[b.length - 1 - common]) {
    common++;
  }
  return { from: a.slice(0, a.length - common).join('/'), to: b.slice(0, b.length - common).join('/') };
}
