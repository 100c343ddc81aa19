// The go-dlv contribution in package.json: every attribute users may write in launch.json
// has a described schema, and the names the manifest points at exist in the code.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const debuggerEntry = manifest.contributes.debuggers.find((d: { type: string }) => d.type === 'go-dlv');

interface Schema {
  description?: string;
  enum?: string[];
}

function properties(request: 'launch' | 'attach'): Record<string, Schema> {
  return debuggerEntry.configurationAttributes[request].properties;
}

test('launch has a described schema for every attribute', () => {
  const expected = ['program', 'args', 'env', 'envFile', 'cwd', 'buildFlags', 'dlvPath', 'dlvFlags', 'stopOnEntry', 'substitutePath', 'showGlobalVariables', 'hideSystemGoroutines', 'goroutineFilters', 'stackTraceDepth', 'showLog', 'mode', 'blockProfileRate', 'mutexProfileFraction', 'pprofURL', 'profileDir', 'corefilePath'];
  const launch = properties('launch');
  for (const name of expected) {
    assert.ok(launch[name], `launch.${name} has a schema`);
    assert.ok(launch[name].description || launch[name].enum, `launch.${name} is described`);
  }
  assert.deepEqual(launch.mode.enum, ['debug', 'test', 'exec', 'core']);
});

test('attach covers local (processId) and remote (host, port)', () => {
  const attach = properties('attach');
  assert.deepEqual(attach.mode.enum, ['local', 'remote']);
  for (const name of ['processId', 'host', 'port', 'dlvPath', 'substitutePath', 'cwd']) {
    assert.ok(attach[name]?.description, `attach.${name} is described`);
  }
});

test('the process picker variable names a command the extension registers', () => {
  const command = debuggerEntry.variables.pickProcess;
  const source = readFileSync(join(root, 'src', 'debugType', 'register.ts'), 'utf8');
  assert.ok(source.includes(`'${command}'`), `${command} is registered in src/debugType/register.ts`);
  assert.ok(manifest.activationEvents.includes(`onCommand:${command}`));
  assert.ok(manifest.activationEvents.includes('onDebugResolve:go-dlv'));
});

test('snippets and initial configurations are go-dlv configurations', () => {
  for (const config of [...debuggerEntry.initialConfigurations, ...debuggerEntry.configurationSnippets.map((s: { body: unknown }) => s.body)]) {
    assert.equal(config.type, 'go-dlv');
    assert.ok(['launch', 'attach'].includes(config.request));
  }
  assert.deepEqual(manifest.contributes.breakpoints, [{ language: 'go' }]);
  const settings = Object.assign({}, ...[manifest.contributes.configuration].flat().map((c: { properties: object }) => c.properties));
  assert.ok(settings['goDlv.dlvPath'], 'goDlv.dlvPath setting');
});
