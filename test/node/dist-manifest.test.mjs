// dist/custom-elements.json (npm test builds it with `cem analyze --litelement`): the three tags
// with what API.md names, as tools (IDEs, Storybook, framework wrappers) read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));

const elements = new Map(
  manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
  ),
);
const names = (tag, key) => (elements.get(tag)?.[key] ?? []).map((x) => x.name);
const includesAll = (tag, key, expected) => {
  const actual = names(tag, key);
  const missing = expected.filter((n) => !actual.includes(n));
  assert.deepEqual(missing, [], `<${tag}> ${key} lacks ${missing.join(', ')} (has ${actual})`);
};

test('the manifest has a schema version and declares the five tags', () => {
  assert.match(manifest.schemaVersion, /^\d+\.\d+\.\d+$/);
  assert.deepEqual([...elements.keys()].sort(), [
    'rc-call-client',
    'rc-call-devices',
    'rc-call-preview',
    'rc-call-session',
    'rc-video-tile',
  ]);
});

test('the index module defines each tag with its class', () => {
  const index = manifest.modules.find((m) => m.path === 'elements/index.ts');
  const definitions = index.exports
    .filter((e) => e.kind === 'custom-element-definition')
    .map((e) => [e.name, e.declaration.name])
    .sort();
  assert.deepEqual(definitions, [
    ['rc-call-client', 'RcCallClient'],
    ['rc-call-session', 'RcCallSession'],
    ['rc-video-tile', 'RcVideoTile'],
  ]);
});

test('<rc-call-client>: attributes, events and the default slot', () => {
  includesAll('rc-call-client', 'attributes', [
    'backend',
    'appkey',
    'token',
    'navigators',
    'user-id',
    'signal-url',
    'signal-token',
    'name',
    'portrait',
    'lang',
    'timeout',
    'status',
  ]);
  includesAll('rc-call-client', 'events', [
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
    'tokenexpired',
    'callerror',
  ]);
  includesAll('rc-call-client', 'slots', ['']);
  const attr = elements.get('rc-call-client').attributes.find((a) => a.name === 'user-id');
  assert.equal(attr.fieldName, 'userId', 'user-id is tied to its property');
  assert.ok(attr.description, 'user-id is described');
});

test('<rc-call-client>: public methods and properties', () => {
  const members = names('rc-call-client', 'members');
  for (const m of [
    'connect',
    'disconnect',
    'call',
    'callInGroup',
    'client',
    'sessions',
    'session',
  ]) {
    assert.ok(members.includes(m), `<rc-call-client> lacks member ${m}`);
  }
});

test('<rc-call-session>: attributes, events, parts and CSS properties', () => {
  includesAll('rc-call-session', 'attributes', ['call-id', 'state', 'media-type']);
  includesAll('rc-call-session', 'events', ['ringing', 'accept', 'hungup', 'sessionclose']);
  includesAll('rc-call-session', 'cssParts', [
    'accept',
    'accept-audio',
    'decline',
    'hangup',
    'mic',
    'camera',
    'to-audio',
    'invite',
    'timer',
    'status',
    'tiles',
  ]);
  const cssProps = names('rc-call-session', 'cssProperties');
  assert.ok(
    cssProps.length > 0 && cssProps.every((p) => p.startsWith('--rc-call-')),
    `${cssProps}`,
  );
  const members = names('rc-call-session', 'members');
  for (const m of ['accept', 'decline', 'hangup', 'toggleMic', 'toggleCamera', 'switchToAudio']) {
    assert.ok(members.includes(m), `<rc-call-session> lacks member ${m}`);
  }
});

test('<rc-video-tile>: attributes, parts and CSS properties', () => {
  includesAll('rc-video-tile', 'attributes', ['user-id', 'local', 'audio-muted', 'video-muted']);
  includesAll('rc-video-tile', 'cssParts', ['video', 'label', 'avatar']);
  includesAll('rc-video-tile', 'events', ['trackready', 'mutechange']);
  const cssProps = names('rc-video-tile', 'cssProperties');
  assert.ok(
    cssProps.length > 0 && cssProps.every((p) => p.startsWith('--rc-call-')),
    `${cssProps}`,
  );
});

test('every event is typed with its detail and every part is described', () => {
  for (const [tag, el] of elements) {
    for (const e of el.events ?? []) {
      assert.match(e.type?.text ?? '', /^CustomEvent<\w+>$/, `<${tag}> ${e.name} has no type`);
      assert.ok(e.description, `<${tag}> event ${e.name} has no description`);
    }
    for (const p of el.cssParts ?? []) assert.ok(p.description, `<${tag}> part ${p.name}`);
    for (const p of el.cssProperties ?? []) assert.ok(p.description, `<${tag}> ${p.name}`);
  }
});
