/**
 * Whether Delve is there, for the walkthrough's "Install Delve" step: package.json ticks the
 * step on `onContext:goDlv.dlvInstalled`, which ./dlvContext.ts sets from this answer. "There"
 * is what a launch needs: found where a launch looks (dlvPath, PATH, GOBIN, GOPATH/bin) and new
 * enough.
 */
import { locateDlv } from '../debug/dlvLocator';

export const DLV_INSTALLED_CONTEXT = 'goDlv.dlvInstalled';

export async function dlvInstalled(dlvPath: string | undefined, env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await locateDlv(dlvPath, env);
    return true;
  } catch {
    return false;
  }
}
