// The walkthrough's "Install Delve" step is ticked by the goDlv.dlvInstalled context key
// (not by opening a terminal), the walkthrough activates the extension that sets it, and the
// key's answer is what a launch finds: the real dlv on this machine, nothing in empty folders.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DLV_INSTALLED_CONTEXT, dlvInstalled } from '../../src/debugType/dlvPresence';
import { findDlvAnywhere } from '../../src/debug/dlvLocator';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let empty: string;

before(() => (empty = mkdtempSync(join(tmpdir(), 'godlv-walkthrough-'))));
after(() => rmSync(empty, { recursive: true, force: true }));

test('"Install Delve" completes on the dlvInstalled context key, and the walkthrough activates the extension', () => {
  const walkthrough = manifest.contributes.walkthroughs[0] as { id: string; steps: { id: string; completionEvents: string[] }[] };
  const install = walkthrough.steps.find((s) => s.id === 'installDlv');
  assert.deepEqual(install?.completionEvents, [`onContext:${DLV_INSTALLED_CONTEXT}`]);
  assert.ok(manifest.activationEvents.includes(`onWalkthrough:${walkthrough.id}`));
});

test('dlvInstalled: true with the dlv a launch finds, false where there is none', async () => {
  const gopathBin = join(execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim(), 'bin');
  const env = { ...process.env, PATH: [gopathBin, process.env.PATH].join(':') };
  const dlv = await findDlvAnywhere(undefined, env);
  assert.equal(await dlvInstalled(undefined, env), true, `dlv at ${dlv}`);
  assert.equal(await dlvInstalled(dlv, { PATH: empty, HOME: empty }), true, 'by its dlvPath');
  assert.equal(await dlvInstalled(undefined, { PATH: empty, HOME: empty }), false, 'no dlv on PATH, GOPATH or ~/go/bin');
  assert.equal(await dlvInstalled(join(empty, 'dlv'), env), false, 'a dlvPath that is not there');
});
