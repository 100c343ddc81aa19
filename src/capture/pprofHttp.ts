/**
 * Captures from a net/http/pprof endpoint (`pprofURL`) for sessions without the helper
 * (exec, attach). The endpoint is served by the program itself, so it answers only while
 * the program runs; a stopped program is said to be the likely reason when it is silent.
 */
import { CaptureKind } from './api';
import { CaptureError } from './messages';

const ENDPOINT: Partial<Record<CaptureKind, string>> = {
  heap: 'heap?gc=1',
  allocs: 'allocs',
  block: 'block',
  mutex: 'mutex',
  goroutine: 'goroutine',
};

export async function fetchProfile(baseURL: string, kind: CaptureKind, seconds: number | undefined): Promise<Buffer> {
  let endpoint = ENDPOINT[kind];
  if (kind === 'cpu') {
    if (!seconds) {
      throw new CaptureError('"CPU until next stop" needs the profiling helper; through pprofURL only "CPU for N seconds" is possible.');
    }
    endpoint = `profile?seconds=${Math.ceil(seconds)}`;
  }
  if (!endpoint) {
    throw new CaptureError(`${kind} needs the profiling helper, which the pprof endpoint cannot replace.`);
  }
  const base = /\/debug\/pprof\/?$/.test(baseURL) ? baseURL : `${baseURL.replace(/\/$/, '')}/debug/pprof`;
  const url = new URL(endpoint, base.endsWith('/') ? base : `${base}/`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(((seconds ?? 0) + 5) * 1000) });
  } catch (err) {
    const why = (err as Error).name === 'TimeoutError'
      ? 'it did not answer; the program serves it only while it runs, so continue the program and capture again'
      : `it could not be reached (${(err as Error).message})`;
    throw new CaptureError(`pprofURL ${url.origin}: ${why}.`);
  }
  if (!response.ok) {
    throw new CaptureError(`pprofURL ${url.href} answered ${response.status} ${response.statusText}.`);
  }
  return Buffer.from(await response.arrayBuffer());
}
