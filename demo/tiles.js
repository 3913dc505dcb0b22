// Video tiles of the demo: one per member, local one mirrored and silent.

export class Tiles {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** @type {Map<string, HTMLElement>} */
    this.tiles = new Map();
  }

  /** The tile of `userId`, created on first use. */
  tile(userId, local = false) {
    let tile = this.tiles.get(userId);
    if (!tile) {
      tile = document.createElement('figure');
      tile.className = local ? 'tile local' : 'tile';
      const video = document.createElement('video');
      video.muted = true; // audio plays through the track's own element, never the local one
      video.playsInline = true;
      video.autoplay = true;
      const caption = document.createElement('figcaption');
      caption.textContent = local ? `${userId} (you)` : userId;
      const avatar = document.createElement('div');
      avatar.className = 'avatar';
      avatar.textContent = userId.slice(0, 1).toUpperCase();
      avatar.setAttribute('aria-hidden', 'true');
      tile.append(avatar, video, caption);
      this.tiles.set(userId, tile);
      if (local) this.container.prepend(tile);
      else this.container.append(tile);
    }
    return tile;
  }

  /** Plays a track: video into the member's tile, remote audio through its own element. */
  show(track) {
    const userId = track.getUserId();
    const tile = this.tile(userId, track.isLocalTrack());
    if (track.isVideoTrack()) {
      tile.classList.add('has-video');
      tile.classList.remove('video-muted');
      void track.play(tile.querySelector('video'));
    } else if (!track.isLocalTrack()) {
      void track.play();
    }
  }

  mute(userId, kind, muted) {
    const tile = this.tiles.get(userId);
    tile?.classList.toggle(kind === 'audio' ? 'audio-muted' : 'video-muted', muted);
  }

  remove(userId) {
    this.tiles.get(userId)?.remove();
    this.tiles.delete(userId);
  }

  clear() {
    for (const tile of this.tiles.values()) {
      const video = tile.querySelector('video');
      if (video) video.srcObject = null;
      tile.remove();
    }
    this.tiles.clear();
  }
}
