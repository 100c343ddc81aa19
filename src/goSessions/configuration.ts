/**
 * Adds the profiling helper to a `go` launch of the official Go extension: the same launch
 * preparation as a go-dlv launch (src/capture: an overlay in buildFlags, merged with the
 * user's, and the rates in env), applied to the configuration VS Code is about to hand to
 * that extension's adapter. Only the resolved configuration changes, never launch.json.
 */
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import type { DlvLaunchArgs } from '../capture/api';

export const SETTING = 'goProfile.goSessions.enabled';

/** Where a resolved `go` configuration leads: the key of its pending session. */
export const SESSION_KEY = '__goProfileSession';

/** What the Go extension's configuration says about the build, as the capture side reads it. */
export function captureArgs(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration, roots: string[]): DlvLaunchArgs | undefined {
  // The Go extension's own legacy adapter, or a dlv started by someone else: not ours to change.
  if (config.debugAdapter === 'legacy' || config.port || config.debugServer) {
    return undefined;
  }
  const request = config.request === 'attach' ? 'attach' : 'launch';
  // The Go extension builds from `__buildDir` with `program` made relative to it.
  const base = [config.__buildDir, config.cwd, folder?.uri.fsPath].find((d): d is string => typeof d === 'string' && isAbsolute(d));
  const program = typeof config.program === 'string' && base ? resolve(base, config.program) : config.program;
  return {
    ...config,
    request,
    mode: launchMode(config, program),
    program,
    cwd: base,
    env: { ...(config.env ?? {}) },
    profileDir: typeof config.profileDir === 'string' ? config.profileDir : folder && resolve(folder.uri.fsPath, '.vscode', 'go-profiles'),
    helperForbiddenRoots: roots,
  };
}

/** `auto` (the Go extension's default) is test for a _test.go file, debug otherwise. */
function launchMode(config: vscode.DebugConfiguration, program: unknown): string | undefined {
  if (config.mode !== 'auto') {
    return config.mode ?? (config.request === 'attach' ? 'local' : 'debug');
  }
  const file = typeof program === 'string' && program.endsWith('.go') ? program : vscode.window.activeTextEditor?.document.fileName;
  return file?.endsWith('_test.go') ? 'test' : 'debug';
}

/** Copies what the helper needs (buildFlags, env) from the prepared arguments into the configuration. */
export function applyPrepared(config: vscode.DebugConfiguration, prepared: DlvLaunchArgs): void {
  if (prepared.buildFlags !== undefined && prepared.buildFlags !== config.buildFlags) {
    config.buildFlags = prepared.buildFlags;
  }
  if (prepared.env) {
    config.env = prepared.env;
  }
}

/** GOROOT and GOMODCACHE as the go command reports them for this configuration; none if it cannot. */
export function goRoots(config: vscode.DebugConfiguration): Promise<string[]> {
  const env = { ...process.env, ...(config.env ?? {}) } as NodeJS.ProcessEnv;
  return new Promise((done) => {
    execFile('go', ['env', 'GOROOT', 'GOMODCACHE'], { env, timeout: 10_000 }, (error, stdout) => {
      done(error ? [] : stdout.split(/\r?\n/).filter(Boolean));
    });
  });
}
