import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function vsixFiles(): string[] {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

test('the .vsix holds the bundles, media and docs, and no sources, tests, maps or node_modules', () => {
  const files = vsixFiles();
  for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'out/extension.js', 'out/debug/adapter.js', 'out/media/webview.js', 'out/media/speedscopeLoader.js', 'out/media/ledHere.js', 'media/ledHere.css', 'out/speedscope/index.html', 'media/icon.png']) {
    assert.ok(files.includes(needed), `${needed} is not packaged`);
  }
  const unwanted = files.filter((f) => /^(src|test|bench|scripts|node_modules|\.cache|test-artifacts)\/|\.ts$|\.map$|\.vsix$/.test(f));
  assert.deepEqual(unwanted, []);
});

test('the packaged files stay small (under 3 MB before compression)', () => {
  const bytes = vsixFiles().reduce((sum, f) => sum + statSync(join(root, f)).size, 0);
  assert.ok(bytes < 3 * 1024 * 1024, `${(bytes / 1024 / 1024).toFixed(2)} MB`);
});
