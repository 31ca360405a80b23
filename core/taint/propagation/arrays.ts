/** Arrays (and what iterates like them): `Array.prototype`, `Array.from`, `Array.of`, `new Array`. */
import {
  ARGUMENT_0,
  ARGUMENTS,
  CALLBACK_RETURN,
  CLEAN,
  RECEIVER,
  RECEIVER_ELEMENTS,
  RECEIVER_TEXT,
  type Family,
  type MethodRow,
} from './summary.js';

/** `users.filter(u => …)`: the callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACK = [[RECEIVER_ELEMENTS]] as const;

/** The same elements, filtered, reordered or copied (`filter`, `toSorted`, `with`). */
const same = (method: string, callback?: MethodRow['callback']): MethodRow => ({ method, returns: [RECEIVER], callback });
/** One of the elements (`find`, `at`, `pop`). */
const element = (method: string, callback?: MethodRow['callback']): MethodRow => ({ method, returns: [RECEIVER_ELEMENTS], callback });
/** A test or position (`includes`, `findIndex`): no content. */
const clean = (method: string, callback?: MethodRow['callback']): MethodRow => ({ method, returns: CLEAN, callback });

export const arrays: Family = {
  methods: [
    element('find', ELEMENT_CALLBACK),
    element('findLast', ELEMENT_CALLBACK),
    element('at'),
    element('pop'),
    element('shift'),
    same('filter', ELEMENT_CALLBACK),
    same('sort', ELEMENT_CALLBACK),
    same('toSorted', ELEMENT_CALLBACK),
    same('reverse'),
    same('toReversed'),
    same('slice'),
    same('splice'),
    same('toSpliced'),
    same('with'),
    same('fill'),
    same('copyWithin'),
    same('flat'),
    same('values'),
    same('entries'),
    clean('includes'),
    clean('indexOf'),
    clean('lastIndexOf'),
    clean('some', ELEMENT_CALLBACK),
    clean('every', ELEMENT_CALLBACK),
    clean('findIndex', ELEMENT_CALLBACK),
    clean('findLastIndex', ELEMENT_CALLBACK),
    clean('forEach', ELEMENT_CALLBACK),
    clean('keys'),
    clean('isArray'),
    // ids.push(id): the variable gets the arguments as elements; the result is a length.
    { method: 'push', returns: CLEAN, writes: { flows: [{ from: 'arguments as elements' }] } },
    { method: 'unshift', returns: CLEAN, writes: { flows: [{ from: 'arguments as elements' }] } },
    // users.map(u => u.email): what the callback returns, as elements; users.map(toRow): the receiver.
    {
      method: 'map',
      returns: [{ from: 'callback return', prefix: true }],
      returnsWithoutCallback: [RECEIVER],
      callback: ELEMENT_CALLBACK,
    },
    {
      method: 'flatMap',
      returns: [{ from: 'callback return', prefix: true }],
      returnsWithoutCallback: [RECEIVER],
      callback: ELEMENT_CALLBACK,
    },
    // users.reduce((acc, u) => …, init): the accumulator is the initial value and what each step returns.
    {
      method: 'reduce',
      returns: [CALLBACK_RETURN, { from: 'argument 1' }],
      callback: [[{ from: 'argument 1' }, CALLBACK_RETURN], [RECEIVER_ELEMENTS]],
    },
    {
      method: 'reduceRight',
      returns: [CALLBACK_RETURN, { from: 'argument 1' }],
      callback: [[{ from: 'argument 1' }, CALLBACK_RETURN], [RECEIVER_ELEMENTS]],
    },
    { method: 'join', returns: [RECEIVER_TEXT] },
    { method: 'concat', returns: [RECEIVER, ARGUMENTS] },
  ],
  statics: [
    { owner: 'Array', method: 'from', returns: [ARGUMENT_0] },
    { owner: 'Array', method: 'of', returns: [{ from: 'arguments', prefix: true }] },
  ],
  globals: [{ name: 'Array', construct: [ARGUMENTS] }],
};
