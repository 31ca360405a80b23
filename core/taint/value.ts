/**
 * The abstract value of an expression: which personal data it carries, where inside it (a
 * property path), in which form, and which parameters of an enclosing function flow into it
 * (so a function's summary can be applied at each of its calls).
 */
import type * as TS from 'typescript';
import type { Form } from '../taxonomy.js';

/**
 * What a trace step is: where the data comes from (`source`: a brand, a `@pii` tag, a config
 * entry, a name), each local variable it is stored in on the way (`local`: `const e = user.email`),
 * each inferred wrapper it goes through (`hop`), and the sink call it leaves by (`sink`, the last
 * step of a finding's trace). SPEC §7's public `trace` shows the `source` and `hop` steps.
 */
export type TraceKind = 'source' | 'local' | 'hop' | 'sink';

/** The steps SPEC §7's `trace` shows (the rest stay inside the process). */
export function isPublicStep(step: TraceRef): boolean {
  return step.kind === 'source' || step.kind === 'hop';
}

/** One step of a trace, kept as a node until findings are made. */
export interface TraceRef {
  kind: TraceKind;
  node: TS.Node;
  note: string;
}

/** Path segment for "an element of" an array, Set, Map or other container. */
export const ELEMENT = '[]';
/**
 * Paths are kept this long at most: deeper, a piece of data counts as the whole value at the
 * path's first MAX_PATH segments (`[[[…[email]…]]]` 600 deep is an email inside 16 levels of
 * arrays), so nothing is lost, only where exactly inside it is.
 */
const MAX_PATH = 16;
const MAX_ENTRIES = 128;

export type Origin = 'type' | 'jsdoc' | 'config' | 'heuristic';

/** Personal data of one category, at `path` inside the value. */
export interface Label {
  category: string;
  form: Form;
  origin: Origin;
  path: readonly string[];
  trace: readonly TraceRef[];
  /** For heuristic labels: the name that looked personal. */
  name?: string;
  /**
   * Properties of the object at `path` that the label does not cover: `{ ...body, userId }` holds
   * the request body's data everywhere but in `userId`, which the literal wrote over.
   */
  except?: readonly string[];
}

/**
 * "Whatever argument `index` of `fn` carries at `from`, flattened if `flat`, placed at `at` here."
 * Resolved against the arguments at each call of `fn`.
 */
export interface ParamRef {
  fn: TS.SignatureDeclaration;
  index: number;
  from: readonly string[];
  at: readonly string[];
  flat: boolean;
  form?: Form;
  trace: readonly TraceRef[];
  /**
   * The heuristic label of a parameter whose name looks personal (`function logEmail(email)`): it
   * is given to the argument at each call that passes data with no label of its own, so the
   * finding is where the value enters the wrapper, not also at the wrapper's sink.
   */
  heuristic?: Label;
  /** Categories the function gives out generalized, whatever the argument's form (an email's domain). */
  generalized?: readonly string[];
}

/** Marks a value produced by `createHash()`/`createHmac()`: its `digest()` yields this form. */
export interface Value {
  labels: readonly Label[];
  refs: readonly ParamRef[];
  hasher?: Form;
}

export const EMPTY: Value = Object.freeze({ labels: [], refs: [] });

export function isEmpty(v: Value): boolean {
  return v.labels.length === 0 && v.refs.length === 0 && !v.hasher;
}

export function hasData(v: Value): boolean {
  return v.labels.length > 0 || v.refs.length > 0;
}

function labelKey(l: Label): string {
  return `${l.category}|${l.form}|${l.origin}|${l.path.join('.')}|${l.name ?? ''}|${l.except?.join(',') ?? ''}`;
}

function refKey(r: ParamRef): string {
  return `${r.fn.pos}:${r.fn.getSourceFile().fileName}|${r.index}|${r.from.join('.')}|${r.at.join('.')}|${r.flat}|${r.form ?? ''}|${r.heuristic?.name ?? ''}|${r.generalized?.join(',') ?? ''}`;
}

export function union(...values: Value[]): Value {
  return unionAll(values);
}

