/**
 * What F5 without launch.json debugs: the user's program, never the library file that happens
 * to be focused (a module-cache file after stepping into a dependency, a GOROOT file). Pure
 * decisions over what ./programPicker.ts gathers from VS Code, so each case is unit-tested.
 */
import { dirname, relative, sep } from 'node:path';
import type { DebugConfiguration } from 'vscode';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { isWithin } from '../debug/goCommand';

/** What F5 debugs for a Go file or package directory: its tests for a _test.go, the package otherwise. */
export function configurationForGoFile(path: string): DebugConfiguration {
  if (path.endsWith('_test.go')) {
    return { type: DEBUG_TYPE, request: 'launch', name: 'Go: test package', mode: 'test', program: dirname(path) };
  }
  return { type: DEBUG_TYPE, request: 'launch', name: 'Go: debug package', mode: 'debug', program: dirname(path) };
}

/** The launch of a main package's directory. */
export function configurationForMain(dir: string): DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: 'Go: debug package', mode: 'debug', program: dir };
}

export interface FocusContext {
  /** The Go file in the active editor. */
  readonly goFile?: string;
  /** Its package clause, when it could be read. */
  readonly goFilePackage?: string;
  /** The workspace folders' paths (none: a window with no folder, where any file is the user's). */
  readonly folders: readonly string[];
  /** GOROOT and GOMODCACHE as the go command reports them. */
  readonly libraryRoots: readonly string[];
}

/**
 * Whether `path` is the user's own code: not beneath GOROOT or GOMODCACHE, not in a vendor
 * directory, and in a workspace folder when there are any.
 */
export function isUserCode(path: string, folders: readonly string[], libraryRoots: readonly string[]): boolean {
  if (libraryRoots.some((root) => root && isWithin(path, root))) {
    return false;
  }
  if (!folders.length) {
    return !path.split(sep).includes('vendor');
  }
  return folders.some((folder) => isWithin(path, folder) && !relative(folder, path).split(sep).includes('vendor'));
}

/**
 * The focused file's own launch when it is the user's code and a program or a test: its
 * tests for a _test.go, its package for package main. Undefined: look for the workspace's
 * main package instead (a library file, the user's or not, has no program of its own).
 */
export function focusedProgram(ctx: FocusContext): DebugConfiguration | undefined {
  if (!ctx.goFile || !isUserCode(ctx.goFile, ctx.folders, ctx.libraryRoots)) {
    return undefined;
  }
  if (ctx.goFile.endsWith('_test.go') || ctx.goFilePackage === 'main') {
    return configurationForGoFile(ctx.goFile);
  }
  return undefined;
}

export type WorkspaceProgram =
  | { readonly kind: 'one'; readonly dir: string }
  | { readonly kind: 'pick'; readonly dirs: readonly string[] }
  | { readonly kind: 'none'; readonly message: string };

/**
 * The workspace's program among its main packages: the one debugged last if it is still
 * among them, the only one, or a choice among several (the closest to the focused file first).
 */
export function workspaceProgram(mainPackages: readonly string[], lastProgram: string | undefined, near?: string): WorkspaceProgram {
  const dirs = [...new Set(mainPackages)].sort();
  if (lastProgram && dirs.includes(lastProgram)) {
    return { kind: 'one', dir: lastProgram };
  }
  if (dirs.length === 1) {
    return { kind: 'one', dir: dirs[0] };
  }
  if (!dirs.length) {
    return { kind: 'none', message: 'No main package in this workspace to debug: open a file of package main or a _test.go file, or add a go-dlv configuration to launch.json.' };
  }
  if (near) {
    const shared = (dir: string): number => commonPrefix(dir.split(sep), dirname(near).split(sep));
    dirs.sort((a, b) => shared(b) - shared(a) || a.localeCompare(b));
  }
  return { kind: 'pick', dirs };
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}
