import type { ScriptProblem } from './commands';

/** Thrown while reading one line of a script; the parser turns it into a ScriptProblem. */
export class LineError extends Error {
  constructor(
    message: string,
    readonly severity: ScriptProblem['severity'],
  ) {
    super(message);
  }
}

/** The line is wrong: Delve would refuse it too. */
export function fail(message: string): never {
  throw new LineError(message, 'error');
}

/** Delve would run the line, but it has no meaning or no equivalent under DAP. */
export function unsupported(message: string): never {
  throw new LineError(message, 'unsupported');
}
