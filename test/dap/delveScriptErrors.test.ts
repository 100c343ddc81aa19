// Delve's own terminal runs a script full of mistakes (`dlv debug --init`) on a real program:
// the script parser must report an error on exactly the lines Delve rejects, so what it accepts
// is what Delve accepts. Our `profile` command is the one line Delve does not know.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScript } from '../../src/debug/script/parse';
import { dlvBinary, ROOT, toolEnv, withTimeout } from './harness';

const PROGRAM = join(ROOT, 'test', 'fixtures', 'delve-scripts', 'program');
const SCRIPT = join(PROGRAM, 'errors.dlv');

function runDelve(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(dlvBinary(), args, { cwd: PROGRAM, env: toolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  return withTimeout(exited, 120_000, 'dlv did not finish the script').catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

test('the parser reports an error on exactly the lines Delve rejects', async () => {
  const out = mkdtempSync(join(tmpdir(), 'dlv-script-check-'));
  try {
    const { code, output } = await runDelve(['debug', '--allow-non-terminal-interactive=true', '--output', join(out, 'program'), '--init', SCRIPT]);
    assert.equal(code, 0, output);
    const rejectedByDelve = [...output.matchAll(/errors\.dlv:(\d+): /g)].map((m) => Number(m[1]));

    const parsed = parseScript(readFileSync(SCRIPT, 'utf8'));
    const parserErrors = parsed.problems.filter((p) => p.severity === 'error').map((p) => p.line);
    const profileLines = parsed.commands.filter((c) => c.kind === 'profile').map((c) => c.line);
    assert.ok(parserErrors.length >= 15, 'the script should exercise many kinds of mistakes');
    assert.deepEqual(rejectedByDelve, [...parserErrors, ...profileLines].sort((a, b) => a - b), output);

    // The lines both accept did run: the breakpoints were set and the program stopped at them.
    assert.match(output, /Breakpoint loop set at .*main\.go:17/);
    assert.match(output, /\[Breakpoint 2\] main\.\(\*Server\)\.handle\(\)/);
    assert.match(output, /\*main\.Server \{hits: 0\}/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  // dlv built into our temp dir and removed nothing else: the fixture holds only its sources.
  assert.deepEqual(readdirSync(PROGRAM).sort(), ['errors.dlv', 'go.mod', 'main.go']);
});
