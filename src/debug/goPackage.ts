/**
 * Which Go package a file or directory holds, read from the package clause: enough to tell
 * a program (package main) from a library before anything is built, so that F5 picks a
 * program and a launch of a library says so in one line instead of a build error.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Only comments and white space may come before the package clause; this much covers any licence header. */
const HEAD_BYTES = 64 * 1024;

/** The package name a Go source declares, or undefined when its text does not start with a package clause. */
export function packageNameOf(source: string): string | undefined {
  let at = 0;
  for (;;) {
    while (at < source.length && /\s/.test(source[at])) at++;
    if (source.startsWith('//', at)) {
      const end = source.indexOf('\n', at);
      if (end < 0) return undefined;
      at = end + 1;
    } else if (source.startsWith('/*', at)) {
      const end = source.indexOf('*/', at + 2);
      if (end < 0) return undefined;
      at = end + 2;
    } else {
      return /^package\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(source.slice(at, at + 300))?.[1];
    }
  }
}

/** The package clause of one Go file (its first 64 KiB), or undefined when unreadable. */
export function filePackageName(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return packageNameOf(buf.toString('utf8', 0, n));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * What a launch's program is: `main` when it is (or its directory holds) a main package,
 * `library` with the package's name when its Go files declare only another package, `unknown`
 * when there is no Go file to read (an import path, a directory without Go files: the go
 * command decides). Test files do not count: `dlv debug` builds without them.
 */
export type ProgramKind = { kind: 'main' } | { kind: 'library'; name: string } | { kind: 'unknown' };

export function programKind(path: string): ProgramKind {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).map((f) => join(path, f))
      : path.endsWith('.go') ? [path] : [];
  } catch {
    return { kind: 'unknown' };
  }
  const names = files.map(filePackageName).filter((n): n is string => !!n);
  // A directory may hold a `//go:build ignore` generator in package main beside the library:
  // any main file makes it a possible program; only none at all is surely a library.
  if (!names.length) {
    return { kind: 'unknown' };
  }
  return names.includes('main') ? { kind: 'main' } : { kind: 'library', name: names[0] };
}
