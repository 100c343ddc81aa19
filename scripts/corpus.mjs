// Brings the foreign profiles of test/fixtures/corpus/manifest.json into the Go module cache
// (go mod download, pinned versions, in a temp module outside any workspace: pprof's and
// dd-trace-go's test data, and Go releases as golang.org/toolchain modules, about 76 MB each,
// for the compiler's default.pgo of each release) and checks each
// file's sha256. Idempotent and offline-safe: modules already in the cache are not fetched.
// Prints one line; exits non-zero only when a file is there but differs from the manifest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/manifest.json'), 'utf8'));

/** The module's directory in the cache, downloading it first when the cache lacks it. */
function moduleDir(spec, offline) {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-mod-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module corpus\n');
    const env = { ...process.env, GOFLAGS: '-mod=mod', ...(offline ? { GOPROXY: 'off' } : {}) };
    const out = execFileSync('go', ['mod', 'download', '-json', spec], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out).Dir;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
const dirs = { GOROOT: goroot };
for (const spec of manifest.modules) dirs[spec] = moduleDir(spec, true) ?? moduleDir(spec, false);

let ok = 0;
const missing = [];
for (const p of [...manifest.profiles, ...manifest.namedRefusals]) {
  const base = dirs[p.source];
  const file = base && join(base, p.path);
  if (!file || !existsSync(file)) {
    missing.push(`${p.source} ${p.path}`);
    continue;
  }
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (sha !== p.sha256) {
    console.error(`corpus: ${p.source} ${p.path}: sha256 ${sha}, manifest says ${p.sha256}`);
    process.exit(1);
  }
  ok++;
}
console.log(`corpus: ${ok} foreign profiles in the module cache${missing.length ? `, ${missing.length} unavailable (${missing[0]}...)` : ''}`);
