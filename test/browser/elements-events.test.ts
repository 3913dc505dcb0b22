import { expect, waitUntil } from '@open-wc/testing';
import type { CallEventName, StoreEvent } from '../../elements/index.js';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import {
  createMemoryNetwork,
  part,
  party,
  recordEvents,
  settle,
  stateIs,
  type Party,
} from './elements/helpers.js';

const ALL: CallEventName[] = [
  'session',
  'ringing',
  'accept',
  'hungup',
  'trackready',
  'membermodify',
  'mediamodify',
  'mutechange',
  'sessionclose',
  'statuschange',
  'callerror',
];

/** Counts what each store emitted, to compare with what reached the document. */
function storeCounts(...parties: Party[]) {
  const emitted: StoreEvent[] = [];
  const offs = parties.map((p) => p.client.store.onEvent((e) => emitted.push(e)));
  return { emitted, stop: () => offs.forEach((f) => f()) };
}

describe('call events', () => {
  it('a 1:1 call: every event once at the document, on the most specific element, with its detail', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice', { name: 'Alice' });
    const bob = await party(net, 'bob', { name: 'Bob' });
    const doc = recordEvents(ALL);
    const store = storeCounts(alice, bob);
    // Both pages are ready (the in-call screen's code loaded): the two sessions' events, one in
    // each store, then come in the order of the call.
    await Promise.all([alice.session.updateComplete, bob.session.updateComplete]);

    await alice.client.call('bob', 'video');
    await stateIs(bob, 'incoming');
    part(bob.session, 'accept')!.click();
    await stateIs(alice, 'active');
    await stateIs(bob, 'active');
    await settle(alice, bob);
    part(bob.session, 'mic')!.click();
    // Generous waits: on a busy machine a click's event can take more than waitUntil's 1 s.
    const patiently = { timeout: 5000 };
    await waitUntil(() => doc.of('mutechange').length === 1, 'mutechange', patiently);
    part(bob.session, 'to-audio')!.click();
    await waitUntil(() => doc.of('mediamodify').length === 1, 'mediamodify', patiently);
    part(alice.session, 'hangup')!.click();
    await waitUntil(() => doc.of('sessionclose').length === 2, 'sessionclose', patiently);
    await settle(alice, bob);

    // Exactly once: each store event became one DOM event, and no DOM event was seen twice.
    const names = (list: { name?: string; type?: string }[]) =>
      list.map((e) => e.name ?? e.type).sort();
    expect(names(doc.seen)).to.deep.equal(names(store.emitted));
    expect(new Set(doc.seen.map((s) => s.detail)).size).to.equal(doc.seen.length);

    const sessions = doc.of('session');
    expect(
      sessions.map((s) => [s.target, (s.detail as { incoming: boolean }).incoming]),
    ).to.deep.equal([
      [alice.session, false],
      [bob.session, true],
    ]);
    const [ringing] = doc.of('ringing');
    expect(ringing.target).to.equal(alice.session);
    expect((ringing.detail as { sender: { userId: string } }).sender.userId).to.equal('bob');
    const [accept] = doc.of('accept');
    expect(accept.target).to.equal(alice.session);
    expect((accept.detail as { sender: { userId: string; name: string } }).sender).to.include({
      userId: 'bob',
      name: 'Bob',
    });

    const tracks = doc.of('trackready');
    expect(tracks.length).to.be.greaterThanOrEqual(6);
    for (const t of tracks) {
      const d = t.detail as {
        userId: string;
        local: boolean;
        kind: string;
        track: { getUserId(): string; isLocalTrack(): boolean };
      };
      expect(d.userId).to.equal(d.track.getUserId());
      expect(d.local).to.equal(d.track.isLocalTrack());
      expect(['audio', 'video']).to.include(d.kind);
      // On the tile of that member; a local track that arrives while no tile shows us (calling out)
      // goes to the session element.
      const origin = t.composedTarget as HTMLElement & { userId?: string };
      if (d.local && origin.tagName === 'RC-CALL-SESSION') continue;
      expect(origin.tagName).to.equal('RC-VIDEO-TILE');
      expect(origin.userId).to.equal(d.userId);
    }
    expect(tracks.some((t) => !(t.detail as { local: boolean }).local)).to.equal(true);

    const [mute] = doc.of('mutechange');
    expect((mute.detail as { muteUser: unknown }).muteUser).to.deep.include({
      userId: 'bob',
      muted: true,
      kind: 'audio',
    });
    expect(mute.target).to.equal(alice.session);
    expect((mute.composedTarget as HTMLElement & { userId: string }).userId).to.equal('bob');

    const [media] = doc.of('mediamodify');
    expect(media.target).to.equal(alice.session);
    expect(media.detail).to.deep.include({ mediaType: RCCallMediaType.AUDIO });

    const [hungup] = doc.of('hungup');
    expect(hungup.target).to.equal(bob.session);
    expect(hungup.detail).to.deep.include({ reason: RCCallEndReason.REMOTE_HANGUP });

    const closes = doc.of('sessionclose');
    const byTarget = new Map(
      closes.map((c) => [c.target, (c.detail as { summary: Record<string, unknown> }).summary]),
    );
    expect(byTarget.get(alice.session)).to.include({
      endReason: RCCallEndReason.HANGUP,
      targetId: 'bob',
    });
    expect(byTarget.get(bob.session)).to.include({
      endReason: RCCallEndReason.REMOTE_HANGUP,
      targetId: 'alice',
    });
    for (const summary of byTarget.values()) {
      expect(summary).to.have.all.keys(
        'conversationType',
        'channelId',
        'targetId',
        'mediaType',
        'beginTimestamp',
        'endTimestamp',
        'duration',
        'endReason',
      );
    }
    doc.stop();
    store.stop();
  });

  it('a group call: invite from the UI gives membermodify to members and a session to the invitee', async () => {
    const net = createMemoryNetwork();
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((id) => party(net, id)),
    );
    net.setGroup('team', ['alice', 'bob', 'carol']);
    const doc = recordEvents(ALL);
    await alice.client.callInGroup('team', ['bob'], 'audio');
    await stateIs(bob, 'incoming');
    await bob.session.accept();
    await stateIs(alice, 'active');
    part(alice.session, 'invite')!.click();
    await alice.session.updateComplete;
    const input = alice.session.shadowRoot!.querySelector('input')!;
    input.value = 'carol';
    alice.session.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
    await stateIs(carol, 'incoming');
    await waitUntil(() => doc.of('membermodify').length === 1);
    await settle(alice, bob, carol);
    const [mm] = doc.of('membermodify');
    expect(mm.target).to.equal(bob.session);
    expect(
      (mm.detail as { invitedUsers: { userId: string }[] }).invitedUsers.map((u) => u.userId),
    ).to.deep.equal(['carol']);
    expect(doc.of('session').filter((s) => s.target === carol.session)).to.have.length(1);
    await stateIs(alice, 'active');
    const tiles = [...alice.session.shadowRoot!.querySelectorAll('rc-video-tile')].map(
      (t) => t.userId,
    );
    expect(tiles).to.include.members(['alice', 'bob', 'carol']);
    await expect(alice.session).to.be.accessible();
    doc.stop();
  });
});
