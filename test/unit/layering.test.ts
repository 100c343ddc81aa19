// Each layering rule of eslint.config.mjs, proven by a planted violation: ESLint lints the
// planted source as if it were a file in the named folder (lintText writes nothing), and the
// rule must report it. A permitted import in the same place must pass, so that a rule that
// reports everything fails here too.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });
const RULE = '@typescript-eslint/no-restricted-imports';

/** The restricted-import messages ESLint reports for `code` as the file `path` (relative to the repo). */
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const planted = used;\n`, { filePath: join(root, path) });
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${path} parses`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

async function expectViolation(path: string, code: string, because: RegExp): Promise<void> {
  const messages = await restricted(path, code);
  assert.ok(messages.length > 0, `${path}: ${code} is reported`);
  for (const message of messages) assert.match(message, because);
}

async function expectAllowed(path: string, code: string): Promise<void> {
  assert.deepEqual(await restricted(path, code), [], `${path}: ${code} is allowed`);
}

test('vscode is imported only by the extension layer', async () => {
  await expectViolation('src/capture/planted.ts', "import * as used from 'vscode';", /Only the extension layer/);
  await expectAllowed('src/captures/planted.ts', "import * as used from 'vscode';");
});

test('src/profile imports no Node built-in, with or without the node: prefix', async () => {
  for (const name of ['fs', 'node:fs', 'zlib', 'node:zlib', 'worker_threads', 'node:test', 'fs/promises']) {
    await expectViolation('src/profile/planted.ts', `import * as used from '${name}';`, /no Node built-ins/);
  }
  await expectAllowed('src/profile/planted.ts', "import used from 'protobufjs/minimal';");
});

test('src/profile imports nothing from another src folder', async () => {
  await expectViolation('src/profile/planted.ts', "import { gunzipGuarded as used } from '../shared/profileFile';", /engine/);
  await expectViolation('src/profile/planted.ts', "import { CaptureError as used } from '../capture/messages';", /engine/);
  await expectAllowed('src/profile/planted.ts', "import { diffProfiles as used } from './diff';");
});

test('src/capture imports only src/profile', async () => {
  await expectViolation('src/capture/planted.ts', "import { GoDlvSession as used } from '../debug/session';", /capture depends only/);
  await expectAllowed('src/capture/planted.ts', "import { diffProfiles as used } from '../profile';");
});

test('src/debug imports only src/capture and src/profile', async () => {
  await expectViolation('src/debug/planted.ts', "import { escapeHtml as used } from '../shared/html';", /debug depends only/);
  await expectAllowed('src/debug/planted.ts', "import { CAPTURE_REQUEST as used } from '../capture/api';");
});

test('a feature does not import another feature, only src/shared', async () => {
  await expectViolation('src/traces/planted.ts', "import { CaptureState as used } from '../captures/state';", /does not import another feature/);
  await expectAllowed('src/traces/planted.ts', "import { listedEntries as used } from '../shared/captureStore';");
});

test('src/shared imports no feature', async () => {
  await expectViolation('src/shared/planted.ts', "import { openPanel as used } from '../flameGraph/panel';", /imports none of them/);
});

test('the webview imports only types from the extension side', async () => {
  await expectViolation('media/src/planted.ts', "import { escapeHtml as used } from '../../src/shared/html';", /only types/);
  await expectAllowed('media/src/planted.ts', "import type { ViewModel } from '../../src/shared/messages';\nconst used: ViewModel | undefined = undefined;");
});
