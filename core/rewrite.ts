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
 *   written in the code — the rewrite can only wrap or drop what is written there;
 * - `MinimizedPayloads` and `findRewriteObstacle`: which payloads the rewrite wraps in
 *   `minimize`, and whether it can reach a flow's value at all. `check` reports a flow it cannot
 *   reach as `piiguard/transform` and the build fails on the same flow with the same message,
 *   so "approved after the rewrite" is only said of calls the build rewrites.
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

/* ---------- what the rewrite can reach: one decision for check, the editor and the build ---------- */

/** A call whose payload the tracking plan applies to: a sink call, or an inferred wrapper's call that gives a sink its payload. */
export interface PayloadCall {
  call: TS.CallExpression | TS.NewExpression;
  /** The event name when it is a constant at this call. */
  event: string | null;
  /** Argument, and property path inside it, of the properties the plan applies to. */
  payload?: { argIndex: number; path: readonly string[] };
}

/** A flow as the rewrite sees it: where it enters the outermost project call, and what the rewrite does to it. */
export interface RewriteFlow {
  call: TS.CallExpression | TS.NewExpression;
  entry: { argIndex: number; path: readonly string[] };
  /** The sink call the value reaches (inside the wrappers, when `call` is one). */
  sinkCall: TS.CallExpression | TS.NewExpression;
  category: string;
  sink: string;
  event: string | null;
  rewrite?: FlowRewrite;
}

/**
 * `posthog.capture('Signup Completed', props)` → `props`: where `minimize('<event>', payload, <plan>)`
 * goes, when the event is in the tracking plan and the payload is written in the call (not inside
 * a variable: `client.capture(message)` with the plan's `properties` in `message` is out of reach).
 */
export function locateMinimizedPayload(ts: TypeScript, config: PiiguardConfig, payloadCall: PayloadCall): EntryLocation | undefined {
  const { call, event, payload } = payloadCall;
  if (event === null || !payload || !Object.hasOwn(config.events, event)) return undefined;
  const location = locateEntry(ts, call, payload);
  return location && location.rest.length === 0 ? location : undefined;
}

/**
 * The payloads the rewrite wraps in `minimize` in one program: at each sink call where it can,
 * else at each call of an inferred wrapper that gives that sink its payload and names the event.
 */
export class MinimizedPayloads {
  /** Each payload to wrap, with where it is written. */
  readonly payloads: Array<{ payloadCall: PayloadCall; location: EntryLocation }> = [];
  private readonly sinkCalls = new Set<TS.Node>();
  /** `call|argument` of the wrapper calls whose argument is minimized. */
  private readonly wrapperArgs = new Set<string>();

  constructor(
    ts: TypeScript,
    config: PiiguardConfig,
    sinkCalls: readonly PayloadCall[],
    wrapperPayloads: readonly Required<PayloadCall>[],
  ) {
    for (const sinkCall of sinkCalls) {
      const location = locateMinimizedPayload(ts, config, sinkCall);
      if (!location) continue;
      this.payloads.push({ payloadCall: sinkCall, location });
      this.sinkCalls.add(sinkCall.call);
    }
    for (const report of wrapperPayloads) {
      if (this.sinkCalls.has(report.call)) continue;
      const location = locateMinimizedPayload(ts, config, report);
      if (!location) continue;
      this.payloads.push({ payloadCall: report, location });
      this.wrapperArgs.add(`${nodeKey(report.call)}|${report.payload.argIndex}`);
    }
  }

  /** Whether minimize applies the plan to the flow's value (at its sink, or where the wrapper is called). */
  covers(flow: Pick<RewriteFlow, 'call' | 'entry' | 'sinkCall'>): boolean {
    return this.sinkCalls.has(flow.sinkCall) || this.wrapperArgs.has(`${nodeKey(flow.call)}|${flow.entry.argIndex}`);
  }
}

function nodeKey(node: TS.Node): string {
  return `${node.getSourceFile().fileName}:${node.pos}:${node.end}`;
}

