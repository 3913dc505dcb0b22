import { css } from 'lit';

/** Buttons of the session: round call actions, the control bar, the invite form. */
export const controlStyles = css`
  .controls {
    display: flex;
    justify-content: center;
    gap: 14px;
    padding: 14px 12px 18px;
    flex-wrap: wrap;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
  .action {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
    padding: 0;
    border: 0;
    background: none;
    border-radius: 12px;
    font-size: 13px;
    min-width: 72px;
  }
  .disc {
    width: 60px;
    height: 60px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    transition:
      transform 0.12s ease,
      filter 0.12s ease;
  }
  .action:hover .disc {
    filter: brightness(1.08);
    transform: translateY(-1px);
  }
  .action:active .disc {
    transform: scale(0.96);
  }
  .accept .disc {
    background: var(--_accept);
  }
  .danger .disc {
    background: var(--_danger);
  }
  .ctl {
    width: 48px;
    height: 48px;
    border: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_control);
    color: var(--_control-fg);
  }
  .ctl.off {
    background: var(--_fg);
    color: var(--_bg);
  }
  .ctl.danger {
    width: 64px;
    border-radius: 24px;
    background: var(--_danger);
    color: #fff;
  }
  [aria-busy='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  .devices {
    margin: 8px 12px 0;
  }
  .invite-form {
    display: flex;
    gap: 8px;
    margin: 8px 12px 0;
    align-items: end;
  }
  .invite-form label {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 13px;
    color: var(--_muted);
  }
  .invite-form input {
    font: inherit;
    padding: 8px 10px;
    border-radius: 10px;
    border: 1px solid color-mix(in srgb, var(--_fg) 25%, transparent);
    background: var(--_bg);
    color: var(--_fg);
  }
  .text-btn {
    border: 0;
    border-radius: 10px;
    padding: 9px 16px;
    background: var(--_accent);
    color: #fff;
    font-weight: 600;
  }
  .sound {
    position: absolute;
    top: 12px;
    left: 50%;
    transform: translateX(-50%);
    z-index: 2;
    display: flex;
    align-items: center;
    gap: 6px;
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.2);
  }
`;
