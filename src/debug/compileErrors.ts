import { isAbsolute, resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { HELPER_FILE_PREFIX } from '../capture/launch';

/**
 * The adapter's event with the compile errors of the session's build (`errors` empty: the
 * build succeeded, so errors an earlier launch reported are gone). VS Code's extension puts
 * them in the Problems view.
 */
export const BUILD_ERRORS_EVENT = 'goDlv.buildErrors';

export interface BuildError {
  /** Absolute path of the file the compiler named. */
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface BuildErrorsBody {
  errors: BuildError[];
  /** When the build failed: one line for the user, the first error (also the launch error). */
  summary?: string;
}

/** A failed build as the user is to see it: none of the adapter's flags or files in it. */
export interface BuildFailure {
  /** For the Debug Console: go's own output, without the command line dlv ran. */
  console: string;
  /** One line for the launch error: the first error, and how many there are. */
  summary: string;
  errors: BuildError[];
}

/**
 * dlv reports a failed build as one output event, "Build Error: <go command>\n<go's output>
 * (<exit status>)\n", and answers launch with "Build error: Check the debug console". The
 * command holds the helper's -overlay and temp paths; the rest is go's text, relative to the
 * directory go ran in (`buildDir`). Lines naming the helper's files or the session's temp dir
 * are the adapter's business, not the user's: they are left out.
 */
export function parseBuildFailure(output: string, buildDir: string, tempDir: string | undefined): BuildFailure | undefined {
  if (!output.startsWith('Build Error: ')) {
    return undefined;
  }
  const body = output.slice(output.indexOf('\n') + 1).trimEnd().replace(/ \([^()]*\)$/, '');
  const internal = (line: string): boolean => line.includes(HELPER_FILE_PREFIX) || (tempDir !== undefined && line.includes(tempDir)) || /-overlay\b/.test(line);
  const errors: BuildError[] = [];
  const shown: string[] = [];
  let hidden = 0;
  let last: BuildError | undefined;
  let hiding = false;
  for (const line of body.split('\n')) {
    const continued = /^\s/.test(line);
    // go continues a message on indented lines (e.g. "to add it:\n\tgo get ..."): they go with it.
    if ((continued && hiding) || internal(line)) {
      hidden++;
      hiding = true;
      last = undefined;
      continue;
    }
    shown.push(line);
    if (continued) {
      if (last) {
        last.message += `\n${line.trim()}`;
      }
      continue;
    }
    hiding = false;
    const located = /^(\S.*?\.go):(\d+)(?::(\d+))?: (.*)$/.exec(line);
    last = located ? { file: isAbsolute(located[1]) ? located[1] : resolve(buildDir, located[1]), line: Number(located[2]), message: located[4] } : undefined;
    if (last) {
      if (located?.[3]) {
        last.column = Number(located[3]);
      }
      errors.push(last);
    }
  }
  const first = errors[0] ? firstLine(errors[0], buildDir) : shown.find((l) => l.trim() && !l.startsWith('# '));
  const what = first ?? (hidden ? 'the code go-debug-profile adds to the build for profiling did not compile (please report this)' : 'go build failed');
  const more = errors.length > 1 ? ` (${errors.length} errors; all in the Debug Console)` : '';
  return { console: `Build failed:\n${shown.join('\n')}\n`, summary: `Build failed: ${what}${more}`, errors };
}

function firstLine(error: BuildError, buildDir: string): string {
  const rel = error.file.startsWith(`${buildDir}/`) ? error.file.slice(buildDir.length + 1) : error.file;
  return `${rel}:${error.line}${error.column ? `:${error.column}` : ''}: ${error.message.replace(/\n/g, ' ')}`;
}

/**
 * What one session's launch built: turns dlv's build-failure output and launch error into
 * the user's (parseBuildFailure), and says when a build succeeded so old errors are cleared.
 */
export class BuildReport {
  private failure?: BuildFailure;
  private builds = false;
  private buildDir?: string;
  private tempDir?: string;

  constructor(private readonly send: (event: string, body: BuildErrorsBody) => void) {}

  /** Before dlv is asked to launch: where go runs, and the temp dir whose paths are hidden. */
  start(args: { request?: string; mode?: string; dlvCwd?: unknown }, dlvCwd: string | undefined, tempDir: string | undefined): void {
    this.builds = args.request === 'launch' && (args.mode === 'debug' || args.mode === 'test') && dlvCwd !== undefined;
    this.buildDir = typeof args.dlvCwd === 'string' && dlvCwd ? resolve(dlvCwd, args.dlvCwd) : dlvCwd;
    this.tempDir = tempDir;
  }

  /** A dlv output event, or what the user sees instead of it (a failed build's errors also go out as an event). */
  onOutput(event: DebugProtocol.OutputEvent): DebugProtocol.OutputEvent {
    const failure = this.builds && this.buildDir && !this.failure ? parseBuildFailure(event.body.output, this.buildDir, this.tempDir) : undefined;
    if (!failure) {
      return event;
    }
    this.failure = failure;
    this.send(BUILD_ERRORS_EVENT, { errors: failure.errors, summary: failure.summary });
    return { ...event, body: { ...event.body, output: failure.console } };
  }

  /**
   * dlv's launch response: a build failure answers with its first error (the extension shows
   * it, so VS Code's own dialog is not asked for); a launch that built clears old errors.
   */
  onLaunchResponse(response: DebugProtocol.Response): void {
    if (!this.builds) {
      return;
    }
    if (response.success) {
      this.send(BUILD_ERRORS_EVENT, { errors: [] });
    } else if (this.failure) {
      response.message = this.failure.summary;
      response.body = { error: { id: 3001, format: this.failure.summary.replace(/[{}]/g, ''), showUser: false } };
    }
  }
}
