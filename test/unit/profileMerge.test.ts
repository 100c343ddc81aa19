import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readProfileFile } from '../../src/shared/profileFile';
import { mergeProfiles, ProfileError } from '../../src/profile';
import { inBatches, pprofBinary, pprofTop, realProfiles, repoRoot } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

// Merging CPU profiles into one, as `go tool pprof -proto a b > merged` does, for PGO: the CLI's
// merge equals pprof's by go tool pprof -top, and go build -pgo=auto accepts it as default.pgo.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'merge-'));
let files: Record<ProfileName, string>;
const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'out', 'cli.js'), ...args], { encoding: 'utf8', timeout: 30_000 });

before(async () => {
  files = await realProfiles();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('cli merge of two CPU profiles equals go tool pprof -proto a b, by function and by line, every sample type', async () => {
  const ours = join(dir, 'ours.pprof');
  const r = cli('merge', files.cpu, files['test-cpu'], '-o', ours);
  assert.equal(r.status, 0, r.stderr);
  const theirs = join(dir, 'theirs.pprof');
  const { stdout } = await run(await pprofBinary(), ['-proto', files.cpu, files['test-cpu']], { encoding: 'buffer', maxBuffer: 64 << 20 });
  writeFileSync(theirs, stdout);
  const merged = readProfileFile(ours);
  assert.equal(merged.samples.length, readProfileFile(files.cpu).samples.length + readProfileFile(files['test-cpu']).samples.length);
  const cases = merged.sampleTypes.flatMap((t) => [false, true].map((lines) => ({ ...t, lines })));
  await inBatches(cases, 2, async (c) => {
    const expected = await pprofTop(theirs, c.type, c.unit, { lines: c.lines });
    assert.ok(expected.rows.length > 0);
    assert.deepEqual(await pprofTop(ours, c.type, c.unit, { lines: c.lines }), expected, `${c.type}${c.lines ? ' -lines' : ''}`);
  });
  assert.deepEqual(readdirSync(dir).sort(), ['ours.pprof', 'theirs.pprof'], 'no temp file left');
});

test('go build -pgo=auto accepts the merged profile as the main package\'s default.pgo', async () => {
  const pkg = join(dir, 'pkg');
  cpSync(join(repoRoot, 'test', 'fixtures', 'profgen'), pkg, { recursive: true });
  const r = cli('merge', files.cpu, files['test-cpu'], '-o', join(pkg, 'default.pgo'));
  assert.equal(r.status, 0, r.stderr);
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  // -pgo=auto reads default.pgo from the main package's folder; a profile it cannot parse fails the build.
  await run('go', ['build', '-pgo=auto', '-o', join(dir, 'profgen'), '.'], { cwd: pkg, env });
  const { stdout } = await run('go', ['version', '-m', join(dir, 'profgen')]);
  assert.match(stdout, /-pgo=.*default\.pgo/, 'the binary was built with the profile');
  writeFileSync(join(pkg, 'default.pgo'), 'not a profile');
  await assert.rejects(run('go', ['build', '-pgo=auto', '-o', join(dir, 'profgen2'), '.'], { cwd: pkg, env }), 'a bad default.pgo fails the build: the check above can fail');
});

test('profiles of different kinds are not merged; a refused merge writes nothing', () => {
  assert.throws(() => mergeProfiles([readProfileFile(files.cpu), readProfileFile(files.heap)]), (e: unknown) => e instanceof ProfileError && /cannot merge profiles of different kinds/.test(e.message));
  const out = join(dir, 'refused.pprof');
  const r = cli('merge', files.cpu, files.heap, '-o', out);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: cannot merge profiles of different kinds: .*\n$/);
  assert.ok(!existsSync(out));
});
