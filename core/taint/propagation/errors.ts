/** Errors: `new Error(\`no account for ${email}\`)`: the message (and cause) carry the data, as text. */
import { ARGUMENTS_TEXT, type Family, type GlobalRow } from './summary.js';

const error = (name: string): GlobalRow => ({ name, call: [ARGUMENTS_TEXT], construct: [ARGUMENTS_TEXT] });

export const errors: Family = {
  globals: [
    error('Error'),
    error('TypeError'),
    error('RangeError'),
    error('SyntaxError'),
    error('ReferenceError'),
    error('EvalError'),
    error('URIError'),
    error('AggregateError'),
  ],
};
