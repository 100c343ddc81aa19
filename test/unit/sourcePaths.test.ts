import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedExists, candidatePaths, mapRecordedFiles, modulePathOf, resolveRecordedPath } from '../../src/shared/sourcePaths';
import type { MappingRoots } from '../../src/shared/sourcePaths';
import { resolveSourcePath, substitutionFor } from '../../src/flameGraph/paths';

let root: string;
let roots: MappingRoots;

const isFile = async (p: string): Promise<boolean> => existsSync(p) && statSync(p).isFile();

function touch(...parts: string[]): string {
  const p = join(root, ...parts);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, 'package x\n');
  return p;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'gdp-paths-'));
  touch('ws', 'app', 'go.mod');
  touch('ws', 'app', 'main.go');
  touch('ws', 'app', 'internal', 'db', 'db.go');
  touch('ws', 'app', 'vendor', 'github.com', 'acme', 'log', 'log.go');
  touch('ws', 'app', 'tools', 'gen', 'gen.go');
  touch('ws', 'tools', 'gen', 'main.go');
  touch('goroot', 'src', 'fmt', 'print.go');
  touch('modcache', 'github.com', '!big!corp', 'kit@v1.2.3', 'kit.go');
  roots = {
    substitutePath: [{ from: join(root, 'ws', 'app', 'tools'), to: '/remote/src/tools' }],
    modules: [
      { path: 'example.com/app', dir: join(root, 'ws', 'app') },
      { path: 'example.com/app/tools', dir: join(root, 'ws', 'app', 'tools') },
    ],
    goroot: join(root, 'goroot'),
    gomodcache: join(root, 'modcache'),
    workspaceFolders: [join(root, 'ws')],
  };
});

after(() => rmSync(root, { recursive: true, force: true }));

const resolve = (recorded: string): Promise<string | undefined> => resolveRecordedPath(recorded, roots, isFile);

test('absolute paths of this machine map to themselves', async () => {
  assert.equal(await resolve(join(root, 'ws', 'app', 'main.go')), join(root, 'ws', 'app', 'main.go'));
});

test('-trimpath module paths map through go.mod, nested modules first', async () => {
  assert.equal(await resolve('example.com/app/internal/db/db.go'), join(root, 'ws', 'app', 'internal', 'db', 'db.go'));
  assert.equal(await resolve('example.com/app/tools/gen/gen.go'), join(root, 'ws', 'app', 'tools', 'gen', 'gen.go'));
  assert.equal(candidatePaths('example.com/app/tools/gen/gen.go', roots)[0], join(root, 'ws', 'app', 'tools', 'gen', 'gen.go'));
});

test('a build path of another checkout maps by its module path or its tail', async () => {
  assert.equal(await resolve('/home/ci/go/src/example.com/app/internal/db/db.go'), join(root, 'ws', 'app', 'internal', 'db', 'db.go'));
  assert.equal(await resolve('/builds/42/checkout/internal/db/db.go'), join(root, 'ws', 'app', 'internal', 'db', 'db.go'));
});

test('a bare file name is not matched to any file of the same name', async () => {
  assert.equal(await resolve('/elsewhere/main.go'), undefined);
});

test('vendored dependencies: versioned module paths and absolute vendor paths', async () => {
  const vendored = join(root, 'ws', 'app', 'vendor', 'github.com', 'acme', 'log', 'log.go');
  assert.equal(await resolve('github.com/acme/log@v0.3.1/log.go'), vendored);
  assert.equal(await resolve('/other/machine/app/vendor/github.com/acme/log/log.go'), vendored);
});

test('module cache paths escape upper case', async () => {
  assert.equal(await resolve('github.com/BigCorp/kit@v1.2.3/kit.go'), join(root, 'modcache', 'github.com', '!big!corp', 'kit@v1.2.3', 'kit.go'));
});

test('standard library: $GOROOT and another machine\'s GOROOT', async () => {
  const print = join(root, 'goroot', 'src', 'fmt', 'print.go');
  assert.equal(await resolve('$GOROOT/src/fmt/print.go'), print);
  assert.equal(await resolve('/opt/go1.26/src/fmt/print.go'), print);
  assert.equal(await resolve('fmt/print.go'), print, '-trimpath records the import path');
});

