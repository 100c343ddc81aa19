import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { DlvError, locateDlv } from '../debug/dlvLocator';
import { currentProfilepoints } from '../shared/profilepointSource';
import { resolveSubstituted, withDefaults, type ResolveContext } from './configurationSteps';

/** What "create a launch.json" offers; the snippets in package.json offer the rest. */
export const INITIAL_CONFIGURATIONS: vscode.DebugConfiguration[] = [
  { type: DEBUG_TYPE, request: 'launch', name: 'Launch package', mode: 'debug', program: '${fileDirname}' },
];

/**
 * The one resolver of go-dlv configurations: it runs the pure steps of ./configurationSteps.ts
 * in a fixed order (defaults before variable substitution; profile folder, then initScript
 * after it), then makes sure dlv is there, offering to install a missing or old one before
 * anything starts. No other provider resolves go-dlv configurations, so the result does not
 * depend on which feature registered first.
 */
export class GoDlvConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return INITIAL_CONFIGURATIONS;
  }

  resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const resolved = withDefaults(config, resolveContext(folder));
    if (!resolved) {
      void vscode.window.showInformationMessage('Open a Go file to debug it, or add a go-dlv configuration to launch.json.');
    }
    return resolved;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const resolved = resolveSubstituted(config, resolveContext(folder));
    if (resolved.request === 'attach' && resolved.mode === 'remote') {
      return resolved;
    }
    try {
      await locateDlv(resolved.dlvPath, { ...process.env, ...(resolved.env ?? {}) });
    } catch (err) {
      if (err instanceof DlvError) {
        void offerInstall(err);
        return undefined;
      }
      throw err;
    }
    return resolved;
  }
}

/** What the steps need to know of VS Code's state. */
function resolveContext(folder: vscode.WorkspaceFolder | undefined): ResolveContext {
  const doc = vscode.window.activeTextEditor?.document;
  const settings = vscode.workspace.getConfiguration('goDlv');
  return {
    folder: folder?.uri.fsPath,
    folderOnDisk: folder?.uri.scheme === 'file',
    goFile: doc && doc.languageId === 'go' && doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined,
    dlvPath: settings.get<string>('dlvPath'),
    dlvFlags: settings.get<string[]>('dlvFlags') ?? [],
    flightRecorderSeconds: settings.get<number>('flightRecorderSeconds') ?? 0,
    profilepoints: currentProfilepoints(),
  };
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
