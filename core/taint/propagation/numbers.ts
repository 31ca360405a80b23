/** Numbers, booleans and dates: conversions carry the text of their input, tests carry nothing. */
import { ARGUMENT_0_TEXT, ARGUMENTS_TEXT, CLEAN, type Family } from './summary.js';

export const numbers: Family = {
  methods: [
    // Number.isInteger(x), Number.isNaN(x), Number.isFinite(x)
    { method: 'isInteger', returns: CLEAN },
    { method: 'isNaN', returns: CLEAN },
    { method: 'isFinite', returns: CLEAN },
    { method: 'getTimezoneOffset', returns: CLEAN },
  ],
  globals: [
    { name: 'Number', call: [ARGUMENT_0_TEXT], construct: [ARGUMENTS_TEXT] },
    { name: 'parseInt', call: [ARGUMENT_0_TEXT] },
    { name: 'parseFloat', call: [ARGUMENT_0_TEXT] },
    { name: 'BigInt', call: [ARGUMENT_0_TEXT] },
    { name: 'Boolean', call: CLEAN },
    { name: 'isNaN', call: CLEAN },
    { name: 'isFinite', call: CLEAN },
    { name: 'Date', construct: [ARGUMENTS_TEXT] },
  ],
};
