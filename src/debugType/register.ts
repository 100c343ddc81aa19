import * as vscode from 'vscode';
import { GoDlvSession } from '../debug/session';
import { Watchdog } from '../debug/watchdog';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { dynamicConfigurations, GoDlvConfigurationProvider } from './configurationProvider';
import { pickProcess } from './processPicker';
import { rememberPrograms } from './programPicker';
import { watchDlvInstalled } from './dlvContext';

/**
 * The go-dlv debug type. The adapter runs inline, in the extension host: VS Code's messages
 * reach the extension host anyway, so this adds no process hop in front of dlv. The
 * watchdog is the standalone adapter bundle started in its watchdog mode; it cleans up if
 * the extension host dies with sessions open.
 */
export function registerDebugType(context: vscode.ExtensionContext): void {
  const watchdog = new Watchdog(context.asAbsolutePath('out/debug/adapter.js'));
  const provider = new GoDlvConfigurationProvider(context.workspaceState);
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { provideDebugConfigurations: dynamicConfigurations }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(new GoDlvSession(watchdog)),
    }),
    vscode.commands.registerCommand('goDlv.pickProcess', pickProcess),
    rememberPrograms(context.workspaceState),
    watchDlvInstalled(),
  );
}
