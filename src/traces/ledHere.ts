/**
 * VS Code side of What Led Here: the command (debug toolbar, capture quick pick, call stack
 * menu) asks the adapter for the flight recorder's window at this stop
 * (`goProfile.capture {kind: "flightRecorder"}`), and the recording it reports opens in the
 * What Led Here panel. Recordings a Delve script takes are only listed, not opened.
 */
import * as vscode from 'vscode';
import { CAPTURED_EVENT, CAPTURE_REQUEST } from '../capture/api';
import { FLIGHT_KIND, type FlightCapturedEvent } from '../capture/flightRecorder';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { showLedHere } from './ledHerePanel';

/** What the call stack's context menu passes: the thread (goroutine) clicked on. */
interface CallStackContext {
  sessionId?: string;
  threadId?: number;
}

export function registerLedHere(context: vscode.ExtensionContext): void {
  const asked = new Set<string>();
  context.subscriptions.push(
    vscode.debug.onDidReceiveDebugSessionCustomEvent(async (e) => {
      const body = e.body as FlightCapturedEvent;
      if (e.session.type !== DEBUG_TYPE || e.event !== CAPTURED_EVENT || body.kind !== FLIGHT_KIND || !asked.delete(e.session.id)) {
        return;
      }
      try {
        await showLedHere(context.extensionUri, body);
      } catch (err) {
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
      }
    }),
    vscode.commands.registerCommand('goProfile.whatLedHere', async (clicked?: CallStackContext) => {
      const session = vscode.debug.activeDebugSession;
      if (!session || session.type !== DEBUG_TYPE) {
        void vscode.window.showWarningMessage('What Led Here works in a go-dlv debug session: start one and stop at a breakpoint.');
        return;
      }
      const item = vscode.debug.activeStackItem;
      const threadId = clicked?.sessionId === session.id && typeof clicked.threadId === 'number'
        ? clicked.threadId
        : item instanceof vscode.DebugThread || item instanceof vscode.DebugStackFrame ? item.threadId : undefined;
      asked.add(session.id);
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Writing the flight recording…' }, () =>
          Promise.resolve(session.customRequest(CAPTURE_REQUEST, { kind: FLIGHT_KIND, threadId })),
        );
      } catch (err) {
        asked.delete(session.id);
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
      }
    }),
  );
}
