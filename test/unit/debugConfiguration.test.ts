// The one resolver of go-dlv configurations: its pure steps, in their order, and no second
// provider anywhere in src that could make the result depend on registration order.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isEmptyConfiguration, resolveSubstituted, withDefaults } from '../../src/debugType/configurationSteps';
import type { ResolveContext } from '../../src/debugType/configurationSteps';

const root = join(__dirname, '..', '..', '..');
const none: ResolveContext = { dlvFlags: [] };

test('a launch without a program debugs the editor\'s package; the empty configuration of F5 is recognised, noDebug or not', () => {
  assert.deepEqual(withDefaults({ type: 'go-dlv', request: 'launch', name: 'l' }, { ...none, goFile: '/w/app/main.go' }),
    { type: 'go-dlv', request: 'launch', name: 'l', program: '/w/app', dlvPath: undefined });
  assert.equal(isEmptyConfiguration({ type: '', request: '', name: '' }), true);
  // Ctrl+F5 without launch.json: VS Code's empty configuration carries only noDebug.
  assert.equal(isEmptyConfiguration({ noDebug: true } as never), true);
  assert.equal(isEmptyConfiguration({ type: 'go-dlv', request: 'launch', name: 'x' }), false);
});

test('Run Without Debugging keeps noDebug and gets no profilepoints or flight recorder from the editor', () => {
  const ctx: ResolveContext = { ...none, flightRecorderSeconds: 5, profilepoints: [{ id: 'p', path: '/w/main.go', line: 3, kind: 'heap' }], folder: '/w', folderOnDisk: true };
  const run = withDefaults({ type: 'go-dlv', request: 'launch', name: 'l', program: '/w', noDebug: true }, ctx);
  assert.equal(run.noDebug, true);
  assert.equal(run.flightRecorder, undefined);
  assert.equal(resolveSubstituted(run, ctx).profilepoints, undefined);
  const debug = withDefaults({ type: 'go-dlv', request: 'launch', name: 'l', program: '/w' }, ctx);
  assert.deepEqual(debug.flightRecorder, { seconds: 5 });
  assert.equal(resolveSubstituted(debug, ctx).profilepoints?.length, 1);
});

test('settings fill dlvPath and dlvFlags only where the configuration leaves them out; a local attach picks its process', () => {
  const ctx = { ...none, dlvPath: '/opt/dlv', dlvFlags: ['--check-go-version=false'] };
  const filled = withDefaults({ type: 'go-dlv', request: 'launch', name: 'x', program: '.' }, ctx);
  assert.equal(filled?.dlvPath, '/opt/dlv');
  assert.deepEqual(filled?.dlvFlags, ['--check-go-version=false']);
  const own = withDefaults({ type: 'go-dlv', request: 'launch', name: 'x', program: '.', dlvPath: '/mine', dlvFlags: ['-r'] }, ctx);
  assert.equal(own?.dlvPath, '/mine');
  assert.deepEqual(own?.dlvFlags, ['-r']);
  assert.equal(withDefaults({ type: 'go-dlv', request: 'attach', name: 'a' }, none)?.processId, '${command:goDlv.pickProcess}');
  assert.equal(withDefaults({ type: 'go-dlv', request: 'attach', name: 'a', mode: 'remote' }, none)?.processId, undefined);
  assert.equal(withDefaults({ type: 'go-dlv', request: 'launch', name: 'l' }, { ...none, goFile: '/w/p/main.go' })?.program, '/w/p');
  assert.equal(withDefaults({ type: 'go-dlv', request: 'launch', name: 'l', mode: 'exec' }, { ...none, goFile: '/w/p/main.go' })?.program, undefined);
});

test('after substitution: the workspace profile folder and an absolute initScript, each only when left open', () => {
  const ctx = { ...none, folder: '/w', folderOnDisk: true };
  const resolved = resolveSubstituted({ type: 'go-dlv', request: 'launch', name: 'l', initScript: 'scripts/a.dlv' }, ctx);
  assert.equal(resolved.profileDir, join('/w', '.vscode', 'go-profiles'));
  assert.equal(resolved.initScript, join('/w', 'scripts', 'a.dlv'));
  const given = resolveSubstituted({ type: 'go-dlv', request: 'launch', name: 'l', profileDir: '/p', initScript: '/abs.dlv' }, ctx);
  assert.equal(given.profileDir, '/p');
  assert.equal(given.initScript, '/abs.dlv');
  const virtual = resolveSubstituted({ type: 'go-dlv', request: 'launch', name: 'l', initScript: 'a.dlv' }, { ...none, folder: '/w', folderOnDisk: false });
  assert.equal(virtual.initScript, 'a.dlv');
  assert.equal(resolveSubstituted({ type: 'go-dlv', request: 'launch', name: 'l' }, none).profileDir, undefined);
});

test('one provider resolves go-dlv configurations: only src/debugType registers any', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
  // src/goSessions registers one for the official Go extension's type `go`, not for go-dlv.
  const registering = sources(join(root, 'src')).filter((f) => /registerDebugConfigurationProvider\((?!GO_TYPE\b)/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(registering.map((f) => f.slice(root.length + 1)), [join('src', 'debugType', 'register.ts')]);
});
