// The attach picker's process list on real processes: a running Go program is found, listed
// before other processes and labelled with the Go version it was built with; other
// executables and files that are not ELF (or are cut short) are not taken for Go.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goBinaryInfo } from '../../src/debugType/goBinary';
import { listProcesses } from '../../src/debugType/processList';

const dir = mkdtempSync(join(tmpdir(), 'goprof-proc-'));
const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
let bin: string;
let stripped: string;
let child: ChildProcess;

before(() => {
  writeFileSync(join(dir, 'go.mod'), 'module example.com/sleeper\n\ngo 1.21\n');
  writeFileSync(join(dir, 'main.go'), 'package main\n\nimport "time"\n\nfunc main() { time.Sleep(time.Minute) }\n');
  bin = join(dir, 'sleeper');
  stripped = join(dir, 'sleeper-stripped');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: dir, stdio: 'pipe' });
  execFileSync('go', ['build', '-ldflags=-s -w', '-o', stripped, '.'], { cwd: dir, stdio: 'pipe' });
  child = spawn(bin, [], { stdio: 'ignore' });
});

after(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('a Go binary, stripped or not, gives its Go version and main package', () => {
  for (const file of [bin, stripped]) {
    assert.deepEqual(goBinaryInfo(file), { goVersion, path: 'example.com/sleeper' }, file);
  }
});

test('other executables, non-ELF files, truncated binaries and missing files are not Go', () => {
  assert.equal(goBinaryInfo(process.execPath), undefined, 'node');
  assert.equal(goBinaryInfo('/bin/sh'), undefined);
  assert.equal(goBinaryInfo(join(dir, 'main.go')), undefined);
  assert.equal(goBinaryInfo(join(dir, 'nonexistent')), undefined);
  const cut = join(dir, 'cut');
  copyFileSync(bin, cut);
  for (const size of [0, 10, 200, Math.floor(statSync(bin).size / 2)]) {
    const fd = openSync(cut, 'r+');
    ftruncateSync(fd, size);
    closeSync(fd);
    assert.equal(goBinaryInfo(cut), undefined, `cut to ${size} bytes`);
  }
});

test('the running Go program is listed among the Go programs, before every other process', async () => {
  const listed = await listProcesses();
  const ours = listed.find((p) => p.pid === child.pid);
  assert.ok(ours, 'the sleeper is listed');
  assert.deepEqual(ours.go, { goVersion, path: 'example.com/sleeper' });
  assert.ok(ours.commandLine.includes('sleeper'));
  const firstOther = listed.findIndex((p) => !p.go);
  const lastGo = listed.map((p) => !!p.go).lastIndexOf(true);
  assert.ok(firstOther < 0 || lastGo < firstOther, 'Go programs come first');
  assert.ok(listed.some((p) => !p.go), 'other processes are still offered');
  assert.ok(!listed.some((p) => p.pid === process.pid), 'never the picker\'s own process');
});
