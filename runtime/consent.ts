/**
 * Consent per purpose (SPEC §12): what the user agreed to, for the sinks of each purpose. The
 * rewrite of `"transform": true` guards each sink call that needs consent with
 * `hasConsent('<purpose>')`; apps call {@link setConsent} from their consent banner (or map a
 * consent manager's answers onto it). Nothing is granted until `setConsent` says so.
 */
import { describeOption } from './describe-option.js';

/** The purposes a sink is used for (SPEC §12, Sinks). */
export type ConsentPurpose = 'analytics' | 'diagnostics' | 'marketing' | 'ai' | 'logging';

/** Every purpose, in the order of SPEC §12. */
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['analytics', 'diagnostics', 'marketing', 'ai', 'logging'];

const granted = new Set<ConsentPurpose>();

function assertPurpose(purpose: unknown, where: string): asserts purpose is ConsentPurpose {
  if (!CONSENT_PURPOSES.includes(purpose as ConsentPurpose)) {
    throw new TypeError(`${where}: purpose must be one of ${CONSENT_PURPOSES.join(', ')}, got ${describeOption(purpose)}`);
  }
}

/**
 * Records whether the user consents to `purpose` (for this page or process; persist it with your
 * consent banner and call this again at start-up). Withdrawing is `setConsent(purpose, false)`.
 *
 * @throws TypeError on an unknown purpose or a `granted` that is not a boolean.
 */
export function setConsent(purpose: ConsentPurpose, isGranted: boolean): void {
  assertPurpose(purpose, 'piiguard setConsent');
  if (typeof isGranted !== 'boolean') {
    throw new TypeError(`piiguard setConsent: granted must be true or false, got ${describeOption(isGranted)}`);
  }
  if (isGranted) granted.add(purpose);
  else granted.delete(purpose);
}

/**
 * Whether the user consented to `purpose`: false until {@link setConsent} granted it.
 *
 * @throws TypeError on an unknown purpose (a typo must not read as "no consent" forever).
 */
export function hasConsent(purpose: ConsentPurpose): boolean {
  assertPurpose(purpose, 'piiguard hasConsent');
  return granted.has(purpose);
}
