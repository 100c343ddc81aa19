/**
 * Writes a profile in speedscope's file format for the speedscope panel to fetch. Only the
 * latest few exports are kept: each panel reads its file once, when it opens.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSpeedscopeFile } from '../shared/speedscopeFile';
import type { Profile } from '../profile';

const keep = 5;
const exportName = /^profile-(\d+-\d+)\./;

/** Writes the export, streamed (a large profile's is hundreds of MB); returns its path. */
export async function writeSpeedscopeExport(profile: Profile, sampleType: number, title: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `profile-${Date.now()}-${process.pid}.speedscope.json`);
  await writeSpeedscopeFile(file, profile, sampleType, title);
  await prune(dir);
  return file;
}

/** Removes all but the newest exports, and anything an older version of the extension left there. */
async function prune(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => exportName.test(f));
  const stamp = (f: string): number => Number(exportName.exec(f)![1].split('-')[0]);
  const stale = files.sort((a, b) => stamp(b) - stamp(a)).slice(keep);
  await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
}
