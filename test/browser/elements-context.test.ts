import { expect, fixture, html } from '@open-wc/testing';
import { ContextConsumer, ContextProvider, ContextRoot } from '@lit/context';
import { LitElement } from 'lit';
import '../../elements/index.js';
import {
  CallStore,
  callStoreContext,
  RcCallClient,
  type RcCallSession,
} from '../../elements/index.js';

// The elements hand their store down through @lit/context: these tests check the cases a page
// meets, with the page's own @lit/context consumers and providers next to the elements.

/** A page's own element that reads the client's store with @lit/context. */
class StoreReader extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: callStoreContext, subscribe: true });
}
customElements.define('test-store-reader', StoreReader);

/** A page's own element that provides a store with @lit/context. */
class StoreGiver extends LitElement {
  readonly provider = new ContextProvider(this, {
    context: callStoreContext,
    initialValue: new CallStore(),
  });
}
customElements.define('test-store-giver', StoreGiver);

let tags = 0;
const uniqueTag = (name: string) => `test-${name}-${++tags}`;

describe('context', () => {
  it('a @lit/context consumer inside <rc-call-client>, in light DOM and in a shadow root, gets its store', async () => {
    const client = await fixture<RcCallClient>(html`
      <rc-call-client
        ><test-store-reader></test-store-reader>
        <div></div
      ></rc-call-client>
    `);
    const reader = client.querySelector<StoreReader>('test-store-reader')!;
    expect(reader.consumer.value).to.equal(client.store);
    const host = client.querySelector('div')!;
    const inner = document.createElement('test-store-reader') as StoreReader;
    host.attachShadow({ mode: 'open' }).append(inner);
    expect(inner.consumer.value).to.equal(client.store);
  });

  it('a session under a @lit/context provider takes its store and follows a new one', async () => {
    const giver = await fixture<StoreGiver>(html`
      <test-store-giver><rc-call-session></rc-call-session></test-store-giver>
    `);
    const session = giver.querySelector<RcCallSession>('rc-call-session')!;
    expect(session.store).to.equal(giver.provider.value);
    const next = new CallStore();
    giver.provider.setValue(next);
    expect(session.store).to.equal(next);
    session.remove();
    giver.provider.setValue(new CallStore());
    expect(session.store, 'a removed session is no longer subscribed').to.equal(next);
  });

  it('the nearest client wins: a client inside a client gives its own store', async () => {
    const outer = await fixture<RcCallClient>(html`
      <rc-call-client>
        <rc-call-session id="outer"></rc-call-session>
        <rc-call-client><rc-call-session id="inner"></rc-call-session></rc-call-client>
      </rc-call-client>
    `);
    const inner = outer.querySelector<RcCallClient>('rc-call-client')!;
    expect(outer.querySelector<RcCallSession>('#outer')!.store).to.equal(outer.store);
    expect(outer.querySelector<RcCallSession>('#inner')!.store).to.equal(inner.store);
  });

  it('a client upgraded after its session (with a ContextRoot) announces itself and the session takes its store', async () => {
    const tag = uniqueTag('client');
    // Not fixture(): it waits for an animation frame, which a page in the background never gets.
    const container = document.body.appendChild(document.createElement('div'));
    try {
      new ContextRoot().attach(container);
      container.innerHTML = `<${tag}><rc-call-session></rc-call-session></${tag}>`;
      const session = container.querySelector<RcCallSession>('rc-call-session')!;
      expect(session.store).to.equal(undefined);
      customElements.define(tag, class extends RcCallClient {});
      const client = container.querySelector<RcCallClient>(tag)!;
      expect(session.store).to.equal(client.store);
    } finally {
      container.remove();
    }
  });

  it('a @lit/context provider upgraded inside a client takes over the subscribers below it', async () => {
    const tag = uniqueTag('giver');
    const client = await fixture<RcCallClient>(html`<rc-call-client></rc-call-client>`);
    client.innerHTML = `<${tag}><rc-call-session></rc-call-session></${tag}>`;
    const session = client.querySelector<RcCallSession>('rc-call-session')!;
    expect(session.store).to.equal(client.store);
    customElements.define(tag, class extends StoreGiver {});
    const giver = client.querySelector<StoreGiver>(tag)!;
    expect(session.store).to.equal(giver.provider.value);
    const next = new CallStore();
    giver.provider.setValue(next);
    expect(session.store).to.equal(next);
  });
});
