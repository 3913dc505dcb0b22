// The package as npm publishes it (npm test builds dist/ first): the export map, the fields tools
// read, and the file list of `npm pack`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const exists = (path) => existsSync(join(root, path));

/** Every target path of an `exports` value, with the conditions that lead to it. */
function targets(value, conditions = []) {
  if (typeof value === 'string') return [{ conditions, path: value }];
  return Object.entries(value).flatMap(([c, v]) => targets(v, [...conditions, c]));
}

const subpaths = [
  '.',
  './calllib',
  './local',
  './rongcloud',
  './testing',
  './relay',
  './frameworks',
  './custom-elements.json',
  './package.json',
];

test('exports has every entry point of API.md, and only those', () => {
  assert.deepEqual(Object.keys(pkg.exports).sort(), [...subpaths].sort());
});

test('every export target and types file exists', () => {
  for (const [subpath, value] of Object.entries(pkg.exports)) {
    for (const { conditions, path } of targets(value)) {
      assert.ok(path.startsWith('./'), `${subpath}: ${path} must start with ./`);
      assert.ok(exists(path), `${subpath} [${conditions.join(' ')}] → ${path} does not exist`);
    }
    if (typeof value === 'object' && subpath !== './frameworks') {
      // TypeScript reads conditions in order: `types` has to come first to be seen.
      assert.equal(Object.keys(value)[0], 'types', `${subpath}: types must be the first condition`);
      assert.match(value.types, /\.d\.ts$/);
    }
  }
});

test('each JS export resolves through Node to the built file it names', () => {
  const expected = {
    'rc-call-elements': 'dist/rc-call.js',
    'rc-call-elements/calllib': 'dist/calllib.js',
    'rc-call-elements/local': 'dist/local.js',
    'rc-call-elements/rongcloud': 'dist/rongcloud.js',
    'rc-call-elements/testing': 'dist/testing.js',
    'rc-call-elements/relay': 'dist/relay.js',
    'rc-call-elements/custom-elements.json': 'dist/custom-elements.json',
  };
  // A package can import itself by name: Node applies its own `exports`.
  for (const [specifier, file] of Object.entries(expected)) {
    assert.equal(fileURLToPath(import.meta.resolve(specifier)), join(root, file), specifier);
  }
});

test('the Node entries import by package name in Node', async () => {
  const calllib = await import('rc-call-elements/calllib');
  assert.equal(calllib.RCCallMediaType.AUDIO_VIDEO, 2);
  const testing = await import('rc-call-elements/testing');
  assert.equal(typeof testing.createMemoryNetwork, 'function');
  const relay = await import('rc-call-elements/relay');
  assert.equal(typeof relay.createRelayServer, 'function');
});

test('main, module, types, customElements and unpkg point at built files', () => {
  for (const field of ['main', 'module', 'types', 'customElements', 'unpkg', 'jsdelivr']) {
    assert.ok(pkg[field], `package.json lacks ${field}`);
    assert.ok(exists(pkg[field]), `${field}: ${pkg[field]} does not exist`);
  }
  assert.equal(pkg.customElements, './dist/custom-elements.json');
  assert.equal(pkg.types, pkg.exports['.'].types);
  assert.equal(pkg.unpkg, './dist/rc-call.global.js');
});

test('sideEffects lists exactly the built files that define elements', () => {
  const js = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'types') walk(path);
      else if (entry.name.endsWith('.js')) js.push(path);
    }
  };
  walk('dist');
  const defining = js
    .filter((f) => readFileSync(join(root, f), 'utf8').includes('customElements.define'))
    .map((f) => `./${f}`)
    .sort();
  // The entries define the three elements; lazily loaded chunks define the ones they bring
  // (`<rc-call-devices>` with the in-call screen), so chunks are side effects too.
  const entries = defining.filter((f) => !f.startsWith('./dist/chunks/'));
  assert.deepEqual(entries, ['./dist/rc-call.global.js', './dist/rc-call.js']);
  assert.deepEqual([...pkg.sideEffects].sort(), ['./dist/chunks/*.js', ...entries].sort());
});

test('npm pack contains the built package and nothing else', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  const allowed = [
    /^package\.json$/,
    /^README\.md$/,
    /^LICENSE(\.md)?$/,
    /^dist\/(rc-call|calllib|local|rongcloud|testing|relay|rc-call\.global)\.js(\.map)?$/,
    /^dist\/chunks\/[\w.-]+\.js$/,
    // Our own chunks have maps (the enums, the lazily loaded parts of the elements, the backends'
    // shared quality measure); the RongCloud SDK's do not.
    /^dist\/chunks\/(calllib-enums|(sounds|active-view|backend-start|device-[a-z]+|picture-in-picture|quality|rc-call-[a-z]+)-[\w-]+)\.js\.map$/,
    /^dist\/custom-elements\.json$/,
    /^dist\/THIRD_PARTY_NOTICES\.md$/,
    /^dist\/types\/(src|elements)\/[\w/-]+\.d\.ts$/,
  ];
  const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(unexpected, [], 'files a user does not need');
  const required = [
    'package.json',
    'README.md',
    'dist/rc-call.js',
    'dist/calllib.js',
    'dist/local.js',
    'dist/rongcloud.js',
    'dist/testing.js',
    'dist/relay.js',
    'dist/rc-call.global.js',
    'dist/custom-elements.json',
    'dist/THIRD_PARTY_NOTICES.md',
    'dist/types/elements/index.d.ts',
    'dist/types/elements/frameworks.d.ts',
    'dist/types/src/calllib/index.d.ts',
  ];
  for (const file of required) assert.ok(files.includes(file), `npm pack lacks ${file}`);
  // Every chunk an entry imports is packed (a missing one breaks the import at run time).
  const chunks = readdirSync(join(root, 'dist/chunks')).filter((f) => f.endsWith('.js'));
  for (const chunk of chunks) assert.ok(files.includes(`dist/chunks/${chunk}`), chunk);
  const sources = files.filter((f) => /^(test|bench|demo|src|elements|node_modules)\//.test(f));
  assert.deepEqual(sources, []);
});
