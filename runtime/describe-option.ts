/**
 * Error-message wording for bad arguments. The runtime never puts an argument in a message, not
 * even an option such as a unit or a rotation: only its type and size.
 */

/**
 * Describes a bad argument by its type and size, never its content: an argument passed in the
 * wrong place (`postalPrefix(3, 'SW1A 1AA')`) may be the personal data itself.
 */
export function describeOption(option: unknown): string {
  if (option === null || option === undefined) return String(option);
  if (typeof option === 'string') return option.length === 0 ? 'an empty string' : `a string of ${option.length} characters`;
  if (typeof option === 'number') {
    if (Number.isNaN(option) || !Number.isFinite(option)) return String(option);
    return Number.isInteger(option) ? 'an integer' : 'a number with a fraction';
  }
  if (typeof option === 'boolean') return 'a boolean';
  if (Array.isArray(option)) return `an array of ${option.length} elements`;
  return `a value of type ${typeof option}`;
}

/**
 * Names a part of a tracking plan (an event, a property, an action): text the developer wrote in
 * the plan, not an argument of the app's, so short ones are quoted as written.
 */
export function describePlanText(text: unknown): string {
  if (typeof text === 'string' && text.length <= 40) return JSON.stringify(text);
  if (typeof text === 'number' && Number.isFinite(text)) return String(text);
  return describeOption(text);
}
