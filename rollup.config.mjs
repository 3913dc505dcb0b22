// Builds every entry of API.md into dist/. Entries whose source does not exist yet are skipped, so
// the build works while the project grows.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const browserEntries = {
  'rc-call': 'elements/index.ts',
  calllib: 'src/calllib/index.ts',
  local: 'src/local/index.ts',
  rongcloud: 'src/rongcloud/index.ts',
  testing: 'src/testing/index.ts',
};

const present = (entries) =>
  Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const tsPlugins = (target) => [
  resolve({ browser: target === 'browser', preferBuiltins: target === 'node' }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
];

const config = [
  {
    input: present(browserEntries),
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: tsPlugins('browser'),
  },
];

if (existsSync('src/relay/index.ts')) {
  config.push({
    input: { relay: 'src/relay/index.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', sourcemap: true },
    external: ['ws', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
    plugins: tsPlugins('node'),
  });
}

export default config;
