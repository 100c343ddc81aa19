// Runs the built test suites with Node's test runner, one file at a time: the DAP and
// browser suites drive real dlv and Chromium processes and a 2-core machine has no room
// to run them side by side. `node scripts/test.mjs unit dap` runs only those suites.
// Editor test files run one process each (each starts its own code-server). No file gets a
// second run: a test that fails on some runs is a defect to fix at its cause.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const suites = process.argv.slice(2);
const all = ['unit', 'dap', 'webview', 'editor'];
const chosen = (suites.length ? suites : all).filter((s) => existsSync(`out/test/${s}`));
// One id per run: the editor test files package the .vsix once per run, not once per file.
const env = { ...process.env, GDP_TEST_RUN: `${process.pid}-${Date.now()}` };

/** Runs node --test on `paths`, echoing its output; resolves with its counts. */
function run(paths) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-reporter=spec', ...paths], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      const count = (name) => Number((output.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      resolve({ code: code ?? 1, passed: count('pass'), failed: count('fail') });
    });
  });
}

const totals = { passed: 0, failed: 0 };
let failedRun = false;
const others = chosen.filter((s) => s !== 'editor').map((s) => `out/test/${s}`);
if (others.length) {
  const r = await run(others);
  totals.passed += r.passed;
  totals.failed += r.failed;
  failedRun ||= r.code !== 0;
}
if (chosen.includes('editor')) {
  const files = readdirSync('out/test/editor').filter((f) => f.endsWith('.test.js')).map((f) => join('out/test/editor', f));
  for (const file of files) {
    const r = await run([file]);
    totals.passed += r.passed;
    totals.failed += r.failed;
    failedRun ||= r.code !== 0;
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
