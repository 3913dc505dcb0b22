// Screenshots of every <rc-call-session> state, light and dark, for a person to look at.
// Usage: node test/browser/elements/screenshots.mjs [outDir=screenshots] (SCENES=a,b to pick)
// Chinese text needs a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk).
import { mkdirSync } from 'node:fs';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../../web-test-runner.config.mjs';

const out = process.argv[2] ?? 'screenshots';
mkdirSync(out, { recursive: true });
const server = await startDevServer({
  config: {
    rootDir: process.cwd(),
    hostname: '127.0.0.1',
    port: 8765,
    nodeResolve: true,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const scenes = process.env.SCENES?.split(',') ?? [
  'idle',
  'incoming',
  'outgoing',
  'outgoing-audio',
  'active-video',
  'active-audio',
  'group',
  'invite',
  'blocked',
  'ended',
];
try {
  for (const scheme of ['light', 'dark']) {
    for (const lang of ['en', 'zh']) {
      for (const scene of scenes) {
        const page = await browser.newPage({
          viewport: { width: 704, height: 544 },
          colorScheme: scheme,
        });
        page.on('console', (m) => m.type() === 'error' && console.log(scene, m.text()));
        await page.goto(
          `http://127.0.0.1:8765/test/browser/elements/gallery.html?scene=${scene}&lang=${lang}`,
        );
        await page.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
        const file = `${out}/${scene}-${lang}-${scheme}.png`;
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
