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
    // Chunks fetched so far: importing the backend must not have fetched the SDK yet.
    const sdkChunks = () =>
      performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/chunks/'))
        .length;
    const before = sdkChunks();

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
    expect(sdkChunks()).to.be.greaterThan(before);
    expect(uncaught).to.deep.equal([]);
  });
});
