import { svg, type SVGTemplateResult } from 'lit';

/** Small line icons, 24×24, drawn for these elements; `currentColor`, hidden from assistive tech. */
export function icon(body: SVGTemplateResult) {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
}

const handset = svg`<path d="M5 4h3.2l1.6 4-2 1.3a11 11 0 0 0 6.9 6.9l1.3-2 4 1.6V19a1.6 1.6 0 0 1-1.7 1.6A15.6 15.6 0 0 1 3.4 5.7 1.6 1.6 0 0 1 5 4z"/>`;

export const icons = {
  phone: icon(handset),
  hangup: icon(svg`<g transform="rotate(135 12 12)">${handset}</g>`),
  mic: icon(
    svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7"/>`,
  ),
  micOff: icon(
    svg`<path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.6 2.5M5.5 11a6.5 6.5 0 0 0 10.7 5M18.5 11a6.5 6.5 0 0 1-.5 2.4M12 17.5V21M8.5 21h7M3 3l18 18"/>`,
  ),
  camera: icon(
    svg`<rect x="2.5" y="6" width="13" height="12" rx="2.5"/><path d="m15.5 10.5 6-3.5v10l-6-3.5z"/>`,
  ),
  cameraOff: icon(
    svg`<path d="M9 6h4a2.5 2.5 0 0 1 2.5 2.5V12m0 2.5V15.5A2.5 2.5 0 0 1 13 18H5a2.5 2.5 0 0 1-2.5-2.5v-7A2.5 2.5 0 0 1 4.5 6M15.5 10.5l6-3.5v10l-4-2.3M3 3l18 18"/>`,
  ),
  audioOnly: icon(svg`<path d="M4 10v4M8 7v10M12 4v16M16 8v8M20 11v2"/>`),
  addPerson: icon(
    svg`<circle cx="9" cy="8" r="4"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6"/>`,
  ),
  sound: icon(
    svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z"/><path d="M15.5 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11"/>`,
  ),
  person: icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4.5 20a7.5 7.5 0 0 1 15 0"/>`),
};
