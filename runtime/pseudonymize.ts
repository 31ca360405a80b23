/**
 * Keyed pseudonyms (SPEC §11): HMAC-SHA-256 under an app-wide key, with optional rotation, so
 * that one person gets one pseudonym on every device and a server in any language can compute
 * the same one to join data — while nobody without the key can reverse it by dictionary.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describeOption } from './describe-option.js';
import { REDACTED } from './redact.js';
import { toEpochMs, type Instant } from './time.js';

/** How often pseudonyms change: never, or at each UTC day, week or calendar month. */
export type Rotation = 'none' | 'daily' | 'weekly' | 'monthly';

/** What {@link configure} accepts. */
export interface PseudonymizationOptions {
  /**
   * The HMAC key: a string (used as its UTF-8 bytes — not decoded from hex or base64) or raw
   * bytes. At least 16 bytes; 32 random bytes is the recommended size. Keep it out of source
   * control and share it only with the servers that must compute the same pseudonyms.
   */
  key: string | Uint8Array;
  /** How often pseudonyms change (default `'none'`). See {@link rotationEpoch}. */
  rotation?: Rotation;
}

/** Per-call options of {@link pseudonymize}. */
export interface PseudonymizeOptions {
  /**
   * The instant whose rotation epoch to use, instead of the current time: a `Date`, epoch
   * milliseconds or an ISO 8601 string. For tests, and for back-filling past events.
   */
  now?: Instant;
}

/** The values a pseudonym can be made of. Objects have no canonical text and are not accepted. */
export type Pseudonymizable = string | number | bigint | boolean;

/** The smallest key {@link configure} accepts, in bytes (128 bits). */
export const MIN_KEY_BYTES = 16;

const ROTATIONS: readonly Rotation[] = ['none', 'daily', 'weekly', 'monthly'];
const DAY_MS = 86_400_000;

/** A keyed HMAC-SHA-256: the key is absorbed once, then each message costs two blocks fewer. */
export type KeyedHmac = (message: Uint8Array) => Uint8Array;

/** Builds the HMAC-SHA-256 that {@link pseudonymize} uses, keyed once with `key`. */
export function createKeyedHmac(key: Uint8Array): KeyedHmac {
  const keyed = hmac.create(sha256, key);
  return (message) => keyed.clone().update(message).digest();
}

interface Pseudonymizer {
  mac: KeyedHmac;
  rotation: Rotation;
}

let current: Pseudonymizer | undefined;

/**
 * Sets the key and rotation that {@link pseudonymize} uses, for the whole app (call it once at
 * start-up, before the first telemetry call; calling it again replaces both).
 *
 * @throws TypeError when the options are not an object, the key is neither a string nor a
 *   `Uint8Array`, or the rotation is not `'none'`, `'daily'`, `'weekly'` or `'monthly'`.
 * @throws RangeError when the key is shorter than {@link MIN_KEY_BYTES} bytes.
 *
 * @example
 * ```ts
 * import { configure } from 'piiguard/runtime';
 * configure({ key: import.meta.env.VITE_PIIGUARD_KEY, rotation: 'monthly' });
 * ```
 */
export function configure(options: PseudonymizationOptions): void {
  current = toPseudonymizer(options, 'piiguard configure');
}

/** A pseudonymize function of its own key and rotation; see {@link createPseudonymizer}. */
export type PseudonymizeFunction = {
  (value: Pseudonymizable, category: string, options?: PseudonymizeOptions): string;
  <T extends null | undefined>(value: T, category: string, options?: PseudonymizeOptions): T;
  (value: unknown, category: string, options?: PseudonymizeOptions): string | null | undefined;
};

/**
 * {@link pseudonymize} with a key and rotation of its own instead of the app-wide ones of
 * {@link configure}: for a server that holds several keys, or a library (piiguard/proxy) that
 * must not change the app's. Same output for the same key, rotation and instant.
 *
 * @throws the errors of {@link configure} on bad options.
 */
export function createPseudonymizer(options: PseudonymizationOptions): PseudonymizeFunction {
  const own = toPseudonymizer(options, 'piiguard createPseudonymizer');
  return ((value: unknown, category: string, callOptions: PseudonymizeOptions = {}) =>
    pseudonymizeWith(own, value, category, callOptions)) as PseudonymizeFunction;
}

