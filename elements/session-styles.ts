import { css } from 'lit';
import { controlStyles } from './control-styles.js';

const layoutStyles = css`
  :host {
    --_bg: var(--rc-call-bg, #ffffff);
    --_fg: var(--rc-call-fg, #101828);
    --_muted: var(--rc-call-muted-fg, #526075);
    --_surface: var(--rc-call-surface, #f2f4f7);
    --_control: var(--rc-call-control-bg, #e6e9ef);
    --_control-fg: var(--rc-call-control-fg, #101828);
    --_accent: var(--rc-call-accent, #2f6df6);
    --_accept: var(--rc-call-accept, #12b76a);
    --_danger: var(--rc-call-danger, #f04438);
    --_radius: var(--rc-call-radius, 16px);
    --_focus: var(--rc-call-focus-ring, #2f6df6);
    display: block;
    position: relative;
    min-height: var(--rc-call-min-height, 440px);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_bg);
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
    font-size: 15px;
    line-height: 1.4;
    box-shadow: var(
      --rc-call-shadow,
      0 1px 2px rgb(16 24 40 / 0.06),
      0 12px 32px rgb(16 24 40 / 0.12)
    );
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--rc-call-bg, #15181d);
      --_fg: var(--rc-call-fg, #f2f4f7);
      --_muted: var(--rc-call-muted-fg, #a7b0bd);
      --_surface: var(--rc-call-surface, #1e2229);
      --_control: var(--rc-call-control-bg, #2b313a);
      --_control-fg: var(--rc-call-control-fg, #f2f4f7);
      --_focus: var(--rc-call-focus-ring, #8ab4ff);
    }
  }
  :host([hidden]) {
    display: none;
  }
  .screen {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 24px;
    text-align: center;
  }
  .idle {
    color: var(--_muted);
  }
  .idle .icon {
    width: 40px;
    height: 40px;
    opacity: 0.6;
  }
  .hero {
    flex-shrink: 0; /* stays round when the screen is short */
    width: 112px;
    height: 112px;
    margin-bottom: 8px;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    color: #fff;
    font-size: 44px;
    font-weight: 600;
    background: var(--rc-call-avatar-bg, linear-gradient(135deg, #5b8def, #7b5bef));
    box-shadow: 0 10px 30px rgb(47 109 246 / 0.25);
  }
  :host(:is([state='incoming'], [state='outgoing'])) .hero {
    animation: pulse 1.8s ease-out infinite;
  }
  :host([state='ended']) .hero {
    filter: grayscale(1);
    opacity: 0.6;
  }
  @keyframes pulse {
    0% {
      box-shadow: 0 0 0 0 rgb(47 109 246 / 0.45);
    }
    100% {
      box-shadow: 0 0 0 26px rgb(47 109 246 / 0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .hero {
      animation: none !important;
    }
  }
  h2 {
    margin: 0;
    font-size: 24px;
    font-weight: 600;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .status {
    margin: 0;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    gap: 28px;
    margin-top: 32px;
    flex-wrap: wrap;
    justify-content: center;
  }
  .preview {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    aspect-ratio: auto;
    border-radius: 0;
  }
  .preview::part(avatar),
  .preview::part(label),
  .preview::part(muted-indicator) {
    display: none;
  }
  .screen.over-video {
    background: rgb(0 0 0 / 0.5);
    color: #fff;
    --_muted: rgb(255 255 255 / 0.85);
    --_fg: #fff;
  }
  .stage {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    background: var(--_surface);
  }
  .topbar {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
    padding: 12px 16px;
    font-weight: 600;
  }
  .topbar .status {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--_fg);
  }
  .banner {
    margin: 0 16px 8px;
    padding: 6px 12px;
    border-radius: 8px;
    background: var(--rc-call-warning, #8a5200);
    color: #fff;
    text-align: center;
  }
  .timer {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-weight: 500;
  }
  .tiles {
    position: relative;
    flex: 1;
    min-height: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-content: center;
    gap: 8px;
    padding: 0 12px;
    overflow: hidden;
  }
  .tiles > rc-video-tile,
  ::slotted(rc-video-tile) {
    aspect-ratio: auto;
    width: calc((100% - (var(--cols) - 1) * 8px) / var(--cols));
    height: calc((100% - (var(--rows) - 1) * 8px) / var(--rows));
  }
  .tiles > .screen {
    width: 100%;
  }
  .pip {
    display: block;
  }
  .pip > rc-video-tile {
    position: absolute;
    inset: 0 12px;
    width: auto;
    height: auto;
  }
  .pip > [local] {
    inset: auto 24px 12px auto;
    width: min(30%, 180px);
    aspect-ratio: var(--rc-call-tile-aspect, 4 / 3);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.35);
    border: 2px solid rgb(255 255 255 / 0.7);
    z-index: 1;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

export const sessionStyles = [layoutStyles, controlStyles];
