/**
 * Picture in picture for the call of a `<rc-call-client>` or `<rc-call-session>`: where the browser
 * has Document Picture-in-Picture (Chromium 116+), a small always-on-top window with the call's
 * videos, names and its microphone, camera and hang-up buttons, kept up to date; elsewhere the
 * remote video (a shared screen first) in the browser's classic video window. Sound keeps playing
 * in the page. Loaded on first use.
 */
import type { CallModel } from './call-model.js';
import { tileOrder } from './call-members.js';
import { resolveStrings } from './lang.js';
import type { CallStore } from './store.js';
import type { RCTrack } from '../src/calllib/types.js';

interface DocumentPictureInPicture {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  readonly window: Window | null;
}

declare global {
  interface Window {
    documentPictureInPicture?: DocumentPictureInPicture;
  }
}

const PIP_CSS = `
  body { margin: 0; background: #111; color: #f5f7fa; font: 13px system-ui, sans-serif;
    display: grid; grid-template-rows: 1fr auto; height: 100vh; }
  .tiles { display: grid; gap: 4px; padding: 4px; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); }
  figure { position: relative; margin: 0; background: #2a303a; border-radius: 8px; overflow: hidden; min-height: 80px; }
  video { width: 100%; height: 100%; object-fit: cover; display: block; }
  .screen video { object-fit: contain; }
  .local video { transform: scaleX(-1); }
  figcaption { position: absolute; left: 6px; bottom: 4px; text-shadow: 0 1px 2px #000; }
  .bar { display: flex; gap: 8px; justify-content: center; padding: 8px; }
  button { font: inherit; border: 0; border-radius: 16px; padding: 6px 12px; background: #3a414d; color: inherit; }
  button.off { background: #f5f7fa; color: #111; }
  button.danger { background: #e5484d; }
`;

/** The call `root` shows: a session's, else its client's current one. */
function callOf(root: Element): CallModel | undefined {
  const { store, boundCallId } = root as Element & { store?: CallStore; boundCallId?: string };
  return store?.get(boundCallId) ?? store?.current;
}

let open: { window: Window; close(): void } | undefined;

export async function togglePictureInPicture(root: Element): Promise<boolean> {
  if (open) {
    open.close();
    return false;
  }
  if (document.pictureInPictureElement) {
    await document.exitPictureInPicture();
    return false;
  }
  const model = callOf(root);
  const docPip = window.documentPictureInPicture;
  if (model && docPip) return openDocumentPip(docPip, model, root);
  return classic(root);
}

/** The classic video window: the first remote video with frames (a shared screen first). */
async function classic(root: Element): Promise<boolean> {
  const tiles = [root, ...root.querySelectorAll('rc-call-session')].flatMap((el) => [
    ...el.querySelectorAll('rc-video-tile'),
    ...(el.shadowRoot?.querySelectorAll('rc-video-tile') ?? []),
  ]);
  const remote = tiles.filter((t) => !t.hasAttribute('local') && !t.hasAttribute('video-muted'));
  remote.sort((a, b) => Number(b.hasAttribute('screen')) - Number(a.hasAttribute('screen')));
  const videos = remote.flatMap((t) => [...(t.shadowRoot?.querySelectorAll('video') ?? [])]);
  const video = videos.find((v) => v.videoWidth > 0);
  if (!video || !document.pictureInPictureEnabled) return false;
  await video.requestPictureInPicture();
  return true;
}

async function openDocumentPip(
  docPip: DocumentPictureInPicture,
  model: CallModel,
  root: Element,
): Promise<boolean> {
  const pip = await docPip.requestWindow({ width: 360, height: 300 });
  const doc = pip.document;
  // A stylesheet made in the window itself (one from the page cannot be shared with it); a
  // constructed sheet also passes a CSP that forbids inline styles.
  const sheet = new (pip as unknown as typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(PIP_CSS);
  doc.adoptedStyleSheets = [sheet];
  const tiles = doc.createElement('div');
  tiles.className = 'tiles';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  doc.body.append(tiles, bar);
  const button = (action: () => unknown) => {
    const b = doc.createElement('button');
    b.addEventListener('click', () => void action());
    bar.append(b);
    return b;
  };
  const mic = button(() => model.toggleMic());
  const camera = button(() => model.toggleCamera());
  const hangup = button(() => model.hangup());
  hangup.className = 'danger';
  const shown = new Map<RCTrack, HTMLElement>();

  const render = () => {
    const { state } = model;
    if (state.status.phase === 'ended') return close();
    const store = (root as Element & { store?: CallStore }).store;
    const strings = resolveStrings(store?.locale, root.getAttribute('lang') ?? '', undefined);
    mic.textContent = state.mic.on ? strings.micOff : strings.micOn;
    mic.classList.toggle('off', !state.mic.on);
    camera.hidden = state.mediaType !== 'video';
    camera.textContent = state.camera.on ? strings.cameraOff : strings.cameraOn;
    camera.classList.toggle('off', !state.camera.on);
    hangup.textContent = strings.hangup;
    // One figure per shown video: shared screens first, then cameras in tile order.
    const members = tileOrder(state.members.values());
    const wanted = [
      ...members.flatMap((m) => (m.screen ? [{ m, track: m.screen, screen: true }] : [])),
      ...members.flatMap((m) =>
        m.video && !m.videoMuted ? [{ m, track: m.video, screen: false }] : [],
      ),
    ];
    for (const [track, figure] of shown) {
      if (!wanted.some((w) => w.track === track)) {
        figure.remove();
        shown.delete(track);
      }
    }
    for (const { m, track, screen } of wanted) {
      let figure = shown.get(track);
      if (!figure) {
        const media = track.getMediaStreamTrack?.();
        if (!media) continue;
        figure = doc.createElement('figure');
        figure.className = `${screen ? 'screen' : ''} ${m.local && !screen ? 'local' : ''}`;
        const video = doc.createElement('video');
        video.muted = video.autoplay = video.playsInline = true;
        video.srcObject = new MediaStream([media]);
        const caption = doc.createElement('figcaption');
        figure.append(video, caption);
        shown.set(track, figure);
        void video.play().catch(() => undefined);
      }
      // Names come from other users: text only.
      const name = m.name || m.userId;
      figure.querySelector('figcaption')!.textContent = m.local ? `${name} (${strings.you})` : name;
      tiles.append(figure);
    }
  };

  const unsubscribe = model.subscribe(render);
  const close = () => {
    unsubscribe();
    if (open?.window === pip) open = undefined;
    if (!pip.closed) pip.close();
  };
  pip.addEventListener('pagehide', close, { once: true });
  open = { window: pip, close };
  render();
  return true;
}
