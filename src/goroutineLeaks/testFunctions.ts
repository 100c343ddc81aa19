/** The test functions of a _test.go file, as go test finds them (no vscode: unit-tested). */

/** `func TestX(t *testing.T)` at the start of a line: what go test runs as a test. */
const TEST_FUNC = /^func\s+(Test(?:[A-Z0-9_]\w*)?)\s*\(\s*\w+\s+\*testing\.T\s*\)/;

export function testFunctions(text: string): { name: string; line: number }[] {
  return text.split('\n').flatMap((l, line) => {
    const m = TEST_FUNC.exec(l);
    return m && m[1] !== 'TestMain' ? [{ name: m[1], line }] : [];
  });
}
