import { css } from 'lit';

export const tileStyles = css`
  :host {
    --_radius: var(--rc-call-tile-radius, var(--rc-call-radius, 16px));
    --_surface: var(--rc-call-tile-bg, #2a303a);
    --_fg: var(--rc-call-tile-fg, #f5f7fa);
    display: block;
    position: relative;
    aspect-ratio: var(--rc-call-tile-aspect, 4 / 3);
    min-width: 0;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
    color: var(--_fg);
    font-family: var(
      --rc-call-font,
      system-ui,
      -apple-system,
      'Segoe UI',
      'PingFang SC',
      'Microsoft YaHei',
      sans-serif
    );
    contain: paint;
    container-type: size;
  }
  :host([hidden]) {
    display: none;
  }
  :host([reconnecting]) video {
    opacity: 0.5;
  }
  .q {
    color: #ffb224;
  }
  :host([quality='poor']) .q,
  :host([quality='lost']) .q {
    color: var(--rc-call-danger, #e5484d);
  }
  :host([speaking]) {
    outline: 3px solid var(--rc-call-speaking, #3ddc84);
    outline-offset: -3px;
  }
  video {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: var(--rc-call-video-fit, cover);
    background: #000;
  }
  :host([screen]) video {
    object-fit: contain;
  }
  :host([local]:not([screen])) video {
    transform: scaleX(-1);
  }
  video.off {
    visibility: hidden;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding-bottom: 16px;
    background: radial-gradient(circle at 50% 40%, #3a424f, var(--_surface) 70%);
  }
  .avatar {
    width: clamp(28px, 40cqmin, 112px);
    aspect-ratio: 1;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--rc-call-avatar-bg, linear-gradient(135deg, #5b8def, #7b5bef));
    color: #fff;
    font-size: clamp(14px, 16cqmin, 44px);
    font-weight: 600;
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.25);
    user-select: none;
  }
  .overlay {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    display: flex;
    align-items: center;
    gap: 6px;
    pointer-events: none;
  }
  .label {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    padding: 3px 10px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.45);
    backdrop-filter: blur(6px);
    font-size: 13px;
    line-height: 18px;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    width: 26px;
    height: 26px;
    flex: none;
    border-radius: 50%;
    background: var(--rc-call-danger, #f04438);
    color: #fff;
  }
  .badge .icon {
    width: 16px;
    height: 16px;
  }
  .wait {
    flex: none;
    color: rgb(255 255 255 / 0.8);
  }
`;
