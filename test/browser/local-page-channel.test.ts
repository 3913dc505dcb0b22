import { expect, waitUntil } from '@open-wc/testing';
import { PageChannel } from '../../src/local/page-channel.js';
import { uniqueChannel } from './local-harness.js';
import { captureConsole } from './helpers/console.js';

type Frame = { n: number; data: { list: number[] } };

/** A receiver that keeps what it gets. */
function inbox(): { frames: Frame[]; receive: (frame: unknown) => void } {
  const frames: Frame[] = [];
  return { frames, receive: (frame) => frames.push(frame as Frame) };
}

const frame = (n: number): Frame => ({ n, data: { list: [n] } });

describe('local backend: the clients of one page share one BroadcastChannel', () => {
  let posted: unknown[] = [];
  const post = BroadcastChannel.prototype.postMessage;
  beforeEach(() => {
    posted = [];
    BroadcastChannel.prototype.postMessage = function (message: unknown) {
      posted.push(message);
      post.call(this, message);
    };
  });
  afterEach(() => {
    BroadcastChannel.prototype.postMessage = post;
  });

  it('sends a frame once to the other pages and straight to the page’s other clients, in order', async () => {
    const name = uniqueChannel();
    const [alice, bob, carol] = [inbox(), inbox(), inbox()];
    const otherPage: Frame[] = [];
    const tab = new BroadcastChannel(name); // another page, as far as the channel can tell
    tab.onmessage = ({ data }) => otherPage.push(data as Frame);
    const channels = [alice, bob, carol].map((c) => PageChannel.join(name, c.receive));
    try {
      channels[0].post(alice.receive, frame(1));
      channels[0].post(alice.receive, frame(2));
      expect(bob.frames, 'not within the task that posted').to.deep.equal([]);
      await waitUntil(() => carol.frames.length === 2 && otherPage.length === 2);
      // Give the browser the time to bring copies back, had it been asked to.
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(posted).to.deep.equal([frame(1), frame(2)]);
      expect(bob.frames).to.deep.equal([frame(1), frame(2)]);
      expect(carol.frames).to.deep.equal([frame(1), frame(2)]);
      expect(otherPage).to.deep.equal([frame(1), frame(2)]);
      expect(alice.frames, 'the sender hears nothing back').to.deep.equal([]);
      // Each receiver has a copy of its own.
      bob.frames[0].data.list.push(99);
      expect(carol.frames[0].data.list).to.deep.equal([1]);
    } finally {
      tab.close();
      channels.forEach((c, i) => c.leave([alice, bob, carol][i].receive));
    }
  });

  it('gives each client of the page its own copy of a frame from another page', async () => {
    const name = uniqueChannel();
    const [alice, bob] = [inbox(), inbox()];
    const channels = [PageChannel.join(name, alice.receive), PageChannel.join(name, bob.receive)];
    const tab = new BroadcastChannel(name);
    try {
      tab.postMessage(frame(7));
      await waitUntil(() => alice.frames.length === 1 && bob.frames.length === 1);
      alice.frames[0].data.list.push(99);
      expect(bob.frames).to.deep.equal([frame(7)]);
    } finally {
      tab.close();
      channels[0].leave(alice.receive);
      channels[1].leave(bob.receive);
    }
  });

  it('stops delivering to a client that left; the last one out closes the channel', async () => {
    const name = uniqueChannel();
    const [alice, bob] = [inbox(), inbox()];
    const channel = PageChannel.join(name, alice.receive);
    expect(PageChannel.join(name, bob.receive)).to.equal(channel);
    channel.post(alice.receive, frame(1));
    channel.leave(bob.receive); // before the frame's task ran
    // Frames are delivered in order: once a later one reached alice, the first one's task ran.
    const carol = inbox();
    PageChannel.join(name, carol.receive);
    channel.post(carol.receive, frame(2));
    await waitUntil(() => alice.frames.length === 1);
    channel.leave(carol.receive);
    expect(bob.frames).to.deep.equal([]);

    channel.leave(alice.receive);
    const again = PageChannel.join(name, bob.receive);
    try {
      expect(again, 'a fresh channel once everyone left').to.not.equal(channel);
    } finally {
      again.leave(bob.receive);
    }
  });

  it('keeps delivering to the others when one client throws', async () => {
    const name = uniqueChannel();
    const [alice, bob] = [inbox(), inbox()];
    const thrower = () => {
      throw new Error('a broken client');
    };
    // The error is reported to the page, as one thrown by a message handler would be; caught
    // here before the test runner sees it.
    const reported: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      reported.push(event.error);
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('error', onError, { capture: true });
    const runnerOnError = window.onerror; // mocha's
    window.onerror = () => true;
    const printed = captureConsole(); // the test runner prints every error event
    const channel = PageChannel.join(name, alice.receive);
    PageChannel.join(name, thrower);
    PageChannel.join(name, bob.receive);
    try {
      channel.post(alice.receive, frame(1));
      await waitUntil(() => bob.frames.length === 1);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['a broken client']);
    } finally {
      printed.restore();
      window.removeEventListener('error', onError, { capture: true });
      window.onerror = runnerOnError;
      [alice.receive, thrower, bob.receive].forEach((r) => channel.leave(r));
    }
  });
});
