/**
 * Picture-in-picture for `<rc-call-client>.togglePictureInPicture()`: the first remote member's
 * video (a shared screen first) in the browser's floating video window, and back. Loaded on first
 * use.
 */

/** The `<video>` elements of the tiles inside `root`, through the session's shadow root. */
function remoteVideos(root: Element): HTMLVideoElement[] {
  const tiles = [root, ...root.querySelectorAll('rc-call-session')].flatMap((el) => [
    ...el.querySelectorAll('rc-video-tile'),
    ...(el.shadowRoot?.querySelectorAll('rc-video-tile') ?? []),
  ]);
  const remote = tiles.filter((t) => !t.hasAttribute('local') && !t.hasAttribute('video-muted'));
  remote.sort((a, b) => Number(b.hasAttribute('screen')) - Number(a.hasAttribute('screen')));
  return remote.flatMap((t) => [...(t.shadowRoot?.querySelectorAll('video') ?? [])]);
}

export async function togglePictureInPicture(root: Element): Promise<boolean> {
  if (document.pictureInPictureElement) {
    await document.exitPictureInPicture();
    return false;
  }
  const video = remoteVideos(root).find((v) => v.videoWidth > 0);
  if (!video || !document.pictureInPictureEnabled) return false;
  await video.requestPictureInPicture();
  return true;
}
