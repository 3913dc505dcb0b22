/**
 * CallLib as an IMLib plugin: `RongIMLib.installPlugin(installer, { rtcClient, onSession,
 * onSessionClose })` returns an `RCCallClient` that talks to RongCloud's apps on every platform.
 */
import type { IPluginGenerator, IRuntime, PluginContext } from '@rongcloud/engine';
import { RCCallClient } from '../calllib/client.js';
import type { IInstallOptions } from '../calllib/types.js';
import { RongCloudMediaPort } from './media.js';
import { ConnectionStatus, type PluginContextLike, type RTCClientLike } from './sdk.js';
import { PluginSignalingPort, type PluginSignalingHooks } from './signaling.js';

/** Install options: CallLib's, plus the plugin-rtc client that carries the media. */
export interface RongCloudInstallOptions extends IInstallOptions {
  /**
   * The `RCRTCClient` from `RongIMLib.installPlugin(RCRTC.installer, {...})`. Typed by the methods
   * this backend calls, so that tests can pass a fake; the real client fits.
   */
  rtcClient: RTCClientLike;
}

/**
 * Builds the client on a plugin context. This is what `installer.setup` does; it is exported for
 * tests and for hosts that create plugin contexts themselves.
 * @throws TypeError when `rtcClient`, `onSession` or `onSessionClose` is missing (programmer error;
 *   IMLib's `installPlugin` logs it and returns null).
 */
export function createRongCloudCallClient(
  context: PluginContextLike,
  options: RongCloudInstallOptions,
): RCCallClient {
  const rtcClient = options?.rtcClient;
  if (!rtcClient || typeof rtcClient.joinRTCRoom !== 'function') {
    throw new TypeError(
      'installPlugin(installer, options): options.rtcClient must be the RCRTCClient returned by ' +
        'RongIMLib.installPlugin(RCRTC.installer, {})',
    );
  }
  const hooks: PluginSignalingHooks = {};
  const signaling = new PluginSignalingPort(context, hooks);
  const media = new RongCloudMediaPort(rtcClient);
  const client = new RCCallClient(signaling, media, options);
  // IMLib's connection carries the call's signals: while it is down, our link is reconnecting.
  hooks.onStatus = (status) => media.imStatusChanged(status === ConnectionStatus.CONNECTED);
  // IMLib was destroyed: end every call (leaves the rooms, stops the devices).
  hooks.onDestroy = () => void client.destroy();
  return client;
}

/**
 * The IMLib plugin. Tag `RCCall`, as RongCloud's CallLib: IMLib installs one per IM client and
 * returns the same client when installed again.
 */
export const installer: IPluginGenerator<RCCallClient, RongCloudInstallOptions> = {
  tag: 'RCCall',
  // plugin-rtc only runs in browsers; so does a call.
  verify: (runtime: IRuntime) => runtime.tag === 'browser',
  setup: (context: PluginContext, _runtime: IRuntime, options: RongCloudInstallOptions) =>
    createRongCloudCallClient(context, options),
};
