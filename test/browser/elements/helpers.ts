import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../elements/index.js';
import type { RcCallClient, RcCallSession } from '../../../elements/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../../src/testing/index.js';
import type { IInstallOptions } from '../../../src/calllib/index.js';

export { createMemoryNetwork, type MemoryNetwork };

export interface Party {
  client: RcCallClient;
  session: RcCallSession;
}

/** `<rc-call-client>` with a `<rc-call-session>` inside, on the memory network as `userId`. */
export async function party(
  net: MemoryNetwork,
  userId: string,
  opts: { lang?: string; name?: string; portrait?: string; reconnectTimeout?: string } = {},
): Promise<Party> {
  const factory = (options: IInstallOptions) => net.createClient(userId, options);
  const client = await fixture<RcCallClient>(html`
    <rc-call-client
      user-id=${userId}
      lang=${opts.lang ?? 'en'}
      name=${opts.name ?? userId}
      portrait=${opts.portrait ?? ''}
      reconnect-timeout=${opts.reconnectTimeout ?? ''}
      .clientFactory=${factory}
    >
      <rc-call-session silent></rc-call-session>
    </rc-call-client>
  `);
  await waitUntil(() => client.status === 'connected', 'client did not connect');
  const session = client.querySelector('rc-call-session')!;
  return { client, session };
}

/** Waits until every call event so far has been dispatched and the elements have rendered. */
export async function settle(...parties: Party[]): Promise<void> {
  for (const p of parties) {
    await p.client.store.settled;
    await p.session.updateComplete;
    for (const t of p.session.shadowRoot!.querySelectorAll('rc-video-tile')) await t.updateComplete;
  }
}

export function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

export async function stateIs(p: Party, state: string): Promise<void> {
  await waitUntil(
    () => p.session.state === state,
    `expected state ${state}, got ${p.session.state}`,
  );
  await settle(p);
}

/** Records every call event that reaches the document, with the element it was dispatched on. */
export function recordEvents(names: string[]) {
  const seen: {
    type: string;
    target: EventTarget | null;
    detail: unknown;
    composedTarget: EventTarget;
  }[] = [];
  const on = (e: Event) =>
    seen.push({
      type: e.type,
      target: e.target,
      detail: (e as CustomEvent).detail,
      composedTarget: e.composedPath()[0],
    });
  for (const n of names) document.addEventListener(n, on);
  return {
    seen,
    of: (type: string) => seen.filter((s) => s.type === type),
    stop: () => names.forEach((n) => document.removeEventListener(n, on)),
  };
}
