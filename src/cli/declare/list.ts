import type { Declare } from './shared.js';

// Declared by the work in progress on this command.
export const declareList: Declare = () => {};
