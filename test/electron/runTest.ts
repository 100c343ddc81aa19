// Runs test/electron/suite.ts inside a desktop VS Code that @vscode/test-electron downloads
// (`npm run test:electron`). Machines without access to VS Code's download servers cannot
// run it; the editor suite (code-server) covers the same ground there.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  const scratch = mkdtempSync(join(tmpdir(), 'gdp-electron-'));
  const workspace = join(scratch, 'records');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error('It downloads VS Code first; where that is not possible, `node scripts/test.mjs editor` runs the same journey in code-server.');
  process.exit(1);
});
