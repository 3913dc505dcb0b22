/**
 * JSX typings for React 19 and `GlobalComponents` for Vue 3, for `<rc-call-client>`,
 * `<rc-call-session>` and `<rc-video-tile>`. Types only: load them once in a project that uses
 * React or Vue (with `skipLibCheck` off, the project needs both `@types/react` and `vue` installed):
 *
 * ```ts
 * import type {} from 'rc-call-elements/frameworks';
 * ```
 *
 * React 19 sets a prop as a property when the element has it (`userId`, `strings`, …) and as an
 * attribute otherwise (`user-id`); `on<event>` props, lower case like the event (`onhungup`),
 * add event listeners. Vue binds `@hungup` as `onHungup`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { DefineComponent } from 'vue';
import type { CallEventMap } from './events.js';
import type { RcCallClient, RcCallSession, RcVideoTile } from './index.js';

/** Properties of `E` named in `K` (names `E` lacks are left out), all optional. */
type PropsOf<E, K extends string> = { [P in K as P extends keyof E ? P : never]?: E[P & keyof E] };

// What each element has, made from the Custom Elements Manifest at build time.
import type {
  RcCallClientAttributes,
  RcCallClientEvents,
  RcCallClientProperties,
  RcCallSessionAttributes,
  RcCallSessionEvents,
  RcCallSessionProperties,
  RcVideoTileAttributes,
  RcVideoTileEvents,
  RcVideoTileProperties,
} from './element-lists.js';

export type { RcCallClientAttributes, RcCallSessionAttributes, RcVideoTileAttributes };

/** React 19: `onhungup={(e) => e.detail.reason}` listens to `hungup`. */
export type ReactEventProps<K extends keyof CallEventMap> = {
  [N in K as `on${N}`]?: (event: CallEventMap[N]) => void;
};
/** Vue: `@hungup="(e) => …"` is the `onHungup` prop. */
export type VueEventProps<K extends keyof CallEventMap> = {
  [N in K as `on${Capitalize<N>}`]?: (event: CallEventMap[N]) => void;
};

type ReactProps<
  E extends HTMLElement,
  A,
  P extends string,
  K extends keyof CallEventMap,
> = DetailedHTMLProps<HTMLAttributes<E>, E> & A & PropsOf<E, P> & ReactEventProps<K>;

export type RcCallClientReactProps = ReactProps<
  RcCallClient,
  RcCallClientAttributes,
  RcCallClientProperties,
  RcCallClientEvents
>;
export type RcCallSessionReactProps = ReactProps<
  RcCallSession,
  RcCallSessionAttributes,
  RcCallSessionProperties,
  RcCallSessionEvents
>;
export type RcVideoTileReactProps = ReactProps<
  RcVideoTile,
  RcVideoTileAttributes,
  RcVideoTileProperties,
  RcVideoTileEvents
>;

export type RcCallClientVueProps = RcCallClientAttributes &
  PropsOf<RcCallClient, RcCallClientProperties> &
  VueEventProps<RcCallClientEvents>;
export type RcCallSessionVueProps = RcCallSessionAttributes &
  PropsOf<RcCallSession, RcCallSessionProperties> &
  VueEventProps<RcCallSessionEvents>;
export type RcVideoTileVueProps = RcVideoTileAttributes &
  PropsOf<RcVideoTile, RcVideoTileProperties> &
  VueEventProps<RcVideoTileEvents>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'rc-call-client': RcCallClientReactProps;
      'rc-call-session': RcCallSessionReactProps;
      'rc-video-tile': RcVideoTileReactProps;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'rc-call-client': DefineComponent<RcCallClientVueProps>;
    'rc-call-session': DefineComponent<RcCallSessionVueProps>;
    'rc-video-tile': DefineComponent<RcVideoTileVueProps>;
  }
}
