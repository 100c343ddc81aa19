/** How `work` ended for settleWithin: nothing when it succeeded in time. */
export type Failure = { error: unknown } | undefined;

/**
 * Calls `done` exactly once: when `work` settles or after `ms`, whichever comes first, with
 * the failure (work's rejection, or `timeoutError()`) if there was one. Plain callbacks rather
 * than a race of promises: the adapter runs this at every stop, on the path the client waits on.
 */
export function settleWithin(work: Promise<unknown>, ms: number, timeoutError: () => Error, done: (failure: Failure) => void): void {
  let settled = false;
  const finish = (failure: Failure): void => {
    if (settled) {
      return;
    }
    settled = true;
    clearTimeout(timer);
    done(failure);
  };
  const timer = setTimeout(() => finish({ error: timeoutError() }), ms);
  work.then(
    () => finish(undefined),
    (error: unknown) => finish({ error }),
  );
}
