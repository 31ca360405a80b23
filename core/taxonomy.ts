/**
 * The vocabulary of SPEC §2–3: categories with their tiers, and the forms a value can take
 * on its way to a sink. Everything else in piiguard speaks these words.
 */

export type Tier = 'direct-identifier' | 'linkable-identifier' | 'quasi-identifier' | 'special-category' | 'secret' | 'user-content';

export const TIERS: readonly Tier[] = [
  'direct-identifier',
  'linkable-identifier',
  'quasi-identifier',
  'special-category',
  'secret',
  'user-content',
];

export const BUILTIN_CATEGORIES = {
  email: 'direct-identifier',
  phone: 'direct-identifier',
  'person-name': 'direct-identifier',
  'postal-address': 'direct-identifier',
  'government-id': 'direct-identifier',
  'payment-card': 'direct-identifier',
  'user-id': 'linkable-identifier',
  'device-id': 'linkable-identifier',
  'ip-address': 'linkable-identifier',
  'precise-location': 'linkable-identifier',
  'date-of-birth': 'quasi-identifier',
  'postal-code': 'quasi-identifier',
  gender: 'quasi-identifier',
  'precise-time': 'quasi-identifier',
  health: 'special-category',
  biometric: 'special-category',
  credential: 'secret',
  'free-text': 'user-content',
} as const satisfies Record<string, Tier>;

export type BuiltinCategory = keyof typeof BUILTIN_CATEGORIES;

/** The type alias exported by `piiguard` for each category that has one (SPEC §1). */
export const CATEGORY_ALIASES: Readonly<Record<string, BuiltinCategory>> = {
  Email: 'email',
  Phone: 'phone',
  PersonName: 'person-name',
  UserId: 'user-id',
  DeviceId: 'device-id',
  IpAddress: 'ip-address',
  PreciseLocation: 'precise-location',
  PostalAddress: 'postal-address',
  PostalCode: 'postal-code',
  DateOfBirth: 'date-of-birth',
  GovernmentId: 'government-id',
  PaymentCard: 'payment-card',
  HealthData: 'health',
  Credential: 'credential',
  FreeText: 'free-text',
};

export type Form = 'raw' | 'pseudonymized' | 'hashed' | 'generalized' | 'binned' | 'noised' | 'redacted';

export const FORMS: readonly Form[] = ['raw', 'pseudonymized', 'hashed', 'generalized', 'binned', 'noised', 'redacted'];

/**
 * What a sink sends data for (SPEC §12): what a user consents to, per purpose. Every sink pack
 * has one; a user sink may name one.
 */
export type Purpose = 'analytics' | 'diagnostics' | 'marketing' | 'ai' | 'logging';

export const PURPOSES: readonly Purpose[] = ['analytics', 'diagnostics', 'marketing', 'ai', 'logging'];

/** The purposes that need consent when the config's `consent` does not list them: non-essential tracking. */
export const DEFAULT_CONSENT_PURPOSES: readonly Purpose[] = ['analytics', 'marketing'];

/**
 * Categories that a dictionary attack reverses when hashed without a key (SPEC §7, weak-hash):
 * identifiers, emails, phones, IPs, postal codes, dates of birth.
 */
export const LOW_ENTROPY_CATEGORIES: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'user-id',
  'device-id',
  'ip-address',
  'postal-code',
  'date-of-birth',
  'government-id',
  'payment-card',
]);

/** The runtime generaliser that `generalize:<category>` picks (SPEC §5). */
export const GENERALIZERS: Readonly<Record<string, string>> = {
  'ip-address': 'truncateIp',
  'precise-location': 'coarsenLocation',
  'date-of-birth': 'ageBand',
  'postal-code': 'postalPrefix',
};

/** Resolves the tier of a category, built-in or declared in the config. */
export function getTier(category: string, custom: Readonly<Record<string, { tier: Tier }>> = {}): Tier | undefined {
  if (Object.hasOwn(BUILTIN_CATEGORIES, category)) return (BUILTIN_CATEGORIES as Record<string, Tier>)[category];
  return Object.hasOwn(custom, category) ? custom[category].tier : undefined;
}
