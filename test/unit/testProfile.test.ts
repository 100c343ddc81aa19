import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipGuarded } from '../../src/capture/profileBytes';
import { decodeProfile } from '../../src/profile';
import { isAlive, processTree } from '../../src/debug/processTree';
import { findTestFunctions, goTestPlan, testOutcome } from '../../src/testProfile/args';
import { runTestProfile } from '../../src/testProfile/run';
import { buildCostIndex } from '../../src/profile/lineCosts';
import { mapRecordedFiles } from '../../src/shared/sourcePaths';
import { repoRoot } from './profileFixtures';

test('test and benchmark functions are found as go test finds them', () => {
  const src = [
    'package p',
    'func TestA(t *testing.T) {}',
    'func Testlower(t *testing.T) {}',
    'func Test(t *testing.T) {}',
    'func TestÜber(t *testing.T) {}',
    'func BenchmarkB(b *testing.B) {',
    'func BenchmarkWrong(t *testing.T) {}',
    'func TestWrong(b *testing.B) {}',
    'func helper(t *testing.T) {}',
    '  func TestIndented(t *testing.T) {}',
    'func Test_x(t *testing.T) {}',
  ].join('\n');
  assert.deepEqual(findTestFunctions(src), [
    { name: 'TestA', kind: 'test', line: 1 },
    { name: 'Test', kind: 'test', line: 3 },
    { name: 'TestÜber', kind: 'test', line: 4 },
    { name: 'BenchmarkB', kind: 'benchmark', line: 5 },
    { name: 'Test_x', kind: 'test', line: 10 },
  ]);
});

test('go test arguments: one anchored test or benchmark, one profile, binary and profile in the temp dir', () => {
  const j = (...p: string[]): string => p.join('/');
  assert.deepEqual(goTestPlan({ name: 'TestA', kind: 'test' }, 'cpu', '/tmp/d', j), {
    args: ['test', '-v', '-count=1', '-run', '^TestA$', '-cpuprofile', '/tmp/d/cpu.pprof', '-o', '/tmp/d/profiled.test', '.'],
    profilePath: '/tmp/d/cpu.pprof',
  });
  assert.deepEqual(goTestPlan({ name: 'BenchmarkB', kind: 'benchmark' }, 'mutex', '/tmp/d', j).args.slice(3, 9), ['-run', '^$', '-bench', '^BenchmarkB$', '-mutexprofile', '/tmp/d/mutex.pprof']);
  assert.deepEqual(goTestPlan({ name: 'TestA', kind: 'test' }, 'mem', '/d', j).args.slice(5, 8), ['-memprofile', '/d/mem.pprof', '-memprofilerate=1'], 'a test records every allocation');
  assert.ok(!goTestPlan({ name: 'BenchmarkB', kind: 'benchmark' }, 'mem', '/d', j).args.includes('-memprofilerate=1'), 'a benchmark samples');
  assert.equal(goTestPlan({ name: 'TestA', kind: 'test' }, 'block', '/d', j).args[5], '-blockprofile');
});

test('outcomes from exit code and output', () => {
  const t = { name: 'TestA', kind: 'test' } as const;
  const b = { name: 'BenchmarkB', kind: 'benchmark' } as const;
  assert.equal(testOutcome(t, 0, '=== RUN   TestA\n--- PASS: TestA\nPASS\nok  \tx\t0.1s\n', false), 'passed');
  assert.equal(testOutcome(t, 1, '--- FAIL: TestA (0.00s)\nFAIL\n', false), 'failed');
  assert.equal(testOutcome(t, 1, '# example.com/x\n./a.go:3:1: syntax error\nFAIL\texample.com/x [build failed]\n', false), 'build-failed');
  assert.equal(testOutcome(t, 0, 'testing: warning: no tests to run\nPASS\n', false), 'no-tests');
  assert.equal(testOutcome(b, 0, 'PASS\nok  \tx\t0.1s\n', false), 'no-tests');
  assert.equal(testOutcome(b, 0, 'BenchmarkB\nBenchmarkB-2  \t 100\t 10 ns/op\nPASS\n', false), 'passed');
  assert.equal(testOutcome(t, null, '', true), 'cancelled');
});

let pkg: string;
/** A temp root of this suite's own: other suites on the machine use the shared one at the same time. */
let tempRoot: string;

