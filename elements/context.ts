import { createContext } from '@lit/context';
import type { CallStore } from './store.js';

/** The store of the enclosing `<rc-call-client>`; stable for the client's lifetime. */
export const callStoreContext = createContext<CallStore | undefined>(Symbol('rc-call-store'));

/** The call id an enclosing `<rc-call-session>` shows, for the tiles inside it. */
export const callIdContext = createContext<string | undefined>(Symbol('rc-call-id'));
