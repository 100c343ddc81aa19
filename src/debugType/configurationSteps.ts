/**
 * The steps that resolve a go-dlv configuration, as pure functions of the configuration and
 * what VS Code knows (the editor's Go file, the settings, the workspace folder), so that one
 * resolver (./configurationProvider.ts) runs them in a fixed order and a test can too. A new
 * launch attribute the extension fills in gets a step here.
 */
import { isAbsolute, join } from 'node:path';
import type { DebugConfiguration } from 'vscode';
import type { Profilepoint } from '../capture/api';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { configurationForGoFile } from './programChoice';
import { defaultProfileDir } from '../shared/profileDir';

export interface ResolveContext {
  /** The workspace folder's path (fsPath), when the configuration has a folder. */
  readonly folder?: string;
  /** Whether that folder is on the file system (a file: URI). */
  readonly folderOnDisk?: boolean;
  /** The Go file in the active editor, when it is the user's own code (not GOROOT, the module cache or vendor). */
  readonly goFile?: string;
  /** The goDlv.* settings. */
  readonly dlvPath?: string;
  readonly dlvFlags: readonly string[];
  /** goDlv.flightRecorderSeconds: a flight recorder for every launch that does not set its own (0: none). */
  readonly flightRecorderSeconds?: number;
  /** The profilepoints set in the editor, for a launch that does not list its own. */
  readonly profilepoints?: readonly Profilepoint[];
}

/** F5 without launch.json: VS Code hands over an empty configuration (at most `noDebug`, for Ctrl+F5). */
export function isEmptyConfiguration(config: DebugConfiguration): boolean {
  return !config.type && !config.request && !config.name;
}

/**
 * Before variables are substituted: settings supply dlvPath and dlvFlags, a local attach picks
 * its process, a launch without a program debugs the editor's package (`goFile` is only ever
 * the user's own code: see ./programChoice.ts). An empty configuration gets its program from
 * ./programChoice.ts first.
 */
export function withDefaults(config: DebugConfiguration, ctx: ResolveContext): DebugConfiguration {
  const resolved: DebugConfiguration = { ...config, type: DEBUG_TYPE, request: config.request ?? 'launch', name: config.name ?? 'Go: debug' };
  resolved.dlvPath ??= ctx.dlvPath || undefined;
  if (ctx.dlvFlags.length && !resolved.dlvFlags) {
    resolved.dlvFlags = [...ctx.dlvFlags];
  }
  if (resolved.request === 'launch' && resolved.noDebug !== true && resolved.flightRecorder === undefined && (ctx.flightRecorderSeconds ?? 0) > 0) {
    resolved.flightRecorder = { seconds: ctx.flightRecorderSeconds };
  }
  if (resolved.request === 'attach' && (resolved.mode ?? 'local') === 'local' && !resolved.processId) {
    resolved.processId = '${command:goDlv.pickProcess}';
  }
  if (resolved.request === 'launch' && !resolved.program && (resolved.mode ?? 'debug') !== 'exec' && ctx.goFile) {
    resolved.program = configurationForGoFile(ctx.goFile).program;
  }
  return resolved;
}

/** After substitution: profiles go to the workspace's profile folder unless the configuration says otherwise. */
export function withProfileDir(config: DebugConfiguration, ctx: ResolveContext): DebugConfiguration {
  return !config.profileDir && ctx.folder ? { ...config, profileDir: defaultProfileDir(ctx.folder) } : config;
}

/** After substitution: the adapter resolves a relative initScript against `cwd`; in VS Code it is the workspace folder's. */
export function withInitScript(config: DebugConfiguration, ctx: ResolveContext): DebugConfiguration {
  const script: unknown = config.initScript;
  if (typeof script === 'string' && script !== '' && !isAbsolute(script) && ctx.folder && ctx.folderOnDisk) {
    return { ...config, initScript: join(ctx.folder, script) };
  }
  return config;
}

/** After substitution: a launch starts with the editor's profilepoints unless it lists its own (or runs without debugging). */
export function withProfilepoints(config: DebugConfiguration, ctx: ResolveContext): DebugConfiguration {
  return config.profilepoints === undefined && config.noDebug !== true && ctx.profilepoints?.length ? { ...config, profilepoints: [...ctx.profilepoints] } : config;
}

/** The steps after substitution, in their order (dlv is then looked for by the resolver). */
export function resolveSubstituted(config: DebugConfiguration, ctx: ResolveContext): DebugConfiguration {
  return withProfilepoints(withInitScript(withProfileDir(config, ctx), ctx), ctx);
}
