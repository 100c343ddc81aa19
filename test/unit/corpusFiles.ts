// The foreign profiles of test/fixtures/corpus/manifest.json, located in the Go module cache
// (where scripts/corpus.mjs, run by scripts/setup.sh, puts them) and in GOROOT.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './profileFixtures';

const run = promisify(execFile);

export interface CorpusEntry {
  readonly source: string;
  readonly path: string;
  readonly sha256: string;
  readonly producer: string;
}

interface Manifest {
  readonly modules: string[];
  readonly profiles: CorpusEntry[];
  readonly namedRefusals: CorpusEntry[];
}

export interface CorpusFile extends CorpusEntry {
  readonly file: string;
}

export const manifest: Manifest = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'corpus', 'manifest.json'), 'utf8')) as Manifest;

/** The module's directory, from the cache only (GOPROXY=off): the test never downloads. */
async function cachedModule(spec: string): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-mod-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module corpus\n');
    const { stdout } = await run('go', ['mod', 'download', '-json', spec], { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' } });
    return (JSON.parse(stdout) as { Dir?: string }).Dir;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every corpus file with its path, or the reason it cannot be had (to skip with). */
export async function corpusFiles(): Promise<{ profiles: CorpusFile[]; refusals: CorpusFile[] } | string> {
  const { stdout: goroot } = await run('go', ['env', 'GOROOT']);
  const dirs = new Map<string, string | undefined>([['GOROOT', goroot.trim()]]);
  for (const spec of manifest.modules) dirs.set(spec, await cachedModule(spec));
  const locate = (e: CorpusEntry): CorpusFile => {
    const base = dirs.get(e.source);
    if (!base) throw new Error(`${e.source} is not in the Go module cache: run scripts/setup.sh (it downloads the corpus)`);
    const file = join(base, e.path);
    if (!existsSync(file)) throw new Error(`${e.source}: no ${e.path}`);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (sha !== e.sha256) throw new Error(`${e.source} ${e.path}: sha256 ${sha}, the manifest says ${e.sha256}`);
    return { ...e, file };
  };
  try {
    return { profiles: manifest.profiles.map(locate), refusals: manifest.namedRefusals.map(locate) };
  } catch (e) {
    return (e as Error).message;
  }
}
