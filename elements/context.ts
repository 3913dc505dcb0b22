import { createContext } from '@lit/context';
import type { CallModel } from './call-model.js';
import type { CallStore } from './store.js';

/** The store of the enclosing `<rc-call-client>` (or `<rc-call-session>`); stable for its lifetime. */
export const callStoreContext = createContext<CallStore | undefined>(Symbol('rc-call-store'));

/** The call an enclosing `<rc-call-session>` shows, for the tiles inside it. */
export const callContext = createContext<CallModel | undefined>(Symbol('rc-call'));
