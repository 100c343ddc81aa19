// F5 without launch.json debugs the user's program, never a focused library file: the pure
// choice (./src/debugType/programChoice.ts) and the package-clause reading it rests on.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { focusedProgram, isUserCode, workspaceProgram } from '../../src/debugType/programChoice';
import { packageNameOf, programKind } from '../../src/debug/goPackage';

const roots = ['/usr/local/go', '/home/u/go/pkg/mod'];
const folders = ['/w/app'];

test('the focused file is the user\'s only in a workspace folder, outside GOROOT, the module cache and vendor', () => {
  assert.equal(isUserCode('/w/app/cmd/x/main.go', folders, roots), true);
  assert.equal(isUserCode('/usr/local/go/src/fmt/print.go', folders, roots), false);
  assert.equal(isUserCode('/home/u/go/pkg/mod/github.com/yuin/goldmark@v1.7.8/markdown.go', folders, roots), false);
  assert.equal(isUserCode('/w/app/vendor/github.com/a/b/b.go', folders, roots), false);
  assert.equal(isUserCode('/elsewhere/main.go', folders, roots), false);
  // A window without a folder: any file outside the library roots is the user's.
  assert.equal(isUserCode('/elsewhere/main.go', [], roots), true);
  // A workspace opened on GOPATH itself still keeps the module cache out.
  assert.equal(isUserCode('/home/u/go/pkg/mod/x@v1/main.go', ['/home/u/go'], roots), false);
});

test('a focused main package or _test.go of the user is debugged; a library file (GOROOT, module cache, own) is not', () => {
  const ctx = { folders, libraryRoots: roots };
  assert.deepEqual(focusedProgram({ ...ctx, goFile: '/w/app/cmd/x/main.go', goFilePackage: 'main' }),
    { type: 'go-dlv', request: 'launch', name: 'Go: debug package', mode: 'debug', program: '/w/app/cmd/x' });
  assert.equal(focusedProgram({ ...ctx, goFile: '/w/app/lib/lib_test.go', goFilePackage: 'lib' })?.mode, 'test');
  assert.equal(focusedProgram({ ...ctx, goFile: '/w/app/lib/lib.go', goFilePackage: 'lib' }), undefined);
  assert.equal(focusedProgram({ ...ctx, goFile: '/usr/local/go/src/fmt/print.go', goFilePackage: 'fmt' }), undefined);
  // GOROOT holds main packages too (cmd/go): still not the user's program.
  assert.equal(focusedProgram({ ...ctx, goFile: '/usr/local/go/src/cmd/go/main.go', goFilePackage: 'main' }), undefined);
  assert.equal(focusedProgram({ ...ctx, goFile: '/home/u/go/pkg/mod/github.com/yuin/goldmark@v1.7.8/markdown_test.go', goFilePackage: 'goldmark' }), undefined);
  assert.equal(focusedProgram(ctx), undefined);
});

test('otherwise the workspace\'s main package: the one debugged last, the only one, or a pick (nearest first); none says what to do', () => {
  assert.deepEqual(workspaceProgram(['/w/app'], undefined), { kind: 'one', dir: '/w/app' });
  assert.deepEqual(workspaceProgram(['/w/app/cmd/b', '/w/app/cmd/a'], '/w/app/cmd/b'), { kind: 'one', dir: '/w/app/cmd/b' });
  // The last one is gone (deleted, renamed): choose again.
  assert.deepEqual(workspaceProgram(['/w/app/cmd/b', '/w/app/cmd/a'], '/w/app/cmd/old'), { kind: 'pick', dirs: ['/w/app/cmd/a', '/w/app/cmd/b'] });
  assert.deepEqual(workspaceProgram(['/w/app/cmd/a', '/w/app/tools/gen'], undefined, '/w/app/tools/gen/lib/x.go'), { kind: 'pick', dirs: ['/w/app/tools/gen', '/w/app/cmd/a'] });
  const none = workspaceProgram([], undefined);
  assert.equal(none.kind, 'none');
  assert.match(none.kind === 'none' ? none.message : '', /^No main package in this workspace to debug: open a file of package main or a _test\.go file, or add a go-dlv configuration to launch\.json\.$/);
});

test('the package clause is read past comments and build constraints; a program is main if any non-test file says so', () => {
  assert.equal(packageNameOf('// Copyright\n/* block\n package fake */\n//go:build linux\n\npackage main\n'), 'main');
  assert.equal(packageNameOf('\uFEFFpackage\tfoo // x'), 'foo');
  assert.equal(packageNameOf('/* never closed'), undefined);
  assert.equal(packageNameOf('import "x"'), undefined);
  const dir = mkdtempSync(join(tmpdir(), 'gdp-pkg-'));
  try {
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'lib.go'), '// Package lib.\npackage lib\n');
    writeFileSync(join(dir, 'lib', 'main_test.go'), 'package main\n');
    assert.deepEqual(programKind(join(dir, 'lib')), { kind: 'library', name: 'lib' });
    assert.deepEqual(programKind(join(dir, 'lib', 'lib.go')), { kind: 'library', name: 'lib' });
    writeFileSync(join(dir, 'lib', 'gen.go'), '//go:build ignore\n\npackage main\n');
    assert.deepEqual(programKind(join(dir, 'lib')), { kind: 'main' });
    assert.deepEqual(programKind(join(dir, 'nothing-here')), { kind: 'unknown' });
    mkdirSync(join(dir, 'empty'));
    assert.deepEqual(programKind(join(dir, 'empty')), { kind: 'unknown' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
