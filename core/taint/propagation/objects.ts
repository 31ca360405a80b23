/** Objects: `Object.*`, `JSON`, `structuredClone`. */
import { ARGUMENT_0, ARGUMENT_0_TEXT, ARGUMENTS, CLEAN, type Family } from './summary.js';

export const objects: Family = {
  methods: [{ method: 'hasOwnProperty', returns: CLEAN }],
  statics: [
    { owner: 'Object', method: 'keys', returns: CLEAN },
    { owner: 'Object', method: 'getOwnPropertyNames', returns: CLEAN },
    // Object.values(user): each value's content, as elements.
    { owner: 'Object', method: 'values', returns: [{ from: 'argument 0', flatten: true, prefix: true }] },
    { owner: 'Object', method: 'entries', returns: [{ from: 'argument 0', flatten: true, prefix: true }] },
    { owner: 'Object', method: 'assign', returns: [ARGUMENTS] },
    { owner: 'Object', method: 'freeze', returns: [ARGUMENTS] },
    { owner: 'Object', method: 'fromEntries', returns: [ARGUMENTS] },
    // Object.groupBy(users, u => u.plan): groups of the elements, each an array of them.
    { owner: 'Object', method: 'groupBy', returns: [{ from: 'argument 0', prefix: true }] },
    { owner: 'JSON', method: 'stringify', returns: [ARGUMENT_0_TEXT] },
    // JSON.parse(text): what the text holds.
    { owner: 'JSON', method: '*', returns: [ARGUMENT_0] },
  ],
  globals: [{ name: 'structuredClone', call: [ARGUMENT_0] }],
};
