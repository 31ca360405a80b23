/** Promises: a promise carries what it resolves to. */
import { ARGUMENT_0, CALLBACK_RETURN, RECEIVER, type Family } from './summary.js';

export const promises: Family = {
  methods: [
    // p.then(v => …): `v` is what `p` carries; the result is what the callback returns.
    { method: 'then', returns: [CALLBACK_RETURN], returnsWithoutCallback: [RECEIVER], callback: [[RECEIVER]] },
    { method: 'catch', returns: [RECEIVER] },
    { method: 'finally', returns: [RECEIVER] },
  ],
  // Promise.all(ps), Promise.resolve(v), Promise.race(ps) …: what is passed in.
  statics: [{ owner: 'Promise', method: '*', returns: [ARGUMENT_0] }],
};
