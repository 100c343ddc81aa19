/** The custom request that runs a Delve script in a go-dlv session (the "Run Delve Script" command). */
export const RUN_SCRIPT_REQUEST = 'goDlv.runScript';

export interface RunScriptArgs {
  /** The script itself (the editor's text, saved or not). */
  text: string;
  /** Its file, for messages and for `source` paths relative to it. */
  path?: string;
}

/** Response body: how many lines were reported as problems (each is in the debug console). */
export interface RunScriptResult {
  problems: number;
}
