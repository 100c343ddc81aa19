// Mapping the source paths recorded in profiles to local files.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveSourcePath, substitutionFor, type SourceRoots } from '../../src/flameGraph/paths';

const dir = mkdtempSync(join(tmpdir(), 'goprof-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(rel: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, 'package x\n');
  return p;
}

const exists = async (p: string): Promise<boolean> => existsSync(p);
const goroot = join(dir, 'goroot');
const workspace = join(dir, 'ws');
const roots: SourceRoots = {
  goroot,
  gomodcache: join(dir, 'modcache'),
  modules: [{ path: 'example.com/shop', dir: join(workspace, 'shop') }],
  workspaceFolders: [workspace],
  substitutions: [],
};

test('absolute paths that exist are used as they are', async () => {
  const p = file('ws/shop/cart/cart.go');
  assert.equal(await resolveSourcePath(p, roots, exists), p);
});

test('-trimpath module paths map through go.mod', async () => {
  const p = file('ws/shop/cart/total.go');
  assert.equal(await resolveSourcePath('example.com/shop/cart/total.go', roots, exists), p);
});

test('absolute paths from another machine map through the module path they contain', async () => {
  const p = file('ws/shop/api/handler.go');
  assert.equal(await resolveSourcePath('/home/ci/go/src/example.com/shop/api/handler.go', roots, exists), p);
});

test('standard library paths map to the local GOROOT, whichever GOROOT built them', async () => {
  const p = file('goroot/src/fmt/print.go');
  assert.equal(await resolveSourcePath('$GOROOT/src/fmt/print.go', roots, exists), p);
  assert.equal(await resolveSourcePath('/opt/build/go/src/fmt/print.go', roots, exists), p);
});

test('dependency paths map into the module cache with its case escaping', async () => {
  const p = file('modcache/github.com/!burnt!sushi/toml@v1.3.2/decode.go');
  assert.equal(await resolveSourcePath('github.com/BurntSushi/toml@v1.3.2/decode.go', roots, exists), p);
});

test('a path elsewhere falls back to the longest tail found in a workspace folder', async () => {
  const p = file('ws/tools/gen/main.go');
  file('ws/main.go');
  assert.equal(await resolveSourcePath('/var/lib/builder/checkout/tools/gen/main.go', roots, exists), p);
  assert.equal(await resolveSourcePath('/var/lib/builder/checkout/other/main.go', roots, exists), undefined, 'a bare file name never matches by itself');
});

test('a located file teaches a substitution used for its neighbours', async () => {
  const chosen = file('elsewhere/proj/pkg/a.go');
  const neighbour = file('elsewhere/proj/pkg/b.go');
  const sub = substitutionFor('/build/proj/pkg/a.go', chosen);
  assert.deepEqual(sub, { from: '/build', to: join(dir, 'elsewhere') });
  assert.equal(await resolveSourcePath('/build/proj/pkg/b.go', { ...roots, substitutions: [sub] }, exists), neighbour);
});

test('no file: undefined, so the view can offer to locate it', async () => {
  assert.equal(await resolveSourcePath('/nowhere/x/y.go', roots, exists), undefined);
  assert.equal(await resolveSourcePath('', roots, exists), undefined);
});
