// `cem analyze --litelement` (npm run build): the Custom Elements Manifest of the three elements,
// from their JSDoc (@attr, @fires with the event's type, @csspart, @slot, @cssprop) and their Lit
// properties, into dist/custom-elements.json.
export default {
  globs: ['elements/*.ts'],
  exclude: ['elements/*.d.ts', 'elements/global.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json already names the manifest (`customElements`); the analyzer must not rewrite it.
  packagejson: false,
  dependencies: false,
};
