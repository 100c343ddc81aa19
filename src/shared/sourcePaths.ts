/**
 * Maps the source paths recorded in a profile to local files. Profiles carry the build's
 * paths: absolute paths of the build machine or checkout, module paths under -trimpath
 * (`example.com/m/pkg/x.go`, `github.com/a/b@v1.2.3/x.go`), vendored copies, and the
 * standard library (`$GOROOT/src/fmt/print.go` or an absolute GOROOT). A debug
 * configuration's substitutePath says where remote paths live locally. Serves both the
 * editor annotations and the panel's click-to-source (panelPaths.ts). No vscode here.
 */
import { isAbsolute, join, normalize } from 'node:path';

/** As in a go-dlv (or Go extension) debug configuration: `from` is local, `to` is remote. */
export interface SubstitutePath {
  readonly from: string;
  readonly to: string;
}

export interface GoModule {
  /** The module path from go.mod, e.g. `example.com/m`. */
  readonly path: string;
  /** The directory holding that go.mod. */
  readonly dir: string;
}

export interface MappingRoots {
  readonly substitutePath: readonly SubstitutePath[];
  readonly modules: readonly GoModule[];
  readonly goroot?: string;
  readonly gomodcache?: string;
  readonly workspaceFolders: readonly string[];
}

const slashes = (p: string): string => p.replace(/\\/g, '/');

/** `prefix` matches whole leading components of `path`; `/` is the root of absolute paths. */
function underPrefix(path: string, prefix: string): string | undefined {
  if (!prefix) return undefined;
  const p = slashes(prefix).replace(/\/+$/, '');
  if (!p) return path.startsWith('/') ? path.slice(1) : undefined;
  if (path === p) return '';
  return path.startsWith(`${p}/`) ? path.slice(p.length + 1) : undefined;
}

/** `module@version/rest` of a module-cache or -trimpath dependency path. */
function versioned(path: string): { module: string; version: string; rest: string } | undefined {
  const m = /^([^@]+)@(v[^/]+)\/(.+)$/.exec(path);
  return m ? { module: m[1], version: m[2], rest: m[3] } : undefined;
}

/** Go's module cache escapes upper case letters as '!' plus the lower case letter. */
function escapeCase(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Standard library path within GOROOT (`src/fmt/print.go`), if the path looks like one. */
function stdlibTail(path: string): string | undefined {
  const rooted = underPrefix(path, '$GOROOT');
  if (rooted !== undefined) return rooted;
  // -trimpath records the standard library by import path: `runtime/proc.go`.
  if (/^[^./][^./]*(\/[^/]+)+$/.test(path) && !path.startsWith('/')) return `src/${path}`;
  const at = path.lastIndexOf('/src/');
  if (at < 0) return undefined;
  const tail = path.slice(at + 1);
  // Standard packages have no dot in their first element; module paths do.
  return /^src\/[^./]+(\/|$)/.test(tail) ? tail : undefined;
}

/** Local candidates for a recorded path, most specific first, without duplicates. */
export function candidatePaths(recorded: string, roots: MappingRoots): string[] {
  const path = slashes(recorded);
  const out: string[] = [];
  for (const s of roots.substitutePath) {
    const rest = underPrefix(path, s.to);
    if (rest !== undefined) out.push(join(s.from, rest));
  }
  if (isAbsolute(recorded) || /^[A-Za-z]:\//.test(path)) out.push(recorded);
  const dep = versioned(path);
  // Nested modules first: the longest module path is the most specific match.
  const modules = [...roots.modules].sort((a, b) => b.path.length - a.path.length);
  for (const m of modules) {
    const rest = underPrefix(path, m.path);
    if (rest !== undefined) out.push(join(m.dir, rest));
    if (dep) out.push(join(m.dir, 'vendor', dep.module, dep.rest));
    const vendored = path.lastIndexOf('/vendor/');
    if (vendored >= 0) out.push(join(m.dir, 'vendor', path.slice(vendored + '/vendor/'.length)));
    // An absolute build path from another checkout still names the module's directory tree.
    const inside = path.indexOf(`/${m.path}/`);
    if (inside >= 0) out.push(join(m.dir, path.slice(inside + m.path.length + 2)));
  }
  if (dep && roots.gomodcache) out.push(join(roots.gomodcache, `${escapeCase(dep.module)}@${dep.version}`, dep.rest));
  const std = stdlibTail(path);
  if (std !== undefined && roots.goroot) out.push(join(roots.goroot, std));
  // Last resort: the longest tail that exists under a module or workspace folder. A tail
  // keeps at least one directory, or any main.go of the workspace would match.
  const parts = path.split('/').filter(Boolean);
  const bases = [...modules.map((m) => m.dir), ...roots.workspaceFolders];
  for (let i = 0; i < parts.length - 1; i++) {
    for (const base of bases) out.push(join(base, ...parts.slice(i)));
  }
  return [...new Set(out.map((p) => normalize(p)))];
}

export async function resolveRecordedPath(recorded: string, roots: MappingRoots, exists: (path: string) => Promise<boolean>): Promise<string | undefined> {
  if (!recorded) return undefined;
  for (const candidate of candidatePaths(recorded, roots)) {
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

/** Local file -> the recorded paths that map to it; unmapped recorded paths are left out. */
export async function mapRecordedFiles(
  recorded: Iterable<string>,
  roots: MappingRoots,
  exists: (path: string) => Promise<boolean>,
): Promise<Map<string, string[]>> {
  const byLocal = new Map<string, string[]>();
  for (const r of recorded) {
    const local = await resolveRecordedPath(r, roots, exists);
    if (!local) continue;
    const list = byLocal.get(local);
    if (list) list.push(r);
    else byLocal.set(local, [r]);
  }
  return byLocal;
}

/** The module declared by a go.mod's text, or undefined. */
export function modulePathOf(goMod: string): string | undefined {
  const m = /^\s*module\s+("([^"]+)"|(\S+))/m.exec(goMod);
  return m ? (m[2] ?? m[3]) : undefined;
}

/** Caches `exists` answers, since many recorded files share candidates. */
export function cachedExists(exists: (path: string) => Promise<boolean>): (path: string) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (path) => {
    let answer = cache.get(path);
    if (!answer) cache.set(path, (answer = exists(path)));
    return answer;
  };
}
