import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { DlvError, locateDlv } from '../debug/dlvLocator';

/** What "create a launch.json" offers; the snippets in package.json offer the rest. */
export const INITIAL_CONFIGURATIONS: vscode.DebugConfiguration[] = [
  { type: DEBUG_TYPE, request: 'launch', name: 'Launch package', mode: 'debug', program: '${fileDirname}' },
];

/**
 * Fills in what a go-dlv configuration leaves out: F5 with no launch.json debugs the Go file
 * in the editor (its tests for a _test.go), settings supply dlvPath and dlvFlags, and a
 * missing or old dlv is reported with an offer to install it before anything starts.
 */
export class GoDlvConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return INITIAL_CONFIGURATIONS;
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (!config.type && !config.request && !config.name) {
      const fromEditor = configurationForActiveEditor();
      if (!fromEditor) {
        void vscode.window.showInformationMessage('Open a Go file to debug it, or add a go-dlv configuration to launch.json.');
        return undefined;
      }
      config = fromEditor;
    }
    config.type = DEBUG_TYPE;
    config.request ??= 'launch';
    config.name ??= 'Go: debug';
    const settings = vscode.workspace.getConfiguration('goDlv');
    config.dlvPath ??= settings.get<string>('dlvPath') || undefined;
    const flags = settings.get<string[]>('dlvFlags') ?? [];
    if (flags.length && !config.dlvFlags) {
      config.dlvFlags = flags;
    }
    if (config.request === 'attach' && (config.mode ?? 'local') === 'local' && !config.processId) {
      config.processId = '${command:goDlv.pickProcess}';
    }
    if (config.request === 'launch' && !config.program && (config.mode ?? 'debug') !== 'exec') {
      // A configuration without a program debugs the package of the Go file in the editor.
      const fromEditor = configurationForActiveEditor();
      if (fromEditor) {
        config.program = fromEditor.program;
      }
    }
    return config;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (config.request === 'attach' && config.mode === 'remote') {
      return config;
    }
    try {
      await locateDlv(config.dlvPath, { ...process.env, ...(config.env ?? {}) });
    } catch (err) {
      if (err instanceof DlvError) {
        void offerInstall(err);
        return undefined;
      }
      throw err;
    }
    return config;
  }
}

/** "Run and Debug" without launch.json lists these for the Go file in the editor. */
export function dynamicConfigurations(): vscode.DebugConfiguration[] {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'go' || doc.uri.scheme !== 'file') {
    return [];
  }
  const dir = dirname(doc.uri.fsPath);
  return [
    { type: DEBUG_TYPE, request: 'launch', name: 'Go: debug package', mode: 'debug', program: dir },
    { type: DEBUG_TYPE, request: 'launch', name: 'Go: test package', mode: 'test', program: dir },
  ];
}

function configurationForActiveEditor(): vscode.DebugConfiguration | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'go' || doc.uri.scheme !== 'file') {
    return undefined;
  }
  const path = doc.uri.fsPath;
  if (path.endsWith('_test.go')) {
    return { type: DEBUG_TYPE, request: 'launch', name: 'Go: test package', mode: 'test', program: dirname(path) };
  }
  return { type: DEBUG_TYPE, request: 'launch', name: 'Go: debug package', mode: 'debug', program: dirname(path) };
}

/** The message says what is wrong; the button runs the exact install command in a terminal. */
async function offerInstall(err: DlvError): Promise<void> {
  const install = 'Install dlv';
  const choice = await vscode.window.showErrorMessage(err.message, install);
  if (choice !== install) {
    return;
  }
  const [command, ...args] = err.installCommand.split(' ');
  const task = new vscode.Task({ type: 'process' }, vscode.TaskScope.Workspace, 'install dlv', DEBUG_TYPE, new vscode.ProcessExecution(command, args));
  await vscode.tasks.executeTask(task);
}
