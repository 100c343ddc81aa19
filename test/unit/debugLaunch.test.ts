// Launch preparation of the go-dlv adapter, without dlv: envFile parsing, dlv discovery and
// version checks (with fake dlv scripts), and how launch arguments are turned into dlv's.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseEnv } from '../../src/debug/envFile';
import { compareVersions, findDlv, locateDlv } from '../../src/debug/dlvLocator';
import { planLaunch } from '../../src/debug/launchArgs';
import { changedCapabilities, DLV_CAPABILITIES } from '../../src/debug/capabilities';

const FIXTURE = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'debug');

function fakeDlv(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'dlv');
  writeFileSync(path, `#!/bin/sh\necho "Delve Debugger"\necho "Version: ${version}"\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('envFile', () => {
  test('KEY=VALUE, comments, export, quotes, ${VAR} and trailing comments', () => {
    const env = parseEnv(
      ['# comment', '', 'A=1', 'export B = two words ', 'C="x\\ny"', "D='${A} raw'", 'E=${A}-${HOME_X}', 'F=v # note', 'G='].join('\n'),
      { HOME_X: 'h' },
    );
    assert.deepEqual(env, { A: '1', B: 'two words', C: 'x\ny', D: '${A} raw', E: '1-h', F: 'v', G: '' });
  });

  test('a line that is not KEY=VALUE is an error naming the line', () => {
    assert.throws(() => parseEnv('A=1\nnot an assignment\n', {}), /envFile line 2 is not KEY=VALUE/);
  });
});

describe('dlv discovery', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'godlv-unit-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('PATH first, then GOBIN, then each GOPATH entry\'s bin', () => {
    const onPath = fakeDlv(join(dir, 'path'), '1.27.2');
    const gobin = fakeDlv(join(dir, 'gobin'), '1.27.2');
    const gopath2 = fakeDlv(join(dir, 'gp2', 'bin'), '1.27.2');
    const base = { HOME: dir };
    assert.equal(findDlv(undefined, { ...base, PATH: join(dir, 'path'), GOBIN: join(dir, 'gobin') }), onPath);
    assert.equal(findDlv(undefined, { ...base, PATH: join(dir, 'none'), GOBIN: join(dir, 'gobin') }), gobin);
    assert.equal(findDlv(undefined, { ...base, PATH: '', GOPATH: `${join(dir, 'gp1')}:${join(dir, 'gp2')}` }), gopath2);
  });

  test('GOBIN set with `go env -w` (not in the environment) is found through the go command', async () => {
    const gobin = join(dir, 'go-env-gobin');
    const dlv = fakeDlv(gobin, '1.27.2');
    const goDir = join(dir, 'fakego');
    mkdirSync(goDir, { recursive: true });
    writeFileSync(join(goDir, 'go'), `#!/bin/sh\necho "${gobin}"\necho "${join(dir, 'nogopath')}"\n`);
    chmodSync(join(goDir, 'go'), 0o755);
    const env = { HOME: join(dir, 'home'), PATH: goDir };
    assert.throws(() => findDlv(undefined, env), /not installed/);
    assert.deepEqual(await locateDlv(undefined, env), { path: dlv, version: '1.27.2' });
  });

  test('dlvPath wins and must exist', () => {
    const explicit = fakeDlv(join(dir, 'explicit'), '1.27.2');
    assert.equal(findDlv(explicit, { PATH: join(dir, 'path') }), explicit);
    assert.throws(() => findDlv(join(dir, 'missing', 'dlv'), {}), /dlv not found at dlvPath/);
  });

  test('version check: old is refused with the install command, new is accepted', async () => {
    const old = fakeDlv(join(dir, 'old'), '1.20.0');
    await assert.rejects(locateDlv(old, {}), /Delve 1\.20\.0 .* too old.*go install github\.com\/go-delve\/delve\/cmd\/dlv@latest/);
    const fresh = fakeDlv(join(dir, 'fresh'), '1.27.2');
    assert.deepEqual(await locateDlv(fresh, {}), { path: fresh, version: '1.27.2' });
    assert.ok(compareVersions('1.23.0', '1.9.9') > 0, 'numeric, not lexical');
  });
});

