// The relay as a service: `node relay.mjs` behind Caddy or nginx (HTTPS and WSS are theirs).
// Everything comes from the environment (see relay.env.example); it will not start without a
// secret, since anyone who reaches an open relay can connect as any user.
import { createRelayServer } from 'rc-call-elements/relay';

const env = process.env;
if (!env.RC_SIGNAL_SECRET && env.RC_SIGNAL_INSECURE !== '1') {
  console.error(
    'RC_SIGNAL_SECRET is not set: a relay on the internet needs one (your app server mints ' +
      'tokens with createSignalToken and the same secret).',
  );
  process.exit(1);
}
const port = Number(env.PORT ?? 8000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
  process.exit(1);
}

// Loopback: only the proxy in front reaches it. RC_SIGNAL_ORIGINS, RC_TURN_URLS, RC_TURN_SECRET
// and RC_SIGNAL_REDIS are read by the relay itself.
const relay = await createRelayServer({ host: env.HOST ?? '127.0.0.1', port });
console.log(`relay listening on ${relay.signalUrl}`);

const stop = async () => {
  await relay.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
