// Builds every entry of API.md into dist/:
// - the ES module entries (code-split: the RongCloud entry and its SDK chunks are reached from the
//   elements only through a dynamic import, so a page on the local backend never fetches them);
// - `rc-call.global.js`, a classic-script (IIFE) build of the elements that loads `rongcloud.js`
//   next to itself when the RongCloud backend is used;
// - `relay.js` for Node.
// Browser files are minified with esbuild (fast: the whole build stays well under a minute) and
// keep their sourcemaps. Entries whose source does not exist yet are skipped.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve as resolvePath, sep } from 'node:path';
import resolve from '@rollup/plugin-node-resolve';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const browserEntries = {
  calllib: 'src/calllib/index.ts',
  local: 'src/local/index.ts',
  rongcloud: 'src/rongcloud/index.ts',
  testing: 'src/testing/index.ts',
};

// Copied as they are: the notice of the bundled RongCloud SDK, and the framework typings (a
// hand-written .d.ts: it augments `react` and `vue`, which this package does not depend on).
const copies = {
  'src/rongcloud/THIRD_PARTY_NOTICES.md': 'dist/THIRD_PARTY_NOTICES.md',
  'elements/frameworks.d.ts': 'dist/types/elements/frameworks.d.ts',
};

const present = (entries) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const tsPlugins = (target) => [
  resolve({ browser: target === 'browser', preferBuiltins: target === 'node' }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
];

const browserPlugins = () => [
  ...tsPlugins('browser'),
  // The markup and CSS of Lit's html``/css`` templates (Lit's own plugin).
  minifyHTML({ failOnError: true }),
  // Lit's license comments: each kept once, at the end of the file, not once per Lit module.
  minify({ target: 'es2022', sourceMap: true, legalComments: 'eof' }),
];

/** Empties dist/ first, so no chunk of an earlier build is left to be packed. */
function clean() {
  return {
    name: 'rc-clean',
    buildStart() {
      rmSync('dist', { recursive: true, force: true });
    },
  };
}

/**
 * No sourcemaps for chunks made only of the RongCloud SDK: it is published minified, so their maps
 * would only map minified code to itself, at twice its size in the package.
 */
function noVendorMaps() {
  const vendor = (id) => id.includes('/node_modules/@rongcloud/');
  return {
    name: 'rc-no-vendor-maps',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !Object.keys(chunk.modules).every(vendor)) continue;
        delete bundle[`${chunk.fileName}.map`];
        chunk.code = chunk.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
        chunk.map = null;
      }
    },
  };
}

/** Copies `copies` into dist/ once the bundles are written. */
function copyFiles() {
  return {
    name: 'rc-copy-files',
    writeBundle() {
      for (const [from, to] of Object.entries(copies)) {
        if (!existsSync(from)) continue;
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, to);
      }
    },
  };
}

const SCRIPT_URL = '__rcCallScriptUrl';

/**
 * For the classic-script build: the RongCloud entry stays out of the bundle, as an import of
 * `./rongcloud.js` resolved against the URL of the script itself (captured while it runs, since
 * `document.currentScript` is null afterwards), so it works from any page URL.
 */
const RONGCLOUD = 'rc-call-elements/rongcloud';

