/**
 * The redaction marker: what leaves the app in place of a value that must not leave it, or that
 * a sanitizer could not make safe (an address that is not an address, a date that is not a date).
 */

/** The fixed string that stands in for a removed value. */
export const REDACTED = '[redacted]';

/**
 * Replaces a value with the redaction marker (the `redacted` form of SPEC §3).
 *
 * The result never depends on the value: it is always {@link REDACTED}, for `null` and
 * `undefined` too, so a reader of the telemetry learns only that a value was removed.
 *
 * @example
 * ```ts
 * posthog.capture('Support Ticket', { body: redact(ticket.body) }); // { body: '[redacted]' }
 * ```
 */
export function redact(_value?: unknown): typeof REDACTED {
  return REDACTED;
}
