// What a built entry of dist/ brings with it: its relative imports read from the code (static and
// dynamic), their transitive closure, and gzip sizes as a server would send each file. Used by
// `npm run bench` and by the size test (test/node/dist-size.test.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

/** Each file gzipped on its own at level 9. */
export const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The relative imports of a built ES module, split into static and dynamic ones. */
export function importsOf(file) {
  const found = { static: [], dynamic: [] };
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    const isStatic =
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source);
    if (isStatic) found.static.push(node.source.value);
    if (node.type === 'ImportExpression' && node.source.type === 'Literal') {
      found.dynamic.push(node.source.value);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(readFileSync(file, 'utf8')));
  const resolve = (specifiers) =>
    specifiers.filter((s) => s.startsWith('.')).map((s) => join(dirname(file), s));
  return { static: resolve(found.static), dynamic: resolve(found.dynamic) };
}

/** `entry` and its static imports, transitively; with `dynamic`, the dynamic ones too. */
export function closure(entry, { dynamic = false } = {}) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const imports = importsOf(file);
    for (const next of [...imports.static, ...(dynamic ? imports.dynamic : [])]) walk(next);
  };
  walk(entry);
  return [...seen];
}
