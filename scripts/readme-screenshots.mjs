// Copies screenshots of the editor journey (test-artifacts/editor/journey, written by
// `node scripts/test.mjs editor`) into media/screenshots/ for the README, scaled down to
// 1000 px wide JPEGs by Chromium so the .vsix stays small. Run after the editor suite:
//   node scripts/readme-screenshots.mjs
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const from = 'test-artifacts/editor/journey';
const to = 'media/screenshots';
const width = 1000;
// README name <- the journey step whose screenshot it is
const wanted = {
  'heap-flame-graph': 'heap-flame-graph',
  annotations: 'annotations',
  'cpu-flame-graph': 'cpu-flame-graph',
};

const files = readdirSync(from);
mkdirSync(to, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [name, step] of Object.entries(wanted)) {
    const file = files.find((f) => f.replace(/^\d+-/, '') === `${step}.png`);
    if (!file) {
      throw new Error(`${from} has no screenshot of "${step}": run the editor suite first`);
    }
    const png = readFileSync(`${from}/${file}`);
    const page = await browser.newPage({ viewport: { width, height: 100 } });
    await page.setContent(`<body style="margin:0"><img id="i" style="display:block;width:${width}px" src="data:image/png;base64,${png.toString('base64')}"></body>`);
    await page.locator('#i').screenshot({ path: `${to}/${name}.jpg`, type: 'jpeg', quality: 72 });
    await page.close();
    console.log(`${to}/${name}.jpg <- ${from}/${file}`);
  }
} finally {
  await browser.close();
}
