import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedExists, candidatePaths, mapRecordedFiles, modulePathOf, resolveRecordedPath } from '../../src/views/annotations/pathMapping';
import type { MappingRoots } from '../../src/views/annotations/pathMapping';

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
