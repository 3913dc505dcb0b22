import { expect } from '@open-wc/testing';
import { waitsForOffer, type Endpoint } from '../../src/local/room-member.js';

describe('local backend: who offers on a connection', () => {
  const end = (userId: string, caller?: unknown, device = 'd1'): Endpoint => ({
    userId,
    key: `${userId}/${device}`,
    caller,
  });

  it('the caller offers when both ends name it; otherwise the greater endpoint key', () => {
    // 'zoe' is the caller and has the greater key: she offers either way.
    expect(waitsForOffer(end('zoe', 'zoe'), end('amy', 'zoe'))).to.equal(false);
    // 'amy' is the caller with the smaller key: she offers because both name her.
    expect(waitsForOffer(end('amy', 'amy'), end('zoe', 'amy'))).to.equal(false);
    expect(waitsForOffer(end('zoe', 'amy'), end('amy', 'amy'))).to.equal(true);
    // Only one end names her (a client of an earlier version): the greater key offers.
    expect(waitsForOffer(end('amy', 'amy'), end('zoe'))).to.equal(true);
    expect(waitsForOffer(end('zoe'), end('amy', 'amy'))).to.equal(false);
    // Both name a caller who is not on this connection: the greater key offers.
    expect(waitsForOffer(end('bob', 'amy'), end('carol', 'amy'))).to.equal(true);
  });

  it('exactly one end of every connection offers, whatever each end says', () => {
    const views = [undefined, 'amy', 'bob', 'carol', 42];
    const ends: Endpoint[] = [];
    for (const userId of ['amy', 'bob', 'carol'])
      for (const caller of views)
        for (const device of ['d1', 'd2']) ends.push(end(userId, caller, device));
    let pairs = 0;
    for (const a of ends) {
      for (const b of ends) {
        if (a.key === b.key) continue;
        pairs++;
        expect(
          waitsForOffer(a, b) !== waitsForOffer(b, a),
          `${a.key} (says ${String(a.caller)}) and ${b.key} (says ${String(b.caller)})`,
        ).to.equal(true);
      }
    }
    expect(pairs).to.equal(30 * 25);
  });
});
