/**
 * `piiguard/runtime`: the wrappers that the transformer inserts into telemetry calls and that
 * people call by hand (SPEC §11). Synchronous, for browsers and Node alike, with no dependency
 * beyond `@noble/hashes`. Nothing here logs, and no error message contains a value passed in.
 *
 * Shared conventions:
 * - `null` and `undefined` pass through the value wrappers unchanged: an absent value stays absent;
 * - a value a wrapper cannot make safe becomes the redaction marker {@link REDACTED}
 *   (`'[redacted]'`), never the input;
 * - developer mistakes (no key configured, an unknown unit, a bad epsilon, a malformed plan)
 *   throw a `TypeError`, `RangeError` or `Error` whose message says what was expected.
 */
export {
  configure,
  pseudonymize,
  rotationEpoch,
  normalizeForPseudonym,
  MIN_KEY_BYTES,
  type PseudonymizationOptions,
  type PseudonymizeOptions,
  type Pseudonymizable,
  type Rotation,
} from './pseudonymize.js';
export { truncateIp } from './ip.js';
export {
  coarsenLocation,
  ageBand,
  postalPrefix,
  AGE_BANDS,
  DEFAULT_LOCATION_DECIMALS,
  DEFAULT_POSTAL_PREFIX_LENGTH,
  type AgeBand,
  type Coordinates,
} from './generalize.js';
export { binTime, type Instant, type TimeBin } from './time.js';
export { redact, REDACTED } from './redact.js';
export { minimize, GENERALIZED_CATEGORIES, type PlanAction, type PlanEntry } from './minimize.js';
export { randomizedResponse, laplaceNoise, MAX_EPSILON } from './noise.js';
