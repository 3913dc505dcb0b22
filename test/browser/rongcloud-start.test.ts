/**
 * `startRongCloud` with the real SDK in a loopback-only network namespace: navigation cannot reach
 * RongCloud, so connect ends with IM 30007 and the start must end in status `error` with
 * `network/offline`, throw nothing, and leave IM disconnected (a second start works).
 */
import { expect } from '@open-wc/testing';
import * as RongIMLib from '@rongcloud/imlib-next';
import {
  startRongCloud,
  type RongCloudStartError,
  type RongCloudStartOptions,
  type RongCloudStatus,
} from '../../src/rongcloud/index.js';
import { captureConsole } from './helpers/console.js';

describe('RongCloud backend: startRongCloud offline', () => {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.error);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  /** The error a start must end with (it cannot connect here). */
  const failure = (start: Promise<unknown>) =>
    start.then(
      () => expect.fail('must not connect without a network'),
      (e: RongCloudStartError) => e,
    );

  function options(statuses: [RongCloudStatus, RongCloudStartError?][]): RongCloudStartOptions {
    return {
      appkey: 'fake-appkey',
      token: 'fake-token@abc;fake',
      name: 'Alice',
      options: { onSession: () => undefined, onSessionClose: () => undefined },
      onStatus: (status, error) => statuses.push([status, error]),
    };
  }

  it('ends in status error with network/offline (IM 30007), throws nothing, destroys IMLib', async () => {
    const statuses: [RongCloudStatus, RongCloudStartError?][] = [];
    const error = await failure(startRongCloud(options(statuses)));
    expect(error).to.deep.equal({
      code: 'network/offline',
      message: 'connect failed with IM code 30007',
      recoverable: true,
      imCode: 30007,
    });
    expect(error).to.not.be.instanceOf(Error);
    expect(statuses).to.deep.equal([
      ['connecting', undefined],
      ['error', error],
    ]);
    // Torn down: IM is disconnected (IMLib itself stays initialised for the next start).
    expect(RongIMLib.getConnectionStatus()).to.equal(RongIMLib.RCConnectionStatus.DISCONNECTED);
    expect(uncaught).to.deep.equal([]);
  });

  it('can start again after a failure, on the same IMLib', async () => {
    const statuses: [RongCloudStatus, RongCloudStartError?][] = [];
    const error = await failure(startRongCloud(options(statuses)));
    expect(error).to.deep.include({ code: 'network/offline' });
    expect(statuses.map(([s]) => s)).to.deep.equal(['connecting', 'error']);
    expect(uncaught).to.deep.equal([]);
  });

  it('missing appkey or token: a config error at once, nothing loaded or connected', async () => {
    const statuses: [RongCloudStatus, RongCloudStartError?][] = [];
    const noToken = await failure(startRongCloud({ ...options(statuses), token: '  ' }));
    expect(noToken).to.deep.include({ code: 'config/missing-token', recoverable: false });
    const noKey = await failure(startRongCloud({ ...options(statuses), appkey: '' }));
    expect(noKey).to.deep.include({ code: 'config/missing-appkey' });
    expect(statuses.map(([s, e]) => [s, e?.code])).to.deep.equal([
      ['error', 'config/missing-token'],
      ['error', 'config/missing-appkey'],
    ]);
  });

  it('another appkey on the same page is a config error (IMLib cannot switch)', async () => {
    const error = await failure(startRongCloud({ ...options([]), appkey: 'other-appkey' }));
    expect(error).to.deep.include({ code: 'config/invalid', recoverable: false });
    expect(error.message).to.match(/reload/);
  });

  it('a start replaces one still on its way; each ends with an error object', async () => {
    const first = failure(startRongCloud(options([])));
    const second = failure(startRongCloud(options([])));
    expect(await first).to.deep.include({
      code: 'connection/failed',
      message: 'a newer start replaced this one',
    });
    expect(await second).to.deep.include({ code: 'network/offline' });
    expect(uncaught).to.deep.equal([]);
  });

  it('a throwing onStatus does not break the start', async () => {
    const onStatus = () => {
      throw new Error('app bug');
    };
    const printed = captureConsole();
    const error = await failure(startRongCloud({ ...options([]), onStatus }));
    const calls = printed.restore();
    expect(error).to.deep.include({ code: 'network/offline' });
    expect(uncaught).to.deep.equal([]);
    // Reported, once for each status it was told ('connecting', 'error'), and nothing else.
    expect(calls.map(([prefix, e]) => [prefix, (e as Error).message])).to.deep.equal([
      ['[rc-call] onStatus threw', 'app bug'],
      ['[rc-call] onStatus threw', 'app bug'],
    ]);
  });
});
