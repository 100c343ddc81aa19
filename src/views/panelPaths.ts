/**
 * Finds the local file for a source path recorded in a profile. Profiles carry paths from
 * the build machine: absolute paths (maybe another checkout or machine), module paths
 * under -trimpath (`example.com/m/pkg/x.go`, `github.com/a/b@v1.2.3/x.go`), or GOROOT
 * paths (`$GOROOT/src/fmt/print.go`, `/usr/local/go/src/...`). No vscode here, so the
 * mapping is unit-tested on its own.
 */
import { isAbsolute, join, posix } from 'node:path';

export interface GoModule {
  /** Module path from go.mod, e.g. `example.com/m`. */
  readonly path: string;
  /** Directory holding that go.mod. */
  readonly dir: string;
}

/** A user-confirmed rewrite: recorded paths starting with `from` live under `to`. */
export interface Substitution {
  readonly from: string;
  readonly to: string;
}

export interface SourceRoots {
  readonly goroot?: string;
  readonly gomodcache?: string;
  readonly modules: readonly GoModule[];
  readonly workspaceFolders: readonly string[];
  readonly substitutions: readonly Substitution[];
}

/** Go's module cache escapes upper case as '!' + lower case. */
function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

function withinStdlib(p: string): string | undefined {
  if (p.startsWith('$GOROOT/')) {
    return p.slice('$GOROOT/'.length);
  }
  const at = p.lastIndexOf('/go/src/');
  return at >= 0 ? p.slice(at + '/go/'.length) : undefined;
}

/** Candidate local paths, most specific first. */
export function candidatePaths(recorded: string, roots: SourceRoots): string[] {
  const file = recorded.replace(/\\/g, '/');
  const out: string[] = [];
  for (const s of roots.substitutions) {
    if (file.startsWith(s.from)) {
      out.push(join(s.to, file.slice(s.from.length)));
    }
  }
  if (isAbsolute(recorded)) {
    out.push(recorded);
  }
  const std = withinStdlib(file);
  if (std && roots.goroot) {
    out.push(join(roots.goroot, std));
  }
  for (const m of roots.modules) {
    if (file.startsWith(`${m.path}/`)) {
      out.push(join(m.dir, file.slice(m.path.length + 1)));
    }
    // An absolute build path that contains the module's directory name and a package path.
    const inside = file.indexOf(`/${m.path}/`);
    if (inside >= 0) {
      out.push(join(m.dir, file.slice(inside + m.path.length + 2)));
    }
  }
  if (roots.gomodcache && /^[^/]+\.[^/]+\/.*@v[^/]+\//.test(file)) {
    out.push(join(roots.gomodcache, escapeModulePath(file)));
  }
  // Last resort: the longest tail of the path that exists under a workspace folder. A
  // tail keeps its directory, or any main.go in the workspace would do.
  const parts = file.split('/').filter(Boolean);
  for (let i = 0; i < Math.max(parts.length - 1, 1); i++) {
    for (const folder of roots.workspaceFolders) {
      out.push(join(folder, posix.join(...parts.slice(i))));
    }
  }
  return [...new Set(out)];
}

export async function resolveSourcePath(recorded: string, roots: SourceRoots, exists: (path: string) => Promise<boolean>): Promise<string | undefined> {
  if (!recorded) {
    return undefined;
  }
  for (const candidate of candidatePaths(recorded, roots)) {
    if (await exists(candidate)) {
      return candidate;
    }
  }
  return undefined;
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