before(() => {
  pkg = mkdtempSync(join(tmpdir(), 'gdp-testpkg-'));
  tempRoot = mkdtempSync(join(tmpdir(), 'gdp-testtmp-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), pkg, { recursive: true });
});

after(() => {
  rmSync(pkg, { recursive: true, force: true });
  rmSync(tempRoot, { recursive: true, force: true });
});

function assertNoTempLeft(): void {
  assert.deepEqual(readdirSync(tempRoot), [], 'temp dirs removed');
}

test('a benchmark with a CPU profile: the profile points at the hot function', async () => {
  const result = await runTestProfile({ tempRoot, fn: { name: 'BenchmarkChecksum', kind: 'benchmark' }, profile: 'cpu', cwd: pkg });
  assert.equal(result.outcome, 'passed', result.output);
  assert.ok(result.profile);
  const index = buildCostIndex(decodeProfile(result.profile, gunzipGuarded), 'cpu');
  const main = [...index.files.keys()].find((f) => f.endsWith('/main.go'));
  assert.ok(main, 'main.go recorded');
  const checksum = index.files.get(main)!.functions.find((f) => f.name.endsWith('.checksum'));
  assert.ok(checksum && checksum.flat > 0.3 * index.total, 'checksum is where the benchmark spends');
  assertNoTempLeft();
  assert.deepEqual(readdirSync(pkg).filter((n) => /\.(test|pprof|prof|out)$/.test(n)), [], 'no test binary or profile left in the package');
});

test('a memory profile of one test records its allocations', async () => {
  writeFileSync(join(pkg, 'alloc_test.go'), 'package main\n\nimport "testing"\n\nvar sink []byte\n\nfunc TestAlloc(t *testing.T) {\n\tfor i := 0; i < 200; i++ {\n\t\tsink = make([]byte, 1<<20)\n\t}\n}\n');
  try {
    const result = await runTestProfile({ tempRoot, fn: { name: 'TestAlloc', kind: 'test' }, profile: 'mem', cwd: pkg });
    assert.equal(result.outcome, 'passed', result.output);
    const index = buildCostIndex(decodeProfile(result.profile!, gunzipGuarded), 'alloc_space');
    const file = [...index.files.keys()].find((f) => f.endsWith('/alloc_test.go'));
    assert.ok(file, 'alloc_test.go recorded');
    const line = index.files.get(file)!.lines.find((l) => l.line === 9);
    assert.ok(line && line.flat >= 100 * (1 << 20), `the make line allocated (${line?.flat})`);
  } finally {
    rmSync(join(pkg, 'alloc_test.go'));
  }
  assertNoTempLeft();
});

test('a memory profile of a small test sees its few allocations', async () => {
  const result = await runTestProfile({ tempRoot, fn: { name: 'TestChecksumDependsOnNames', kind: 'test' }, profile: 'mem', cwd: pkg });
  assert.equal(result.outcome, 'passed', result.output);
  const index = buildCostIndex(decodeProfile(result.profile!, gunzipGuarded), 'alloc_space');
  const main = [...index.files.keys()].find((f) => f.endsWith('/main.go'));
  assert.ok(main && index.files.get(main)!.functions.some((f) => f.name.endsWith('.buildRecords') && f.cum > 0), 'buildRecords allocations recorded');
  assertNoTempLeft();
});

test('a test with a CPU profile runs only that test, not others sharing its prefix', async () => {
  writeFileSync(join(pkg, 'prefix_test.go'), 'package main\n\nimport "testing"\n\nfunc TestChecksumDependsOnNamesToo(t *testing.T) { t.Fatal("must not run") }\n');
  try {
    const result = await runTestProfile({ tempRoot, fn: { name: 'TestChecksumDependsOnNames', kind: 'test' }, profile: 'cpu', cwd: pkg });
    assert.equal(result.outcome, 'passed', result.output);
    assert.match(result.output, /--- PASS: TestChecksumDependsOnNames /);
    assert.doesNotMatch(result.output, /TestChecksumDependsOnNamesToo|BenchmarkChecksum/);
    assert.equal(decodeProfile(result.profile!, gunzipGuarded).sampleTypes[1].type, 'cpu');
  } finally {
    rmSync(join(pkg, 'prefix_test.go'));
  }
  assertNoTempLeft();
});

// The first -trimpath build recompiles the standard library (about a minute on 2 cores); the
// Go build cache keeps it for later runs.
test('a -trimpath profile maps back to the workspace through go.mod and to GOROOT for the standard library', async () => {
  const result = await runTestProfile({ tempRoot, fn: { name: 'BenchmarkChecksum', kind: 'benchmark' }, profile: 'cpu', cwd: pkg, env: { ...process.env, GOFLAGS: '-trimpath' } });
  assert.equal(result.outcome, 'passed', result.output);
  const index = buildCostIndex(decodeProfile(result.profile!, gunzipGuarded));
  const recorded = [...index.files.keys()];
  assert.ok(recorded.includes('example.com/records/main.go'), `module-relative paths recorded: ${recorded.join(', ')}`);
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  const roots = { substitutePath: [], modules: [{ path: 'example.com/records', dir: pkg }], goroot, workspaceFolders: [pkg] };
  const mapped = await mapRecordedFiles(recorded, roots, async (p) => existsSync(p) && statSync(p).isFile());
  assert.deepEqual(mapped.get(join(pkg, 'main.go')), ['example.com/records/main.go']);
  // Every sample of a benchmark passes through package testing, so standard-library files are
  // always recorded; runtime frames are not (a short run may take no sample inside the runtime).
  const std = recorded.filter((r) => !r.startsWith('example.com/'));
  assert.ok(std.some((r) => r.startsWith('testing/')), `standard-library paths recorded: ${recorded.join(', ')}`);
  assert.ok(std.every((r) => [...mapped.keys()].some((l) => l.startsWith(join(goroot, 'src')) && l.endsWith(r.slice(r.lastIndexOf('/'))))), `standard-library files map into GOROOT: ${std.join(', ')}`);
  assertNoTempLeft();
});

test('a failing test is reported as failed, with its output', async () => {
  writeFileSync(join(pkg, 'fail_test.go'), 'package main\n\nimport "testing"\n\nfunc TestFails(t *testing.T) { t.Fatal("boom") }\n');
  try {
    const result = await runTestProfile({ tempRoot, fn: { name: 'TestFails', kind: 'test' }, profile: 'block', cwd: pkg });
    assert.equal(result.outcome, 'failed');
    assert.match(result.output, /boom/);
  } finally {
    rmSync(join(pkg, 'fail_test.go'));
  }
  assertNoTempLeft();
});

test('a build error is reported as such; an unknown test as no tests', async () => {
  writeFileSync(join(pkg, 'broken.go'), 'package main\n\nfunc broken( {\n');
  try {
    const result = await runTestProfile({ tempRoot, fn: { name: 'TestChecksumDependsOnNames', kind: 'test' }, profile: 'cpu', cwd: pkg });
    assert.equal(result.outcome, 'build-failed', result.output);
    assert.equal(result.profile, undefined);
    assert.match(result.output, /broken\.go:3/);
  } finally {
    rmSync(join(pkg, 'broken.go'));
  }
  const none = await runTestProfile({ tempRoot, fn: { name: 'TestNoSuch', kind: 'test' }, profile: 'cpu', cwd: pkg });
  assert.equal(none.outcome, 'no-tests', none.output);
  assertNoTempLeft();
});

test('cancel kills go and the test binary, and leaves no temp files', async () => {
  writeFileSync(join(pkg, 'slow_test.go'), 'package main\n\nimport ("testing"; "time")\n\nfunc TestSlow(t *testing.T) { t.Log("started"); time.Sleep(60 * time.Second) }\n');
  const abort = new AbortController();
  let goPid = 0;
  let tree: number[] = [];
  const started = Date.now();
  try {
    const result = await runTestProfile({
      tempRoot,
      fn: { name: 'TestSlow', kind: 'test' },
      profile: 'cpu',
      cwd: pkg,
      signal: abort.signal,
      onSpawn: (pid) => (goPid = pid),
      onOutput: (text) => {
        if (text.includes('=== RUN') && tree.length === 0) {
          tree = processTree([goPid]);
          abort.abort();
        }
      },
    });
    assert.equal(result.outcome, 'cancelled');
  } finally {
    rmSync(join(pkg, 'slow_test.go'));
  }
  assert.ok(tree.length >= 2, `go and the test binary were running (${tree.join(',')})`);
  assert.ok(Date.now() - started < 30_000, 'did not wait for the test');
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(tree.filter(isAlive), [], 'no process survives');
  assertNoTempLeft();
});

test('a missing go binary is said plainly', async () => {
  const result = await runTestProfile({ tempRoot, fn: { name: 'TestA', kind: 'test' }, profile: 'cpu', cwd: pkg, goBinary: join(pkg, 'no-such-go') });
  assert.equal(result.outcome, 'not-started');
  assert.match(result.output, /not found/);
  assertNoTempLeft();
});
