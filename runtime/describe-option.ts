/**
 * Error-message wording for bad options. The runtime never puts a *value* (personal data) in a
 * message; only the options a developer passed, such as a unit or a rotation.
 */

/** Describes a bad option; only short strings are quoted in full. */
export function describeOption(option: unknown): string {
  if (typeof option === 'string') return option.length <= 40 ? JSON.stringify(option) : 'a long string';
  if (typeof option === 'number' || typeof option === 'boolean' || option === null || option === undefined) {
    return String(option);
  }
  return Array.isArray(option) ? 'an array' : `a value of type ${typeof option}`;
}
