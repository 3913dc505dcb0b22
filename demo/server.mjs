// `npm start`: the demo at /, the build at /dist/ and the WebSocket relay at /signal, in one Node
// process. HOST and PORT override 127.0.0.1:8000; RC_SIGNAL_ORIGINS lists extra allowed origins.
import { fileURLToPath } from 'node:url';
import { startDevServer } from '../dist/relay.js';

const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT ? Number(process.env.PORT) : 8000;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0–65535), not ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

let dev;
try {
  dev = await startDevServer({ host, port, root: fileURLToPath(new URL('..', import.meta.url)) });
} catch (error) {
  const hint = error.code === 'EADDRINUSE' ? ' (in use: set PORT to another port)' : '';
  console.error(`Cannot listen on ${host}:${port}${hint}: ${error.message}`);
  process.exit(1);
}
console.log(
  `Demo at ${dev.url} (relay ${dev.signalUrl}): open it in two tabs and call between them.`,
);

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1); // a second Ctrl-C does not wait
  stopping = true;
  await dev.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
