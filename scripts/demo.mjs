// `npm run demo`: builds the .vsix and opens it in a real VS Code (code-server) on a copy of the
// sample Go workspace, served on 127.0.0.1 for a browser. Runs until Ctrl+C.
//   npm run demo                 an OS-chosen port
//   PORT=8080 npm run demo       a fixed port
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './code-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(2);
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}

// dlv is where `go install` puts it; VS Code and the adapter inherit this PATH.
const env = { ...process.env };
const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
if (gopath.status === 0) {
  env.PATH = [join(gopath.stdout.trim(), 'bin'), env.PATH].join(delimiter);
}
if (spawnSync('dlv', ['version'], { env }).status !== 0) {
  console.warn('dlv was not found: debugging needs it (go install github.com/go-delve/delve/cmd/dlv@latest).');
}

run('npm', ['run', 'package']);

// A fresh profile and a fresh copy of the sample workspace each time, so the demo starts clean.
const stateDir = join(root, '.cache', 'demo');
rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });
const workspace = join(stateDir, 'records');
cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

const server = await startCodeServer({
  root,
  vsix: join(root, 'go-debug-profile.vsix'),
  workspace,
  stateDir,
  port,
  env,
  // The sample workspace's README says what to try, step by step.
  settings: { 'workbench.startupEditor': 'readme' },
  log: (text) => appendFileSync(join(stateDir, 'code-server.log'), text),
});

console.log(`
  Go Debug & Profile is running in VS Code (code-server) on the sample Go workspace:

      ${server.folderUrl}

  Open it in a browser: the workspace's README says what to try.
  Press Ctrl+C to stop. code-server's log: ${join(stateDir, 'code-server.log')}
`);

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  await server.stop();
  process.exit(0);
}
server.exited.then((code) => {
  if (!stopping) {
    console.error(`code-server stopped (exit code ${code}); its log: ${join(stateDir, 'code-server.log')}`);
    process.exit(1);
  }
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
