// Activation time of the packaged extension in a real VS Code (code-server + Chromium), as
// Developer: Show Running Extensions reports it (code loading + activate() call). Each round
// opens a new browser window (fresh browser storage, so no editor is restored), which gets a
// new extension host, and opens a Go file there, which activates us (onLanguage:go). The built-in extensions activated in the same window are printed beside
// it for scale.
//   npm run build && node scripts/bench.mjs activation        BENCH_ROUNDS=5 by default
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEditorSession, packageVsix, root } from '../test/editor/session';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  packageVsix();
  const session = await openEditorSession();
  const ours: number[] = [];
  const builtIns: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const workbench = round === 0 ? session.workbench : await session.newWindow();
      await workbench.openFile('main.go').catch(async (e) => {
        await workbench.screenshot(`FAILED-round-${round + 1}`);
        throw e;
      });
      const activation = await workbench.activation(manifest.name, 30_000);
      if (!activation) {
        throw new Error(`round ${round + 1}: ${manifest.name} did not activate`);
      }
      ours.push(activation.ms);
      const others = await workbench.activationTimes();
      builtIns.push(...others.filter((o) => o.name !== manifest.name && !o.startup).map((o) => o.ms));
      console.log(`round ${round + 1}: ${activation.ms} ms (${activation.reason})`);
      await workbench.page.close();
    }
  } finally {
    await session.close();
  }
  const ourMedian = median(ours);
  const builtInMedian = median(builtIns);
  console.log(`activation of ${manifest.name}: median ${ourMedian} ms, min ${Math.min(...ours)} ms, max ${Math.max(...ours)} ms over ${ours.length} window loads`);
  console.log(`built-in extensions activated on demand in the same windows: median ${builtInMedian} ms (ours / theirs = ${(ourMedian / builtInMedian).toFixed(2)})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
