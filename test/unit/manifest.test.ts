import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('the manifest points at the built extension bundle', () => {
  assert.ok(existsSync(join(root, manifest.main)), `${manifest.main} is missing: run npm run build`);
});

test('the manifest targets the VS Code whose API types we compile against', () => {
  const types = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8'));
  const [major, minor] = types.version.split('.');
  assert.equal(manifest.engines.vscode, `^${major}.${minor}.0`);
});
