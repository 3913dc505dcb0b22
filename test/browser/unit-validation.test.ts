import { expect } from '@open-wc/testing';
import * as v from '../../elements/validation.js';

type Row = [string, (raw: string | null) => v.Parsed<unknown>, string | null, unknown, string?];

const longName = 'n'.repeat(65);

// parser, raw attribute (null: absent), the value the element uses, the callerror code (if any).
const rows: Row[] = [
  ['backend', (r) => v.parseBackend(r, false), null, 'local'],
  ['backend', (r) => v.parseBackend(r, true), null, 'rongcloud'],
  ['backend', (r) => v.parseBackend(r, false), ' RongCloud ', 'rongcloud'],
  ['backend', (r) => v.parseBackend(r, false), 'carrier-pigeon', 'local', 'config/invalid-backend'],
  ['backend', (r) => v.parseBackend(r, true), 'LOCAL2', 'rongcloud', 'config/invalid-backend'],
  ['user-id', v.parseUserId, null, undefined],
  ['user-id', v.parseUserId, '', undefined],
  ['user-id', v.parseUserId, 'alice_01+x=y.z@h-1', 'alice_01+x=y.z@h-1'],
  ['user-id', v.parseUserId, 'has space', undefined, 'config/invalid-user-id'],
  ['user-id', v.parseUserId, '<b>', undefined, 'config/invalid-user-id'],
  ['user-id', v.parseUserId, 'x'.repeat(65), undefined, 'config/invalid-user-id'],
  ['appkey', v.parseAppkey, ' abc123 ', 'abc123'],
  ['appkey', v.parseAppkey, 'bad key!', undefined, 'config/invalid-appkey'],
  ['token', v.parseToken, 'abc+def/ghi=@cn1', 'abc+def/ghi=@cn1'],
  ['token', v.parseToken, 'tab\there', undefined, 'config/invalid-token'],
  ['navigators', v.parseNavigators, null, []],
  [
    'navigators',
    v.parseNavigators,
    'https://a.example, http://b.example',
    ['https://a.example', 'http://b.example'],
  ],
  [
    'navigators',
    v.parseNavigators,
    'https://ok.example javascript:x',
    ['https://ok.example'],
    'config/invalid-navigators',
  ],
  ['signal-url', v.parseSignalUrl, 'wss://relay.example/signal', 'wss://relay.example/signal'],
  ['signal-url', v.parseSignalUrl, ' ws://127.0.0.1:8000/signal ', 'ws://127.0.0.1:8000/signal'],
  [
    'signal-url',
    v.parseSignalUrl,
    'http://127.0.0.1/signal',
    undefined,
    'config/invalid-signal-url',
  ],
  ['signal-url', v.parseSignalUrl, 'not a url', undefined, 'config/invalid-signal-url'],
  ['timeout', v.parseTimeout, null, 60],
  ['timeout', v.parseTimeout, '30', 30],
  ['timeout', v.parseTimeout, '0.5', 0.5],
  ['timeout', v.parseTimeout, '3600', 3600],
  ['timeout', v.parseTimeout, '0', 60, 'config/invalid-timeout'],
  ['timeout', v.parseTimeout, '-3', 60, 'config/invalid-timeout'],
  ['timeout', v.parseTimeout, '3601', 60, 'config/invalid-timeout'],
  ['timeout', v.parseTimeout, 'abc', 60, 'config/invalid-timeout'],
  ['name', v.parseName, null, undefined],
  ['name', v.parseName, '  Alice  ', 'Alice'],
  ['name', v.parseName, '   ', undefined],
  ['name', v.parseName, longName, 'n'.repeat(64), 'config/invalid-name'],
  [
    'portrait',
    (r) => v.parseImageUrl(r, 'portrait'),
    'https://example.com/a.png',
    'https://example.com/a.png',
  ],
  [
    'portrait',
    (r) => v.parseImageUrl(r, 'portrait'),
    'data:image/png;base64,AAAA',
    'data:image/png;base64,AAAA',
  ],
  [
    'portrait',
    (r) => v.parseImageUrl(r, 'portrait'),
    'javascript:alert(1)',
    undefined,
    'config/invalid-portrait',
  ],
  [
    'portrait',
    (r) => v.parseImageUrl(r, 'portrait'),
    'data:text/html,<b>x</b>',
    undefined,
    'config/invalid-portrait',
  ],
  [
    'avatar',
    (r) => v.parseImageUrl(r, 'avatar'),
    'ftp://x/y.png',
    undefined,
    'config/invalid-avatar',
  ],
  [
    'avatar',
    (r) => v.parseImageUrl(r, 'avatar'),
    'data:image/svg+xml,<svg/>',
    undefined,
    'config/invalid-avatar',
  ],
  ['lang', v.parseLangAttr, null, 0],
  ['lang', v.parseLangAttr, 'zh-CN', 0],
  ['lang', v.parseLangAttr, 'en_GB', 0],
  ['lang', v.parseLangAttr, 'fr', 0, 'config/invalid-lang'],
];

describe('attribute validation: each parser', () => {
  for (const [attr, parse, raw, value, code] of rows) {
    const shown =
      raw === null ? 'absent' : JSON.stringify(raw.length > 40 ? `${raw.slice(0, 12)}…` : raw);
    it(`${attr} ${shown} → ${JSON.stringify(value) ?? 'undefined'}${code ? `, ${code}` : ''}`, () => {
      const parsed = parse(raw);
      expect(parsed.value).to.deep.equal(value);
      expect(parsed.issue?.code).to.equal(code);
      if (code) expect(parsed.issue!.message).to.contain(attr.split('-')[0]);
    });
  }
});

describe('attribute validation: IssueTracker', () => {
  it('reports a bad value once, again after a good one, and a different bad value at once', () => {
    const seen: string[] = [];
    const issues = new v.IssueTracker((code) => seen.push(code));
    const check = (raw: string) => issues.check('timeout', raw, v.parseTimeout(raw));
    expect([check('x'), check('x'), check('5'), check('x'), check('y')]).to.deep.equal([
      60, 60, 5, 60, 60,
    ]);
    expect(seen).to.deep.equal([
      'config/invalid-timeout',
      'config/invalid-timeout',
      'config/invalid-timeout',
    ]);
  });
});
