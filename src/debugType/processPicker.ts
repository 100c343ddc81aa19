import * as vscode from 'vscode';
import { listProcesses, type ListedProcess } from './processList';

interface ProcessItem extends vscode.QuickPickItem {
  pid: number;
}

function item(p: ListedProcess): ProcessItem {
  const go = p.go ? ` · ${p.go.goVersion || 'Go'}${p.go.path ? ` · ${p.go.path}` : ''}` : '';
  return { pid: p.pid, label: p.name, description: `${p.pid}${go}`, detail: p.commandLine };
}

/** `${command:goDlv.pickProcess}`: the pid to attach to, as a string, or undefined to cancel. */
export async function pickProcess(): Promise<string | undefined> {
  const processes = await listProcesses();
  const goCount = processes.filter((p) => p.go).length;
  const items: (ProcessItem | vscode.QuickPickItem)[] = goCount
    ? [
      { label: 'Go programs', kind: vscode.QuickPickItemKind.Separator },
      ...processes.slice(0, goCount).map(item),
      { label: 'Other processes', kind: vscode.QuickPickItemKind.Separator },
      ...processes.slice(goCount).map(item),
    ]
    : processes.map(item);
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Attach to a Go process',
    placeHolder: goCount ? 'Type a program name or pid' : 'No Go program found among your processes: type a program name or pid',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick && 'pid' in pick ? String(pick.pid) : undefined;
}
