// The Node edge of the speedscope export: the engine's chunks streamed into a file, so a large
// profile's JSON never exists whole in memory, and no file left behind when the export fails.
import { createWriteStream, statSync, unlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { speedscopeChunks, type Profile } from '../profile';

export async function writeSpeedscopeFile(path: string, profile: Profile, sampleType: string | number | undefined, name: string): Promise<void> {
  const chunks = speedscopeChunks(profile, sampleType, name);
  // The first chunk is asked for before the file is created: a sample type the profile lacks leaves nothing behind.
  const head = chunks.next();
  const all = function* (): Generator<string, void, undefined> {
    if (!head.done) yield head.value;
    yield* chunks;
  };
  try {
    await pipeline(Readable.from(all()), createWriteStream(path));
  } catch (e) {
    // A write that failed half-way (disk full) must not leave a truncated file behind.
    try {
      if (statSync(path).isFile()) unlinkSync(path);
    } catch {
      // Nothing was created.
    }
    throw e;
  }
}