function toPseudonymizer(options: PseudonymizationOptions, where: string): Pseudonymizer {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: expected an options object { key, rotation }`);
  }
  const { key, rotation = 'none' } = options;
  let keyBytes: Uint8Array;
  if (typeof key === 'string') keyBytes = utf8ToBytes(key);
  else if (key instanceof Uint8Array) keyBytes = Uint8Array.from(key);
  else {
    throw new TypeError(`${where}: key must be a string or a Uint8Array, got ${key === null ? 'null' : typeof key}`);
  }
  if (keyBytes.length < MIN_KEY_BYTES) {
    throw new RangeError(`${where}: key must be at least ${MIN_KEY_BYTES} bytes (32 random bytes recommended), got ${keyBytes.length}`);
  }
  if (!ROTATIONS.includes(rotation)) {
    throw new TypeError(`${where}: rotation must be 'none', 'daily', 'weekly' or 'monthly', got ${describeOption(rotation)}`);
  }
  const pseudonymizer = { mac: createKeyedHmac(keyBytes), rotation };
  keyBytes.fill(0);
  return pseudonymizer;
}

/**
 * The rotation epoch of an instant: `0` with rotation `'none'`, else the number of whole UTC
 * days, whole weeks (`floor(days / 7)`, so weeks turn over on Thursdays 00:00 UTC, the weekday
 * of 1970-01-01) or calendar months since 1970-01-01 UTC. This is the `epoch` in the pseudonym
 * message, exported so that servers and tests can reproduce it.
 *
 * @throws TypeError on an unknown rotation; RangeError when `now` names no instant.
 */
export function rotationEpoch(rotation: Rotation, now: Instant = Date.now()): number {
  if (!ROTATIONS.includes(rotation)) {
    throw new TypeError(`piiguard rotationEpoch: rotation must be 'none', 'daily', 'weekly' or 'monthly', got ${describeOption(rotation)}`);
  }
  const ms = toEpochMs(now);
  if (ms === undefined) {
    throw new RangeError('piiguard: `now` is not a valid Date, epoch milliseconds or ISO 8601 string');
  }
  switch (rotation) {
    case 'none':
      return 0;
    case 'daily':
      return Math.floor(ms / DAY_MS);
    case 'weekly':
      return Math.floor(Math.floor(ms / DAY_MS) / 7);
    case 'monthly': {
      const date = new Date(ms);
      return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
    }
  }
}

/**
 * The first instant (epoch milliseconds, UTC) of a rotation epoch — the inverse of
 * {@link rotationEpoch}: `pseudonymize(id, category, { now: epochStart(rotation, e) })` is the
 * pseudonym of epoch `e`. A server that joins data across epochs computes each epoch's pseudonym
 * of an id it holds this way (README, "Rotation and joins").
 *
 * @throws TypeError on an unknown rotation; RangeError when `epoch` is not a safe integer.
 */
export function epochStart(rotation: Rotation, epoch: number): number {
  if (!ROTATIONS.includes(rotation)) {
    throw new TypeError(`piiguard epochStart: rotation must be 'none', 'daily', 'weekly' or 'monthly', got ${describeOption(rotation)}`);
  }
  if (!Number.isSafeInteger(epoch)) throw new RangeError(`piiguard epochStart: epoch must be an integer, got ${describeOption(epoch)}`);
  switch (rotation) {
    case 'none':
      return 0;
    case 'daily':
      return epoch * DAY_MS;
    case 'weekly':
      return epoch * 7 * DAY_MS;
    case 'monthly':
      return Date.UTC(1970 + Math.floor(epoch / 12), ((epoch % 12) + 12) % 12, 1);
  }
}

/**
 * The text a value is pseudonymized as, so that spellings of one identity meet:
 * - `email`: trimmed and lower-cased (`' Ada@Example.COM '` → `'ada@example.com'`);
 * - `phone`: its ASCII digits only (`'+1 (555) 010-9999'` → `'15550109999'`). The `+` goes
 *   too, and no country code is added or removed: pass numbers in E.164 so that `+44 20 …`
 *   and `020 …` are not two people;
 * - any other category: `String(value)` trimmed, case kept.
 */
export function normalizeForPseudonym(value: Pseudonymizable, category: string): string {
  const text = String(value);
  switch (category) {
    case 'email':
      return text.trim().toLowerCase();
    case 'phone':
      return text.replace(/[^0-9]/g, '');
    default:
      return text.trim();
  }
}

/** Whether a value has a canonical text to pseudonymize (objects, symbols and functions do not). */
export function isPseudonymizable(value: unknown): value is Pseudonymizable {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
}

/**
 * Replaces a value with its keyed pseudonym (the `pseudonymized` form of SPEC §3): the lower-case
 * hex of HMAC-SHA-256(key, `${category}:${epoch}:${normalized}`), 64 characters.
 *
 * - `epoch` comes from the configured rotation (see {@link rotationEpoch});
 * - `normalized` is the value after {@link normalizeForPseudonym} (emails trimmed and lower-cased,
 *   phones to digits, others trimmed);
 * - the message is UTF-8 encoded, so a server computes the same pseudonym with, in Node,
 *   `createHmac('sha256', key).update(`${category}:${epoch}:${normalized}`).digest('hex')`.
 *
 * `null` and `undefined` are returned unchanged (an absent value stays absent instead of giving
 * every anonymous user the same pseudonym). A value that has no canonical text — an object, an
 * array, a function, a symbol — becomes the redaction marker `'[redacted]'`. A value that is no
 * data (`NaN`, a boolean, `''`, whitespace only, a phone without digits) is refused.
 *
 * @param category - the PII category (`'email'`, `'user-id'`, …); it separates the pseudonyms of
 *   different categories, so the same text as an email and as a user id gives two pseudonyms.
 * @throws Error when {@link configure} has not been called: piiguard never falls back to an
 *   unkeyed hash, which a dictionary would reverse.
 * @throws TypeError when the category is empty or contains `:`; Error for `'credential'`, which
 *   may not leave the app in any form (SPEC §5).
 * @throws TypeError when the value is `NaN`, a boolean, or empty after normalisation.
 *
 * @example
 * ```ts
 * configure({ key: process.env.PIIGUARD_KEY!, rotation: 'none' });
 * analytics.identify(pseudonymize(user.id, 'user-id'));
 * ```
 */
export function pseudonymize(value: Pseudonymizable, category: string, options?: PseudonymizeOptions): string;
export function pseudonymize<T extends null | undefined>(value: T, category: string, options?: PseudonymizeOptions): T;
// An optional value stays optional (`pseudonymize(user?.email, 'email')`: `string | undefined`), so
// wrapping a value where it is sent (piiguard fix, the editor's suggestion) keeps the call's types.
export function pseudonymize(value: Pseudonymizable | undefined, category: string, options?: PseudonymizeOptions): string | undefined;
export function pseudonymize(value: Pseudonymizable | null, category: string, options?: PseudonymizeOptions): string | null;
export function pseudonymize(value: unknown, category: string, options?: PseudonymizeOptions): string | null | undefined;
export function pseudonymize(value: unknown, category: string, options: PseudonymizeOptions = {}): string | null | undefined {
  assertPseudonymCategory(category);
  const pseudonymizer = current;
  if (!pseudonymizer) {
    throw new Error(
      'piiguard pseudonymize: no key is configured. Call configure({ key, rotation }) from piiguard/runtime ' +
        'before the first telemetry call; piiguard never falls back to an unkeyed hash.',
    );
  }
  return pseudonymizeWith(pseudonymizer, value, category, options);
}

function pseudonymizeWith(
  pseudonymizer: Pseudonymizer,
  value: unknown,
  category: string,
  options: PseudonymizeOptions,
): string | null | undefined {
  assertPseudonymCategory(category);
  if (value === null || value === undefined) return value;
  if (!isPseudonymizable(value)) return REDACTED;
  const normalized = normalizeForPseudonym(value, category);
  assertData(value, normalized, category);
  const epoch = rotationEpoch(pseudonymizer.rotation, options.now ?? Date.now());
  const message = `${category}:${epoch}:${normalized}`;
  return bytesToHex(pseudonymizer.mac(utf8ToBytes(message)));
}

/**
 * Throws for a value that is no data of a person: `NaN`, a boolean, or one whose normalised text
 * is empty (`''`, `'   '`, a phone with no digit). Pseudonymized, every blank email would be one
 * pseudonym, one "person" in the telemetry. The message names the kind of value, never the value.
 */
function assertData(value: Pseudonymizable, normalized: string, category: string): void {
  let kind: string | undefined;
  if (typeof value === 'boolean') kind = 'a boolean';
  else if (typeof value === 'number' && Number.isNaN(value)) kind = 'NaN';
  else if (normalized === '')
    kind =
      typeof value === 'string' && value.length > 0 ? `a string with nothing to keep as ${describeCategory(category)}` : 'an empty string';
  if (kind) {
    throw new TypeError(
      `piiguard pseudonymize: the value is ${kind}, not data to pseudonymize (it would give every such value one pseudonym); pass null for an absent value`,
    );
  }
}

function describeCategory(category: string): string {
  return category === 'phone' ? 'a phone number (no digit)' : `${category} (only whitespace)`;
}

/** Throws unless `category` can name a pseudonym. Shared with `minimize`'s plan check. */
export function assertPseudonymCategory(category: unknown, where = 'piiguard pseudonymize'): asserts category is string {
  if (typeof category !== 'string' || category === '' || category.includes(':')) {
    throw new TypeError(`${where}: category must be a non-empty string without ':', got ${describeOption(category)}`);
  }
  if (category === 'credential') {
    throw new Error(`${where}: a credential may not leave the app in any form, not even pseudonymized`);
  }
}
