import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { DlvError, locateDlv } from '../debug/dlvLocator';
import { currentProfilepoints } from '../shared/profilepointSource';
import { isEmptyConfiguration, resolveSubstituted, withDefaults, type ResolveContext } from './configurationSteps';
import { offerInstall } from './dlvInstall';
import { isUserCode } from './programChoice';
import { activeGoFile, chooseProgram, libraryRoots, workspaceFolderPaths } from './programPicker';

/** What "create a launch.json" offers; the snippets in package.json offer the rest. */
export const INITIAL_CONFIGURATIONS: vscode.DebugConfiguration[] = [
  { type: DEBUG_TYPE, request: 'launch', name: 'Launch package', mode: 'debug', program: '${fileDirname}' },
];

/**
 * The one resolver of go-dlv configurations: F5 without launch.json first gets its program
 * (./programChoice.ts: the user's program, never a focused library file), then the pure steps
 * of ./configurationSteps.ts run in a fixed order (defaults before variable substitution;
 * profile folder, then initScript after it), then dlv must be there: a missing or old one is
 * offered for install, and the F5 goes on once it is. No other provider resolves go-dlv
 * configurations, so the result does not depend on which feature registered first.
 */
export class GoDlvConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly state: vscode.Memento) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return INITIAL_CONFIGURATIONS;
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const goFile = activeGoFile();
    const empty = isEmptyConfiguration(config);
    // Only a launch without a program looks at the focused file, and only then is it told from library code.
    const needsProgram = empty || (config.request === 'launch' && !config.program && config.mode !== 'exec');
    const roots = needsProgram ? await libraryRoots(folder) : [];
    if (empty) {
      const chosen = await chooseProgram(this.state, goFile, roots);
      if (!chosen) {
        return undefined;
      }
      // What VS Code put in the empty configuration stays: `noDebug` is Ctrl+F5.
      config = { ...config, ...chosen };
    }
    const userFile = goFile && needsProgram && isUserCode(goFile, workspaceFolderPaths(), roots) ? goFile : undefined;
    return withDefaults(config, resolveContext(folder, userFile));
  }

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const resolved = resolveSubstituted(config, resolveContext(folder, undefined));
    if (resolved.request === 'attach' && resolved.mode === 'remote') {
      return resolved;
    }
    try {
      await locateDlv(resolved.dlvPath, { ...process.env, ...(resolved.env ?? {}) });
    } catch (err) {
      if (err instanceof DlvError) {
        void offerInstall(err, folder, resolved);
        return undefined;
      }
      throw err;
    }
    return resolved;
  }
}

/** What the steps need to know of VS Code's state. */
function resolveContext(folder: vscode.WorkspaceFolder | undefined, goFile: string | undefined): ResolveContext {
  const settings = vscode.workspace.getConfiguration('goDlv');
  return {
    folder: folder?.uri.fsPath,
    folderOnDisk: folder?.uri.scheme === 'file',
    goFile,
    dlvPath: settings.get<string>('dlvPath'),
    dlvFlags: settings.get<string[]>('dlvFlags') ?? [],
    flightRecorderSeconds: settings.get<number>('flightRecorderSeconds') ?? 0,
    profilepoints: currentProfilepoints(),
  };
}

/** "Run and Debug" without launch.json lists these for the Go file in the editor, when it is the user's (in the workspace). */
export function dynamicConfigurations(): vscode.DebugConfiguration[] {
  const file = activeGoFile();
  if (!file || !isUserCode(file, workspaceFolderPaths(), [])) {
    return [];
  }
  const dir = dirname(file);
  return [
    { type: DEBUG_TYPE, request: 'launch', name: 'Go: debug package', mode: 'debug', program: dir },
    { type: DEBUG_TYPE, request: 'launch', name: 'Go: test package', mode: 'test', program: dir },
  ];
}

