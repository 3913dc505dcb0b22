// Browser tests in Debian's Chromium with fake media devices. See ../shared/toolchain.md.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './test/summary-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { testMiddleware, testPlugins } from './test/wtr-plugins.mjs';

const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * A passing run prints only the summary: these browser logs are the libraries' routine chatter,
 * not the tests' (Lit's note that it runs in dev mode, which the tests want for its other checks;
 * the RongCloud SDK's own log lines, `[RC-E]`, `[RC-IM]`, `[RC-RTC]`, with each IM connect).
 */
function isChatter({ args }) {
  const first = typeof args[0] === 'string' ? args[0] : '';
  return first.startsWith('Lit is in dev mode') || /^\S*\[RC-[A-Z]+\]/.test(first);
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  middleware: testMiddleware(),
  filterBrowserLogs: (log) => !isChatter(log),
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    ...testPlugins(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: false }),
    summaryReporter(),
  ],
};
