/**
 * VS Code side of profile capture: the capture commands (palette, debug toolbar, call stack
 * menu, status bar), progress while a capture runs, and the "Profiles" view, which lists the
 * execution traces sessions save beside the profiles. The adapter does the work; this asks it
 * with `goProfile.capture` and shows what comes back.
 */
import * as vscode from 'vscode';
import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { CAPTURED_EVENT, CAPTURE_REQUEST, CaptureResult, CapturedEvent, TRACED_EVENT, TracedEvent } from '../capture/api';
import { CAPTURE_COMMANDS, CaptureCommand, KIND_LABEL, PickableCommand, TRACE_COMMANDS } from '../shared/captureKinds';
import { AskedCaptures } from './asked';
import { displayName, isTrace, noun, renamedPath } from '../shared/captureEntries';
import { CaptureState } from './state';
import { CaptureStore, StoredEntry } from '../shared/captureStore';
import { CaptureTree } from './profilesTree';
import { isProfileSession, onProfileEvent, profileRequest } from '../shared/profileSessions';
import { saveAsDefaultPgo } from './savePgo';
import { FLIGHT_KIND, type FlightCapturedEvent } from '../capture/flightRecorder';

export function registerCapture(context: vscode.ExtensionContext): void {
  const store = new CaptureStore(context.workspaceState);
  const state = new CaptureState();
  const asked = new AskedCaptures();
  context.subscriptions.push(
    store,
    state,
    // Several rows at once: two profiles compare directly, any number delete together.
    vscode.window.createTreeView('goProfile.profiles', { treeDataProvider: new CaptureTree(store), canSelectMany: true }),
    onProfileEvent(async (e) => {
      // trace.ts tells the user about a finished trace; here it joins the list.
      if (e.event === TRACED_EVENT) {
        const body = e.body as TracedEvent;
        await store.add({ kind: 'trace', path: body.path, location: body.location, summary: body.summary, time: Date.now(), session: e.session.name });
      }
      if (e.event === CAPTURED_EVENT && (e.body as { kind?: string }).kind === FLIGHT_KIND) {
        // A flight recording is an execution trace: listed as one; src/traces/ledHere.ts opens it.
        const body = e.body as FlightCapturedEvent;
        await store.add({ kind: 'trace', path: body.path, location: body.location, time: Date.now(), session: e.session.name, label: `What led to ${body.location}` });
      } else if (e.event === CAPTURED_EVENT) {
        const body = e.body as CapturedEvent;
        await store.add({ ...body, time: Date.now(), session: e.session.name });
        // Captures asked for here open; those a Delve script takes (maybe hundreds) are only listed.
        if (asked.take(e.session.id, body.kind)) {
          await openProfile(body.path);
        } else {
          vscode.window.setStatusBarMessage(`$(flame) ${KIND_LABEL[body.kind]} profile captured at ${body.location}`, 5000);
        }
      }
    }),
    vscode.debug.onDidTerminateDebugSession((s) => asked.forget(s.id)),
    ...CAPTURE_COMMANDS.map((c) => vscode.commands.registerCommand(c.command, (context?: CallStackContext) => runCapture(c, state, asked, context))),
    vscode.commands.registerCommand('goProfile.capture', async () => {
      const pick = await vscode.window.showQuickPick(captureChoices(), { title: 'Capture a profile or trace at this stop' });
      if (pick?.command) {
        await vscode.commands.executeCommand(pick.command);
      }
    }),
    vscode.commands.registerCommand('goProfile.profiles.open', (e: StoredEntry) =>
      isTrace(e) ? vscode.commands.executeCommand('goProfile.openTraceViewer', vscode.Uri.file(e.path)) : openProfile(e.path)),
    vscode.commands.registerCommand('goProfile.profiles.reveal', (e: StoredEntry) => vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(e.path))),
    vscode.commands.registerCommand('goProfile.profiles.rename', (e: StoredEntry) => renameEntry(store, e)),
    vscode.commands.registerCommand('goProfile.profiles.delete', (e: StoredEntry, selected?: StoredEntry[]) =>
      deleteEntries(store, selected?.some((s) => s.path === e.path) ? selected : [e])),
    vscode.commands.registerCommand('goProfile.saveAsDefaultPgo', (target?: StoredEntry | vscode.Uri, selected?: (StoredEntry | vscode.Uri)[]) =>
      saveAsDefaultPgo(store, target, selected)),
  );
}

