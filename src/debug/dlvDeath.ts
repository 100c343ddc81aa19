import type { DlvProcess } from './dlvProcess';

/** How long to wait for a dlv whose connection closed to exit, to say how it ended. */
const DLV_DEATH_WAIT_MS = 2_000;

export interface DlvDeath {
  /** The answer to every request from now on, e.g. "Delve exited unexpectedly (killed by SIGKILL)." */
  reason: string;
  /** One line for a notification: the reason and the program that was ended. */
  notice: string;
  /** For the debug console: the notice and dlv's last output lines. */
  detail: string;
}

/**
 * dlv's connection closed though no one asked it to end: waits briefly for dlv to exit (to
 * say how), ends the program it launched (it would live on under init) and words it all.
 * Without a dlv process of ours (attach remote) only the connection is known to have closed.
 */
export async function dlvDied(dlv: DlvProcess | undefined): Promise<DlvDeath> {
  if (!dlv) {
    const reason = 'The connection to dlv closed.';
    return { reason, notice: reason, detail: `${reason}\n` };
  }
  const how = await dlv.exitWithin(DLV_DEATH_WAIT_MS);
  const ended = dlv.endDebuggees();
  const reason = `Delve exited unexpectedly (${how ?? 'its connection closed'}).`;
  const notice = ended.length ? `${reason} The program it was debugging (pid ${ended.join(', ')}) was ended.` : reason;
  const last = dlv.lastOutput();
  const output = last.length ? `Delve's last output:\n${last.map((l) => `  ${l}`).join('\n')}\n` : 'Delve printed nothing before it exited.\n';
  return { reason, notice, detail: `${notice}\n${output}` };
}
