/**
 * What `startRongCloud` does after the start: IMLib's connection events become `statuschange`
 * values, a server disconnect (another device logged in, 31010) becomes `error`/`auth/kicked`
 * after a full teardown, and `disconnect()` reports once. IMLib is a fake here (the real one cannot
 * connect in the test network); the call client is real.
 */
import { expect } from '@open-wc/testing';
import { Events, type EventListeners } from '@rongcloud/imlib-next';
import { RCCallErrorCode } from '../../src/rongcloud/index.js';
import {
  Connection,
  type ConnectionSlot,
  type IMEvents,
  type RongCloudStartError,
  type RongCloudStatus,
} from '../../src/rongcloud/connection.js';
import { World } from './rongcloud-harness.js';

class FakeIM implements IMEvents {
  readonly Events = Events;
  readonly listeners = new Map<Events, Set<unknown>>();
  disconnects = 0;

  addEventListener<T extends Events>(type: T, listener: EventListeners[T]): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener<T extends Events>(type: T, listener: EventListeners[T]): void {
    this.listeners.get(type)?.delete(listener);
  }
  async disconnect(): Promise<void> {
    this.disconnects += 1;
  }
  emit(type: Events, code?: number): void {
    for (const l of this.listeners.get(type) ?? []) (l as (code?: number) => void)(code);
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}

describe('RongCloud backend: connection status after the start', () => {
  let world: World;
  let im: FakeIM;
  let slot: ConnectionSlot;
  let statuses: [RongCloudStatus, RongCloudStartError?][];
  let connection: Connection;

  beforeEach(() => {
    world = new World();
    im = new FakeIM();
    slot = {};
    statuses = [];
    connection = new Connection(im, (s, e) => statuses.push([s, e]), slot);
    connection.client = world.party('alice').client;
    connection.listen();
  });
  afterEach(() => world.dispose());

  it('ignores IMLib events while the start itself is connecting', () => {
    im.emit(Events.CONNECTING);
    im.emit(Events.DISCONNECT, 30007);
    expect(statuses).to.deep.equal([]);
    expect(im.disconnects).to.equal(0);
  });

  it('reports reconnects: SUSPEND → connecting, CONNECTED → connected', () => {
    connection.connected = true;
    im.emit(Events.SUSPEND, 30011);
    im.emit(Events.CONNECTING);
    im.emit(Events.CONNECTED);
    expect(statuses).to.deep.equal([
      ['connecting', undefined],
      ['connecting', undefined],
      ['connected', undefined],
    ]);
  });

  it('kicked by another login (31010): tears everything down, then error auth/kicked', async () => {
    connection.connected = true;
    const client = connection.client!;
    im.emit(Events.DISCONNECT, 31010);
    await connection.teardown();
    expect(statuses).to.deep.equal([
      [
        'error',
        {
          code: 'auth/kicked',
          message: 'disconnected by the server (IM code 31010)',
          recoverable: true,
          imCode: 31010,
        },
      ],
    ]);
    expect(im.count()).to.equal(0);
    expect(im.disconnects).to.equal(1);
    expect(slot.current).to.equal(undefined);
    // The call client is destroyed: it refuses new calls.
    const listener = world.parties[0].listener;
    const result = await client.call({ targetId: 'bob', mediaType: 1, listener });
    expect(result.code).to.equal(RCCallErrorCode.STATE_MACHINE_EXIT);
  });

  it('a blocked user (31009) is auth/user-blocked and not recoverable', async () => {
    connection.connected = true;
    im.emit(Events.DISCONNECT, 31009);
    await connection.teardown();
    expect(statuses[0][1]).to.deep.include({ code: 'auth/user-blocked', recoverable: false });
  });

  it('disconnect() reports disconnected once and disconnects IM once', async () => {
    connection.connected = true;
    await connection.disconnect();
    await connection.disconnect();
    im.emit(Events.DISCONNECT, 2);
    expect(statuses).to.deep.equal([['disconnected', undefined]]);
    expect(im.disconnects).to.equal(1);
  });

  it('a connection replaced by a newer one leaves the IM connection alone', async () => {
    connection.connected = true;
    const newer = new Connection(im, () => undefined, slot);
    await connection.teardown();
    expect(im.disconnects).to.equal(0);
    expect(slot.current).to.equal(newer);
  });
});