function rongCloudNextToScript() {
  const entry = resolvePath('src/rongcloud/index.ts');
  return {
    name: 'rc-rongcloud-next-to-script',
    async resolveId(source, importer, options) {
      if (!importer || !source.includes('rongcloud')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === entry ? { id: RONGCLOUD, external: true } : null;
    },
    renderDynamicImport({ targetModuleId }) {
      return targetModuleId === RONGCLOUD
        ? { left: 'import(new URL(', right: `, ${SCRIPT_URL}).href)` }
        : null;
    },
  };
}

// Runs first inside the IIFE, while the script is executing.
const scriptUrlIntro = `var ${SCRIPT_URL} = (function () {
  var s = document.currentScript || document.querySelector('script[src*="rc-call.global"]');
  return s && s.src ? s.src : document.baseURI;
})();`;

// The engine's enums are a file of their own with a fixed name: the engine and the backends import
// it, and so does `rc-call.js`, which needs the enums but not the engine (see builtEntries).
const ENUMS_SOURCE = resolvePath('src/calllib/enums.ts');
const ENUMS_CHUNK = 'chunks/calllib-enums.js';

/**
 * For `rc-call.js`, built after the other entries: what the elements import from the engine and the
 * backends are imports of the files built next to it, not bundled again. The elements take only the
 * enums from the engine (values; its types are erased), so their import is the enums chunk, not
 * `calllib.js`: a page loads the engine with its backend, when `<rc-call-client>` connects. Any other
 * engine module the elements imported would resolve to `calllib.js` and show in the size budget.
 */
function builtEntries() {
  // An import of one of those files as written for rc-call.js (other chunks are rollup's own).
  const names = [...Object.keys(browserEntries), ENUMS_CHUNK.replace(/^chunks\/|\.js$/g, '')];
  const builtImport = new RegExp(
    `(from\\s*|import\\s*\\(?\\s*)(['"])\\./(chunks/)?((?:${names.join('|')})\\.js)`,
    'g',
  );
  const entries = Object.entries(browserEntries).map(([name, file]) => [
    resolvePath(dirname(file)) + sep,
    `./${name}.js`,
  ]);
  return {
    name: 'rc-built-entries',
    async resolveId(source, importer, options) {
      if (!importer?.startsWith(resolvePath('elements') + sep)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const entry =
        resolved?.id === ENUMS_SOURCE
          ? `./${ENUMS_CHUNK}`
          : resolved && entries.find(([dir]) => resolved.id.startsWith(dir))?.[1];
      // `absolute`: the id stays as written, relative to rc-call.js in dist/ (see renderChunk).
      return entry ? { id: entry, external: 'absolute' } : null;
    },
    // A lazily loaded chunk is written to dist/chunks/: the same files are one folder up from it.
    renderChunk(code, chunk) {
      if (!chunk.fileName.startsWith('chunks/')) return null;
      const fixed = code.replace(builtImport, (_, head, quote, inChunks, file) =>
        inChunks ? `${head}${quote}./${file}` : `${head}${quote}../${file}`,
      );
      return { code: fixed, map: null };
    },
  };
}

const esm = {
  dir: 'dist',
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  sourcemap: true,
};

const config = [
  {
    // The enums chunk is an entry so that it keeps the enums' names as its exports.
    input: { ...present(browserEntries), [ENUMS_CHUNK.replace(/\.js$/, '')]: ENUMS_SOURCE },
    output: esm,
    plugins: [clean(), ...browserPlugins(), noVendorMaps(), copyFiles()],
  },
];

if (existsSync('elements/index.ts')) {
  config.push({
    input: { 'rc-call': 'elements/index.ts' },
    // The lazily loaded in-call screen imports Lit and the rest from rc-call.js itself, rather
    // than both sharing a third chunk.
    preserveEntrySignatures: 'allow-extension',
    output: esm,
    plugins: [builtEntries(), ...browserPlugins()],
  });
}

if (existsSync('elements/global.ts')) {
  config.push({
    input: { 'rc-call.global': 'elements/global.ts' },
    output: {
      dir: 'dist',
      format: 'iife',
      entryFileNames: '[name].js',
      // The local backend is small: it goes inside, so a script tag is all a local page needs.
      inlineDynamicImports: true,
      intro: scriptUrlIntro,
      paths: { [RONGCLOUD]: './rongcloud.js' },
      sourcemap: true,
    },
    plugins: [rongCloudNextToScript(), ...browserPlugins()],
  });
}

if (existsSync('src/relay/index.ts')) {
  config.push({
    input: { relay: 'src/relay/index.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', sourcemap: true },
    external: [
      'ws',
      'jose',
      'ioredis',
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ],
    plugins: tsPlugins('node'),
  });
}

export default config;
