// Starts code-server (a real VS Code served to a browser) with our .vsix installed, for
// `npm run demo` and the editor tests, so both see the same VS Code set up the same way.
// No import.meta here: the editor tests bundle this file into CommonJS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Settings that keep the first screen on the workspace: no welcome page, no trust prompt, nothing phoning home. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** Path of code-server's entry script; installs it first if needed (scripts/install-code-server.sh). */
export function codeServerEntry(root) {
  const r = spawnSync('bash', [join(root, 'scripts', 'install-code-server.sh'), '--path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) {
    throw new Error('code-server is not installed and scripts/install-code-server.sh failed (see above)');
  }
  return r.stdout.trim();
}

/**
 * Installs `vsix` into a fresh profile under `stateDir` and serves `workspace` on 127.0.0.1 at
 * `port` (0: the OS picks one). Resolves once the server listens. code-server runs in its own process group
 * so that stop() also ends the extension host and everything it started (dlv, Go programs).
 */
export async function startCodeServer({ root, vsix, workspace, stateDir, port = 0, settings = {}, env = process.env, log = () => {}, otherExtensions = [] }) {
  const entry = codeServerEntry(root);
  const extensionsDir = join(stateDir, 'extensions');
  const userDataDir = join(stateDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--config', join(stateDir, 'config.yaml')];

  // Other extensions (.vsix files) beside ours, e.g. the official Go extension for its `go` sessions.
  for (const file of [vsix, ...otherExtensions]) {
    const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', file], { encoding: 'utf8' });
    if (install.status !== 0 || !/successfully installed/.test(install.stdout)) {
      throw new Error(`installing ${file} into code-server failed:\n${install.stdout}${install.stderr}`);
    }
  }

  const args = [entry, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace];
  const child = spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (data) => {
      const text = data.toString();
      output += text;
      log(text);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
    });
  });
  // Keep draining so a chatty server never blocks on a full pipe.
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.on('data', (d) => log(d.toString()));
  child.stderr.on('data', (d) => log(d.toString()));

  const folderUrl = `${url}/?folder=${encodeURIComponent(workspace)}`;
  async function stop() {
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // the group is already gone
      }
    };
    if (child.exitCode === null && child.signalCode === null) {
      signal('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    // Whatever of the group outlived the server (an extension host, a debuggee) goes too.
    signal('SIGKILL');
    await exited;
  }
  return { url, folderUrl, pid: child.pid, userDataDir, extensionsDir, exited, stop };
}
