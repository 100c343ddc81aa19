// The CLI's peak memory on hostile input, beside go tool pprof's on the same files: a gzip
// bomb that inflates to 1 GiB (goal: refused under 100 MB) and a profile whose one function
// name is 100 MB (goal: read within 3x its size). Ours is exact (maxRSS at exit); pprof's is
// VmHWM polled from /proc.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeGzipBomb, writeHugeNameProfile } from '../test/unit/hostileInputs';
import { cliPeak } from '../test/unit/peakMemory';
import { pprofBinary } from '../test/unit/profileFixtures';
import { measure } from './measure';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  try {
    const pprof = await pprofBinary();
    const bomb = join(dir, 'bomb.pb.gz');
    writeGzipBomb(bomb);
    const huge = join(dir, 'huge-name.pb');
    writeHugeNameProfile(huge);
    const size = statSync(huge).size / 2 ** 20;
    console.log(`  input                                   ours (cli top)       go tool pprof -top`);
    const b = await cliPeak(['top', bomb]);
    const pb = await measure(pprof, ['-top', '-symbolize=none', bomb], { mayFail: true });
    console.log(`  1 GiB gzip bomb (${(statSync(bomb).size / 2 ** 20).toFixed(1)} MB), refused   ${b.peakMB.toFixed(0).padStart(6)} MB peak ${b.status === 1 ? '(refused)' : '(NOT refused)'}   ${pb.peakMB.toFixed(0).padStart(6)} MB peak`);
    const h = await cliPeak(['top', huge]);
    const ph = await measure(pprof, ['-top', '-symbolize=none', huge], { mayFail: true });
    console.log(`  one 100 MB name (${size.toFixed(0)} MB file)              ${h.peakMB.toFixed(0).padStart(6)} MB peak (${(h.peakMB / size).toFixed(1)}x)   ${ph.peakMB.toFixed(0).padStart(6)} MB peak (${(ph.peakMB / size).toFixed(1)}x)`);
    const met = b.status === 1 && b.peakMB < 100 && h.status === 0 && h.peakMB < 3 * size;
    console.log(`  goals (bomb refused under 100 MB, a real profile within 3x its size): ${met ? 'met' : 'NOT met'}`);
    if (!met) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