/**
 * Why the rewrite cannot give a flow what its verdict counts on, or undefined when it can. The
 * verdict of a flow judged after the rewrite (`"transform": true`) holds only if the build makes
 * it true: a plan action applied by minimize (covered), or value by value where the value is
 * written in the call — a wrapper around it, its property dropped. `generalize:precise-location`
 * has no wrapper of one value, so only minimize applies it. An unapproved flow that
 * `onUnapproved` drops or pseudonymizes must be written in the call as well; under `"error"` the
 * flow fails the build by itself.
 */
export function findRewriteObstacle(
  ts: TypeScript,
  flow: RewriteFlow,
  context: { covered: boolean; unapproved: boolean; onUnapproved: PiiguardConfig['onUnapproved'] },
): string | undefined {
  const location = locateEntry(ts, flow.call, flow.entry);
  const written = location !== undefined && location.rest.length === 0;
  const rewrite = flow.rewrite;
  // What the value needs from the build, when the rewrite cannot give it value by value.
  let need: string | undefined;
  if (context.unapproved) {
    if (context.onUnapproved !== 'error' && !written) need = `onUnapproved is "${context.onUnapproved}"`;
  } else if (!rewrite) {
    return undefined;
  } else if (rewrite.kind === 'wrap') {
    if (!written) need = `it must reach ${flow.sink} ${rewrite.wrapper.form}`;
  } else if (context.covered || rewrite.action === 'keep') {
    return undefined;
  } else if (rewrite.action !== 'wrap') {
    if (!written || !location.property) need = `the plan of event ${JSON.stringify(rewrite.event)} drops it`;
  } else if (!rewrite.wrapper) {
    return (
      `${describeEntry(flow, location)} and only minimize() can apply the plan of event ${JSON.stringify(rewrite.event)} to it ` +
      '(no wrapper generalizes one value of it), but the rewrite cannot wrap this payload in minimize(): the event name is not one constant here, ' +
      'or the payload is not written in the call; pass the payload in the call with a constant event name'
    );
  } else if (!written) {
    need = `it must reach ${flow.sink} ${rewrite.wrapper.form}`;
  }
  if (need === undefined) return undefined;
  return `${describeEntry(flow, location)} and ${need}, but the rewrite cannot reach a value that is not written in this call; pass it as its own property or wrap it by hand`;
}

/** `email at properties.email inside message reaches posthog (event "Signed Up")` */
function describeEntry(flow: RewriteFlow, location: EntryLocation | undefined): string {
  const inside = location && location.rest.length > 0 ? ` inside ${location.value.getText()}` : '';
  const path = flow.entry.path.length > 0 ? ` at ${flow.entry.path.join('.')}` : '';
  const event = flow.event === null ? '' : ` (event ${JSON.stringify(flow.event)})`;
  return `${flow.category}${path}${inside} reaches ${flow.sink}${event}`;
}

/**
 * The form a flow leaves the app in, with `"transform": true`: what the plan or the approving
 * entry's wrapper makes of it, `dropped` where the plan (or `onUnapproved: "drop"`) removes it,
 * and the form as written where the build fails on the flow (`onUnapproved: "error"`, or a value
 * out of the rewrite's reach) or leaves it alone. Without the rewrite, the form as written.
 */
export function getLeavingForm(
  flow: { form: Form; category: string; ruleId?: string; rewrite?: FlowRewrite },
  config: PiiguardConfig,
  buildFailing: ReadonlySet<string>,
): Form | 'dropped' {
  if (!config.transform || flow.ruleId === 'piiguard/transform') return flow.form;
  if (flow.ruleId === 'piiguard/unplanned-property') return 'dropped';
  if (flow.ruleId && buildFailing.has(flow.ruleId)) {
    if (
      config.onUnapproved === 'drop' ||
      (config.onUnapproved === 'pseudonymize' && getTier(flow.category, config.categories) === 'secret')
    )
      return 'dropped';
    return config.onUnapproved === 'pseudonymize' ? 'pseudonymized' : flow.form;
  }
  const rewrite = flow.rewrite;
  if (!rewrite) return flow.form;
  if (rewrite.kind === 'wrap') return rewrite.wrapper.form;
  return rewrite.action === 'drop' ? 'dropped' : rewrite.form;
}
