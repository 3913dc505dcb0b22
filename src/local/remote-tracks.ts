import type { RoomEvents } from '../calllib/ports.js';
import { applyTrackStates, closeMember, type Member, type TrackState } from './room-member.js';
import type { RemoteTrack, TrackSlot } from './tracks.js';

/**
 * The room's remote tracks as the engine learns of them: announced by their member (publish,
 * unpublish, mute), subscribed by the engine, and ready once their media has arrived; a track is
 * ready only when both have happened, in either order.
 */
export class RemoteTracks {
  private readonly subscribed = new Set<RemoteTrack>();

  constructor(
    private readonly events: RoomEvents,
    /** Told about every new remote track, for teardown checks. */
    private readonly record: (track: RemoteTrack) => void,
  ) {}

  /** Applies a member's announced tracks: publish, unpublish and mute changes. */
  update(member: Member, states: TrackState[] | undefined): void {
    const { added, removed, muteChanged } = applyTrackStates(member, states);
    removed.forEach((track) => this.unsubscribe(track));
    added.forEach((track) => this.record(track));
    if (removed.length) this.events.onTrackUnpublish(removed);
    if (added.length) this.events.onTrackPublish(added);
    for (const track of muteChanged) {
      if (track.isAudioTrack()) this.events.onAudioMuteChange(track);
      else this.events.onVideoMuteChange(track);
    }
  }

  subscribe(track: RemoteTrack, member: Member | undefined): void {
    this.subscribed.add(track);
    if (member) this.ready(member, track.slot);
  }

  unsubscribe(track: RemoteTrack): void {
    this.subscribed.delete(track);
    track.dispose();
  }

  /** The member's peer connection received the media of `slot`. */
  received(member: Member, slot: TrackSlot, media: MediaStreamTrack): void {
    member.received.set(slot, media);
    this.ready(member, slot);
  }

  /** Closes the member's connection and lets go of its tracks. */
  drop(member: Member): void {
    closeMember(member).forEach((track) => this.unsubscribe(track));
  }

  clear(): void {
    this.subscribed.clear();
  }

  /** Tells the engine a subscribed track can play, once its media has arrived. */
  private ready(member: Member, slot: TrackSlot): void {
    const track = member.tracks.get(slot);
    const media = member.received.get(slot);
    if (!track || !media || !this.subscribed.has(track) || track.getMediaStreamTrack() === media)
      return;
    track.setMediaStreamTrack(media);
    this.events.onTrackReady(track);
  }
}
