/**
 * A joined plugin-rtc room seen through the engine's MediaRoom port, and plugin-rtc's room listener
 * translated to the engine's RoomEvents.
 */
import type { MediaRoom, RoomEvents } from '../calllib/ports.js';
import type { RCLocalTrack, RCTrack } from '../calllib/types.js';
import { qualityReport, type LinkMeasure } from '../calllib/quality.js';
import type { INetworkQualityUser } from '../calllib/types.js';
import { CALL_SUCCESS } from './codes.js';
import {
  KickReason,
  PingResult,
  type RemoteTrackLike,
  type RoomListenerLike,
  type RTCClientLike,
  type RTCRoomLike,
  type IRCRTCStateReport,
} from './sdk.js';
import { RemoteTrackCache, sdkLocalTracks, sdkRemoteTracks } from './tracks.js';

/**
 * plugin-rtc → engine. Kick-offs: `byServer === false` means our own RTC pings failed (a network
 * loss, end reason 7); `true` with OTHER_KICK means another device of this user joined (21);
 * any other server kick is 23. Our link (`onConnectionChange` with our own id): a failed RTC ping
 * (it goes over the IM connection, so this is IMLib's connection too) or a media connection
 * `disconnected`/`failed` is `reconnecting`, the next good ping or ICE `connected` is `connected`.
 */
export function roomListener(
  events: RoomEvents,
  cache: RemoteTrackCache,
  selfId: () => string,
): RoomListenerLike {
  const wrap = (track: RemoteTrackLike) => cache.wrap(track);
  return {
    onTrackPublish: (tracks) => events.onTrackPublish(cache.wrapAll(tracks)),
    onTrackUnpublish: (tracks) => events.onTrackUnpublish(cache.wrapAll(tracks)),
    onTrackReady: (track) => events.onTrackReady(wrap(track)),
    onUserJoin: (userIds) => events.onUserJoin([...userIds]),
    onUserLeave: (userIds) => events.onUserLeave([...userIds]),
    onAudioMuteChange: (track) => events.onAudioMuteChange(wrap(track)),
    onVideoMuteChange: (track) => events.onVideoMuteChange(wrap(track)),
    onKickOff: (byServer, reason) => {
      if (!byServer) events.onNetworkError();
      else events.onKickOff(reason !== KickReason.OTHER_KICK);
    },
    // A failed ping is not a lost call: plugin-rtc kicks us off (byServer false) once the
    // server's offline limit has passed, which ends the call above, and so does the engine's limit.
    onPing: (result) =>
      events.onConnectionChange?.(
        selfId(),
        result === PingResult.FAIL ? 'reconnecting' : 'connected',
      ),
    onRTCPeerConnectionCloseByException: () => events.onNetworkError(),
  };
}

/** What an ICE state of plugin-rtc's connection to the media server says of our link. */
const ICE_LINK: Partial<Record<string, 'connected' | 'reconnecting'>> = {
  connected: 'connected',
  completed: 'connected',
  disconnected: 'reconnecting',
  failed: 'reconnecting',
};

/**
 * A plugin-rtc state report as network quality: ours from what we send (`senders`) and the
 * connection's round trip, each member's from their tracks we receive (`receivers`; a track id is
 * `userId_tag_kind`).
 */
export function qualityFromReport(
  report: IRCRTCStateReport,
  selfId: string,
): INetworkQualityUser[] {
  const rtt = report.iceCandidatePair?.rtt ?? undefined;
  const measure = (stats: IRCRTCStateReport['senders']): LinkMeasure => ({
    rtt,
    loss: Math.max(0, ...stats.map((s) => s.packetsLostRate ?? 0)),
    jitter: Math.max(0, ...stats.map((s) => s.jitter ?? 0)),
  });
  const byUser = new Map<string, IRCRTCStateReport['receivers']>();
  for (const stat of report.receivers ?? []) {
    const userId = stat.trackId.split('_').slice(0, -2).join('_');
    if (userId) byUser.set(userId, [...(byUser.get(userId) ?? []), stat]);
  }
  const reports = [...byUser].map(([userId, stats]) => qualityReport(userId, measure(stats)));
  if (report.senders?.length) reports.push(qualityReport(selfId, measure(report.senders)));
  return reports;
}

/** The engine's view of one joined plugin-rtc room. */
export class RongCloudRoom implements MediaRoom {
  #left = false;

  constructor(
    private readonly client: RTCClientLike,
    private readonly room: RTCRoomLike,
    private readonly events: RoomEvents,
    private readonly cache: RemoteTrackCache,
    /** Told about each leave in flight, so that the next join can wait for it. */
    private readonly onLeaving: (left: Promise<unknown>) => void = () => undefined,
  ) {
    const selfId = () => room.getCrtUserId();
    room.registerRoomEventListener(roomListener(events, cache, selfId));
    room.registerReportListener({
      onICEConnectionStateChange: (state) => {
        events.onICEConnectionStateChange?.(state);
        const link = ICE_LINK[state];
        if (link) events.onConnectionChange?.(selfId(), link);
      },
      // plugin-rtc measures its connection once a second already: no second getStats loop.
      onStateReport: (report) => {
        for (const quality of qualityFromReport(report, selfId()))
          events.onNetworkQuality?.(quality);
      },
    });
  }

  getRemoteUserIds(): string[] {
    return this.room.getRemoteUserIds();
  }

  getRemoteTracks(): RCTrack[] {
    return this.cache.wrapAll(this.room.getRemoteTracks());
  }

  getSessionId(): string {
    return this.room.getSessionId();
  }

  async publish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    const result = await this.room.publish(sdkLocalTracks(tracks));
    return { code: result.code };
  }

  async unpublish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    const result = await this.room.unpublish(sdkLocalTracks(tracks));
    return { code: result.code };
  }

  async subscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    const result = await this.room.subscribe(sdkRemoteTracks(tracks));
    return { code: result.code };
  }

  async unsubscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    const result = await this.room.unsubscribe(sdkRemoteTracks(tracks));
    return { code: result.code };
  }

  /** plugin-rtc tells the room's members itself when a published local track is (un)muted. */
  async setTrackMuted(track: RCLocalTrack, muted: boolean): Promise<{ code: number }> {
    if (muted) track.mute();
    else track.unmute();
    return { code: CALL_SUCCESS };
  }

  /** IMLib's connection, which carries the call's signals, went down or came back. */
  imLinkChanged(up: boolean): void {
    if (!this.#left)
      this.events.onConnectionChange?.(this.room.getCrtUserId(), up ? 'connected' : 'reconnecting');
  }

  async leave(): Promise<void> {
    if (this.#left) return;
    this.#left = true;
    this.room.registerRoomEventListener(null);
    this.room.registerReportListener(null);
    const left = this.client.leaveRoom(this.room);
    this.onLeaving(left);
    await left;
  }
}
