export * from './enums.js';
export type * from './types.js';
export type * from './ports.js';
