/**
 * Call parties for the RongCloud backend's contract tests: each is a real `RCCallClient` built by
 * the backend (`createRongCloudCallClient`) on a fake plugin context and a fake plugin-rtc client,
 * with a session listener that records every callback.
 */
import type {
  IEndSummary,
  IMuteUser,
  IOfflineRecord,
  ISenderInfo,
  ISessionListener,
  RCCallClient,
  RCCallSession,
  RCTrack,
} from '../../src/rongcloud/index.js';
import { createRongCloudCallClient } from '../../src/rongcloud/index.js';
import {
  FakeIMServer,
  FakePluginContext,
  FakeRTCClient,
  FakeRTCServer,
} from './rongcloud-fakes.js';

export type CallEvent =
  | { type: 'session'; session: RCCallSession }
  | { type: 'ringing'; userId: string }
  | { type: 'accept'; userId: string }
  | { type: 'hungup'; userId: string; reason: number }
  | { type: 'track'; track: RCTrack }
  | { type: 'memberModify'; userId: string; invited: string[] }
  | { type: 'mediaModify'; userId: string; mediaType: number }
  | { type: 'mute'; muteUser: IMuteUser }
  | { type: 'screen'; userId: string; sharing: boolean }
  | { type: 'link'; userId: string; state: string }
  | { type: 'quality'; userId: string; quality: string; loss?: number; rtt?: number }
  | { type: 'close'; session: RCCallSession; summary: IEndSummary }
  | { type: 'offline'; record: IOfflineRecord };

type Of<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

/** A log of callbacks that tests can await in order. */
export class EventLog {
  readonly events: CallEvent[] = [];
  readonly #taken = new Set<CallEvent>();
  #waiters: (() => void)[] = [];

  push(event: CallEvent): void {
    this.events.push(event);
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach((w) => w());
  }

  /** The first event of this type (and filter) not returned before; waits for it if needed. */
  next<T extends CallEvent['type']>(
    type: T,
    filter: (e: Of<T>) => boolean = () => true,
  ): Promise<Of<T>> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.events.find(
          (e): e is Of<T> => e.type === type && !this.#taken.has(e) && filter(e as Of<T>),
        );
        if (found) {
          this.#taken.add(found);
          resolve(found);
        } else this.#waiters.push(check);
      };
      check();
    });
  }

  all<T extends CallEvent['type']>(type: T): Of<T>[] {
    return this.events.filter((e): e is Of<T> => e.type === type);
  }
}

export interface Party {
  userId: string;
  context: FakePluginContext;
  rtc: FakeRTCClient;
  client: RCCallClient;
  log: EventLog;
  listener: ISessionListener;
}

export class World {
  readonly im = new FakeIMServer();
  readonly rtc = new FakeRTCServer();
  readonly parties: Party[] = [];

  party(
    userId: string,
    opts: {
      deviceId?: string;
      timeout?: number;
      lang?: 'zh' | 'en';
      reconnectTimeout?: number;
    } = {},
  ): Party {
    const context = this.im.connect(userId, opts.deviceId);
    const rtc = new FakeRTCClient(this.rtc, userId);
    const log = new EventLog();
    const listener = recordingListener(log);
    const client = createRongCloudCallClient(context, {
      rtcClient: rtc,
      timeout: opts.timeout ?? 10_000,
      reconnectTimeout: opts.reconnectTimeout,
      lang: opts.lang,
      onSession: (session) => {
        session.registerSessionListener(listener);
        log.push({ type: 'session', session });
      },
      onSessionClose: (session, summary) => log.push({ type: 'close', session, summary }),
      onOfflineRecord: (record) => log.push({ type: 'offline', record }),
    });
    client.registerUserInfo({
      name: userId.toUpperCase(),
      portraitUri: `https://a.test/${userId}.png`,
    });
    const party = { userId, context, rtc, client, log, listener };
    this.parties.push(party);
    return party;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.parties.map((p) => p.client.destroy()));
    for (const p of this.parties) p.rtc.created.forEach((t) => t.destroy());
  }
}

function recordingListener(log: EventLog): ISessionListener {
  const id = (sender: ISenderInfo) => sender.userId;
  return {
    onRinging: (sender) => log.push({ type: 'ringing', userId: id(sender) }),
    onAccept: (sender) => log.push({ type: 'accept', userId: id(sender) }),
    onHungup: (sender, reason) => log.push({ type: 'hungup', userId: id(sender), reason }),
    onTrackReady: (track) => log.push({ type: 'track', track }),
    onMemberModify: (sender, invited) =>
      log.push({ type: 'memberModify', userId: id(sender), invited: invited.map(id) }),
    onMediaModify: (sender, mediaType) =>
      log.push({ type: 'mediaModify', userId: id(sender), mediaType }),
    onAudioMuteChange: (muteUser) => log.push({ type: 'mute', muteUser }),
    onVideoMuteChange: (muteUser) => log.push({ type: 'mute', muteUser }),
    onScreenShareChange: ({ userId, sharing }) => log.push({ type: 'screen', userId, sharing }),
    onConnectionStateChange: ({ userId, state }) => log.push({ type: 'link', userId, state }),
    onNetworkQuality: (q) => log.push({ type: 'quality', ...q }),
  };
}

/** The common content fields a party's messages carry. */
export function common(userId: string, deviceId = `${userId}-web`) {
  const portrait = `https://a.test/${userId}.png`;
  return {
    platform: 'Web',
    deviceId,
    user: { id: userId, name: userId.toUpperCase(), portraitUri: portrait, portrait },
  };
}

/** The push config of an Invite/ModifyMem as the backend must send it. */
export function invitePushConfig(
  mediaType: number,
  userIdList: string[],
  callId: string,
  lang: 'zh' | 'en' = 'zh',
) {
  const titles = {
    zh: { 1: '您有一条音频通话', 2: '您有一条视频通话' },
    en: { 1: 'You have a voice call', 2: 'You have a video call' },
  } as const;
  const title = titles[lang][mediaType === 1 ? 1 : 2];
  return {
    pushTitle: title,
    pushContent: title,
    pushData: JSON.stringify({ mediaType, userIdList, callId }),
    disablePushTitle: false,
    forceShowDetailContent: false,
    templateId: '',
  };
}
