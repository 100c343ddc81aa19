import { CaptureController, CaptureHost, DlvLaunchArgs } from './api';

/** Placeholder until capture lands: launches pass through, captures are refused plainly. */
export function createCaptureController(_host: CaptureHost): CaptureController {
  return {
    prepareLaunch: async (args: DlvLaunchArgs) => args,
    handleRequest: async (command: string) => {
      throw new Error(`${command} is not available in this build.`);
    },
    onStopped: async () => undefined,
    dispose: async () => undefined,
  };
}