test('substitutePath of the debug configuration maps remote to local (to -> from)', async () => {
  assert.equal(await resolve('/remote/src/tools/gen/gen.go'), join(root, 'ws', 'app', 'tools', 'gen', 'gen.go'));
  assert.equal(candidatePaths('/remote/src/toolsx/a.go', roots).includes(join(root, 'ws', 'app', 'tools', 'x', 'a.go')), false, 'prefix matches whole path elements only');
});

test('mapRecordedFiles groups recorded paths by local file and leaves unmapped ones out', async () => {
  const calls: string[] = [];
  const exists = cachedExists(async (p) => (calls.push(p), isFile(p)));
  const map = await mapRecordedFiles(['example.com/app/main.go', join(root, 'ws', 'app', 'main.go'), 'nowhere/x/y.go'], roots, exists);
  assert.deepEqual([...map], [[join(root, 'ws', 'app', 'main.go'), ['example.com/app/main.go', join(root, 'ws', 'app', 'main.go')]]]);
  assert.equal(new Set(calls).size, calls.length, 'each candidate checked once');
});

test('module path of a go.mod', () => {
  assert.equal(modulePathOf('// c\nmodule example.com/app\n\ngo 1.22\n'), 'example.com/app');
  assert.equal(modulePathOf('module "example.com/q"\n'), 'example.com/q');
  assert.equal(modulePathOf('go 1.22\n'), undefined);
});

test('a path elsewhere falls back to the longest tail found in a workspace folder', async () => {
  assert.equal(await resolve('/var/lib/builder/checkout/tools/gen/main.go'), join(root, 'ws', 'tools', 'gen', 'main.go'));
});

test('no file, or no recorded path: undefined, so the panel can offer to locate it', async () => {
  assert.equal(await resolve('/nowhere/x/y.go'), undefined);
  assert.equal(await resolve(''), undefined);
});

// The panel's click-to-source: the same mapping plus substitutions learnt from located files.
const panelRoots = (substitutions: { from: string; to: string }[]) => ({ ...roots, substitutePath: undefined, substitutions });

test('panel: a located file teaches a substitution used for its neighbours', async () => {
  const chosen = touch('elsewhere', 'proj', 'pkg', 'a.go');
  const neighbour = touch('elsewhere', 'proj', 'pkg', 'b.go');
  const sub = substitutionFor('/build/proj/pkg/a.go', chosen);
  assert.deepEqual(sub, { from: '/build', to: join(root, 'elsewhere') });
  assert.equal(await resolveSourcePath('/build/proj/pkg/b.go', panelRoots([sub]), isFile), neighbour);
  assert.equal(await resolveSourcePath('/buildx/proj/pkg/b.go', panelRoots([sub]), isFile), undefined, 'prefix matches whole path elements only');
});

test('panel: a located file whose whole recorded path moved teaches a substitution for the root', async () => {
  const chosen = touch('mnt', 'src', 'svc', 'main.go');
  const neighbour = touch('mnt', 'src', 'svc', 'api.go');
  const sub = substitutionFor('/src/svc/main.go', chosen);
  assert.deepEqual(sub, { from: '', to: join(root, 'mnt') });
  assert.equal(await resolveSourcePath('/src/svc/api.go', panelRoots([sub]), isFile), neighbour);
});

test('panel: the shared mapping still applies beside learnt substitutions', async () => {
  assert.equal(await resolveSourcePath('example.com/app/internal/db/db.go', panelRoots([]), isFile), join(root, 'ws', 'app', 'internal', 'db', 'db.go'));
  assert.equal(await resolveSourcePath('/remote/src/tools/gen/gen.go', { ...roots, substitutions: [] }, isFile), join(root, 'ws', 'app', 'tools', 'gen', 'gen.go'), 'and substitutePath of the debug configuration');
  assert.equal(await resolveSourcePath('', panelRoots([]), isFile), undefined);
});
