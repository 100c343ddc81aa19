/**
 * Gathers what path mapping needs from the workspace: go.mod modules, GOROOT and
 * GOMODCACHE from `go env`, and substitutePath from the running go-dlv session and the
 * launch configurations (a profile captured from a remote or container target carries its
 * paths, and the debug configuration already says where they live here).
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { modulePathOf } from './sourcePaths';
import type { GoModule, MappingRoots, SubstitutePath } from './sourcePaths';

const DEBUG_TYPES = new Set([DEBUG_TYPE, 'go']);

function goEnv(): Promise<{ GOROOT?: string; GOMODCACHE?: string }> {
  return new Promise((resolve) => {
    execFile('go', ['env', '-json', 'GOROOT', 'GOMODCACHE'], { timeout: 10_000 }, (err, stdout) => {
      try {
        resolve(err ? {} : JSON.parse(stdout));
      } catch {
        resolve({});
      }
    });
  });
}

async function workspaceModules(): Promise<GoModule[]> {
  const files = await vscode.workspace.findFiles('**/go.mod', '**/{vendor,node_modules,testdata}/**', 500);
  const modules: GoModule[] = [];
  for (const uri of files) {
    const path = modulePathOf(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    if (path) modules.push({ path, dir: dirname(uri.fsPath) });
  }
  return modules;
}

function substitutions(): SubstitutePath[] {
  const out: SubstitutePath[] = [];
  const add = (config: { type?: string; substitutePath?: unknown } | undefined, folder: string | undefined): void => {
    if (!config || !DEBUG_TYPES.has(config.type ?? '') || !Array.isArray(config.substitutePath)) return;
    for (const s of config.substitutePath as { from?: unknown; to?: unknown }[]) {
      if (typeof s?.from !== 'string' || typeof s?.to !== 'string') continue;
      const from = folder ? s.from.replace(/\$\{workspaceFolder\}/g, folder) : s.from;
      if (!from.includes('${')) out.push({ from, to: s.to });
    }
  };
  add(vscode.debug.activeDebugSession?.configuration, vscode.debug.activeDebugSession?.workspaceFolder?.uri.fsPath);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const configs = vscode.workspace.getConfiguration('launch', folder.uri).get<{ type?: string; substitutePath?: unknown }[]>('configurations', []);
    for (const c of configs) add(c, folder.uri.fsPath);
  }
  return out;
}

export async function mappingRoots(): Promise<MappingRoots> {
  const [env, modules] = await Promise.all([goEnv(), workspaceModules()]);
  return {
    substitutePath: substitutions(),
    modules,
    goroot: env.GOROOT || undefined,
    gomodcache: env.GOMODCACHE || undefined,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
  };
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
