/**
 * "Install dlv": the button on a missing or old Delve. It runs `go install` with the absolute
 * `go` the extension found (a task terminal's PATH may lack it), says where dlv went, and
 * goes on with the F5 that asked for it, with that dlv.
 */
import * as vscode from 'vscode';
import { checkDlvVersion, goBinDirs, type DlvError } from '../debug/dlvLocator';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { findGo } from '../debug/goCommand';
import { join } from 'node:path';

const INSTALL = 'Install dlv';

/** The message says what is wrong; the button installs dlv and then starts `config` again. */
export async function offerInstall(err: DlvError, folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<void> {
  if ((await vscode.window.showErrorMessage(err.message, INSTALL)) !== INSTALL) {
    return;
  }
  const go = findGo(process.env);
  if (!go) {
    void vscode.window.showErrorMessage('Delve is installed with the go command, which is not on PATH or under GOROOT: install Go from https://go.dev/dl/ first.');
    return;
  }
  const [, ...args] = err.installCommand.split(' ');
  const code = await runTask(new vscode.Task({ type: 'process' }, folder ?? vscode.TaskScope.Workspace, 'install dlv', DEBUG_TYPE, new vscode.ProcessExecution(go, args)));
  if (code === undefined) {
    return;
  }
  if (code !== 0) {
    void vscode.window.showErrorMessage(`Installing Delve failed (${go} ${args.join(' ')} exited with ${code}): the "install dlv" terminal shows why.`);
    return;
  }
  // `go install` writes to GOBIN, else the first GOPATH entry's bin.
  const [binDir] = await goBinDirs(go, process.env);
  let installed: { path: string; version: string };
  try {
    installed = await checkDlvVersion(join(binDir ?? '', 'dlv'));
  } catch (e) {
    void vscode.window.showErrorMessage(`go install finished, but no working dlv is in ${binDir ?? 'GOBIN'}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const setting = typeof config.dlvPath === 'string' && config.dlvPath !== installed.path ? ` goDlv.dlvPath still says ${config.dlvPath}: change it to use this dlv next time.` : '';
  void vscode.window.showInformationMessage(`Delve ${installed.version} installed at ${installed.path}.${setting}`);
  await vscode.debug.startDebugging(folder, { ...config, dlvPath: installed.path }, { noDebug: config.noDebug === true });
}

/** Runs the task to its end: its exit code, undefined when it was stopped without one. */
async function runTask(task: vscode.Task): Promise<number | undefined> {
  let execution: vscode.TaskExecution | undefined;
  const early: vscode.TaskProcessEndEvent[] = [];
  return new Promise((done) => {
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (!execution) {
        early.push(e);
      } else if (e.execution === execution) {
        listener.dispose();
        done(e.exitCode);
      }
    });
    vscode.tasks.executeTask(task).then((started) => {
      execution = started;
      const ended = early.find((e) => e.execution === started);
      if (ended) {
        listener.dispose();
        done(ended.exitCode);
      }
    }, (err: unknown) => {
      listener.dispose();
      void vscode.window.showErrorMessage(`The install task could not start: ${err instanceof Error ? err.message : String(err)}`);
      done(undefined);
    });
  });
}
