// Runs the built test suites with Node's test runner, one file at a time: the DAP and
// browser suites drive real dlv and Chromium processes and a 2-core machine has no room
// to run them side by side. `node scripts/test.mjs unit dap` runs only those suites.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = process.argv.slice(2);
const all = ['unit', 'dap', 'webview', 'editor'];
const dirs = (suites.length ? suites : all).map((s) => `out/test/${s}`).filter((d) => existsSync(d));
// One id per run: the editor test files package the .vsix once per run, not once per file.
const env = { ...process.env, GDP_TEST_RUN: `${process.pid}-${Date.now()}` };
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-reporter=spec', ...dirs], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
