// Whether this machine's CPU gives Delve working hardware watchpoints. Data breakpoints use
// the x86 debug registers; some virtual machines accept setting them and never fire them
// (seen here: `watch -w total` is set, the program runs to its end, no stop). A test of a
// data breakpoint skips with that reason there instead of timing out.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dlvBinary, toolEnv } from './harness';

let answer: Promise<boolean> | undefined;

/**
 * Runs `dlv debug` on `program` (a package whose main.go line `line` is in a loop over `i`
 * adding to `total`): stop at i == 5, watch total, continue, print i. A working watchpoint
 * stops in the loop, where i is a number; a dead one lets the program end.
 */
export function hardwareWatchpointsWork(program: string, line: number): Promise<boolean> {
  answer ??= new Promise((resolve) => {
    const dir = mkdtempSync(join(tmpdir(), 'gdp-watch-probe-'));
    const script = join(dir, 'probe.dlv');
    writeFileSync(script, `break main.go:${line}\ncondition 1 i == 5\ncontinue\nclear 1\nwatch -w total\ncontinue\nprint i\nexit\n`);
    const child = execFile(
      dlvBinary(),
      ['debug', '--allow-non-terminal-interactive=true', '--output', join(dir, 'probe'), '--init', script, '.'],
      { cwd: program, env: toolEnv(), timeout: 120_000 },
      (_err, stdout) => {
        rmSync(dir, { recursive: true, force: true });
        resolve(/^\d+$/m.test(stdout));
      },
    );
    child.stdin?.end();
  });
  return answer;
}
