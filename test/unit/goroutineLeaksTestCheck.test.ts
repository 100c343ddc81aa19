// "Check leaks" on real Go packages: go test runs the test and then the generated check (added
// through the overlay, with the GOEXPERIMENT Go 1.26 needs), and the leaks read back are exactly
// the goroutines the test left blocked, at their line and go statement; a clean test has none;
// a package with its own TestMain works the same; nothing is left in the temp dir or the package.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTestLeaks } from '../../src/goroutineLeaks/testCheck';
import { testFunctions } from '../../src/goroutineLeaks/testFunctions';
import { repoRoot } from './profileFixtures';

const DIR = join(repoRoot, 'test', 'fixtures', 'leakcheck');
const lineOf = (file: string, marker: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;
const checkDirs = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('go-leak-check-'));

test('check leaks: a test that leaves 3 workers blocked reports exactly them, at the send and the go statement', { timeout: 180_000 }, async () => {
  const before = checkDirs();
  const files = readdirSync(DIR);
  const file = join(DIR, 'leaky_test.go');
  const result = await checkTestLeaks({ file, test: 'TestLeaks' });
  assert.equal(result.outcome, 'checked', result.outcome === 'failed' ? `${result.message}\n${result.output}` : '');
  if (result.outcome !== 'checked') return;
  const source = join(DIR, 'leaky.go');
  assert.equal(result.testFailed, false);
  assert.deepEqual(result.groups.map((g) => [g.count, g.waitReason, g.blockedAt, g.createdAt]), [
    [3, 'chan send', { func: 'example.com/leakcheck.Fanout.func1', file: source, line: lineOf(source, 'LEAK:blocked') }, { func: 'example.com/leakcheck.Fanout', file: source, line: lineOf(source, 'LEAK:blocked') - 1 }],
  ]);
  assert.deepEqual(checkDirs(), before);
  assert.deepEqual(readdirSync(DIR), files);
});

test('check leaks: a test that reads every result leaks nothing', { timeout: 180_000 }, async () => {
  const result = await checkTestLeaks({ file: join(DIR, 'leaky_test.go'), test: 'TestClean' });
  assert.equal(result.outcome, 'checked');
  assert.deepEqual(result.outcome === 'checked' ? result.groups : undefined, []);
});

test('check leaks: a package with its own TestMain is checked the same way', { timeout: 180_000 }, async () => {
  const file = join(DIR, 'withmain', 'withmain_test.go');
  const result = await checkTestLeaks({ file, test: 'TestUnderMain' });
  assert.equal(result.outcome, 'checked', result.outcome === 'failed' ? `${result.message}\n${result.output}` : '');
  if (result.outcome !== 'checked') return;
  assert.equal(result.testFailed, false, result.output);
  assert.deepEqual(result.groups.map((g) => [g.count, g.waitReason, g.blockedAt?.line]), [[2, 'chan receive', lineOf(file, 'LEAK:waiting')]]);
});

test('check leaks lenses: test functions as go test runs them, not TestMain or helpers', () => {
  const src = ['func TestA(t *testing.T) {', 'func TestMain(m *testing.M) {', 'func Testlower(t *testing.T) {}', 'func helper(t *testing.T) {}', 'func Test_x(t *testing.T) {}', 'func BenchmarkB(b *testing.B) {}'].join('\n');
  assert.deepEqual(testFunctions(src), [{ name: 'TestA', line: 0 }, { name: 'Test_x', line: 4 }]);
});
