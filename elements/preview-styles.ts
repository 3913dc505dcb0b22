import { css } from 'lit';

/** `<rc-call-preview>`: own camera (mirrored), the level bar, the message. */
export const previewStyles = css`
  :host {
    display: grid;
    gap: 12px;
    font-family: var(--rc-call-font, system-ui, sans-serif);
    color: var(--rc-call-fg, inherit);
  }
  video {
    width: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--rc-call-radius, 16px);
    background: #000;
    transform: scaleX(-1);
  }
  .meter {
    height: 6px;
    border-radius: 3px;
    background: color-mix(in srgb, currentColor 15%, transparent);
    overflow: hidden;
  }
  .meter > div {
    height: 100%;
    width: calc(var(--level, 0) * 100%);
    background: var(--rc-call-speaking, #3ddc84);
    transition: width 80ms linear;
  }
  p {
    margin: 0;
  }
`;
