import { expect } from '@open-wc/testing';
import {
  advance,
  type CallInput,
  type CallPhase,
  type CallStatus,
} from '../../elements/call-status.js';
import { ConversationType, RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import type { IEndSummary } from '../../src/calllib/index.js';

const summary: IEndSummary = {
  conversationType: ConversationType.PRIVATE,
  channelId: '',
  targetId: 'bob',
  mediaType: RCCallMediaType.AUDIO,
  beginTimestamp: 1000,
  endTimestamp: 5000,
  duration: 4000,
  endReason: RCCallEndReason.REMOTE_HANGUP,
};

const statuses: Record<CallPhase, CallStatus> = {
  idle: { phase: 'idle' },
  outgoing: { phase: 'outgoing', ringing: false },
  incoming: { phase: 'incoming' },
  active: { phase: 'active', connectedAt: 1000 },
  ended: { phase: 'ended', reason: RCCallEndReason.HANGUP, summary, endedAt: 900 },
};

const inputs: Record<CallInput['type'], CallInput> = {
  dial: { type: 'dial' },
  ring: { type: 'ring' },
  rang: { type: 'rang' },
  connect: { type: 'connect', at: 2000 },
  close: { type: 'close', summary, at: 5000 },
};

// Every status × every input: what comes next (`undefined`: the input is ignored there).
const table: [CallPhase, CallInput['type'], CallStatus | undefined][] = [
  ['idle', 'dial', { phase: 'outgoing', ringing: false }],
  ['idle', 'ring', { phase: 'incoming' }],
  ['idle', 'rang', undefined],
  ['idle', 'connect', undefined],
  ['idle', 'close', { phase: 'ended', reason: 13, summary, endedAt: 5000 }],
  ['outgoing', 'dial', undefined],
  ['outgoing', 'ring', undefined],
  ['outgoing', 'rang', { phase: 'outgoing', ringing: true }],
  ['outgoing', 'connect', { phase: 'active', connectedAt: 2000 }],
  ['outgoing', 'close', { phase: 'ended', reason: 13, summary, endedAt: 5000 }],
  ['incoming', 'dial', undefined],
  ['incoming', 'ring', undefined],
  ['incoming', 'rang', undefined],
  ['incoming', 'connect', { phase: 'active', connectedAt: 2000 }],
  ['incoming', 'close', { phase: 'ended', reason: 13, summary, endedAt: 5000 }],
  ['active', 'dial', undefined],
  ['active', 'ring', undefined],
  ['active', 'rang', undefined],
  ['active', 'connect', undefined],
  ['active', 'close', { phase: 'ended', reason: 13, summary, endedAt: 5000, connectedAt: 1000 }],
  ['ended', 'dial', undefined],
  ['ended', 'ring', undefined],
  ['ended', 'rang', undefined],
  ['ended', 'connect', undefined],
  ['ended', 'close', undefined],
];

describe('call status: advance(status, input)', () => {
  it('the table covers every status and every input once', () => {
    const pairs = table.map(([s, i]) => `${s}+${i}`);
    expect(new Set(pairs).size).to.equal(pairs.length);
    expect(pairs).to.have.length(Object.keys(statuses).length * Object.keys(inputs).length);
  });

  for (const [phase, input, next] of table) {
    it(`${phase} + ${input} → ${next ? next.phase : 'ignored'}`, () => {
      expect(advance(statuses[phase], inputs[input])).to.deep.equal(next);
    });
  }

  it('an outgoing call that already rang ignores another ring', () => {
    expect(advance({ phase: 'outgoing', ringing: true }, inputs.rang)).to.equal(undefined);
  });
});