/** The quick pick's entries: the profile kinds, then the traces, each running its own command. */
function captureChoices(): (vscode.QuickPickItem & { command?: string })[] {
  const item = (c: PickableCommand) => ({ label: c.title, detail: c.detail, command: c.command });
  return [
    { label: 'Profiles', kind: vscode.QuickPickItemKind.Separator },
    ...CAPTURE_COMMANDS.map(item),
    { label: 'Execution traces', kind: vscode.QuickPickItemKind.Separator },
    ...TRACE_COMMANDS.map(item),
  ];
}

/** What the call stack's context menu passes to a command: the thread (goroutine) clicked on. */
interface CallStackContext {
  sessionId?: string;
  threadId?: number;
}

async function runCapture(c: CaptureCommand, state: CaptureState, asked: AskedCaptures, context?: CallStackContext): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!isProfileSession(session)) {
    void vscode.window.showWarningMessage('Profiles are captured in a go-dlv debug session (or a "go" session of the Go extension): start one and stop at a breakpoint.');
    return;
  }
  let seconds: number | undefined;
  if (c.asksSeconds) {
    const input = await vscode.window.showInputBox({
      title: 'CPU profile: seconds to sample',
      value: '5',
      validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 3600 ? undefined : 'A number of seconds between 0 and 3600'),
    });
    if (input === undefined) {
      return;
    }
    seconds = Number(input);
  }
  const title = seconds ? `Sampling CPU for ${seconds} s…` : `Capturing ${KIND_LABEL[c.kind].toLowerCase()} profile…`;
  asked.add(session.id, c.kind);
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      profileRequest<CaptureResult>(session, CAPTURE_REQUEST, { kind: c.kind, threadId: clickedThread(session, context) ?? state.threadFor(session), seconds }),
    );
    if (result.recording) {
      // A notification for as long as the recording runs: it closes when the recording ends
      // at the next stop, or is discarded because the program or the session ended.
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CPU profile recording: it ends at the next stop (breakpoint, step or pause).' }, () =>
        state.recordingEnded(session),
      );
    } else if (result.baseline) {
      // Only a baseline was taken: no profile will come for this request.
      asked.take(session.id, c.kind);
      void vscode.window.showInformationMessage(result.message ?? 'Allocation baseline taken: capture again at the next stop.');
    }
  } catch (err) {
    asked.take(session.id, c.kind);
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
  }
}

function clickedThread(session: vscode.DebugSession, context: CallStackContext | undefined): number | undefined {
  return context?.sessionId === session.id && typeof context.threadId === 'number' ? context.threadId : undefined;
}

/** Opens a profile in the flame-graph editor, or says where it is when that cannot open it. */
async function openProfile(path: string): Promise<void> {
  const uri = vscode.Uri.file(path);
  try {
    await vscode.commands.executeCommand('goProfile.openProfile', uri);
  } catch {
    const reveal = await vscode.window.showInformationMessage(`Profile saved: ${path}`, 'Reveal');
    if (reveal) {
      await vscode.commands.executeCommand('revealFileInOS', uri);
    }
  }
}

async function renameEntry(store: CaptureStore, e: StoredEntry): Promise<void> {
  const label = await vscode.window.showInputBox({
    title: `Rename ${noun(e)}`,
    value: displayName(e),
    validateInput: (v) => (v.trim() ? undefined : 'A name is needed'),
  });
  if (!label) {
    return;
  }
  const newPath = renamedPath(e, label);
  if (newPath !== e.path && existsSync(newPath)) {
    void vscode.window.showErrorMessage(`A ${noun(e)} named ${basename(newPath)} already exists there.`);
    return;
  }
  try {
    renameSync(e.path, newPath);
  } catch (err) {
    void vscode.window.showErrorMessage(`The ${noun(e)} could not be renamed: ${(err as Error).message}`);
    return;
  }
  await store.rename(e.path, newPath, label.trim());
}

async function deleteEntries(store: CaptureStore, entries: StoredEntry[]): Promise<void> {
  const what = entries.length === 1 ? `the ${noun(entries[0])} "${displayName(entries[0])}"` : `these ${entries.length} profiles and traces`;
  const answer = await vscode.window.showWarningMessage(`Delete ${what}?`, { modal: true }, 'Move to Trash');
  if (!answer) {
    return;
  }
  for (const e of entries) {
    try {
      await vscode.workspace.fs.delete(vscode.Uri.file(e.path), { useTrash: true });
    } catch {
      // Some hosts (remote, code-server) have no trash: delete for good, as the user asked.
      await vscode.workspace.fs.delete(vscode.Uri.file(e.path), { useTrash: false }).then(undefined, () => undefined);
    }
  }
  await store.remove(entries.map((e) => e.path));
}
