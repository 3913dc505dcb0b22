// The published types (npm test builds dist/types first), as a TypeScript project that installed
// the package sees them: every export resolves to its .d.ts, the tag and event maps type the DOM
// API, and the React 19 / Vue typings of `rc-call-elements/frameworks` type JSX and templates.
// React and Vue are not installed here: small stand-ins with the shape of @types/react 19 (the
// `JSX` namespace in module `react`, re-exported by `react/jsx-runtime`) and of vue
// (`GlobalComponents`, `DefineComponent`) play their part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
let dir;

const files = {
  'node_modules/react/package.json':
    '{ "name": "react", "version": "19.0.0", "types": "index.d.ts" }',
  'node_modules/react/index.d.ts': `
    export = React;
    export as namespace React;
    declare namespace React {
      type Key = string | number | bigint;
      type Ref<T> = { current: T | null } | ((instance: T | null) => void) | null;
      type ReactNode = string | number | boolean | null | undefined | JSX.Element | Iterable<ReactNode>;
      interface Attributes { key?: Key | null }
      interface RefAttributes<T> extends Attributes { ref?: Ref<T> }
      interface ClassAttributes<T> extends RefAttributes<T> {}
      interface DOMAttributes<T> { children?: ReactNode; onClick?: (event: { currentTarget: T }) => void }
      interface HTMLAttributes<T> extends DOMAttributes<T> { id?: string; className?: string; hidden?: boolean }
      type DetailedHTMLProps<E extends HTMLAttributes<T>, T> = ClassAttributes<T> & E;
      namespace JSX {
        interface Element { readonly props: unknown }
        interface ElementChildrenAttribute { children: {} }
        interface IntrinsicAttributes extends Attributes {}
        interface IntrinsicElements {
          div: DetailedHTMLProps<HTMLAttributes<HTMLDivElement>, HTMLDivElement>;
        }
      }
    }`,
  'node_modules/react/jsx-runtime.d.ts': `
    import * as React from './index';
    export namespace JSX {
      interface Element extends React.JSX.Element {}
      interface ElementChildrenAttribute extends React.JSX.ElementChildrenAttribute {}
      interface IntrinsicAttributes extends React.JSX.IntrinsicAttributes {}
      interface IntrinsicElements extends React.JSX.IntrinsicElements {}
    }
    export function jsx(type: unknown, props: unknown, key?: unknown): JSX.Element;
    export function jsxs(type: unknown, props: unknown, key?: unknown): JSX.Element;
    export const Fragment: unique symbol;`,
  'node_modules/vue/package.json': '{ "name": "vue", "version": "3.5.0", "types": "index.d.ts" }',
  'node_modules/vue/index.d.ts': `
    export interface GlobalComponents {}
    export type DefineComponent<Props = {}> = new (...args: unknown[]) => { $props: Props };`,
  'app.tsx': `
    import { RCCallMediaType, type RcCallClient, type RcVideoTile } from 'rc-call-elements';
    import { RCCallClient as MainClient, type RCCallSession as MainSession } from 'rc-call-elements';
    import { RCCallClient, RCCallEndReason } from 'rc-call-elements/calllib';
    import { createLocalCallClient } from 'rc-call-elements/local';
    import { createMemoryNetwork } from 'rc-call-elements/testing';
    import type {} from 'rc-call-elements/frameworks';
    import type { GlobalComponents } from 'vue';

    // The DOM knows the tags and the events.
    const client: RcCallClient = document.createElement('rc-call-client');
    const tile: RcVideoTile | null = document.querySelector('rc-video-tile');
    client.addEventListener('hungup', (e) => {
      const reason: RCCallEndReason = e.detail.reason;
      void reason;
    });
    document.addEventListener('callerror', (e) => void e.detail.code.toUpperCase());
    // @ts-expect-error: a hungup event has no such detail
    client.addEventListener('hungup', (e) => e.detail.nothing);
    export const started: Promise<unknown> = client.call('bob', RCCallMediaType.AUDIO);
    export const engine: typeof RCCallClient = RCCallClient;
    export const helpers = [createLocalCallClient, createMemoryNetwork, tile] as const;
    // The main entry has every engine type; the engine's classes are values of /calllib only.
    export const callIdOf = (session: MainSession): string => session.getCallId();
    export const clientType = (c: MainClient): RCCallClient => c;
    // @ts-expect-error: RCCallClient is exported as a type by rc-call-elements
    export const notAValue = MainClient;

    // React 19.
    export const view = (
      <rc-call-client
        backend="local"
        user-id="alice"
        timeout={30}
        strings={{}}
        onhungup={(e) => void e.detail.reason}
        onsessionclose={(e) => void e.detail.summary}
      >
        <rc-call-session call-id="c1" onringing={(e) => void e.detail.sender}>
          <rc-video-tile user-id="bob" ref={(el) => void el?.userId} ontrackready={(e) => void e.detail.kind} />
        </rc-call-session>
      </rc-call-client>
    );
    // @ts-expect-error: user-id is a string
    export const wrongAttribute = <rc-call-client user-id={42} />;
    // @ts-expect-error: the event detail of hungup has no such field
    export const wrongDetail = <rc-call-client onhungup={(e) => e.detail.nothing} />;

    // Vue.
    type ClientProps = InstanceType<GlobalComponents['rc-call-client']>['$props'];
    type TileProps = InstanceType<GlobalComponents['rc-video-tile']>['$props'];
    export const vueClient: ClientProps = {
      'user-id': 'alice',
      signalUrl: 'ws://127.0.0.1:8000/signal',
      onHungup: (e) => void e.detail.reason,
    };
    export const vueTile: TileProps = { 'user-id': 'bob', onMutechange: (e) => void e.detail.muteUser };
    // @ts-expect-error: the session element has no statuschange handler
    export const vueWrong: InstanceType<GlobalComponents['rc-call-session']>['$props'] = { onStatuschange: () => {} };
  `,
};