/** `union` of a list of any length (a spread of 100,000 arguments overflows the stack). */
export function unionAll(values: readonly Value[]): Value {
  const nonEmpty = values.filter((v) => !isEmpty(v));
  if (nonEmpty.length === 0) return EMPTY;
  if (nonEmpty.length === 1) return nonEmpty[0];
  const labels = new Map<string, Label>();
  const refs = new Map<string, ParamRef>();
  let hasher: Form | undefined;
  for (const v of nonEmpty) {
    for (const l of v.labels) if (labels.size < MAX_ENTRIES && !labels.has(labelKey(l))) labels.set(labelKey(l), l);
    for (const r of v.refs) if (refs.size < MAX_ENTRIES && !refs.has(refKey(r))) refs.set(refKey(r), r);
    hasher ??= v.hasher;
  }
  return { labels: [...labels.values()], refs: [...refs.values()], hasher };
}

/** The value placed under property `segment` of a new object (`{ email: v }`). */
export function prefix(v: Value, segment: string): Value {
  if (!hasData(v)) return EMPTY;
  return {
    labels: v.labels.map((l) => ({ ...l, path: [segment, ...l.path.slice(0, MAX_PATH - 1)] })),
    refs: v.refs.map((r) => ({ ...r, at: [segment, ...r.at.slice(0, MAX_PATH - 1)] })),
  };
}

/** The value of property `segment` (`v.email`); data on the whole value stays on its parts. */
export function select(v: Value, segment: string): Value {
  if (!hasData(v)) return EMPTY;
  const labels: Label[] = [];
  for (const l of v.labels) {
    if (l.path.length === 0) {
      if (!l.except?.includes(segment)) labels.push(l.except ? withoutExcept(l) : l);
    } else if (l.path[0] === segment || (l.path[0] === ELEMENT && segment === ELEMENT)) labels.push({ ...l, path: l.path.slice(1) });
  }
  const refs: ParamRef[] = [];
  for (const r of v.refs) {
    if (r.at.length === 0) {
      if (r.flat) refs.push(r);
      // Deeper than MAX_PATH: the argument's part at `from` holds it.
      else refs.push(r.from.length < MAX_PATH ? { ...r, from: [...r.from, segment] } : r);
    } else if (r.at[0] === segment) refs.push({ ...r, at: r.at.slice(1) });
  }
  return { labels, refs };
}

/** Properties of an object named like personal data that are that data itself (`token.value`, `phone.number`). */
const SAME_DATA_PROPERTIES = new Set(['value', 'raw', 'text', 'plain', 'plaintext', 'data', 'content', 'number', 'val', 'current']);

/**
 * `v.name` read from an object: a name that looks personal labels the object, not what is in it,
 * so `restrictedToken.userId` is a user id (by its own name), not a credential, and
 * `mailSettings.loggingError` is no email; only the properties that are the data itself
 * (`token.value`) and elements (`emails[0]`) keep the object's heuristic label.
 */
export function selectProperty(v: Value, segment: string): Value {
  if (segment === ELEMENT || SAME_DATA_PROPERTIES.has(segment)) return select(v, segment);
  const named = v.labels.some((l) => l.origin === 'heuristic' && l.path.length === 0);
  const namedParameter = v.refs.some((r) => r.at.length === 0 && r.heuristic);
  if (!named && !namedParameter) return select(v, segment);
  return select(
    {
      labels: v.labels.filter((l) => !(l.origin === 'heuristic' && l.path.length === 0)),
      refs: v.refs.map((r) => (r.at.length === 0 && r.heuristic ? { ...r, heuristic: undefined } : r)),
      hasher: v.hasher,
    },
    segment,
  );
}

/** `v` with `step` added at the end of every trace in it (labels and parameter references). */
export function withStep(v: Value, step: TraceRef): Value {
  if (!hasData(v)) return v;
  return {
    labels: v.labels.map((l) => ({ ...l, trace: [...l.trace, step] })),
    refs: v.refs.map((r) => ({ ...r, trace: [...r.trace, step] })),
    hasher: v.hasher,
  };
}

/** Everything inside, as data of the whole value (`JSON.stringify(v)`, `` `${v}` ``). */
export function flatten(v: Value): Value {
  if (!hasData(v)) return EMPTY;
  return union({
    labels: v.labels.map((l) => withoutExcept(l.path.length === 0 ? l : { ...l, path: [] })),
    refs: v.refs.map((r) => (r.flat && r.at.length === 0 ? r : { ...r, at: [], flat: true })),
  });
}

