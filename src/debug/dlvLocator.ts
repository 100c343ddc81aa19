import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { findGo } from './goCommand';
import { findInDirs, isExecutableFile, pathDirs } from './pathSearch';
import { UserError } from './userError';

/** Oldest Delve whose DAP server has everything the adapter forwards (goroutineFilters, --client-addr). */
export const MIN_DLV_VERSION = '1.23.0';
export const DLV_INSTALL_COMMAND = 'go install github.com/go-delve/delve/cmd/dlv@latest';

export interface DlvInfo {
  path: string;
  version: string;
}

export class DlvError extends UserError {
  readonly installCommand = DLV_INSTALL_COMMAND;
}

/**
 * Where dlv is looked for, in order: the dlvPath attribute (or goDlv.dlvPath setting the
 * extension copies into it), PATH, GOBIN, each GOPATH entry's bin, and the default GOPATH.
 */
export function dlvCandidates(env: NodeJS.ProcessEnv): string[] {
  const dirs = [...pathDirs(env)];
  if (env.GOBIN) {
    dirs.push(env.GOBIN);
  }
  for (const gopath of (env.GOPATH ?? '').split(delimiter).filter(Boolean)) {
    dirs.push(join(gopath, 'bin'));
  }
  // Go's default GOPATH is $HOME/go.
  dirs.push(join(env.HOME || env.USERPROFILE || homedir(), 'go', 'bin'));
  return dirs;
}

export function findDlv(dlvPath: string | undefined, env: NodeJS.ProcessEnv): string {
  if (dlvPath) {
    const expanded = dlvPath.startsWith('~/') ? join(homedir(), dlvPath.slice(2)) : dlvPath;
    const found = isAbsolute(expanded) ? (isExecutableFile(expanded) ? expanded : undefined) : findInDirs(expanded, pathDirs(env));
    if (!found) {
      throw new DlvError(`dlv not found at dlvPath "${dlvPath}". Fix the path, or install Delve with: ${DLV_INSTALL_COMMAND}`);
    }
    return found;
  }
  const found = findInDirs('dlv', dlvCandidates(env));
  if (!found) {
    throw new DlvError(`Delve (dlv) is not installed or not on PATH, GOBIN or GOPATH/bin. Install it with: ${DLV_INSTALL_COMMAND}`);
  }
  return found;
}

/** GOBIN and each GOPATH/bin as the go command reports them; none if go is missing. */
function goEnvBinDirs(env: NodeJS.ProcessEnv): Promise<string[]> {
  return goBinDirs(findGo(env), env);
}

/**
 * Where `go install` puts commands, then the other GOPATH bins: GOBIN when set, else the first
 * GOPATH entry's bin. Asked of `go` (absolute), since `go env -w` settings live in go's own file.
 */
export function goBinDirs(go: string | undefined, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!go) {
    return Promise.resolve([]);
  }
  return new Promise((resolve) => {
    execFile(go, ['env', 'GOBIN', 'GOPATH'], { env, timeout: 10_000 }, (error, stdout) => {
      if (error) {
        resolve([]);
        return;
      }
      const [gobin, gopath = ''] = stdout.split(/\r?\n/);
      resolve([gobin, ...gopath.split(delimiter).filter(Boolean).map((p) => join(p, 'bin'))].filter(Boolean));
    });
  });
}

const versionCache = new Map<string, { mtimeMs: number; version: string }>();

/** Runs `dlv version` once per binary (and again when the file changes). */
export async function dlvVersion(path: string): Promise<string> {
  const mtimeMs = statSync(path).mtimeMs;
  const cached = versionCache.get(path);
  if (cached && cached.mtimeMs === mtimeMs) {
    return cached.version;
  }
  const output = await new Promise<string>((resolve, reject) => {
    execFile(path, ['version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error && !stdout) {
        reject(new DlvError(`Could not run "${path} version": ${(stderr || error.message).trim()}. Reinstall Delve with: ${DLV_INSTALL_COMMAND}`));
      } else {
        resolve(stdout);
      }
    });
  });
  const match = /Version:\s*v?(\d+\.\d+\.\d+)/.exec(output);
  if (!match) {
    throw new DlvError(`"${path} version" did not print a Delve version. Reinstall Delve with: ${DLV_INSTALL_COMMAND}`);
  }
  versionCache.set(path, { mtimeMs, version: match[1] });
  return match[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) {
      return pa[i] - pb[i];
    }
  }
  return 0;
}

/** Finds dlv and checks that it is new enough; throws a DlvError that names the fix. */
export async function locateDlv(dlvPath: string | undefined, env: NodeJS.ProcessEnv): Promise<DlvInfo> {
  return checkDlvVersion(await findDlvAnywhere(dlvPath, env));
}

/** findDlv, then the directories `go env` names; throws a DlvError that names the fix. */
export async function findDlvAnywhere(dlvPath: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return findDlv(dlvPath, env);
  } catch (err) {
    // GOBIN/GOPATH set with `go env -w` live in go's own config file, not in the environment.
    const fromGoEnv = dlvPath ? undefined : findInDirs('dlv', await goEnvBinDirs(env));
    if (!fromGoEnv) {
      throw err;
    }
    return fromGoEnv;
  }
}

/** Runs `dlv version` (once per binary) and refuses a Delve older than MIN_DLV_VERSION. */
export async function checkDlvVersion(path: string): Promise<DlvInfo> {
  const version = await dlvVersion(path);
  if (compareVersions(version, MIN_DLV_VERSION) < 0) {
    throw new DlvError(`Delve ${version} at ${path} is too old: go-dlv needs ${MIN_DLV_VERSION} or newer. Update it with: ${DLV_INSTALL_COMMAND}`);
  }
  return { path, version };
}
