/**
 * `minimize` applies a tracking-plan entry (SPEC §5) to a payload at run time: the transformer
 * wraps each planned event's payload in it, so payloads whose shape is not known at build time
 * are minimised too.
 */
import { describePlanText } from './describe-option.js';
import { coarsenLocation, ageBand, postalPrefix, DEFAULT_LOCATION_DECIMALS } from './generalize.js';
import { truncateIp } from './ip.js';
import { assertPseudonymCategory, pseudonymize } from './pseudonymize.js';
import { REDACTED } from './redact.js';
import { binTime, type TimeBin } from './time.js';

/**
 * What happens to one property: `'keep'`, `'drop'`, `'pseudonymize:<category>'`,
 * `'generalize:<category>'` (`ip-address`, `precise-location`, `date-of-birth` or
 * `postal-code`) or `'bin:hour' | 'bin:day' | 'bin:week'`. Typed as `string` so that plans read
 * from a config file fit; `minimize` checks every action.
 */
export type PlanAction = string;

/** One event of the tracking plan: the properties it may carry and what happens to each. */
export interface PlanEntry {
  readonly properties: Readonly<Record<string, PlanAction>>;
}

type Transform = (value: unknown) => unknown;

/** The generaliser that `generalize:<category>` picks (SPEC §5). */
const GENERALIZERS: Readonly<Record<string, Transform>> = {
  'ip-address': (value) => truncateIp(value),
  'precise-location': (value) => coarsenLocationValue(value),
  'date-of-birth': (value) => ageBand(value),
  'postal-code': (value) => postalPrefix(value),
};

/** The categories `generalize:<category>` accepts, for tooling that checks plans ahead of time. */
export const GENERALIZED_CATEGORIES: readonly string[] = Object.keys(GENERALIZERS);

const TIME_BINS: readonly string[] = ['hour', 'day', 'week'];

/**
 * Applies a tracking-plan entry to an event's payload and returns a new object holding only the
 * properties the plan lists, each transformed by its action:
 * - `keep` — the value as it is (nested objects are shared, not copied);
 * - `drop` — left out, as is every property the plan does not list;
 * - `pseudonymize:<category>` — {@link pseudonymize} (so a key must be configured);
 * - `generalize:ip-address` → {@link truncateIp}; `generalize:precise-location` → coarsened to
 *   {@link DEFAULT_LOCATION_DECIMALS} decimals, for a single coordinate (a number), a
 *   `[lat, lng]` pair, or an object with `lat`/`latitude` and `lng`/`lon`/`long`/`longitude`
 *   (only those two keys are kept); `generalize:date-of-birth` → {@link ageBand} at the current
 *   time; `generalize:postal-code` → {@link postalPrefix} with its default length;
 * - `bin:hour|day|week` — {@link binTime}.
 *
 * A value that its action cannot make safe (an object to pseudonymize, a malformed address, a
 * date that is not one) becomes the redaction marker `'[redacted]'`; `null` and `undefined` stay
 * as they are. Only the payload's own properties are read, and neither the payload nor the plan
 * is mutated.
 *
 * A `null` or `undefined` payload is returned unchanged; any other non-object payload (a string,
 * a number, an array) carries no planned property and gives `{}`.
 *
 * @param event - the event name, used only in error messages.
 * @throws TypeError when the plan entry is malformed or an action is unknown — checked for every
 *   listed property on every call, present in the payload or not, so a bad plan fails the first
 *   time it is used. Errors name the event, property and action, never a value.
 * @throws Error from {@link pseudonymize} when a `pseudonymize:` action runs with no key configured.
 *
 * @example
 * ```ts
 * minimize('Signup Completed', { userId: 'u_42', plan: 'pro', email: 'ada@example.com' },
 *   { properties: { userId: 'pseudonymize:user-id', plan: 'keep' } });
 * // { userId: '<64 hex digits>', plan: 'pro' }
 * ```
 */
