// The build step that shrinks the elements' Lit templates (rollup.minify-templates.mjs): what it
// may change, what it must leave alone, and that its sourcemap still points at the original code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceMapConsumer } from 'source-map';
import { minifyCss, minifyHtml, minifyTemplates } from '../../rollup.minify-templates.mjs';

test('CSS loses comments and needless whitespace, keeps descendant spaces and strings', () => {
  const css = `
    /* a comment */
    :host {
      display: block;
      font: 14px / 1.4 system-ui, sans-serif;
    }
    .a :hover > .b { content: "  two  spaces  "; margin: 0 auto; }
  `;
  assert.equal(
    minifyCss(css),
    ':host{display:block;font:14px / 1.4 system-ui,sans-serif}.a :hover>.b{content:"  two  spaces  ";margin:0 auto}',
  );
  assert.equal(minifyCss('a { content: "unterminated }'), null);
});

test('markup keeps one space wherever it had whitespace, and attribute values as written', () => {
  const html = `
    <p class="a   b">
      Hello,
      <b>world</b> !
    </p>
    <!--  kept  -->
  `;
  assert.equal(minifyHtml(html), ' <p class="a   b"> Hello, <b>world</b> ! </p> <!--  kept  --> ');
  assert.equal(
    minifyHtml('<button  type="button"  >x</button>'),
    '<button type="button">x</button>',
  );
  assert.equal(minifyHtml('<pre>  a\n  b</pre>'), null);
  assert.equal(minifyHtml('<textarea>  a </textarea>'), null);
});

test('only css/html/svg-tagged templates change; expressions, escapes and plain strings survive', () => {
  const code = [
    'const s = css`',
    '  :host { color: ${color}; }',
    '`;',
    'const t = html`<div   class=${cls}>  ${text}  </div>`;',
    'const raw = `  keep   me  `;',
    'const esc = html`<i>\\u00a0  x</i>`;',
    'const other = sql`select   1`;',
  ].join('\n');
  const out = minifyTemplates(code, 'x.js');
  assert.ok(out);
  assert.match(out.code, /css`:host\{color:\$\{color\}\}`/);
  assert.match(out.code, /html`<div class=\$\{cls\}> \$\{text\} <\/div>`/);
  assert.ok(out.code.includes('`  keep   me  `'));
  assert.ok(out.code.includes('html`<i>\\u00a0  x</i>`'));
  assert.ok(out.code.includes('sql`select   1`'));
  assert.equal(minifyTemplates('const a = 1;', 'x.js'), null);
});

test('the sourcemap maps code after a shortened template back to its original place', async () => {
  const code = 'const s = css`\n  a {\n    color: red;\n  }\n`;\nconst after = 1;\n';
  const out = minifyTemplates(code, 'x.js');
  const line = out.code.split('\n').findIndex((l) => l.includes('after')) + 1;
  const column = out.code.split('\n')[line - 1].indexOf('after');
  const original = await SourceMapConsumer.with(out.map, null, (map) =>
    map.originalPositionFor({ line, column }),
  );
  assert.equal(original.source, 'x.js');
  assert.equal(original.line, 6);
  assert.equal(original.column, code.split('\n')[5].indexOf('after'));
});