describe('launch arguments', () => {
  let dir: string;
  let dlv: string;
  const tempDirs: string[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'godlv-unit-'));
    dlv = fakeDlv(join(dir, 'bin'), '1.27.2');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  test('debug of a file: dlv runs in the module root, builds into a private temp dir, adapter attributes stay out', async () => {
    const plan = await planLaunch({ request: 'launch', program: join(FIXTURE, 'main.go'), dlvPath: dlv, showLog: true, envFile: join(FIXTURE, 'test.env') });
    tempDirs.push(plan.tempDir!);
    assert.equal(plan.dlv?.cwd, FIXTURE);
    assert.deepEqual(plan.dlv?.flags, ['--log', '--log-output=dap']);
    assert.ok(existsSync(plan.tempDir!));
    assert.equal(plan.args.output, join(plan.tempDir!, '__debug_bin'));
    assert.equal(plan.args.scratchDir, plan.tempDir, 'capture keeps its files in the same session dir');
    assert.equal(plan.args.mode, 'debug');
    assert.equal(plan.args.env?.GODLV_FROM_FILE, 'from file');
    for (const key of ['dlvPath', 'showLog', 'envFile', 'dlvFlags', 'logOutput']) {
      assert.ok(!(key in plan.args), `${key} is not passed to dlv`);
    }
  });

  test('test mode on a _test.go debugs its package', async () => {
    const plan = await planLaunch({ request: 'launch', mode: 'test', program: join(FIXTURE, 'calc_test.go'), dlvPath: dlv });
    tempDirs.push(plan.tempDir!);
    assert.equal(plan.args.program, FIXTURE);
  });

  test('noDebug drops what only a debugged program has; the helper is kept out of GOROOT and GOMODCACHE as go reports them', async () => {
    const plan = await planLaunch({ request: 'launch', program: FIXTURE, dlvPath: dlv, noDebug: true, initScript: 'a.dlv', stopOnEntry: true, profilepoints: [], flightRecorder: { seconds: 5 }, detectGoroutineLeaks: true, trackAllocations: true });
    tempDirs.push(plan.tempDir!);
    for (const key of ['initScript', 'stopOnEntry', 'profilepoints', 'flightRecorder', 'detectGoroutineLeaks', 'trackAllocations']) {
      assert.ok(!(key in plan.args), `${key} is dropped without debugging`);
    }
    assert.equal(plan.args.noDebug, true);
    const goEnv = (name: string): string => execFileSync('go', ['env', name], { cwd: FIXTURE, encoding: 'utf8' }).trim();
    await plan.ready;
    assert.deepEqual(plan.args.helperForbiddenRoots, [goEnv('GOROOT'), goEnv('GOMODCACHE')]);
  });

  test('go found only under GOROOT/bin: asked for the roots by that path, and its directory is on dlv\'s PATH', async () => {
    const goroot = join(dir, 'goroot');
    mkdirSync(join(goroot, 'bin'), { recursive: true });
    writeFileSync(join(goroot, 'bin', 'go'), `#!/bin/sh\n[ "$1 $2 $3" = "env GOROOT GOMODCACHE" ] && printf '%s\\n' "${goroot}" "${join(dir, 'modcache')}"\n`);
    chmodSync(join(goroot, 'bin', 'go'), 0o755);
    const plan = await planLaunch({ request: 'launch', program: FIXTURE, dlvPath: dlv }, { PATH: '/usr/bin:/bin', GOROOT: goroot, HOME: dir });
    tempDirs.push(plan.tempDir!);
    await plan.ready;
    assert.deepEqual(plan.args.helperForbiddenRoots, [goroot, join(dir, 'modcache')]);
    assert.equal(plan.dlv?.env.PATH, [join(goroot, 'bin'), '/usr/bin', '/bin'].join(':'));
  });

  test('relative program resolves against cwd', async () => {
    const plan = await planLaunch({ request: 'launch', mode: 'debug', program: './broken', cwd: FIXTURE, dlvPath: dlv });
    tempDirs.push(plan.tempDir!);
    assert.equal(plan.args.program, join(FIXTURE, 'broken'));
  });

  test('bad arguments are short messages', async () => {
    await assert.rejects(planLaunch({ request: 'launch', mode: 'exec', program: join(FIXTURE, 'main.go'), dlvPath: dlv }), /not an executable file/);
    await assert.rejects(planLaunch({ request: 'launch', dlvPath: dlv }), /needs "program"/);
    await assert.rejects(planLaunch({ request: 'attach', processId: '${command:goDlv.pickProcess}', dlvPath: dlv }), /needs "processId"/);
    await assert.rejects(planLaunch({ request: 'attach', mode: 'remote' }), /needs "port"/);
    await assert.rejects(planLaunch({ request: 'launch', program: FIXTURE, dlvPath: dlv, dlvFlags: ['--listen=0.0.0.0:2345'] }), /may not contain --listen/);
    await assert.rejects(planLaunch({ request: 'launch', program: FIXTURE, dlvPath: dlv, dlvFlags: '--log' as never }), /must be an array of strings/);
  });

  test('core mode needs the binary and an existing corefilePath, resolved against cwd', async () => {
    const core = join(FIXTURE, 'go.mod');
    await assert.rejects(planLaunch({ request: 'launch', mode: 'core', program: dlv, dlvPath: dlv }), /needs "corefilePath"/);
    await assert.rejects(planLaunch({ request: 'launch', mode: 'core', program: dlv, corefilePath: join(FIXTURE, 'no-such-core'), dlvPath: dlv }), /is not a file/);
    await assert.rejects(planLaunch({ request: 'launch', mode: 'core', program: core, corefilePath: core, dlvPath: dlv }), /not an executable file/);
    const plan = await planLaunch({ request: 'launch', mode: 'core', program: dlv, corefilePath: './go.mod', cwd: FIXTURE, dlvPath: dlv });
    tempDirs.push(plan.tempDir!);
    assert.equal(plan.args.corefilePath, core);
    assert.equal(plan.args.output, undefined, 'nothing is built for a core file');
  });

  test('attach local takes a numeric string pid; remote needs no dlv', async () => {
    const local = await planLaunch({ request: 'attach', processId: ' 1234 ', dlvPath: dlv });
    tempDirs.push(local.tempDir!);
    assert.equal(local.args.processId, 1234);
    assert.equal(local.args.output, undefined, 'nothing is built for attach');
    const remote = await planLaunch({ request: 'attach', mode: 'remote', port: 2345 });
    tempDirs.push(remote.tempDir!);
    assert.deepEqual(remote.remote, { host: '127.0.0.1', port: 2345 });
    assert.equal(remote.dlv, undefined);
  });
});

describe('capabilities', () => {
  test('only what dlv reports differently from the copy the client was given is announced', () => {
    assert.equal(changedCapabilities({ ...DLV_CAPABILITIES }), undefined);
    assert.deepEqual(changedCapabilities({ ...DLV_CAPABILITIES, supportsStepBack: true }), { supportsStepBack: true });
  });
});
