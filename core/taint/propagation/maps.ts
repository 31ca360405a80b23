/** Maps, sets and the key-value containers of the web (`FormData`, `Headers`, `URLSearchParams`): values are elements. */
import { ARGUMENTS, CLEAN, RECEIVER_ELEMENTS, type Family } from './summary.js';

/** `byId.set(k, v)`: the variable gets the value as an element. */
const SET_VALUE = { flows: [{ from: 'argument 1', prefix: true }], minArguments: 2 } as const;

export const maps: Family = {
  methods: [
    { method: 'get', returns: [RECEIVER_ELEMENTS] },
    { method: 'has', returns: CLEAN },
    { method: 'delete', returns: CLEAN },
    { method: 'clear', returns: CLEAN },
    { method: 'set', returns: CLEAN, writes: SET_VALUE },
    { method: 'add', returns: CLEAN, writes: { flows: [{ from: 'arguments as elements' }] } },
    { method: 'append', writes: SET_VALUE },
  ],
  // Map.groupBy(users, u => u.plan): a map of groups, each an array of the elements.
  statics: [{ owner: 'Map', method: 'groupBy', returns: [{ from: 'argument 0', prefix: true }] }],
  globals: [
    // new Map(entries): the entries' contents are the values.
    { name: 'Map', construct: [{ from: 'argument 0', select: true }] },
    { name: 'Set', construct: [ARGUMENTS] },
  ],
};
