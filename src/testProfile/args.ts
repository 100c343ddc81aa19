/**
 * The pure half of "Profile test": finding `func TestXxx(t *testing.T)` and
 * `func BenchmarkXxx(b *testing.B)` in a file, and the `go test` arguments that run just
 * that one with one profile. No vscode, so unit-tested on its own.
 */

export type TestKind = 'test' | 'benchmark';
export type TestProfileKind = 'cpu' | 'mem' | 'block' | 'mutex';

export const TEST_PROFILE_KINDS: readonly TestProfileKind[] = ['cpu', 'mem', 'block', 'mutex'];

export interface TestFunction {
  readonly name: string;
  readonly kind: TestKind;
  /** 0-based line of the `func` keyword. */
  readonly line: number;
}

// As `go test` decides: the word after Test/Benchmark must not start with a lower-case letter.
const DECLARATION = /^func\s+((Test|Benchmark)(?![\p{Ll}])[\p{L}\p{N}_]*)\s*\(\s*[\p{L}_][\p{L}\p{N}_]*\s+\*testing\.(T|B)\s*\)/u;

export function findTestFunctions(text: string): TestFunction[] {
  const out: TestFunction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('func')) continue;
    const m = DECLARATION.exec(lines[i]);
    if (!m) continue;
    const kind: TestKind = m[2] === 'Test' ? 'test' : 'benchmark';
    if ((kind === 'test') !== (m[3] === 'T')) continue;
    out.push({ name: m[1], kind, line: i });
  }
  return out;
}

const PROFILE_FLAG: Readonly<Record<TestProfileKind, string>> = {
  cpu: '-cpuprofile',
  mem: '-memprofile',
  block: '-blockprofile',
  mutex: '-mutexprofile',
};

export interface GoTestPlan {
  readonly args: readonly string[];
  /** Where `go test` writes the profile. */
  readonly profilePath: string;
}

/**
 * `go test` for one test or benchmark of the package in the working directory, anchored so
 * that TestFoo does not also run TestFooBar; the test binary goes to `dir` too, since with
 * a profile flag `go test` would otherwise leave `pkg.test` in the package directory.
 */
export function goTestPlan(fn: Pick<TestFunction, 'name' | 'kind'>, profile: TestProfileKind, dir: string, join: (...parts: string[]) => string): GoTestPlan {
  const profilePath = join(dir, `${profile}.pprof`);
  const pattern = `^${fn.name}$`;
  const select = fn.kind === 'test' ? ['-run', pattern] : ['-run', '^$', '-bench', pattern];
  // One test allocates too little for the default sampling (one sample per 512 kB) to see:
  // record every allocation. A benchmark's loop allocates plenty, and would crawl at rate 1.
  const rate = profile === 'mem' && fn.kind === 'test' ? ['-memprofilerate=1'] : [];
  return {
    args: ['test', '-v', '-count=1', ...select, PROFILE_FLAG[profile], profilePath, ...rate, '-o', join(dir, 'profiled.test'), '.'],
    profilePath,
  };
}

/** `not-started`: the go command itself could not be run. */
export type TestOutcome = 'passed' | 'failed' | 'build-failed' | 'no-tests' | 'cancelled' | 'not-started';

/** What a finished `go test -v` run of `fn` means, from its exit code and output. */
export function testOutcome(fn: Pick<TestFunction, 'name' | 'kind'>, exitCode: number | null, output: string, cancelled: boolean): TestOutcome {
  if (cancelled) return 'cancelled';
  if (/\[(build|setup) failed\]|^# \S+\n|cannot find package|no Go files in/m.test(output) && exitCode !== 0) return 'build-failed';
  if (exitCode !== 0) return 'failed';
  if (output.includes('no tests to run')) return 'no-tests';
  // A benchmark pattern that matches nothing passes silently: the benchmark never printed its name.
  if (fn.kind === 'benchmark' && !new RegExp(`^${fn.name}(-\\d+)?\\s`, 'm').test(output)) return 'no-tests';
  return 'passed';
}
