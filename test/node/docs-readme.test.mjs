// README.md documents each element with what dist/custom-elements.json has (npm test builds the
// manifest first): every attribute, property, public method, event, part, CSS custom property and
// slot, and nothing the element does not have, each with its JSDoc description. `npm run docs`
// writes the tables; these tests say where they drifted.
//
// README layout this reads: a `### \`<tag>\`` heading per element, then `#### Attributes`,
// `#### Properties`, `#### Methods`, `#### Events`, `#### Parts`, `#### CSS custom properties` and
// `#### Slots` subsections, each a table whose first cell starts with the name in backticks
// (methods as `name(args)`, the default slot as `(default)`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { readmeWithTables } from '../../custom-elements-manifest.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

const TAGS = [
  'rc-call-client',
  'rc-call-session',
  'rc-video-tile',
  'rc-call-devices',
  'rc-call-preview',
];

const elements = new Map(
  manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
  ),
);

const isPublic = (m) =>
  !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#');

/** What the manifest says an element has, by README subsection title. */
function manifestNames(decl) {
  const members = decl.members ?? [];
  return {
    Attributes: (decl.attributes ?? []).map((a) => a.name),
    Properties: members
      .filter((m) => m.kind === 'field' && isPublic(m) && !m.attribute)
      .map((m) => m.name),
    Methods: members.filter((m) => m.kind === 'method' && isPublic(m)).map((m) => m.name),
    Events: (decl.events ?? []).map((e) => e.name),
    Parts: (decl.cssParts ?? []).map((p) => p.name),
    'CSS custom properties': (decl.cssProperties ?? []).map((p) => p.name),
    Slots: (decl.slots ?? []).map((s) => s.name),
  };
}

/** The lines of README from `### \`<tag>\`` to the next heading of level 1–3. */
function elementSection(tag) {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.trim() === `### \`<${tag}>\``);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
  return lines.slice(start + 1, end < 0 ? lines.length : end);
}

/** `#### Title` → the names in the first cell of its table rows. */
function sectionTables(lines) {
  const tables = new Map();
  let title;
  let row = 0;
  for (const line of lines) {
    const heading = /^#### (.+)$/.exec(line);
    if (heading) {
      title = heading[1].trim();
      tables.set(title, []);
      row = 0;
      continue;
    }
    if (!title || !line.startsWith('|')) continue;
    row++;
    if (row <= 2) continue; // header and separator
    const cell = line.split('|')[1].trim();
    if (cell === '(default)') {
      tables.get(title).push('');
      continue;
    }
    const code = /^`([^`]+)`/.exec(cell);
    tables.get(title).push(code ? code[1].replace(/\(.*$/, '') : `(no name in backticks: ${cell})`);
  }
  return tables;
}

const show = (names) => names.map((n) => (n === '' ? '(default slot)' : n)).join(', ');

/** Every difference between README and the manifest, as sentences that say where. */
function differences(tag) {
  const decl = elements.get(tag);
  if (!decl) return [`dist/custom-elements.json has no <${tag}>`];
  const lines = elementSection(tag);
  if (!lines) return [`README.md has no section "### \`<${tag}>\`"`];
  const tables = sectionTables(lines);
  const problems = [];
  for (const [kind, expected] of Object.entries(manifestNames(decl))) {
    const where = `README.md, section <${tag}>, "#### ${kind}"`;
    const documented = tables.get(kind);
    if (!documented) {
      if (expected.length > 0)
        problems.push(`${where} is missing; the manifest has ${show(expected)}`);
      continue;
    }
    const missing = expected.filter((n) => !documented.includes(n));
    const extra = documented.filter((n) => !expected.includes(n));
    if (missing.length > 0)
      problems.push(`${where} lacks ${show(missing)} (in dist/custom-elements.json)`);
    if (extra.length > 0)
      problems.push(`${where} lists ${show(extra)}, which dist/custom-elements.json does not have`);
  }
  return problems;
}

test('the manifest declares the five elements the README documents', () => {
  assert.deepEqual([...elements.keys()].sort(), [...TAGS].sort());
});

for (const tag of TAGS) {
  test(`README's <${tag}> section matches the manifest`, () => {
    const problems = differences(tag);
    if (problems.length > 0) assert.fail(`\n${problems.join('\n')}\n`);
  });
}

test('the section parser finds what a drifted README would lack or add', () => {
  // The checks above pass only if the parser reads the tables; make sure it does, with the real
  // manifest and a README that drops one event and invents another.
  const lines = elementSection('rc-video-tile');
  assert.ok(lines, 'README.md has no <rc-video-tile> section');
  const events = sectionTables(lines).get('Events');
  assert.ok(events?.includes('trackready'), 'the Events table of <rc-video-tile> was not read');
  const drifted = lines.map((l) =>
    l.startsWith('| `mutechange`') ? l.replace('`mutechange`', '`mutechanged`') : l,
  );
  const driftedEvents = sectionTables(drifted).get('Events');
  assert.ok(driftedEvents.includes('mutechanged') && !driftedEvents.includes('mutechange'));
});

test('every element heading in README names a tag of the manifest', () => {
  const headings = [...readme.matchAll(/^### `<([a-z0-9-]+)>`/gm)].map((m) => m[1]);
  const unknown = headings.filter((t) => !elements.has(t));
  assert.deepEqual(unknown, [], `README.md documents unknown elements: ${unknown.join(', ')}`);
  assert.deepEqual([...new Set(headings)].sort(), [...TAGS].sort());
});

test("README's element tables are the manifest's, word for word (else: npm run docs)", async () => {
  const options = await prettier.resolveConfig(join(root, 'README.md'));
  const expected = await prettier.format(readmeWithTables(readme, manifest), {
    ...options,
    parser: 'markdown',
  });
  const at = expected.split('\n').findIndex((line, i) => line !== readme.split('\n')[i]);
  assert.ok(
    expected === readme,
    `README.md line ${at + 1} differs from the manifest: run \`npm run docs\`\n` +
      `  README:   ${readme.split('\n')[at]}\n  manifest: ${expected.split('\n')[at]}`,
  );
});