export function minimize<T extends null | undefined>(event: string, payload: T, planEntry: PlanEntry): T;
export function minimize(event: string, payload: object, planEntry: PlanEntry): Record<string, unknown>;
export function minimize(event: string, payload: unknown, planEntry: PlanEntry): Record<string, unknown> | null | undefined;
export function minimize(event: string, payload: unknown, planEntry: PlanEntry): Record<string, unknown> | null | undefined {
  const transforms = compilePlan(event, planEntry);
  if (payload === null || payload === undefined) return payload;
  if (typeof payload !== 'object' || Array.isArray(payload)) return {};
  const entries: [string, unknown][] = [];
  for (const [property, transform] of transforms) {
    if (transform && Object.hasOwn(payload, property)) {
      entries.push([property, transform((payload as Record<string, unknown>)[property])]);
    }
  }
  // fromEntries defines properties, so a planned `__proto__` cannot reach the prototype.
  return Object.fromEntries(entries);
}

/** Each listed property with its transform (`undefined` for `drop`), in plan order. */
function compilePlan(event: string, planEntry: PlanEntry): [string, Transform | undefined][] {
  const properties: unknown = (planEntry as { properties?: unknown } | null | undefined)?.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new TypeError(`piiguard minimize: the plan entry for event ${describePlanText(event)} must be { properties: { name: action } }`);
  }
  return Object.entries(properties).map(([property, action]) => [
    property,
    compileAction(action, () => `event ${describePlanText(event)}, property ${describePlanText(property)}`),
  ]);
}

function compileAction(action: unknown, where: () => string): Transform | undefined {
  if (action === 'keep') return (value) => value;
  if (action === 'drop') return undefined;
  const [verb, argument] = typeof action === 'string' ? splitAction(action) : [];
  switch (verb) {
    case 'pseudonymize': {
      const category = argument!;
      assertPseudonymCategory(category, `piiguard minimize (${where()})`);
      return (value) => pseudonymize(value, category);
    }
    case 'generalize': {
      const generalize = Object.hasOwn(GENERALIZERS, argument!) ? GENERALIZERS[argument!] : undefined;
      if (!generalize) {
        throw new TypeError(
          `piiguard minimize (${where()}): no generaliser for ${describePlanText(argument)}; ` +
            `expected one of ${GENERALIZED_CATEGORIES.join(', ')}`,
        );
      }
      return (value) => redactOnFailure(generalize, value);
    }
    case 'bin': {
      if (!TIME_BINS.includes(argument!)) {
        throw new TypeError(`piiguard minimize (${where()}): bin unit must be hour, day or week, got ${describePlanText(argument)}`);
      }
      const unit = argument as TimeBin;
      return (value) => redactOnFailure((v) => binTime(v as Date | number | string | null | undefined, unit), value);
    }
  }
  throw new TypeError(
    `piiguard minimize (${where()}): unknown action ${describePlanText(action)}; expected keep, drop, ` +
      'pseudonymize:<category>, generalize:<category> or bin:hour|day|week',
  );
}

function splitAction(action: string): [string, string] | [] {
  const colon = action.indexOf(':');
  return colon === -1 ? [] : [action.slice(0, colon), action.slice(colon + 1)];
}

/** Data a generaliser rejects (a date that is not one, an impossible coordinate) is redacted. */
function redactOnFailure(transform: Transform, value: unknown): unknown {
  try {
    return transform(value);
  } catch {
    return REDACTED;
  }
}

const LATITUDE_KEYS = ['lat', 'latitude'];
const LONGITUDE_KEYS = ['lng', 'lon', 'long', 'longitude'];

/** `generalize:precise-location` on whatever shape a position property has. */
function coarsenLocationValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') {
    // A lone coordinate: latitude or longitude, so only the wider longitude range is checked.
    return coarsenLocation(0, value, DEFAULT_LOCATION_DECIMALS).lng;
  }
  if (Array.isArray(value)) {
    if (value.length !== 2) return REDACTED;
    const { lat, lng } = coarsenLocation(value[0] as number, value[1] as number, DEFAULT_LOCATION_DECIMALS);
    return [lat, lng];
  }
  if (typeof value === 'object') {
    const latKey = LATITUDE_KEYS.find((key) => Object.hasOwn(value, key));
    const lngKey = LONGITUDE_KEYS.find((key) => Object.hasOwn(value, key));
    if (!latKey || !lngKey) return REDACTED;
    const position = value as Record<string, unknown>;
    const { lat, lng } = coarsenLocation(position[latKey] as number, position[lngKey] as number, DEFAULT_LOCATION_DECIMALS);
    return Object.fromEntries([
      [latKey, lat],
      [lngKey, lng],
    ]);
  }
  return REDACTED;
}
