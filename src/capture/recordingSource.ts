/**
 * The Go both generated helpers share for a recording that runs on after the injected call
 * returns (a CPU profile, an execution trace): start, start-for-a-while and stop entry points,
 * one recording at a time, ended once (the timer goroutine and an injected call at a breakpoint
 * may both try), written to `<path>.part` and renamed to `<path>` only once complete.
 */

/** A recording is written to `<path>.part` and renamed to `<path>` once complete. */
export const PART_SUFFIX = '.part';

export interface RecordingGo {
  /** Names of the called (noinline) entry points. */
  start: string;
  startFor: string;
  stop: string;
  /** Names of the internal begin/end functions. */
  begin: string;
  end: string;
  /**
   * The helper's state variable (see hiddenStateVar): a struct with at least the fields
   * token, counter (atomic.Int64), file (*os.File) and path (string).
   */
  vars: string;
  /** What the end function's comment calls one recording. */
  noun: string;
  /** Go condition, besides a live token, under which a new recording is refused. */
  alsoBusy?: string;
  busyError: string;
  /** Go call that starts recording into the open file `f`. */
  startCall: string;
  /** Go lines run once recording started, before the token is published. */
  afterStart?: string[];
  /** Go lines that stop recording, before the file is closed. */
  stopLines: string[];
}

/**
 * Declares the helper's package-level state under a linker symbol outside the user's package
 * (`go_debug_profile.<symbol>`): Delve's Globals scope (showGlobalVariables) lists the
 * variables of the stopped package by symbol name, so the helper's state stays out of it,
 * while `evaluate go_debug_profile.<symbol>` still reads it. Needs `_ "unsafe"` imported.
 */
export function hiddenStateVar(goName: string, symbol: string, fields: string[]): string {
  return `//go:linkname ${goName} ${HIDDEN_PACKAGE}.${symbol}
var ${goName} struct {
${fields.map((f) => `\t${f}\n`).join('')}}
`;
}

/** The package path the helper's state symbols are named under. */
export const HIDDEN_PACKAGE = 'go_debug_profile';

/** The fields recordingSource needs in its state variable. */
export const RECORDING_FIELDS = ['token, counter atomic.Int64', 'file *os.File', 'path string'];

const indent = (lines: string[] = []): string => lines.map((l) => `\t${l}\n`).join('');

export function recordingSource(r: RecordingGo): string {
  return `//go:noinline
func ${r.start}(path string) string {
	_, status := ${r.begin}(path)
	return status
}

//go:noinline
func ${r.startFor}(path string, millis int) string {
	token, status := ${r.begin}(path)
	if status == "ok" {
		go func() {
			time.Sleep(time.Duration(millis) * time.Millisecond)
			${r.end}(token)
		}()
	}
	return status
}

//go:noinline
func ${r.stop}() string {
	token := ${r.vars}.token.Load()
	if token == 0 {
		return "none"
	}
	return ${r.end}(token)
}

func ${r.begin}(path string) (int64, string) {
	if ${r.vars}.token.Load() != 0${r.alsoBusy ? ` || ${r.alsoBusy}` : ''} {
		return 0, "error: ${r.busyError}"
	}
	// O_EXCL: never write through a link or over a file someone put at this name.
	f, err := os.OpenFile(path+"${PART_SUFFIX}", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, "error: " + err.Error()
	}
	if err := ${r.startCall}; err != nil {
		f.Close()
		os.Remove(path + "${PART_SUFFIX}")
		return 0, "error: " + err.Error()
	}
	token := ${r.vars}.counter.Add(1)
	${r.vars}.file, ${r.vars}.path = f, path
${indent(r.afterStart)}	${r.vars}.token.Store(token)
	return token, "ok"
}

// ${r.end} ends the ${r.noun} identified by token, once: the timer goroutine
// and an injected call at a breakpoint may both try.
func ${r.end}(token int64) string {
	if !${r.vars}.token.CompareAndSwap(token, 0) {
		return "none"
	}
${indent(r.stopLines)}	f, path := ${r.vars}.file, ${r.vars}.path
	${r.vars}.file, ${r.vars}.path = nil, ""
	if err := f.Close(); err != nil {
		os.Remove(path + "${PART_SUFFIX}")
		return "error: " + err.Error()
	}
	if err := os.Rename(path+"${PART_SUFFIX}", path); err != nil {
		return "error: " + err.Error()
	}
	return "ok"
}
`;
}
