/**
 * VS Code side of execution traces: Trace Until Next Stop, Trace for N Seconds, Go's trace
 * viewer, and the wait profiles (`go tool trace -pprof`) shown in the flame-graph panel.
 * The adapter takes the trace (`goProfile.trace`); this asks for it and shows what comes back.
 */
import * as vscode from 'vscode';
import { TRACED_EVENT, TRACE_REQUEST, TraceResult, TracedEvent } from '../capture/api';
import { WAIT_KINDS, WAIT_KIND_NAME, traceToPprof } from './traceTools';
import { describeSummary } from '../capture/traceSummary';
import { isTrace, type StoredTrace } from '../shared/captureEntries';
import { listedEntries } from '../shared/captureStore';
import { TraceViewerPanels } from './viewerPanel';
import { isProfileSession, onProfileEvent, profileRequest } from '../shared/profileSessions';
import { registerLedHere } from './ledHere';


interface Traced {
  path: string;
  session: string;
}

export function registerTraces(context: vscode.ExtensionContext): void {
  const viewers = new TraceViewerPanels();
  let last: Traced | undefined;
  registerLedHere(context);
  context.subscriptions.push(
    viewers,
    onProfileEvent(async (e) => {
      if (e.event !== TRACED_EVENT) {
        return;
      }
      const body = e.body as TracedEvent;
      last = { path: body.path, session: e.session.id };
      const summary = body.summary ? ` ${describeSummary(body.summary)}.` : '';
      const pick = await vscode.window.showInformationMessage(`Execution trace from ${body.location}.${summary}`, 'Open Trace Viewer', 'Show Waits as Profile');
      if (pick === 'Open Trace Viewer') {
        await report(viewers.show(body.path, e.session.id));
      } else if (pick) {
        await report(showWaits(body.path));
      }
    }),
    vscode.debug.onDidTerminateDebugSession((s) => viewers.sessionEnded(s.id)),
    vscode.commands.registerCommand('goProfile.traceUntilNextStop', () => report(startTrace(undefined))),
    vscode.commands.registerCommand('goProfile.traceForSeconds', async () => {
      const input = await vscode.window.showInputBox({
        title: 'Execution trace: seconds to trace',
        value: '1',
        validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 3600 ? undefined : 'A number of seconds between 0 and 3600'),
      });
      if (input !== undefined) {
        await report(startTrace(Number(input)));
      }
    }),
    vscode.commands.registerCommand('goProfile.openTraceViewer', async (target?: TraceTarget) => {
      const given = targetPath(target);
      const path = given ?? (await pickTrace(last?.path ?? newestListedTrace(context)));
      if (path) {
        await report(viewers.show(path, given ? undefined : last?.session));
      }
    }),
    vscode.commands.registerCommand('goProfile.showTraceWaits', async (target?: TraceTarget) => {
      const path = targetPath(target) ?? (await pickTrace(last?.path ?? newestListedTrace(context)));
      if (path) {
        await report(showWaits(path));
      }
    }),
  );
}

async function startTrace(seconds: number | undefined): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!isProfileSession(session)) {
    throw new Error('Execution traces are taken in a go-dlv debug session (or a "go" session of the Go extension): start one and stop at a breakpoint.');
  }
  const threadId = vscode.debug.activeStackItem instanceof vscode.DebugThread || vscode.debug.activeStackItem instanceof vscode.DebugStackFrame
    ? vscode.debug.activeStackItem.threadId : undefined;
  const title = seconds ? `Tracing for ${seconds} s…` : 'Starting an execution trace…';
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
    profileRequest<TraceResult>(session, TRACE_REQUEST, { threadId, seconds }),
  );
  if (result.tracing) {
    void vscode.window.showInformationMessage('Execution trace running: it ends at the next stop (breakpoint, step or pause).');
  }
}

/** What the trace commands are run on: a file (explorer menu, other commands) or a trace of the Profiles view. */
type TraceTarget = vscode.Uri | StoredTrace;

function targetPath(target: TraceTarget | undefined): string | undefined {
  return target instanceof vscode.Uri ? target.fsPath : target?.path;
}

/** After a reload no trace was taken yet in this window: the newest one the Profiles view lists. */
function newestListedTrace(context: vscode.ExtensionContext): string | undefined {
  return listedEntries(context.workspaceState).find(isTrace)?.path;
}

/** The trace to use: the last one taken (or listed), or one the user picks. */
async function pickTrace(lastPath: string | undefined): Promise<string | undefined> {
  if (lastPath) {
    return lastPath;
  }
  const picked = await vscode.window.showOpenDialog({ title: 'Open an execution trace', filters: { 'Go traces': ['trace', 'out'], 'All files': ['*'] } });
  return picked?.[0]?.fsPath;
}

async function showWaits(tracePath: string): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    WAIT_KINDS.map((kind) => ({ label: WAIT_KIND_NAME[kind], description: `-pprof=${kind}`, wait: kind })),
    { title: 'Show where goroutines waited, as a profile' },
  );
  if (!pick) {
    return;
  }
  const profile = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading ${WAIT_KIND_NAME[pick.wait].toLowerCase()} from the trace…` },
    () => traceToPprof(tracePath, pick.wait),
  );
  await vscode.commands.executeCommand('goProfile.openProfile', vscode.Uri.file(profile));
}

/** Failures become one short message; no stack trace reaches the user. */
async function report(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
  }
}
