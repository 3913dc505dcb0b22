import type {
  JoinResult,
  LocalTrackRequest,
  LocalTracksResult,
  MediaPort,
  RoomEvents,
} from '../calllib/ports.js';
import { mediaFailureCause, splitAdopted } from '../calllib/media-failure.js';
import { openDevices } from './devices.js';
import { LocalRoom } from './room.js';
import type { LocalSignaling } from './signaling.js';
import { LocalTrack, RemoteTrack } from './tracks.js';

/** How long a room waits for devices being opened before it announces itself anyway. */
const OPEN_WAIT_MS = 1000;

/** What the local backend holds right now; see `LocalCallClient.inspect()`. */
export interface LocalMediaInspection {
  /** The camera/microphone tracks in use (ended ones until their room closes). */
  localTracks: MediaStreamTrack[];
  /**
   * The peer connections of the rooms joined now (closed ones included until their room closes:
   * then they are let go, so take this during a call to check them after).
   */
  peerConnections: RTCPeerConnection[];
  /** Audio elements currently playing remote audio. */
  audioElements: number;
  /** Rooms joined and not yet left, by room id (the callId). */
  rooms: Map<string, LocalRoom>;
}

/**
 * The engine's media port: opens devices with `getUserMedia` and joins mesh rooms. It keeps a
 * record of what it is using, so that teardown can be checked (`LocalCallClient.inspect()`): closed
 * connections and ended tracks leave it when their room closes (or, stopped later, when the next
 * call starts), so a long-lived client keeps nothing of its past calls.
 */
export class LocalMedia implements MediaPort {
  private readonly rooms = new Map<string, LocalRoom>();
  private readonly tracks: MediaStreamTrack[] = [];
  private readonly connections: RTCPeerConnection[] = [];
  private readonly remoteTracks = new Set<RemoteTrack>();
  /** `getUserMedia` calls in flight. */
  private readonly opening = new Set<Promise<unknown>>();
  private readonly offStatus: () => void;

  constructor(
    private readonly signaling: LocalSignaling,
    private readonly rtcConfiguration: RTCConfiguration = {},
    private readonly onTurnFailure?: (detail: string) => void,
  ) {
    let last = signaling.status;
    this.offStatus = signaling.onStatus((status) => {
      // Members may have been told we left while the relay connection was down.
      if (status === 'connected' && last !== 'connected')
        this.rooms.forEach((room) => room.rejoin());
      last = status;
    });
  }

  /** The page's configuration, with the TURN credentials of the relay's latest welcome added. */
  private currentRtcConfiguration(): RTCConfiguration {
    const fromRelay = this.signaling.transport.iceServers ?? [];
    if (fromRelay.length === 0) return this.rtcConfiguration;
    const own = this.rtcConfiguration.iceServers ?? [];
    return { ...this.rtcConfiguration, iceServers: [...own, ...fromRelay] };
  }

  /** WebRTC is here (some in-app webviews, Lockdown Mode and WebKitGTK have none). */
  isSupported(): boolean {
    return typeof globalThis.RTCPeerConnection === 'function';
  }

  async createLocalTracks(request: LocalTrackRequest): Promise<LocalTracksResult> {
    const { constraints } = request;
    const { adopted, audio, video } = splitAdopted(request);
    const opened = openDevices(audio, video, constraints);
    this.opening.add(opened);
    const { code, tracks: fresh, cause } = await opened.finally(() => this.opening.delete(opened));
    if (code !== 10000) return { code, cause, tracks: [] };
    const tracks = [...adopted, ...fresh];
    this.forgetFinished();
    this.tracks.push(...tracks);
    const userId = this.signaling.getUserId();
    const sized = !!constraints?.video?.resolution;
    return {
      code,
      tracks: tracks.map((t) => new LocalTrack(userId, t, sized && t.kind === 'video')),
    };
  }

  /** `getDisplayMedia`: the screen, window or tab the user picks, sent as it is. */
  async createScreenTrack(): Promise<LocalTracksResult> {
    let stream: MediaStream;
    try {
      const media = globalThis.navigator?.mediaDevices;
      if (!media?.getDisplayMedia)
        throw new DOMException('getDisplayMedia is unavailable', 'NotSupportedError');
      stream = await media.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      return { code: 53302, tracks: [], cause: mediaFailureCause(error) };
    }
    const [track] = stream.getVideoTracks();
    stream.getAudioTracks().forEach((t) => t.stop());
    if (!track) return { code: 53302, tracks: [], cause: 'not-found' };
    track.contentHint = 'detail';
    this.tracks.push(track);
    return { code: 10000, tracks: [new LocalTrack(this.signaling.getUserId(), track, true, true)] };
  }

  async joinRoom(roomId: string, events: RoomEvents): Promise<JoinResult> {
    const previous = this.rooms.get(roomId);
    if (previous) await previous.leave();
    this.forgetFinished();
    const room = new LocalRoom(roomId, events, {
      signaling: this.signaling,
      rtcConfiguration: this.currentRtcConfiguration(),
      onTurnFailure: this.onTurnFailure,
      track: (item) => {
        if (item instanceof RemoteTrack) this.remoteTracks.add(item);
        else this.connections.push(item);
      },
      closed: (closed) => {
        if (this.rooms.get(roomId) === closed) this.rooms.delete(roomId);
        this.remoteTracks.forEach((t) => t.hasAudioElement() || this.remoteTracks.delete(t));
        this.forgetFinished();
      },
    });
    this.rooms.set(roomId, room);
    // The engine publishes right after joining (a callee once its devices are open): the room
    // announces itself in that publish, with its tracks, so that members learn them without
    // another round trip; without a publish, a task later.
    room.joinOnPublish = true;
    if (this.opening.size === 0) setTimeout(() => room.join(), 0);
    else void this.joinWhenOpened(room);
    return { code: 10000, room };
  }

  /**
   * A callee opens its devices and joins at once. Peer connections negotiated meanwhile hold up
   * `getUserMedia` (the browser serves both on one thread: a group of four in one page took 275
   * instead of 253 ms when its members joined at once), so the room announces itself once the
   * devices are open and the tracks published (or after {@link OPEN_WAIT_MS}, e.g. a permission
   * prompt).
   */
  private async joinWhenOpened(room: LocalRoom): Promise<void> {
    const waited = new Promise((done) => setTimeout(done, OPEN_WAIT_MS));
    await Promise.race([Promise.allSettled([...this.opening]), waited]);
    // The engine publishes the new tracks in the microtasks that follow the opening.
    await new Promise((done) => setTimeout(done, 0));
    room.join();
  }

  inspect(): LocalMediaInspection {
    return {
      localTracks: [...this.tracks],
      peerConnections: [...this.connections],
      audioElements: [...this.remoteTracks].filter((t) => t.hasAudioElement()).length,
      rooms: new Map(this.rooms),
    };
  }

  /** Drops ended tracks and closed peer connections from the record (they hold native memory). */
  private forgetFinished(): void {
    const keep = <T>(list: T[], live: (item: T) => boolean) =>
      list.splice(0, list.length, ...list.filter(live));
    keep(this.tracks, (t) => t.readyState !== 'ended');
    keep(
      this.connections,
      (pc) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed',
    );
  }

  /** Leaves every room and stops every device. */
  async close(): Promise<void> {
    this.offStatus();
    await Promise.all([...this.rooms.values()].map((room) => room.leave()));
    this.tracks.forEach((track) => track.stop());
  }
}
