// A real flight recording for the suites that need one (webview, bench): the flightrec fixture
// run under the go-dlv adapter and real dlv, stopped at BP:stop, written by
// `goProfile.capture {kind: "flightRecorder"}`. The caller removes `dir`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { FlightCapturedEvent } from '../../src/capture/flightRecorder';
import { ROOT, lineOf, startAdapter, startDebugging, toolEnv } from './harness';

export const FLIGHT_FIXTURE = join(ROOT, 'test', 'fixtures', 'flightrec');
export const FLIGHT_MAIN = join(FLIGHT_FIXTURE, 'main.go');

export async function recordFlight(seconds = 2): Promise<{ event: FlightCapturedEvent; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'flightrec-'));
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  try {
    let event: FlightCapturedEvent | undefined;
    s.client.on('goProfile.captured', (e: DebugProtocol.Event) => (event = e.body as FlightCapturedEvent));
    await startDebugging(s.client, 'launch', { program: FLIGHT_FIXTURE, cwd: FLIGHT_FIXTURE, profileDir: dir, flightRecorder: { seconds } }, { [FLIGHT_MAIN]: [{ line: lineOf(FLIGHT_MAIN, 'stop') }] });
    const stop = await s.nextStop(60_000);
    await s.client.customRequest('goProfile.capture', { kind: 'flightRecorder', threadId: stop.threadId });
    if (!event) {
      throw new Error('no goProfile.captured event for the flight recording');
    }
    return { event, dir };
  } finally {
    await s.close();
  }
}
