/**
 * What piiguard's rewrite (SPEC §10) does to one flow, decided in one place: the engine reads it
 * to judge flows after the rewrite (with `"transform": true`), the transformer and the bundler
 * plugins to make the edits, and the ESLint suggestions to find the value to wrap.
 *
 * - `getPlanRewrite`: the runtime wrapper a tracking-plan action stands for (`pseudonymize:email`
 *   → `pseudonymize(v, 'email')`), or keep / drop;
 * - `getApprovedRewrite`: for a raw value that no entry approves raw, the allow entry that
 *   approves a form the rewrite can produce, and the wrapper that produces it;
 * - `locateEntry`: the expression (and object-literal property) where a flow enters a call, as
 *   written in the code — the rewrite can only wrap or drop what is written there.
 */
import type * as TS from 'typescript';
import type { AllowEntry, PiiguardConfig } from './config/types.js';
import type { TypeScript } from './typescript.js';
import { isExpired, matchesFlow } from './verdicts.js';
import { GENERALIZERS, getTier, type Form } from './taxonomy.js';
import { getPropertyName, skipOuter } from './syntax.js';

/** A call of a `piiguard/runtime` export around a value: `fn(value, ...args)`, args literal. */
export interface WrapperCall {
  fn: 'pseudonymize' | 'truncateIp' | 'ageBand' | 'postalPrefix' | 'binTime' | 'redact';
  args: readonly string[];
  /** The form the wrapped value has. */
  form: Exclude<Form, 'raw'>;
}

/** What the rewrite does to one tagged value at one call. */
export type FlowRewrite =
  /** The event's plan applies to the property: `minimize` at the sink, or `wrapper`/drop where it enters. */
  | { kind: 'plan'; event: string; action: 'keep' | 'drop'; form: Form }
  | { kind: 'plan'; event: string; action: 'wrap'; wrapper: WrapperCall | undefined; form: Form }
  /** An allow entry approves the value in a form the rewrite gives it where it enters. */
  | { kind: 'wrap'; wrapper: WrapperCall; entry: number };

/** Wrappers that take the value alone (coarsenLocation takes a latitude and a longitude). */
const SINGLE_VALUE_GENERALIZERS: Readonly<Record<string, WrapperCall['fn']>> = {
  'ip-address': 'truncateIp',
  'date-of-birth': 'ageBand',
  'postal-code': 'postalPrefix',
};

/**
 * The wrapper a plan action stands for, `keep`, or `drop` (also for a property the plan omits);
 * undefined for an action only `minimize` can apply (`generalize:precise-location`, whose value
 * may be a pair or an object).
 */
export function getPlanRewrite(action: string | undefined): WrapperCall | 'keep' | 'drop' | undefined {
  if (action === undefined || action === 'drop') return 'drop';
  if (action === 'keep') return 'keep';
  const colon = action.indexOf(':');
  const verb = action.slice(0, colon);
  const argument = action.slice(colon + 1);
  if (verb === 'pseudonymize') return { fn: 'pseudonymize', args: [argument], form: 'pseudonymized' };
  if (verb === 'bin') return { fn: 'binTime', args: [argument], form: 'binned' };
  if (verb === 'generalize' && GENERALIZERS[argument]) {
    const fn = SINGLE_VALUE_GENERALIZERS[argument];
    return fn ? { fn, args: [], form: 'generalized' } : undefined;
  }
  return 'keep';
}

/** The wrapper that gives a value of `category` the `form`, if the runtime has one. */
export function getWrapperForForm(form: Form, category: string, config: PiiguardConfig): WrapperCall | undefined {
  if (getTier(category, config.categories) === 'secret') return undefined;
  switch (form) {
    case 'pseudonymized':
      return { fn: 'pseudonymize', args: [category], form };
    case 'generalized': {
      const fn = SINGLE_VALUE_GENERALIZERS[category];
      return fn ? { fn, args: [], form } : undefined;
    }
    case 'redacted':
      return { fn: 'redact', args: [], form };
    default:
      // binned needs a unit and noised an epsilon, which an allow entry does not give.
      return undefined;
  }
}

/**
 * For a raw value that reaches `sink` unapproved: the first valid allow entry for its category,
 * sink and event whose form the rewrite can produce, with the wrapper to produce it.
 */
export function getApprovedRewrite(
  config: PiiguardConfig,
  today: string,
  flow: { category: string; sink: string; event: string | null },
): { wrapper: WrapperCall; entry: AllowEntry } | undefined {
  for (const entry of config.allow) {
    if (entry.form === 'raw' || isExpired(entry, today) || !matchesFlow(entry, flow)) continue;
    const wrapper = getWrapperForForm(entry.form, flow.category, config);
    if (wrapper) return { wrapper, entry };
  }
  return undefined;
}

/** Where a flow enters a call, as written: the value and, inside an object literal, its property. */
export interface EntryLocation {
  /** The deepest expression written in the call on the way to the value. */
  value: TS.Expression;
  /** The object-literal property whose value is `value`. */
  property?: TS.PropertyAssignment | TS.ShorthandPropertyAssignment;
  /** The part of the path below `value` that is not written in the call (empty when it is the value). */
  rest: readonly string[];
}

/**
 * `posthog.capture('x', { user: { email } })` with entry `{ argIndex: 1, path: ['user', 'email'] }`
 * → the shorthand `email`. The last property of a name wins, as at run time.
 */
export function locateEntry(
  ts: TypeScript,
  call: TS.CallExpression | TS.NewExpression,
  entry: { argIndex: number; path: readonly string[] },
): EntryLocation | undefined {
  const arg = call.arguments?.[entry.argIndex];
  if (!arg || ts.isSpreadElement(arg)) return undefined;
  let value: TS.Expression = arg;
  let property: EntryLocation['property'];
  for (let i = 0; i < entry.path.length; i++) {
    const object = skipOuter(ts, value);
    const segment = entry.path[i];
    const found = ts.isObjectLiteralExpression(object) ? findProperty(ts, object, segment) : undefined;
    if (!found) return { value, ...(property ? { property } : {}), rest: entry.path.slice(i) };
    property = found;
    value = ts.isPropertyAssignment(found) ? found.initializer : found.name;
  }
  return { value, ...(property ? { property } : {}), rest: [] };
}

function findProperty(
  ts: TypeScript,
  object: TS.ObjectLiteralExpression,
  name: string,
): TS.PropertyAssignment | TS.ShorthandPropertyAssignment | undefined {
  let found: TS.PropertyAssignment | TS.ShorthandPropertyAssignment | undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && getPropertyName(ts, property.name) === name) found = property;
    else if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) found = property;
    // A spread after the property may override it: the value is not known to be this one.
    else if (ts.isSpreadAssignment(property) && found) found = undefined;
  }
  return found;
}
