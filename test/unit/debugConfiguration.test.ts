// The one resolver of go-dlv configurations: its pure steps, in their order, and no second
// provider anywhere in src that could make the result depend on registration order.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configurationForGoFile, resolveSubstituted, withDefaults } from '../../src/debugType/configurationSteps';
import type { ResolveContext } from '../../src/debugType/configurationSteps';

const root = join(__dirname, '..', '..', '..');
const none: ResolveContext = { dlvFlags: [] };

test('F5 without launch.json debugs the Go file in the editor, its tests for a _test.go; no Go file: nothing', () => {
  assert.deepEqual(withDefaults({ type: '', request: '', name: '' }, { ...none, goFile: '/w/app/main.go' }),
    { type: 'go-dlv', request: 'launch', name: 'Go: debug package', mode: 'debug', program: '/w/app', dlvPath: undefined });
  assert.equal(withDefaults({ type: '', request: '', name: '' }, { ...none, goFile: '/w/app/main_test.go' })?.mode, 'test');
  assert.equal(withDefaults({ type: '', request: '', name: '' }, none), undefined);
  assert.deepEqual(configurationForGoFile('/w/app/x_test.go').program, '/w/app');
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
