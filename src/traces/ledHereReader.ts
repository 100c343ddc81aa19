/**
 * Builds the fast flight-recording reader (ledHereReaderSource.ts) once per Go toolchain into a
 * cache folder of the user's, and says where it is; undefined when it cannot be built (no
 * network and golang.org/x/exp not in the module cache, GOFLAGS=-mod=vendor …): then the
 * caller reads with `go tool trace -d=parsed`, slower but always there.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { READER_GO_MOD, READER_GO_SUM, READER_MAIN_GO } from './ledHereReaderSource';

const BUILD_TIMEOUT_MS = 180_000;

/** `~/.cache/go-debug-profile`: the user's own, created private. */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'go-debug-profile');
}

const building = new Map<string, Promise<string | undefined>>();

export function readerBinary(go: string, env: NodeJS.ProcessEnv, cacheDir = defaultCacheDir()): Promise<string | undefined> {
  // A new toolchain (its go binary changes) builds its own reader.
  const key = createHash('sha256').update(READER_MAIN_GO).update(READER_GO_MOD).update(go).update(String(statSync(go).mtimeMs)).digest('hex').slice(0, 16);
  const bin = join(cacheDir, `ledhere-${key}${process.platform === 'win32' ? '.exe' : ''}`);
  if (existsSync(bin)) {
    return Promise.resolve(bin);
  }
  let pending = building.get(bin);
  if (!pending) {
    pending = build(go, env, cacheDir, bin);
    building.set(bin, pending);
    void pending.then(() => building.delete(bin));
  }
  return pending;
}

async function build(go: string, env: NodeJS.ProcessEnv, cacheDir: string, bin: string): Promise<string | undefined> {
  let src: string | undefined;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    src = mkdtempSync(join(cacheDir, 'ledhere-src-'));
    writeFileSync(join(src, 'go.mod'), READER_GO_MOD, { flag: 'wx' });
    writeFileSync(join(src, 'go.sum'), READER_GO_SUM, { flag: 'wx' });
    writeFileSync(join(src, 'main.go'), READER_MAIN_GO, { flag: 'wx' });
    const out = join(src, 'ledhere.bin');
    // Only this module's own settings: the user's GOFLAGS or go.work must not redirect it.
    const buildEnv = { ...env, GOFLAGS: '-mod=mod', GOWORK: 'off', GOTOOLCHAIN: 'local' };
    await new Promise<void>((resolve, reject) => {
      execFile(go, ['build', '-trimpath', '-o', out, '.'], { cwd: src, env: buildEnv, timeout: BUILD_TIMEOUT_MS }, (err) => (err ? reject(err) : resolve()));
    });
    renameSync(out, bin);
    return bin;
  } catch {
    return undefined;
  } finally {
    if (src) {
      rmSync(src, { recursive: true, force: true });
    }
  }
}
