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
  /** Prefix of the package variables <vars>Token, <vars>Counter, <vars>File and <vars>Path. */
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
	token := ${r.vars}Token.Load()
	if token == 0 {
		return "none"
	}
	return ${r.end}(token)
}

func ${r.begin}(path string) (int64, string) {
	if ${r.vars}Token.Load() != 0${r.alsoBusy ? ` || ${r.alsoBusy}` : ''} {
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
	token := ${r.vars}Counter.Add(1)
	${r.vars}File, ${r.vars}Path = f, path
${indent(r.afterStart)}	${r.vars}Token.Store(token)
	return token, "ok"
}

// ${r.end} ends the ${r.noun} identified by token, once: the timer goroutine
// and an injected call at a breakpoint may both try.
func ${r.end}(token int64) string {
	if !${r.vars}Token.CompareAndSwap(token, 0) {
		return "none"
	}
${indent(r.stopLines)}	f, path := ${r.vars}File, ${r.vars}Path
	${r.vars}File, ${r.vars}Path = nil, ""
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
