import { expect } from '@open-wc/testing';
import { RCCallMessageType } from '../../src/calllib/index.js';
import type { OutgoingSignal } from '../../src/calllib/ports.js';
import { CALLS_REMEMBERED, LocalSignaling } from '../../src/local/signaling.js';
import type { Transport, TransportEvents } from '../../src/local/transport.js';

/** A transport that delivers nothing and keeps what it was given (signalling state only). */
class SilentTransport implements Transport {
  readonly status = 'connected' as const;
  events?: TransportEvents;
  constructor(
    readonly userId: string,
    readonly deviceId = 'device',
  ) {}
  serverTime(): number {
    return Date.now();
  }
  async connect(events: TransportEvents): Promise<void> {
    this.events = events;
  }
  async send() {
    return { ok: true as const, time: Date.now(), id: 'sent' };
  }
  close(): void {}
}

function invite(callId: string, recipients: string[]): OutgoingSignal {
  return {
    messageType: RCCallMessageType.Invite,
    conversationType: 3,
    targetId: 'team',
    channelId: '',
    recipients,
    content: { callId, inviteUserIds: recipients },
  } as OutgoingSignal;
}

describe('local backend: what the signalling remembers of calls', () => {
  it('knows who takes part in a call and who placed it, from sent and received signals', async () => {
    const transport = new SilentTransport('alice');
    const signaling = new LocalSignaling(transport, 'device');
    await signaling.start();
    await signaling.send(invite('placed', ['bob', 'carol']));
    expect(signaling.participantsOf('placed').sort()).to.deep.equal(['alice', 'bob', 'carol']);
    expect(signaling.callerOf('placed')).to.equal('alice');

    transport.events!.onMessage({
      from: 'dave',
      fromDevice: 'd',
      id: 'm1',
      time: Date.now(),
      data: {
        kind: 'call',
        messageType: RCCallMessageType.ModifyMem,
        conversationType: 3,
        targetId: 'team',
        channelId: '',
        recipients: ['alice'],
        content: { callId: 'joined', caller: 'erin', inviter: 'dave', inviteUserIds: ['alice'] },
      },
    });
    expect(signaling.callerOf('joined'), 'a ModifyMem names the caller').to.equal('erin');
    expect(signaling.participantsOf('joined').sort()).to.deep.equal(['alice', 'dave', 'erin']);
    signaling.close();
  });

  it(`a long-lived client forgets all but the ${CALLS_REMEMBERED} calls it heard of last`, async () => {
    const signaling = new LocalSignaling(new SilentTransport('alice'), 'device');
    await signaling.start();
    await signaling.send(invite('call-0', ['bob']));
    await signaling.send(invite('call-1', ['bob']));
    for (let i = 2; i <= CALLS_REMEMBERED; i++) {
      await signaling.send(invite(`call-${i}`, ['bob']));
      // call-1 goes on: its room keeps hearing of new participants.
      signaling.addParticipant('call-1', `guest-${i}`);
    }
    expect(signaling.participantsOf('call-0'), 'the oldest call is forgotten').to.deep.equal([]);
    expect(signaling.callerOf('call-0')).to.equal(undefined);
    expect(signaling.callerOf('call-1'), 'a call heard of lately is kept').to.equal('alice');
    expect(signaling.participantsOf('call-1')).to.include('guest-2');
    expect(signaling.callerOf(`call-${CALLS_REMEMBERED}`)).to.equal('alice');
    signaling.close();
  });
});
