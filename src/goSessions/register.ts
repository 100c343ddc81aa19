/**
 * Profiles in the debug sessions of the official Go extension (type `go`, whose adapter is
 * plain `dlv dap`): a configuration provider adds the profiling helper to `go` launches, and
 * for each such session the capture controller of src/capture runs here, in the extension
 * host, over the session's own DAP (CustomRequestHost), following its stops with a debug
 * adapter tracker. The capture commands, Profiles view and traces reach it through
 * src/shared/profileSessions. The setting goProfile.goSessions.enabled turns all of it off.
 */
import * as vscode from 'vscode';
import type { CaptureController } from '../capture/api';
import { createCaptureController } from '../capture/controller';
import { isProfileSession, onDidChangeProfileSessions, registerProfileSession } from '../shared/profileSessions';
import { applyPrepared, captureArgs, goRoots, SESSION_KEY, SETTING } from './configuration';
import { CustomRequestHost } from './host';

const GO_TYPE = 'go';
/** A configuration resolved but never started (another provider cancelled it) is let go after this. */
const UNCLAIMED_MS = 120_000;

interface Pending {
  controller: CaptureController;
  host: CustomRequestHost;
  timer: NodeJS.Timeout;
}

export function registerGoSessions(context: vscode.ExtensionContext): void {
  const pending = new Map<string, Pending>();
  let next = 0;
  const setContext = (): void => {
    const active = vscode.debug.activeDebugSession;
    void vscode.commands.executeCommand('setContext', 'goProfile.goSession', active?.type === GO_TYPE && isProfileSession(active));
  };
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(GO_TYPE, {
      // After variables are substituted, so the Go extension's own resolution has run.
      resolveDebugConfigurationWithSubstitutedVariables: async (folder, config) => {
        if (!vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) {
          return config;
        }
        const args = captureArgs(folder, config, await goRoots(config));
        if (!args) {
          return config;
        }
        const host = new CustomRequestHost();
        const controller = createCaptureController(host);
        applyPrepared(config, await controller.prepareLaunch(args));
        const key = `${process.pid}-${++next}`;
        config[SESSION_KEY] = key;
        const timer = setTimeout(() => void take(pending, key)?.controller.dispose(), UNCLAIMED_MS);
        pending.set(key, { controller, host, timer });
        return config;
      },
    }),
    vscode.debug.registerDebugAdapterTrackerFactory(GO_TYPE, {
      createDebugAdapterTracker: (session) => {
        const entry = take(pending, String(session.configuration[SESSION_KEY] ?? ''));
        return entry && follow(session, entry);
      },
    }),
    vscode.debug.onDidChangeActiveDebugSession(setContext),
    onDidChangeProfileSessions(setContext),
    { dispose: () => [...pending.keys()].forEach((key) => void take(pending, key)?.controller.dispose()) },
  );
}

function take(pending: Map<string, Pending>, key: string): Pending | undefined {
  const entry = pending.get(key);
  if (entry) {
    pending.delete(key);
    clearTimeout(entry.timer);
  }
  return entry;
}

/** Runs the controller for one started session: stops in order, everything released at its end. */
function follow(session: vscode.DebugSession, { controller, host }: Pending): vscode.DebugAdapterTracker {
  host.bind(session);
  const registration = registerProfileSession(session, controller);
  let stops: Promise<void> = Promise.resolve();
  let ended = false;
  const end = (): void => {
    if (!ended) {
      ended = true;
      registration.dispose();
      // After the stop in progress, so a recording it ends is not cut off midway.
      void stops.then(() => controller.dispose()).finally(() => host.end());
    }
  };
  return {
    onDidSendMessage: (m: { type: string; event?: string; body?: { reason?: string; threadId?: number } }) => {
      if (m.type !== 'event') {
        return;
      }
      if (m.event === 'stopped') {
        const stop = { reason: m.body?.reason ?? 'stopped', threadId: m.body?.threadId };
        // A stop outcome (hide or resume a profilepoint's stop) needs the adapter in between: go-dlv only.
        stops = stops.then(async () => void (await controller.onStopped(stop))).catch((err: Error) => host.log(`Profile capture at this stop failed: ${err.message}`));
      } else if (m.event === 'terminated' || m.event === 'exited') {
        end();
      }
    },
    onWillStopSession: end,
    onExit: end,
    onError: () => undefined,
  };
}
