/**
 * "Profile test": runs one test or benchmark with `go test` and a chosen profile (cpu, mem,
 * block, mutex), with progress and cancel, its output in the "Go Profile: Tests" channel;
 * failures and build errors are said, not swallowed. The profile is saved next to captured
 * ones (`goProfile.testProfile.directory`, default <workspace>/.vscode/go-profiles), opened in
 * the flame graph and made the active profile for the editor annotations.
 *
 * Command `goProfile.profileTest` (uri?, name?, kind?): with no arguments it uses the test
 * function at the cursor; with no kind it asks.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { defaultProfileDir } from '../shared/profileDir';
import { setActiveProfile } from '../shared/activeProfile';
import { findTestFunctions, TEST_PROFILE_KINDS } from './args';
import type { TestFunction, TestProfileKind } from './args';
import { runTestProfile } from './run';
import type { TestRunResult } from './run';
import { PROFILE_TEST_COMMAND, TestProfileLenses } from './lens';

const LAST_KIND_KEY = 'goProfile.testProfile.lastKind';
const KIND_LABEL: Readonly<Record<TestProfileKind, string>> = {
  cpu: 'CPU',
  mem: 'Memory (allocations)',
  block: 'Block (waiting on channels and locks)',
  mutex: 'Mutex (lock contention)',
};

let output: vscode.OutputChannel | undefined;
let running = false;

export function registerTestProfile(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('Go Profile: Tests');
  context.subscriptions.push(
    output,
    vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file', pattern: '**/*_test.go' }, new TestProfileLenses()),
    vscode.commands.registerCommand(PROFILE_TEST_COMMAND, (uri?: vscode.Uri, name?: string, kind?: TestProfileKind) => profileTest(context.workspaceState, uri, name, kind)),
  );
}

async function profileTest(state: vscode.Memento, uri?: vscode.Uri, name?: string, kind?: TestProfileKind): Promise<TestRunResult | undefined> {
  const target = await resolveTarget(uri, name);
  if (!target) return undefined;
  const profile = kind && TEST_PROFILE_KINDS.includes(kind) ? kind : await askKind(state);
  if (!profile) return undefined;
  if (running) {
    void vscode.window.showWarningMessage('A profiled test is already running: cancel it or wait for it to finish.');
    return undefined;
  }
  running = true;
  try {
    // go test reads the files from disk: run what the user sees.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    if (document?.isDirty) await document.save();
    return await runWithProgress(target.uri, target.fn, profile);
  } finally {
    running = false;
  }
}

async function resolveTarget(uri?: vscode.Uri, name?: string): Promise<{ uri: vscode.Uri; fn: TestFunction } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const fileUri = uri instanceof vscode.Uri ? uri : editor?.document.uri;
  if (!fileUri || !fileUri.fsPath.endsWith('_test.go')) {
    void vscode.window.showInformationMessage('Profile test: open a Go _test.go file and put the cursor in a test or benchmark.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(fileUri);
  const fns = findTestFunctions(document.getText());
  let fn = name ? fns.find((f) => f.name === name) : undefined;
  if (!name && editor?.document === document) {
    const line = editor.selection.active.line;
    fn = fns.filter((f) => f.line <= line).pop();
  }
  if (!fn) {
    void vscode.window.showWarningMessage(name ? `No test or benchmark named ${name} in ${vscode.workspace.asRelativePath(fileUri)}.` : 'Profile test: put the cursor in a test or benchmark function.');
    return undefined;
  }
  return { uri: fileUri, fn };
}

async function askKind(state: vscode.Memento): Promise<TestProfileKind | undefined> {
  const last = state.get<TestProfileKind>(LAST_KIND_KEY, 'cpu');
  const order = [last, ...TEST_PROFILE_KINDS.filter((k) => k !== last)];
  const items = order.map((k) => ({ label: k, description: KIND_LABEL[k], profile: k }));
  const picked = await vscode.window.showQuickPick(
    items,
    { title: 'Profile to record while the test runs' },
  );
  if (picked) await state.update(LAST_KIND_KEY, picked.profile);
  return picked?.profile;
}

async function runWithProgress(uri: vscode.Uri, fn: TestFunction, profile: TestProfileKind): Promise<TestRunResult> {
  const channel = output!;
  const cwd = dirname(uri.fsPath);
  channel.appendLine(`\n=== ${fn.name} (${profile} profile) in ${cwd}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Profiling ${fn.name} (${profile})…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runTestProfile({ fn, profile, cwd, signal: abort.signal, onOutput: (text) => channel.append(text) });
    },
  );
  channel.appendLine(`=== ${result.command}: ${result.outcome}${result.exitCode !== null ? ` (exit ${result.exitCode})` : ''}`);
  await report(uri, fn, profile, result);
  return result;
}

async function report(uri: vscode.Uri, fn: TestFunction, profile: TestProfileKind, result: TestRunResult): Promise<void> {
  const channel = output!;
  const showOutput = 'Show Output';
  switch (result.outcome) {
    case 'cancelled':
      void vscode.window.showInformationMessage(`Profiling ${fn.name} cancelled.`);
      return;
    case 'not-started':
      void vscode.window.showErrorMessage(`Profile test: ${result.output.trim()}`);
      return;
    case 'build-failed':
      channel.show(true);
      void vscode.window.showErrorMessage(`${fn.name}: the package does not build; see the output.`, showOutput).then((a) => a && channel.show());
      return;
    case 'no-tests':
      void vscode.window.showWarningMessage(`go test ran no ${fn.kind} named ${fn.name}: is the file saved?`, showOutput).then((a) => a && channel.show());
      return;
    case 'failed':
      channel.show(true);
      void vscode.window.showWarningMessage(`${fn.name} failed${result.profile ? '; its profile opens anyway' : ''}. See the output.`, showOutput).then((a) => a && channel.show());
      break;
    case 'passed':
      break;
  }
  if (!result.profile) {
    void vscode.window.showErrorMessage(`${fn.name} ran but wrote no ${profile} profile.`, showOutput).then((a) => a && channel.show());
    return;
  }
  const saved = await save(uri, fn, profile, result.profile);
  channel.appendLine(`=== profile: ${saved.fsPath}`);
  await setActiveProfile(saved);
  await vscode.commands.executeCommand('goProfile.openProfile', saved);
}

/** Keeps the profile with the workspace's other profiles, named after the test and the time. */
async function save(uri: vscode.Uri, fn: TestFunction, profile: TestProfileKind, bytes: Uint8Array): Promise<vscode.Uri> {
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
  const configured = vscode.workspace.getConfiguration('goProfile.testProfile', uri).get<string>('directory', '').trim();
  const dir = configured ? configured.replace(/\$\{workspaceFolder\}/g, folder) : defaultProfileDir(folder);
  const absolute = /^([A-Za-z]:)?[\\/]/.test(dir) ? dir : join(folder, dir);
  await mkdir(absolute, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const file = join(absolute, `${fn.name}-${profile}-${stamp}.pprof`);
  await writeFile(file, bytes);
  return vscode.Uri.file(file);
}
