/**
 * The built bundle: `dist/rongcloud.js` (npm test builds it first) imports in Chromium, pulls the
 * RongCloud SDK only when started, and fails offline with `network/offline` without throwing.
 */
import { expect } from '@open-wc/testing';

type RongCloudModule = typeof import('../../src/rongcloud/index.js');

describe('RongCloud backend: dist/rongcloud.js', () => {
  it('imports, exposes the installer, and loads the SDK chunks only when started', async () => {
    const url = new URL('../../dist/rongcloud.js', import.meta.url).href;
    const mod = (await import(url)) as RongCloudModule;
    expect(mod.installer.tag).to.equal('RCCall');
    expect(typeof mod.startRongCloud).to.equal('function');
    const sdkChunks = () =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/dist\/chunks\/index\.esm-/.test(e.name)).length;
    expect(sdkChunks()).to.equal(0);

    const uncaught: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    const statuses: string[] = [];
    const error = await mod
      .startRongCloud({
        appkey: 'fake-appkey',
        token: 'fake-token',
        options: { onSession: () => undefined, onSessionClose: () => undefined },
        onStatus: (status) => statuses.push(status),
      })
      .then(
        () => expect.fail('must not connect without a network'),
        (e: { code: string }) => e,
      );
    window.removeEventListener('unhandledrejection', onRejection);
    expect(error.code).to.equal('network/offline');
    expect(statuses).to.deep.equal(['connecting', 'error']);
    expect(sdkChunks()).to.be.greaterThan(0);
    expect(uncaught).to.deep.equal([]);
  });
});
