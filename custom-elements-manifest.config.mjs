// `cem analyze --litelement` (npm run build): the Custom Elements Manifest of the three elements,
// from their JSDoc (@attr, @fires with the event's type, @csspart, @slot, @cssprop) and their Lit
// properties, into dist/custom-elements.json. The manifest is the one list of what each element
// has: the framework typings (dist/types/elements/element-lists.d.ts) and README's element tables
// are made from it (`npm run docs` rewrites the tables; a test checks that they agree).
import { mkdirSync, writeFileSync } from 'node:fs';

/** The custom elements of a manifest, by tag. */
export function elementsOf(manifest) {
  return new Map(
    manifest.modules.flatMap((m) =>
      (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
    ),
  );
}

const isPublic = (m) =>
  !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#');

/** Public members by kind: the attributes' fields are listed as attributes. */
export function membersOf(decl) {
  const members = (decl.members ?? []).filter(isPublic);
  return {
    properties: members.filter((m) => m.kind === 'field' && !m.attribute),
    methods: members.filter((m) => m.kind === 'method'),
  };
}

const pascal = (tag) => tag.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
const union = (names) => (names.length ? names.map((n) => `'${n}'`).join(' | ') : 'never');

/**
 * For each element: its attributes as markup writes them (reflected read-only ones left out) with
 * their properties' types, the properties a framework may set, and the events it dispatches.
 */
export function elementLists(manifest) {
  const out = [
    '// Made by `cem analyze` from custom-elements.json (custom-elements-manifest.config.mjs).',
  ];
  for (const [tag, decl] of elementsOf(manifest)) {
    const name = pascal(tag);
    const attributes = (decl.attributes ?? []).filter(
      (a) => !/^Reflected/.test(a.description ?? ''),
    );
    const type = (a) => (a.type?.text ?? 'string').replace(/\s*\|\s*undefined/g, '');
    out.push(`export interface ${name}Attributes {`);
    for (const a of attributes)
      out.push(`  /** ${a.description ?? ''} */\n  '${a.name}'?: ${type(a)};`);
    out.push('}');
    // Writable properties without an attribute of the same name (those are typed as attributes).
    const fields = (decl.members ?? []).filter(
      (m) => m.kind === 'field' && isPublic(m) && !m.readonly && m.attribute !== m.name,
    );
    out.push(`export type ${name}Properties = ${union(fields.map((f) => f.name))};`);
    out.push(`export type ${name}Events = ${union((decl.events ?? []).map((e) => e.name))};`);
  }
  return `${out.join('\n')}\n`;
}

const cell = (text) => (text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function signature(method) {
  const params = (method.parameters ?? []).map((p) =>
    p.default !== undefined ? `${p.name} = ${p.default}` : p.optional ? `${p.name}?` : p.name,
  );
  return `${method.name}(${params.join(', ')})`;
}

/** README's tables of one element, `#### Title` → its rows (`[name, description]`), in order. */
export function readmeTables(decl) {
  const { properties, methods } = membersOf(decl);
  const rows = (list, name = (x) => x.name) => list.map((x) => [name(x), x.description]);
  return [
    ['Attributes', 'attribute', rows(decl.attributes ?? [])],
    ['Properties', 'property', rows(properties)],
    ['Methods', 'method', rows(methods, signature)],
    ['Events', 'event', rows(decl.events ?? [])],
    ['Parts', 'part', rows(decl.cssParts ?? [])],
    ['CSS custom properties', 'property', rows(decl.cssProperties ?? [])],
    ['Slots', 'slot', rows(decl.slots ?? [], (s) => s.name)],
  ].filter(([, , list]) => list.length > 0);
}

/** The markdown of one table. */
export function tableMarkdown(header, rows) {
  const name = (n) => (n === '' ? '(default)' : `\`${n}\``);
  return [
    `| ${header} | meaning |`,
    '| --- | --- |',
    ...rows.map(([n, d]) => `| ${name(n)} | ${cell(d)} |`),
  ].join('\n');
}

/** Writes the element lists for the framework typings next to the other types. */
function elementListsPlugin() {
  return {
    name: 'rc-call-element-lists',
    packageLinkPhase({ customElementsManifest }) {
      mkdirSync('dist/types/elements', { recursive: true });
      writeFileSync('dist/types/elements/element-lists.d.ts', elementLists(customElementsManifest));
    },
  };
}

export default {
  globs: ['elements/*.ts'],
  exclude: ['elements/*.d.ts', 'elements/global.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json already names the manifest (`customElements`); the analyzer must not rewrite it.
  packagejson: false,
  dependencies: false,
  plugins: [elementListsPlugin()],
};

/** README's sections of each element: `### \`<tag>\`` up to the next heading of level 1–3. */
function sectionBounds(lines, tag) {
  const start = lines.findIndex((l) => l.trim() === `### \`<${tag}>\``);
  if (start < 0) return undefined;
  const next = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
  return [start, next < 0 ? lines.length : next];
}

/**
 * README.md with each element's tables made from `manifest`: in every `#### Title` subsection of
 * an element's section, the table is replaced (the prose around it stays). A kind the manifest
 * has but README lacks a subsection for is an error (add the heading where it belongs).
 */
export function readmeWithTables(readme, manifest) {
  let lines = readme.split('\n');
  for (const [tag, decl] of elementsOf(manifest)) {
    const bounds = sectionBounds(lines, tag);
    if (!bounds) throw new Error(`README.md has no section "### \`<${tag}>\`"`);
    let section = lines.slice(...bounds);
    for (const [title, header, rows] of readmeTables(decl)) {
      const at = section.findIndex((l) => l.trim() === `#### ${title}`);
      if (at < 0) throw new Error(`README.md, <${tag}>: add a "#### ${title}" subsection`);
      const from = section.findIndex((l, i) => i > at && l.startsWith('|'));
      const end = section.findIndex((l, i) => i > from && !l.startsWith('|'));
      const table = tableMarkdown(header, rows).split('\n');
      section = [
        ...section.slice(0, from),
        ...table,
        ...section.slice(end < 0 ? section.length : end),
      ];
    }
    lines = [...lines.slice(0, bounds[0]), ...section, ...lines.slice(bounds[1])];
  }
  return lines.join('\n');
}

/** `npm run docs`: rewrites README's element tables from dist/custom-elements.json. */
export async function writeReadme() {
  const { readFileSync } = await import('node:fs');
  const prettier = await import('prettier');
  const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
  const text = readmeWithTables(readFileSync('README.md', 'utf8'), manifest);
  const options = await prettier.resolveConfig('README.md');
  writeFileSync('README.md', await prettier.format(text, { ...options, parser: 'markdown' }));
}
