/**
 * The `go` command as the extension finds it (PATH, then GOROOT/bin), and what it says about
 * where library code lives. Everything that runs go for the launch path (the adapter, the
 * configuration provider, Install dlv) runs this absolute path: a task terminal or a child's
 * PATH may lack the directory the extension host found it in.
 */
import { execFile } from 'node:child_process';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { findInDirs, pathDirs } from './pathSearch';

/** The absolute path of `go`, or undefined when there is none. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = pathDirs(env);
  if (env.GOROOT) {
    dirs.push(join(env.GOROOT, 'bin'));
  }
  return findInDirs('go', dirs);
}

/** Where the Go toolchain keeps code that is not the user's: no program is chosen there and no helper placed. */
export interface LibraryRoots {
  readonly goroot?: string;
  readonly gomodcache?: string;
}

/** `go env GOROOT GOMODCACHE` run with `go` (absolute); empty when it cannot say. */
export function goLibraryRoots(go: string | undefined, env: NodeJS.ProcessEnv, cwd?: string): Promise<LibraryRoots> {
  if (!go) {
    return Promise.resolve({});
  }
  return new Promise((done) => {
    execFile(go, ['env', 'GOROOT', 'GOMODCACHE'], { env, cwd, timeout: 10_000 }, (error, stdout) => {
      if (error) {
        done({});
        return;
      }
      const [goroot, gomodcache] = stdout.split(/\r?\n/);
      done({ ...(goroot ? { goroot } : {}), ...(gomodcache ? { gomodcache } : {}) });
    });
  });
}

/** The roots as a list, for `helperForbiddenRoots`. */
export function rootList(roots: LibraryRoots): string[] {
  return [roots.goroot, roots.gomodcache].filter((r): r is string => !!r);
}

/** Whether `path` is `root` or beneath it. */
export function isWithin(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
