/**
 * The PII types users tag their models with (SPEC §1–2). The brand is optional and type-only, so
 * a plain `string` is assignable to `Email` and tagging a model costs no casts; piiguard's
 * analysis finds the brand anywhere inside a type.
 */

declare const piiBrand: unique symbol;
declare const pseudonymBrand: unique symbol;

/** A category name: a built-in one, or one declared in the config's `categories`. */
export type PiiCategory =
  | 'email'
  | 'phone'
  | 'person-name'
  | 'postal-address'
  | 'government-id'
  | 'payment-card'
  | 'user-id'
  | 'device-id'
  | 'ip-address'
  | 'precise-location'
  | 'date-of-birth'
  | 'postal-code'
  | 'gender'
  | 'precise-time'
  | 'health'
  | 'biometric'
  | 'credential'
  | 'free-text'
  | (string & {});

/** A value of type `T` that is personal data of category `C`. */
export type Pii<T, C extends PiiCategory> = T & { readonly [piiBrand]?: C };

export type Email = Pii<string, 'email'>;
export type Phone = Pii<string, 'phone'>;
export type PersonName = Pii<string, 'person-name'>;
export type UserId = Pii<string, 'user-id'>;
export type DeviceId = Pii<string, 'device-id'>;
export type IpAddress = Pii<string, 'ip-address'>;
export type PreciseLocation = Pii<number | string | { lat: number; lng: number }, 'precise-location'>;
export type PostalAddress = Pii<string, 'postal-address'>;
export type PostalCode = Pii<string, 'postal-code'>;
export type DateOfBirth = Pii<string | Date, 'date-of-birth'>;
export type GovernmentId = Pii<string, 'government-id'>;
export type PaymentCard = Pii<string, 'payment-card'>;
export type HealthData = Pii<string, 'health'>;
export type Credential = Pii<string, 'credential'>;
export type FreeText = Pii<string, 'free-text'>;

/**
 * A pseudonym of personal data of category `C`, computed by a server with its secret key
 * (`pseudonymize(user.id, 'user-id')` from piiguard/runtime) and handed to the client. piiguard
 * judges it as the `pseudonymized` form of `C` (SPEC §12), so a browser can send it without ever
 * holding the key: `posthog.identify(session.pseudonym)`.
 */
export type Pseudonym<C extends PiiCategory> = string & { readonly [pseudonymBrand]?: C };
