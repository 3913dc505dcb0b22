// The `npm start` server (startDevServer from dist/relay.js) on a throwaway package root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startDevServer } from '../../dist/relay.js';

const SECRET = 'top-secret-package-json';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A package root with demo/ and dist/ fixtures and a package.json that must never be served. */
function makeRoot(t, { demo = true } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'rc-relay-static-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: SECRET }));
  mkdirSync(join(root, 'demo'));
  mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
  if (demo) {
    writeFileSync(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(root, 'demo', 'app.mjs'), 'export {};');
    writeFileSync(join(root, 'demo', 'style.css'), 'body{}');
    writeFileSync(join(root, 'demo', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'demo', 'icon.png'), PNG);
    mkdirSync(join(root, 'demo', 'sub'));
    writeFileSync(join(root, 'demo', 'sub', 'index.html'), '<p>sub</p>');
  }
  writeFileSync(join(root, 'dist', 'rc-call.js'), 'export const x = 1;\n');
  writeFileSync(join(root, 'dist', 'rc-call.js.map'), '{"version":3}');
  writeFileSync(join(root, 'dist', 'custom-elements.json'), '{"modules":[]}');
  writeFileSync(join(root, 'dist', 'chunks', 'a-123.js'), 'export {};');
  return root;
}

async function devServerFor(t, root) {
  const dev = await startDevServer({ root, port: 0, log: false });
  t.after(() => dev.close());
  return dev;
}

/** A raw GET: node sends the path as written, so `..` reaches the server unnormalised. */
function get(dev, path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: dev.port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves demo/ at / and dist/ at /dist/ with their MIME types', async (t) => {
  const dev = await devServerFor(t, makeRoot(t));
  const cases = [
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/app.mjs', 'text/javascript; charset=utf-8', 'export {};'],
    ['/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/sub/', 'text/html; charset=utf-8', '<p>sub</p>'],
    ['/dist/rc-call.js', 'text/javascript; charset=utf-8', 'export const x = 1;\n'],
    ['/dist/rc-call.js?v=2', 'text/javascript; charset=utf-8', 'export const x = 1;\n'],
    ['/dist/rc-call.js.map', 'application/json; charset=utf-8', '{"version":3}'],
    ['/dist/custom-elements.json', 'application/json; charset=utf-8', '{"modules":[]}'],
    ['/dist/chunks/a-123.js', 'text/javascript; charset=utf-8', 'export {};'],
  ];
  for (const [path, type, body] of cases) {
    const res = await get(dev, path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.body.toString(), body, path);
    assert.equal(Number(res.headers['content-length']), Buffer.byteLength(body), path);
  }
  const png = await get(dev, '/icon.png');
  assert.equal(png.headers['content-type'], 'image/png');
  assert.deepEqual(png.body, PNG);
  const head = await get(dev, '/dist/rc-call.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], '20');
  assert.equal(head.body.length, 0);
});

test('answers 404 for missing files, 301 for a directory without slash, 405 for POST', async (t) => {
  const dev = await devServerFor(t, makeRoot(t));
  assert.equal((await get(dev, '/nope.js')).status, 404);
  assert.equal((await get(dev, '/dist/nope.js')).status, 404);
  assert.equal((await get(dev, '/dist/')).status, 404, 'no index.html in dist, no listing');
  const redirect = await get(dev, '/sub');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/sub/');
  assert.equal((await get(dev, '/index.html', 'POST')).status, 405);
  assert.equal((await get(dev, '/%E0%A4%A')).status, 400);
});

test('refuses directory traversal, plain and percent-encoded', async (t) => {
  const dev = await devServerFor(t, makeRoot(t));
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/dist/../package.json',
    '/dist/..%2fpackage.json',
    '/dist/%2e%2e/%2e%2e/package.json',
    '/sub/..%5c..%5cpackage.json',
    '/..%2f..%2f..%2fetc/passwd',
  ]) {
    const res = await get(dev, path);
    assert.equal(res.status, 403, path);
    assert.ok(!res.body.toString().includes(SECRET), path);
  }
  assert.equal((await get(dev, '/package.json')).status, 404, 'the root is not served');
  assert.equal((await get(dev, '/index.html%00.png')).status, 400);
});

test('an empty demo directory answers 404 cleanly', async (t) => {
  const dev = await devServerFor(t, makeRoot(t, { demo: false }));
  const res = await get(dev, '/');
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal((await get(dev, '/dist/rc-call.js')).status, 200);
});

test('the relay runs at /signal in the same process; a plain GET there gets 426', async (t) => {
  const dev = await devServerFor(t, makeRoot(t));
  assert.equal(dev.signalUrl, `ws://127.0.0.1:${dev.port}/signal`);
  assert.equal(dev.url, `http://127.0.0.1:${dev.port}/`);
  assert.equal((await get(dev, '/signal')).status, 426);
  // A page served by this server (same origin) connects.
  const ws = new WebSocket(`${dev.signalUrl}?user=alice&device=tab1`, {
    headers: { Origin: `http://127.0.0.1:${dev.port}` },
  });
  const [welcome] = await once(ws, 'message');
  assert.equal(JSON.parse(welcome.toString()).type, 'welcome');
  assert.equal(dev.relay.connections, 1);
  ws.close();
  await once(ws, 'close');
});
