/**
 * The folder captures are written to. Without a `profileDir` it is a per-user folder under
 * the user's cache (0700), never a shared fixed path under /tmp that another local user could
 * create first or fill with links. Any folder, given or default, is refused when it is a
 * link, belongs to someone else or every user may write in it: files created there could
 * otherwise be replaced or read by another user.
 */
import { lstatSync, mkdirSync, Stats, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CaptureError } from './messages';

export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'go-debug-profile', 'profiles');
}

/** Creates the folder if needed (0700) and checks it; throws a CaptureError that says why not. */
export function readyProfileDir(dir: string): string {
  let stat = lstatOrUndefined(dir);
  if (!stat) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new CaptureError(`Cannot create the profile folder ${dir}: ${(err as Error).message}`);
    }
    stat = lstatOrUndefined(dir);
  }
  const refuse = (why: string): never => {
    throw new CaptureError(`The profile folder ${dir} ${why}: no profile is written there. Choose a folder of your own with "profileDir".`);
  };
  if (!stat) {
    return refuse('does not exist');
  }
  if (stat.isSymbolicLink()) {
    refuse('is a symbolic link');
  }
  if (!stat.isDirectory()) {
    refuse('is not a folder');
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    refuse(`belongs to another user (uid ${stat.uid})`);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o002) !== 0) {
    refuse('is writable by every user');
  }
  return dir;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes a profile exclusively ('wx': never through a link, never over a file) at a new name
 * from `nextPath`; a name taken meanwhile moves on to the next. Returns the path written.
 */
export function writeNewProfile(nextPath: () => string, bytes: Uint8Array): string {
  let path = nextPath();
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, bytes, { flag: 'wx', mode: 0o600 });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 10) {
        throw new CaptureError(`Cannot write ${path}: ${(err as Error).message}`);
      }
      path = nextPath();
    }
  }
}