/** A label without its `except`: the value it is on now is inside the object (a property of it) or no object any more (a string). */
export function withoutExcept(l: Label): Label {
  if (!l.except) return l;
  const { except: _except, ...rest } = l;
  return rest;
}

/**
 * The value without the given top-level properties (`const { email, ...rest } = user`,
 * `{ ...body, userId }`): data on the whole value stays, except in those properties.
 */
export function omit(v: Value, keys: ReadonlySet<string>): Value {
  if (!hasData(v)) return EMPTY;
  return {
    labels: v.labels
      .filter((l) => l.path.length === 0 || !keys.has(l.path[0]))
      .map((l) => (l.path.length === 0 ? { ...l, except: [...new Set([...(l.except ?? []), ...keys])].sort() } : l)),
    refs: v.refs.filter((r) => r.at.length === 0 || !keys.has(r.at[0])),
  };
}

/** The value after a sanitizer: every piece of data in it now has `form`. */
export function withForm(v: Value, form: Form): Value {
  if (!hasData(v)) return EMPTY;
  return {
    labels: v.labels.map((l) => withoutExcept({ ...l, form, path: [] })),
    refs: v.refs.map((r) => ({ ...r, form, at: [], flat: true })),
  };
}

/**
 * Applies `ref` to the value an argument carries at one call: the part of `arg` at `ref.from`,
 * flattened if the function flattened it, in the function's form, placed at `ref.at`. An argument
 * that carries no label of its own (and is no constant: `constant`) gets the parameter's
 * heuristic label, and passes it on to the parameters it comes from.
 */
export function applyRef(ref: ParamRef, arg: Value, constant = false): Value {
  let v = arg;
  for (const segment of ref.from) v = selectProperty(v, segment);
  if (ref.heuristic && !constant && !v.labels.some((l) => l.path.length === 0)) {
    const heuristic = ref.heuristic;
    // A parameter of the caller (`function notify(x) { logEmail(x) }`): the value enters at its callers.
    v = v.refs.some((r) => r.at.length === 0)
      ? { labels: v.labels, refs: v.refs.map((r) => (r.at.length === 0 && !r.heuristic ? { ...r, heuristic } : r)), hasher: v.hasher }
      : { labels: [...v.labels, heuristic], refs: v.refs, hasher: v.hasher };
  }
  if (ref.flat) v = flatten(v);
  if (ref.form) v = withForm(v, ref.form);
  if (ref.generalized) {
    const categories = ref.generalized;
    v = {
      labels: v.labels.map((l) => (categories.includes(l.category) ? { ...l, form: 'generalized' } : l)),
      refs: v.refs.map((r) => ({ ...r, generalized: [...new Set([...(r.generalized ?? []), ...categories])] })),
      hasher: v.hasher,
    };
  }
  for (let i = ref.at.length - 1; i >= 0; i--) v = prefix(v, ref.at[i]);
  if (ref.trace.length > 0) {
    v = {
      labels: v.labels.map((l) => ({ ...l, trace: [...l.trace, ...ref.trace] })),
      refs: v.refs.map((r) => ({ ...r, trace: [...r.trace, ...ref.trace] })),
    };
  }
  return v;
}

/**
 * Replaces the references to `fn`'s parameters in `v` by what the call's arguments carry.
 * `getArgument(i)` evaluates argument `i` (a rest parameter gathers the rest as elements).
 */
export function substitute(
  v: Value,
  fn: TS.SignatureDeclaration,
  getArgument: (index: number) => Value,
  isConstantArgument: (index: number) => boolean = () => false,
): Value {
  if (!v.refs.some((r) => r.fn === fn)) return v;
  const parts: Value[] = [{ labels: v.labels, refs: v.refs.filter((r) => r.fn !== fn), hasher: v.hasher }];
  for (const ref of v.refs) {
    if (ref.fn !== fn) continue;
    parts.push(applyRef(ref, getArgument(ref.index), ref.heuristic !== undefined && isConstantArgument(ref.index)));
  }
  return unionAll(parts);
}
