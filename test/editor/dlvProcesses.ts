import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** dlv processes serving a session in `dir` (dlv starts in the program's module). */
export function dlvIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return /\bdlv\0dap\0/.test(readFileSync(`/proc/${n}/cmdline`, 'utf8')) && readlinkSync(`/proc/${n}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}
