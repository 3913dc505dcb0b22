/**
 * The local backend against a relay started with a secret: a client with a valid `signalToken`
 * connects (sent in its first frame, not in the URL); a bad one fails with `auth/token-invalid`
 * and nothing retries. `<rc-call-client signal-token>`: a token that runs out mid-call is asked
 * for with `tokenexpired`, and the new one keeps the call.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../elements/index.js';
import type { RcCallClient, RcCallSession } from '../../elements/index.js';
import { createLocalCallClient, type LocalCallClient } from '../../src/local/index.js';
import { part } from './elements/helpers.js';

const SECRET = 'browser-test-secret-0123456789abcdef';
const token = (userId: string, secret = SECRET, expiresIn = 60) =>
  executeServerCommand<string, { userId: string; secret: string; expiresIn: number }>(
    'local-signal-token',
    { userId, secret, expiresIn },
  );

describe('local backend: a relay that needs a token', () => {
  let signal: string;
  let client: LocalCallClient | undefined;
  before(async () => {
    ({ signalUrl: signal } = await executeServerCommand<{ signalUrl: string }, { secret: string }>(
      'local-relay-start',
      { secret: SECRET },
    ));
  });
  afterEach(async () => {
    await client?.destroy();
    client = undefined;
  });
  after(() => executeServerCommand('local-relay-stop', { secret: true }));

  const open = (signalToken: string) =>
    createLocalCallClient({
      userId: 'alice',
      signal,
      signalToken,
      onSession: () => undefined,
      onSessionClose: () => undefined,
    });

  it('a valid token connects', async () => {
    client = await open(await token('alice'));
    expect(client.getStatus()).to.equal('connected');
  });

  it('a token of the wrong secret fails with auth/token-invalid, once', async () => {
    const error = await open(await token('alice', 'some-other-secret-0123456789')).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).to.equal('auth/token-invalid');
    expect(String(error)).to.contain('invalid token');
  });

  it('another user’s token is refused: the user id comes from the token', async () => {
    const error = await open(await token('bob')).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('auth/token-invalid');
  });
});

describe('<rc-call-client signal-token>', () => {
  let signal: string;
  before(async () => {
    ({ signalUrl: signal } = await executeServerCommand<{ signalUrl: string }, { secret: string }>(
      'local-relay-start',
      { secret: SECRET },
    ));
  });
  after(() => executeServerCommand('local-relay-stop', { secret: true }));

  /** A client element on the relay with `signalToken`, recording its errors and token requests. */
  async function element(userId: string, signalToken: string) {
    const errors: string[] = [];
    const asked: string[] = [];
    const client = await fixture<RcCallClient>(html`
      <rc-call-client
        backend="local"
        user-id=${userId}
        signal-url=${signal}
        signal-token=${signalToken}
        lang="en"
        @callerror=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}
        @tokenexpired=${(e: CustomEvent<{ userId: string }>) => asked.push(e.detail.userId)}
      >
        <rc-call-session silent></rc-call-session>
      </rc-call-client>
    `);
    const session = client.querySelector('rc-call-session') as RcCallSession;
    return { client, session, errors, asked };
  }

  it('a token running out mid-call is asked for, and the new one keeps the call', async () => {
    const alice = await element('alice', await token('alice', SECRET, 3));
    const bob = await element('bob', await token('bob'));
    await waitUntil(
      () => alice.client.status === 'connected' && bob.client.status === 'connected',
      'not connected',
      { timeout: 10000 },
    );
    await alice.client.call('bob', 'audio');
    await waitUntil(() => bob.session.state === 'incoming', 'bob is not rung', { timeout: 10000 });
    part(bob.session, 'accept')!.click();
    await waitUntil(() => alice.session.state === 'active', 'not connected', { timeout: 10000 });

    await waitUntil(() => alice.asked.length === 1, 'no tokenexpired', { timeout: 5000 });
    expect(alice.asked).to.deep.equal(['alice']);
    alice.client.signalToken = await token('alice');
    // Past the first token's end: the same connection, the same call, and signals still flow.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(alice.client.status).to.equal('connected');
    expect(alice.session.state).to.equal('active');
    expect(alice.errors).to.deep.equal([]);
    await waitUntil(() => part(alice.session, 'mic'), 'no microphone button', { timeout: 10000 });
    part(alice.session, 'mic')!.click();
    const remote = () => bob.session.shadowRoot!.querySelector('rc-video-tile:not([local])');
    await waitUntil(() => remote()?.hasAttribute('audio-muted'), 'bob did not see the mute', {
      timeout: 10000,
    });
    await alice.client.disconnect();
    await bob.client.disconnect();
  });

  it('a token that is not renewed ends the connection with callerror auth/token-invalid', async () => {
    const alice = await element('alice', await token('alice', SECRET, 2));
    await waitUntil(() => alice.client.status === 'connected', 'not connected', {
      timeout: 10000,
    });
    await waitUntil(() => alice.errors.length > 0, 'no callerror', { timeout: 6000 });
    expect(alice.asked).to.deep.equal(['alice']);
    expect(alice.errors).to.deep.equal(['auth/token-invalid']);
    expect(alice.client.status).to.equal('error');
  });

  it('a refused token gives callerror; a good one set afterwards connects', async () => {
    const alice = await element('alice', await token('alice', 'not-the-relay-secret-0123456789'));
    await waitUntil(() => alice.errors.length > 0, 'no callerror', { timeout: 10000 });
    expect(alice.errors).to.deep.equal(['auth/token-invalid']);
    expect(alice.client.status).to.equal('error');
    alice.client.signalToken = await token('alice');
    await waitUntil(() => alice.client.status === 'connected', 'not connected', {
      timeout: 10000,
    });
    expect(alice.errors).to.deep.equal(['auth/token-invalid']);
  });
});
