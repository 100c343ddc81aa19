/**
 * `goProfile.capture {kind: "flightRecorder"}`: writes the flight recorder's last seconds to a
 * `.trace` beside the profiles, at a stop, through one injected call that returns when the
 * file is complete (see flightRecorderSource.ts for why that is safe under Delve).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { CAPTURED_EVENT, CaptureHost } from './api';
import { FLIGHT_ATTRIBUTE, FlightSetup } from './flightRecorderLaunch';
import { FLIGHT_HELPER } from './flightRecorderSource';
import { HelperCalls, failOnError } from './helperCalls';
import { PART_SUFFIX } from './helperSource';
import { CaptureError } from './messages';
import { traceFileName } from './traceRecorder';

export const FLIGHT_KIND = 'flightRecorder';

/** Response body of a flight-recorder capture. */
export interface FlightResult {
  path: string;
}

/** Body of `goProfile.captured` for a flight recording: `goroutine` is the one the view centres on. */
export interface FlightCapturedEvent {
  kind: typeof FLIGHT_KIND;
  path: string;
  location: string;
  goroutine: number;
  seconds: number;
  /** When dlv reported the stop (ms since 1970): the trace clock alone cannot tell. */
  stoppedAt?: number;
}

export class FlightRecorderCapture {
  constructor(
    private readonly host: CaptureHost,
    private readonly helper: HelperCalls | undefined,
    private readonly setup: FlightSetup,
    private readonly profileDir: () => string,
    private readonly stoppedAt: number | undefined,
  ) {}

  async capture(threadId: number | undefined): Promise<FlightResult> {
    const helper = this.helper;
    const seconds = this.setup.seconds;
    if (!helper || seconds === undefined) {
      throw new CaptureError(this.unavailable());
    }
    const frame = await helper.frame(threadId);
    mkdirSync(this.profileDir(), { recursive: true });
    const path = traceFileName(this.profileDir(), `led-here_${frame.location}`);
    const outputs = [path, path + PART_SUFFIX];
    const status = await helper.call(frame, FLIGHT_HELPER.write, [path], outputs);
    if (status === 'off') {
      throw new CaptureError(this.unavailable());
    }
    failOnError(status, outputs);
    rmSync(path + PART_SUFFIX, { force: true });
    const event: FlightCapturedEvent = { kind: FLIGHT_KIND, path, location: frame.location, goroutine: frame.threadId, seconds, stoppedAt: this.stoppedAt };
    this.host.sendEvent(CAPTURED_EVENT, event);
    this.host.log(`What led to ${frame.location} (the last ${seconds} s): ${path}`);
    return { path };
  }

  private unavailable(): string {
    return this.setup.reason
      ? `What Led Here is not available: ${this.setup.reason}.`
      : `What Led Here needs the flight recorder: add "${FLIGHT_ATTRIBUTE}": {"seconds": 5} to the launch configuration (Go 1.25 or newer) and restart.`;
  }
}
