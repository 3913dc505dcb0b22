// Browser tests in Debian's Chromium and Firefox ESR, with fake media devices. See
// ../shared/toolchain.md. RC_BROWSERS=chromium (or firefox) runs one of them.
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './test/summary-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { testMiddleware, testPlugins } from './test/wtr-plugins.mjs';

const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

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
  // Three cameras, for switching: the second is a depth camera (Y16), which a video encoder
  // cannot send, so the tests switch to the third.
  '--use-fake-device-for-media-stream=device-count=3',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Firefox, driven over WebDriver BiDi by the same puppeteer-core: fake camera and microphone with
 * no prompt, sound allowed, and background tabs that behave like the front one (two test files
 * run at once: one is in a background tab, where timers would wait at least 1 s and focus would
 * not move).
 */
export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  'dom.min_background_timeout_value': 0,
  'dom.min_background_timeout_value_without_budget_throttling': 0,
  'dom.timeout.enable_budget_timer_throttling': false,
  'dom.timeout.throttling_delay': 0,
  'dom.ipc.processPriorityManager.enabled': false,
  // Focus and :focus-visible as in a focused window, in background tabs too (the keyboard tests).
  'focusmanager.testmode': true,
  // WebRTC inside the tests' loopback-only network: loopback candidates (as Chromium's
  // --allow-loopback-in-peer-connection) with their real address, not an mDNS name.
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
};

/**
 * A Firefox page whose viewport can be set on every ESR: puppeteer's `setViewport` sends the
 * viewport and a screen-orientation override together, and Firefox 140 ESR (Debian bookworm's
 * firefox-esr in December 2026) knows no `emulation.setScreenOrientationOverride`. The viewport
 * command has gone by then; only that refusal is dropped.
 */
async function firefoxPage({ context }) {
  const page = await context.newPage();
  const setViewport = page.setViewport.bind(page);
  page.setViewport = (viewport) =>
    setViewport(viewport).catch((error) => {
      if (!/unknown command emulation\.setScreenOrientationOverride/.test(error?.message)) {
        throw error;
      }
    });
  return page;
}

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      createPage: firefoxPage,
      // One test page at a time: a background tab of Firefox does not take keyboard focus.
      concurrency: 1,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        extraPrefsFirefox: firefoxPrefs,
      },
    }),
};

const browsers = (process.env.RC_BROWSERS ?? 'chromium,firefox').split(',').map((name) => {
  const launch = launchers[name.trim()];
  if (!launch) throw new Error(`RC_BROWSERS: no browser "${name}" (chromium, firefox)`);
  return launch();
});

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
  browsers,
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: false }),
    summaryReporter(),
  ],
};
