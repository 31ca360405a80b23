/**
 * The vocabulary of the standard-library model, as CodeQL's flow summaries (`Arrays.qll`) put it:
 * a row per built-in says what its result, the parameters of its callback and its receiver get
 * from the call's inputs. The families (arrays.ts, strings.ts …) are tables of rows; the evaluator
 * reads them through index.ts and keeps no list of names of its own.
 */

/** Where a value comes from at a call. */
export type Input =
  /** What the method is called on: `users` in `users.filter(…)`. */
  | 'receiver'
  /** Every argument (a spread one as the value it spreads). */
  | 'arguments'
  /** The receiver and every argument together (`s.trim()` on untyped code). */
  | 'receiver and arguments'
  /** Every argument as an element: `push(a, ...b)` adds `a`, and the elements of `b`. */
  | 'arguments as elements'
  | 'argument 0'
  | 'argument 1'
  /** What the function written at argument 0 returns (`users.map(u => u.email)`); nothing when none is written there. */
  | 'callback return';

/**
 * A value a call passes on: its input, then (in this order) the input's elements (`select`),
 * only its content as text, its fields gone (`flatten`), and given as the elements of an array (`prefix`).
 */
export interface Flow {
  from: Input;
  /** The input's elements: `find`, `pop`, `Map.get`. */
  select?: true;
  /** Only the content, as text: `join`, `String(x)`, `JSON.stringify`. */
  flatten?: true;
  /** As the elements of the result: `split`, `Object.values`. */
  prefix?: true;
}

/** A method, matched by name on any receiver (the engine does not ask the receiver's type). */
export interface MethodRow {
  method: string;
  /** What the result carries; `[]`: nothing (SPEC §3: the taint ends). Absent: the general rule for library calls. */
  returns?: readonly Flow[];
  /** When argument 0 is not a function written there (`users.map(toRow)`): what the result carries instead. */
  returnsWithoutCallback?: readonly Flow[];
  /** What each parameter of a function written at argument 0 receives, by position (`users.map(u => …)`: `u` an element). */
  callback?: readonly (readonly Flow[])[];
  /** What the call puts into its receiver (`ids.push(id)`), for a receiver that is a variable; with the fewest arguments that do. */
  writes?: { flows: readonly Flow[]; minArguments?: number };
  /** Modelled on receivers of type any or unknown only (untyped code: `req.body.email.trim()`). */
  untypedOnly?: true;
}

/** A method of a global namespace or class, by the owner as written (`Object.values(…)`, `Promise.all(…)`). */
export interface StaticRow {
  owner: string;
  /** The method; `*`: any method of the owner. */
  method: string;
  returns: readonly Flow[];
}

/** A global function or constructor, by the name called (`String(x)`, `new Set(xs)`). */
export interface GlobalRow {
  name: string;
  /** What a call carries (`String(x)`); absent: not modelled as a call. */
  call?: readonly Flow[];
  /** What `new` gives (`new Set(xs)`); absent: not modelled as a constructor. */
  construct?: readonly Flow[];
}

/** One family of the standard library (arrays, strings, …): its rows. */
export interface Family {
  methods?: readonly MethodRow[];
  statics?: readonly StaticRow[];
  globals?: readonly GlobalRow[];
}

/* ---------- the flows rows use most ---------- */

/** Nothing: the taint ends (`includes`, `indexOf`). */
export const CLEAN: readonly Flow[] = [];
export const RECEIVER: Flow = { from: 'receiver' };
export const RECEIVER_ELEMENTS: Flow = { from: 'receiver', select: true };
export const RECEIVER_TEXT: Flow = { from: 'receiver', flatten: true };
export const ARGUMENT_0: Flow = { from: 'argument 0' };
export const ARGUMENT_0_TEXT: Flow = { from: 'argument 0', flatten: true };
export const ARGUMENTS: Flow = { from: 'arguments' };
export const ARGUMENTS_TEXT: Flow = { from: 'arguments', flatten: true };
export const CALLBACK_RETURN: Flow = { from: 'callback return' };
