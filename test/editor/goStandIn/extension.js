/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, packaged as it is written */
// A stand-in for the official Go extension in the editor tests: it contributes the debug type
// `go` and runs plain `dlv dap` for it as that extension does (goDebugFactory.ts): dlv listens
// on 127.0.0.1 with an OS-chosen port and starts in the build directory; configuration
// resolution (goDebugConfiguration.ts) turns mode auto into debug/test and builds from
// `__buildDir` with `program` relative to it. Plain JavaScript: it is packaged as is.
const vscode = require('vscode');
const { spawn } = require('node:child_process');
const { dirname, isAbsolute, join, relative } = require('node:path');
const { statSync } = require('node:fs');

function activate(context) {
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider('go', {
      resolveDebugConfiguration(folder, config) {
        if (config.mode === 'auto' || !config.mode) {
          config.mode = String(config.program).endsWith('_test.go') ? 'test' : 'debug';
        }
        return config;
      },
      resolveDebugConfigurationWithSubstitutedVariables(folder, config) {
        if (config.request === 'launch' && typeof config.program === 'string') {
          const program = isAbsolute(config.program) ? config.program : join(folder.uri.fsPath, config.program);
          const isDir = statSync(program).isDirectory();
          config.__buildDir = isDir ? program : dirname(program);
          config.program = isDir ? '.' : `./${relative(config.__buildDir, program)}`;
        }
        return config;
      },
    }),
    vscode.debug.registerDebugAdapterDescriptorFactory('go', {
      createDebugAdapterDescriptor(session) {
        const cwd = session.configuration.__buildDir || session.configuration.cwd || session.workspaceFolder?.uri.fsPath;
        const dlv = spawn('dlv', ['dap', '--listen=127.0.0.1:0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        context.subscriptions.push({ dispose: () => dlv.kill() });
        return new Promise((resolve, reject) => {
          let out = '';
          dlv.stdout.on('data', (chunk) => {
            out += chunk.toString();
            const m = /listening at: 127\.0\.0\.1:(\d+)/.exec(out);
            if (m) {
              resolve(new vscode.DebugAdapterServer(Number(m[1]), '127.0.0.1'));
            }
          });
          dlv.stderr.on('data', (chunk) => (out += chunk.toString()));
          dlv.once('exit', (code) => reject(new Error(`dlv dap exited (${code}): ${out}`)));
        });
      },
    }),
  );
}

module.exports = { activate, deactivate() {} };
