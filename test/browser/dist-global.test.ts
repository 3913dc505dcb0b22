/**
 * The classic-script build (npm test builds dist/ first): `<script src=".../rc-call.global.js">`
 * defines the elements, sets `window.RCCall`, runs the local backend from that one file, and
 * loads the RongCloud entry from next to the script (not from the page's URL) when it is used.
 */
import { expect, waitUntil } from '@open-wc/testing';

type Exports = typeof import('../../elements/index.js');
type ClientElement = InstanceType<Exports['RcCallClient']>;

const scriptUrl = new URL('../../dist/rc-call.global.js', import.meta.url).href;
const distDir = new URL('./', scriptUrl).pathname;

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((path) => pattern.test(path));

const rcCall = () => (window as unknown as { RCCall: Exports }).RCCall;

describe('dist/rc-call.global.js in a classic script tag', () => {
  before(async () => {
    expect(customElements.get('rc-call-client')).to.equal(undefined);
    await loadClassicScript(scriptUrl);
  });

  it('sets window.RCCall to the exports and defines the three elements', () => {
    const RCCall = rcCall();
    expect(RCCall.RCCallMediaType.AUDIO_VIDEO).to.equal(2);
    expect(RCCall.RCCallEndReason.REMOTE_ACCEPT_SYSTEM_CALL).to.equal(34);
    expect(new RCCall.CallError('no answer', 53200).code).to.equal(53200);
    expect(RCCall).to.not.have.property('RCCallClient'); // a value of rc-call-elements/calllib only
    expect(customElements.get('rc-call-client')).to.equal(RCCall.RcCallClient);
    expect(customElements.get('rc-call-session')).to.equal(RCCall.RcCallSession);
    expect(customElements.get('rc-video-tile')).to.equal(RCCall.RcVideoTile);
    const tile = document.createElement('rc-video-tile');
    expect(tile).to.be.instanceOf(RCCall.RcVideoTile);
  });

  it('connects <rc-call-client backend="local"> with no other file', async () => {
    const before = fetched(/\.js$/).length;
    const el = document.createElement('rc-call-client') as ClientElement;
    el.setAttribute('backend', 'local');
    el.setAttribute('user-id', 'global-alice');
    el.backendOptions = { channelName: `dist-global-${Math.random()}` };
    document.body.append(el);
    try {
      await waitUntil(() => el.status === 'connected', 'the local backend did not connect', {
        timeout: 10000,
      });
      expect(el.client).to.not.equal(undefined);
      expect(fetched(/\.js$/).length).to.equal(before);
      expect(fetched(/rongcloud|\/chunks\//)).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('loads rongcloud.js from the directory of the script when the RongCloud backend starts', async () => {
    // The page is elsewhere: a page-relative import would miss the file.
    expect(location.pathname.startsWith(distDir)).to.equal(false);
    const el = document.createElement('rc-call-client') as ClientElement;
    const error = new Promise<{ code: string }>((resolve) =>
      el.addEventListener('callerror', (e) => resolve(e.detail), { once: true }),
    );
    el.setAttribute('appkey', 'fake-appkey');
    el.setAttribute('token', 'fake-token');
    document.body.append(el);
    try {
      // No network in the tests: the SDK loads, then fails to connect. `backend/unavailable`
      // would mean the RongCloud entry could not be imported.
      const { code } = await error;
      expect(code).to.not.equal('backend/unavailable');
      expect(fetched(/rongcloud\.js$/)).to.deep.equal([`${distDir}rongcloud.js`]);
      expect(fetched(/\/chunks\//).every((p) => p.startsWith(`${distDir}chunks/`))).to.equal(true);
    } finally {
      el.remove();
    }
  });
});
