import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const exeSuffixes = process.platform === 'win32' ? ['.exe', ''] : [''];

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) {
      return false;
    }
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` in the given directories. */
export function findInDirs(name: string, dirs: string[]): string | undefined {
  for (const dir of dirs) {
    for (const suffix of exeSuffixes) {
      const candidate = join(dir, name + suffix);
      if (dir && isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function pathDirs(env: NodeJS.ProcessEnv): string[] {
  const value = env.PATH ?? env.Path ?? '';
  return value.split(delimiter).filter((d) => d.length > 0);
}
