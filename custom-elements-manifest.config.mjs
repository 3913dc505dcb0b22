// `cem analyze --litelement` (npm run build): the Custom Elements Manifest of the three elements,
// from their JSDoc (@attr, @fires, @csspart, @slot, @cssprop) and Lit properties, into
// dist/custom-elements.json.

/**
 * elements/index.ts defines the tags through a helper, `define('rc-call-client', RcCallClient)`
 * (it leaves a tag that is already defined alone), which the analyzer does not follow: it would
 * report one definition of a tag called `tag`. This plugin reads those calls, gives each class
 * its `tagName` and the index its real definitions. It also types each event from the map of
 * event details in elements/events.ts (`CallEventDetails`), which JSDoc `@fires` does not carry.
 */
function definitionsAndEventTypes() {
  const defined = []; // { tag, className, module }
  const eventDetails = new Map(); // event name → detail type name

  return {
    name: 'rc-call-definitions-and-event-types',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'define' &&
        node.arguments.length === 2 &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        defined.push({
          tag: node.arguments[0].text,
          className: node.arguments[1].text,
          module: moduleDoc.path,
        });
      }
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'CallEventDetails') {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && ts.isIdentifier(member.name)) {
            eventDetails.set(member.name.text, member.type.getText());
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const classModule = new Map();
      for (const mod of modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'class') classModule.set(decl.name, { mod, decl });
        }
      }
      const isClass = (name) => classModule.has(name);
      for (const mod of modules) {
        mod.exports = (mod.exports ?? []).filter(
          (e) => e.kind !== 'custom-element-definition' || isClass(e.declaration.name),
        );
        // Re-exported classes point at the module that declares them, not at the index.
        for (const e of mod.exports) {
          const found = classModule.get(e.declaration.name);
          if (e.kind === 'js' && found && e.declaration.module === mod.path && found.mod !== mod) {
            e.declaration.module = found.mod.path;
          }
        }
      }
      for (const { tag, className, module } of defined) {
        const found = classModule.get(className);
        if (!found) continue;
        found.decl.tagName = tag;
        found.decl.customElement = true;
        const index = modules.find((m) => m.path === module);
        index.exports.push({
          kind: 'custom-element-definition',
          name: tag,
          declaration: { name: className, module: found.mod.path },
        });
      }
      for (const { decl } of classModule.values()) {
        for (const event of decl.events ?? []) {
          const detail = eventDetails.get(event.name);
          if (!event.type && detail) event.type = { text: `CustomEvent<${detail}>` };
        }
      }
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
  plugins: [definitionsAndEventTypes()],
};
