/**
 * The local backend against a relay started with a secret: a client with a valid `signalToken`
 * connects (sent in its first frame, not in the URL); a bad one fails with `auth/token-invalid`
 * and nothing retries.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createLocalCallClient, type LocalCallClient } from '../../src/local/index.js';

const SECRET = 'browser-test-secret-0123456789abcdef';
const token = (userId: string, secret = SECRET) =>
  executeServerCommand<string, { userId: string; secret: string; expiresIn: number }>(
    'local-signal-token',
    { userId, secret, expiresIn: 60 },
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
