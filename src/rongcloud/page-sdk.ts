/**
 * The page's one RongCloud SDK instance, as `startRongCloud` uses it: loaded on first use, `init`
 * once, plugin-rtc installed once, and a plugin context kept for the CallLib clients of later starts.
 *
 * It is never `destroy()`ed: IMLib 5.7.3's IndexedDB logger keeps writing to the database that
 * `destroy()` closes and rejects a promise nobody handles ("The database connection is closing").
 * Disconnecting is enough to end a user's connection; the next start connects the same instance.
 */
import type { IPluginGenerator, PluginContext } from '@rongcloud/engine';
import type { IRCRTCInitOptions } from '@rongcloud/plugin-rtc';
import type { RTCClientLike } from './sdk.js';

export type IMLib = typeof import('@rongcloud/imlib-next');

export interface PageSdk {
  appkey: string;
  navigators: string[];
  im: IMLib;
  /** null when plugin-rtc refused the page (neither https nor localhost). */
  rtcClient: RTCClientLike | null;
  /** A plugin context of our own: each start builds its CallLib client on it. */
  context: PluginContext;
}

/** Hands out its plugin context; IMLib keeps the context in its queue for message delivery. */
const contextPlugin: IPluginGenerator<PluginContext, undefined> = {
  tag: 'RCCallElements',
  verify: () => true,
  setup: (context) => context,
};

/** The page already runs RongCloud with another appkey or other navigators. */
export class AppkeyMismatchError extends Error {}

let page: Promise<PageSdk> | undefined;

/**
 * The SDK for this appkey. Rejects with a message when the page already runs another appkey or
 * other navigators (IMLib cannot switch without `destroy()`, see above): reload the page for that.
 */
export async function pageSdk(
  appkey: string,
  navigators: string[],
  rtcOptions: IRCRTCInitOptions,
): Promise<PageSdk> {
  page ??= load(appkey, navigators, rtcOptions);
  const current = await page.catch((error: unknown) => {
    page = undefined; // a failed load (network) may work next time
    throw error;
  });
  if (current.appkey !== appkey || current.navigators.join() !== navigators.join()) {
    throw new AppkeyMismatchError(
      'RongCloud already runs with another appkey on this page; reload to switch',
    );
  }
  return current;
}

async function load(
  appkey: string,
  navigators: string[],
  rtcOptions: IRCRTCInitOptions,
): Promise<PageSdk> {
  const [im, RCRTC] = await Promise.all([
    import('@rongcloud/imlib-next'),
    import('@rongcloud/plugin-rtc'),
  ]);
  im.init({ appkey, navigators });
  const rtcClient = im.installPlugin(RCRTC.installer, rtcOptions);
  const context = im.installPlugin(contextPlugin, undefined);
  if (!context) throw new Error('IMLib refused the plugin context');
  return { appkey, navigators, im, rtcClient, context };
}
