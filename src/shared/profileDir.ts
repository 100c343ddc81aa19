import { join } from 'node:path';

/** Where a workspace folder keeps profiles unless told otherwise: captures and test profiles alike. */
export function defaultProfileDir(folder: string): string {
  return join(folder, '.vscode', 'go-profiles');
}
