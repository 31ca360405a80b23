/** Hashers of node:crypto: `hash.update(email)` puts the data's text into the hash (its `digest()` gives the hasher's form). */
import { ARGUMENT_0_TEXT, type Family } from './summary.js';

export const hashes: Family = {
  methods: [{ method: 'update', writes: { flows: [ARGUMENT_0_TEXT], minArguments: 1 } }],
};
