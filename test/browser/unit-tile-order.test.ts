import { expect } from '@open-wc/testing';
import { newMember, tileOrder, type MemberState } from '../../elements/call-members.js';

const m = (userId: string, status: MemberState['status'], local = false): MemberState => ({
  ...newMember(userId, local),
  status,
});

// Members as the call holds them (in the order they became known) → the tiles, in order.
const rows: [string, MemberState[], string[]][] = [
  ['only ourselves', [m('me', 'connected', true)], ['me']],
  [
    '1:1 ringing: the callee waits, we come last',
    [m('me', 'connected', true), m('bob', 'waiting')],
    ['bob', 'me'],
  ],
  [
    'connected before waiting, in the order they became known',
    [
      m('a', 'waiting'),
      m('me', 'connected', true),
      m('b', 'connected'),
      m('c', 'waiting'),
      m('d', 'connected'),
    ],
    ['b', 'd', 'a', 'c', 'me'],
  ],
  [
    'who left has no tile',
    [m('a', 'left'), m('b', 'connected'), m('me', 'connected', true)],
    ['b', 'me'],
  ],
  [
    'at most nine: self falls off a full grid',
    [m('me', 'connected', true), ...Array.from({ length: 9 }, (_, i) => m(`u${i}`, 'connected'))],
    Array.from({ length: 9 }, (_, i) => `u${i}`),
  ],
  [
    'eight others and self: nine tiles',
    [...Array.from({ length: 8 }, (_, i) => m(`u${i}`, 'waiting')), m('me', 'connected', true)],
    [...Array.from({ length: 8 }, (_, i) => `u${i}`), 'me'],
  ],
];

describe('tile order: tileOrder(members)', () => {
  for (const [title, members, expected] of rows) {
    it(`${title}: ${expected.join(', ')}`, () => {
      expect(tileOrder(members).map((t) => t.userId)).to.deep.equal(expected);
    });
  }
});
