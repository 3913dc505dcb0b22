/**
 * The ES module build (npm test builds dist/ first): importing `dist/rc-call.js` defines the
 * elements without loading the engine, and a page on the local backend fetches the local backend
 * and the engine when it connects, both at once, but no RongCloud code.
 */
import { expect, waitUntil } from '@open-wc/testing';

type Exports = typeof import('../../elements/index.js');
type ClientElement = InstanceType<Exports['RcCallClient']>;

/** The resource timing entry of the file at `path` (the first, if fetched more than once). */
const entry = (path: string) =>
  performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === path) as
    PerformanceResourceTiming | undefined;

const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((path) => pattern.test(path));

describe('dist/rc-call.js as an ES module', () => {
  it('defines the elements and runs <rc-call-client backend="local"> without RongCloud code', async () => {
    const url = new URL('../../dist/rc-call.js', import.meta.url).href;
    const mod = (await import(url)) as Exports;
    expect(customElements.get('rc-call-client')).to.equal(mod.RcCallClient);
    expect(customElements.get('rc-call-session')).to.equal(mod.RcCallSession);
    expect(customElements.get('rc-video-tile')).to.equal(mod.RcVideoTile);
    expect(mod.RCCallMediaType.AUDIO).to.equal(1);
    // Up front: rc-call.js and the enums only; no backend, no engine.
    expect(fetched(/\/dist\/(local|calllib)\.js$/)).to.deep.equal([]);
    expect(fetched(/\/dist\/chunks\//)).to.deep.equal(['/dist/chunks/calllib-enums.js']);

    // The server holds dist/local.js back (test/wtr-plugins.mjs) while this cookie is set.
    document.cookie = 'rc-slow-backend=1; path=/';
    const el = document.createElement('rc-call-client') as ClientElement;
    el.setAttribute('backend', 'local');
    el.setAttribute('user-id', 'esm-alice');
    el.backendOptions = { channelName: `dist-esm-${Math.random()}` };
    el.innerHTML = '<rc-call-session silent></rc-call-session>';
    document.body.append(el);
    try {
      await waitUntil(() => el.status === 'connected', 'the local backend did not connect', {
        timeout: 10000,
      });
      // The backend and the engine came lazily, each once; RongCloud's entry and SDK chunks never did.
      expect(fetched(/\/dist\/local\.js$/)).to.have.length(1);
      expect(fetched(/\/dist\/calllib\.js$/)).to.have.length(1);
      // The engine is asked for together with the backend, not once the backend has arrived and
      // asked for it: over a slow network the two downloads overlap.
      const backend = entry('/dist/local.js')!;
      const engine = entry('/dist/calllib.js')!;
      expect(backend.responseEnd - backend.startTime, 'local.js was held back').to.be.at.least(300);
      expect(engine.startTime, 'calllib.js asked for before local.js arrived').to.be.lessThan(
        backend.responseEnd,
      );
      expect(fetched(/\/dist\/(rongcloud\.js|chunks\/index)/)).to.deep.equal([]);
      // Everything came from dist/, none of it from the TypeScript sources.
      expect(fetched(/^\/(src|elements)\//)).to.deep.equal([]);
    } finally {
      document.cookie = 'rc-slow-backend=; path=/; max-age=0';
      el.remove();
    }
  });
});
