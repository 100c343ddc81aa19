// Types of scripts/code-server.mjs for the TypeScript editor tests.
export interface CodeServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The workbench URL that opens the workspace folder. */
  folderUrl: string;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  /** Settles with the exit code when code-server exits, for whatever reason. */
  exited: Promise<number | null>;
  /** Ends code-server and every process it started; safe to call twice. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  root: string;
  vsix: string;
  workspace: string;
  stateDir: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Environment of code-server and so of the extension host, dlv and the debuggee. */
  env?: NodeJS.ProcessEnv;
  settings?: Record<string, unknown>;
  log?: (text: string) => void;
  /** Other .vsix files installed beside ours. */
  otherExtensions?: string[];
}

export function codeServerEntry(root: string): string;
export function startCodeServer(options: CodeServerOptions): Promise<CodeServer>;
