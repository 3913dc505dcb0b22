// Build step: shrinks the text of the Lit templates of the elements, which esbuild leaves as written.
// - css`…`: comments go, whitespace runs become one space or none next to `{ } ; : , > ( )` (never
//   before a `:`, which would turn `.a :hover` into `.a:hover`), and the `;` before a `}` goes.
//   Quoted strings stay as they are.
// - html`…` and svg`…`: every whitespace run becomes one space, in text and between attributes,
//   and none is left between a closing quote and `>`. Text keeps a space wherever it had
//   whitespace, so inline content renders the same; attribute values and comments are untouched.
// A template whose source has a backslash (escapes), or whose markup has <pre>, <textarea>,
// <style> or <script>, is left alone; so is one whose `${}` would not survive (e.g. in a CSS
// comment). The sourcemap maps every unchanged character back, and each changed part of a template
// to where that part started.
import { parseAst } from 'rollup/parseAst';

const MARK = /\uE000\d+\uE000/;
const mark = (i) => `\uE000${i}\uE000`;

/** Minified CSS, or null to leave it as it is. */
export function minifyCss(text) {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
      space = true;
      continue;
    }
    if (/\s/.test(c)) {
      space = true;
      i++;
      continue;
    }
    if (space && out && !/[{};:,>(]$/.test(out) && !'{};,>)'.includes(c)) out += ' ';
    space = false;
    if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return null;
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Markup with its whitespace runs collapsed, or null to leave it as it is. */
export function minifyHtml(text) {
  if (/<(pre|textarea|style|script)\b/i.test(text)) return null;
  let out = '';
  let inTag = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (/\s/.test(c)) {
      while (i < text.length && /\s/.test(text[i])) i++;
      const quoteBeforeEnd = inTag && /["']$/.test(out) && text[i] === '>';
      if (!quoteBeforeEnd) out += ' ';
      continue;
    }
    if (!inTag && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return null;
      out += text.slice(i, end + 3);
      i = end + 3;
      continue;
    }
    if (!inTag && c === '<' && /[a-z/]/i.test(text[i + 1] ?? '')) inTag = true;
    else if (inTag && c === '>') inTag = false;
    else if (inTag && (c === '"' || c === "'")) {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return null;
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const minifiers = { css: minifyCss, html: minifyHtml, svg: minifyHtml };

/** The replacements for the quasis of every css/html/svg-tagged template of `code`. */
function templateEdits(code) {
  const edits = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    const minify = node.type === 'TaggedTemplateExpression' && minifiers[node.tag.name];
    if (minify && node.tag.type === 'Identifier') {
      const quasis = node.quasi.quasis;
      const raws = quasis.map((q) => code.slice(q.start, q.end));
      const joined = raws.map((raw, i) => (i ? mark(i) : '') + raw).join('');
      const min = joined.includes('\\') || MARK.test(raws.join('')) ? null : minify(joined);
      const parts = min?.split(MARK);
      if (parts?.length === quasis.length) {
        quasis.forEach((q, i) => {
          if (parts[i] !== raws[i]) edits.push({ start: q.start, end: q.end, text: parts[i] });
        });
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(code));
  return edits.sort((a, b) => a.start - b.start);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    s += B64[v ? digit | 32 : digit];
  } while (v);
  return s;
}

/** `code` with `edits` applied, and a sourcemap back to `code`. */
function applyEdits(code, edits, id) {
  const lines = [[]];
  const out = { line: 0, col: 0 };
  const src = { line: 0, col: 0 };
  const segment = () => lines[out.line].push([out.col, src.line, src.col]);
  const advance = (pos, text) => {
    for (const ch of text) {
      if (ch === '\n') {
        pos.line++;
        pos.col = 0;
      } else pos.col += ch.length;
    }
  };
  // Unchanged text maps character by character, so a later map traced through this one keeps
  // its columns.
  const copy = (text) => {
    for (const ch of text) {
      if (ch === '\n') {
        out.line++;
        src.line++;
        out.col = src.col = 0;
        lines.push([]);
      } else {
        segment();
        out.col += ch.length;
        src.col += ch.length;
      }
    }
  };
  let result = '';
  let at = 0;
  for (const edit of edits) {
    copy(code.slice(at, edit.start));
    segment();
    const before = out.line;
    advance(out, edit.text);
    for (let l = before; l < out.line; l++) lines.push([]);
    advance(src, code.slice(edit.start, edit.end));
    result += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  copy(code.slice(at));
  result += code.slice(at);
  let prev = [0, 0];
  const mappings = lines
    .map((segs) => {
      let col = 0;
      return segs
        .map(([c, l, sc]) => {
          const s = vlq(c - col) + 'A' + vlq(l - prev[0]) + vlq(sc - prev[1]);
          col = c;
          prev = [l, sc];
          return s;
        })
        .join(',');
    })
    .join(';');
  return { code: result, map: { version: 3, sources: [id], names: [], mappings } };
}

/** Minifies the templates of `code` (JavaScript); null when there is nothing to change. */
export function minifyTemplates(code, id) {
  const edits = templateEdits(code);
  return edits.length ? applyEdits(code, edits, id) : null;
}

/** Rollup plugin: runs on the elements' modules once TypeScript is compiled. */
export function minifyTemplatesPlugin({ include = /\/elements\/[^/]+\.ts$/ } = {}) {
  return {
    name: 'rc-minify-templates',
    transform(code, id) {
      return include.test(id) ? minifyTemplates(code, id) : null;
    },
  };
}
