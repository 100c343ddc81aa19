// How long a debug session waits for each party before it goes on without it: the client,
// dlv and capture each get a bound, so that no one of them can hang the session.

/** A disconnect dlv does not answer in time is answered for it, and the session cleans up. */
export const DISCONNECT_TIMEOUT_MS = 5_000;
/** dlv asked to stop gets this long before it is killed. */
export const DLV_EXIT_GRACE_MS = 3_000;
/** A reverse request (runInTerminal) the client does not answer fails after this. */
export const REVERSE_REQUEST_TIMEOUT_MS = 60_000;
/** Capture's work at a stop that takes longer is reported and the stop shown anyway. */
export const CAPTURE_STOP_TIMEOUT_MS = 30_000;
/** How long to wait for a dlv whose connection closed to exit, to say how it ended. */
export const DLV_DEATH_WAIT_MS = 2_000;