const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  // The package is linked in: resolve its own dependencies (lit) from where it is linked.
  preserveSymlinks: true,
  skipLibCheck: false,
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-types-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(root, join(dir, 'node_modules/rc-call-elements'), 'dir');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('each export resolves to its declaration file (bundler and nodenext resolution)', () => {
  const expected = {
    'rc-call-elements': 'dist/types/elements/index.d.ts',
    'rc-call-elements/calllib': 'dist/types/src/calllib/index.d.ts',
    'rc-call-elements/local': 'dist/types/src/local/index.d.ts',
    'rc-call-elements/rongcloud': 'dist/types/src/rongcloud/index.d.ts',
    'rc-call-elements/testing': 'dist/types/src/testing/index.d.ts',
    'rc-call-elements/relay': 'dist/types/src/relay/index.d.ts',
    'rc-call-elements/frameworks': 'dist/types/elements/frameworks.d.ts',
  };
  const kinds = {
    bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    nodenext: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    },
  };
  for (const [kind, opts] of Object.entries(kinds)) {
    for (const [specifier, file] of Object.entries(expected)) {
      const { resolvedModule } = ts.resolveModuleName(
        specifier,
        join(dir, 'app.mts'),
        { ...opts, preserveSymlinks: true },
        ts.sys,
      );
      assert.equal(
        resolvedModule?.resolvedFileName,
        join(dir, 'node_modules/rc-call-elements', file),
        `${kind}: ${specifier}`,
      );
    }
  }
});

test('a React 19 / Vue project type-checks against the package (wrong uses are errors)', () => {
  const program = ts.createProgram([join(dir, 'app.tsx')], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.replace(dir, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.deepEqual(diagnostics, []);
  // The elements' types do not pull in the RongCloud SDK's (only the `rongcloud` entry does).
  const sdkTypes = program.getSourceFiles().filter((f) => f.fileName.includes('@rongcloud/'));
  assert.deepEqual(
    sdkTypes.map((f) => f.fileName),
    [],
  );
});
