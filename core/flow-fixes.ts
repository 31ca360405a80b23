/**
 * The fixes of a flow finding, as edits of the file's text, decided in one place: the ESLint
 * rules offer them one at a time as suggestions, and `piiguard fix` applies them across the
 * project (SPEC §9, §12).
 *
 * - wrap the value where it enters the call in a `piiguard/runtime` wrapper (`pseudonymize(v,
 *   'email')`; a shorthand property is expanded), with the wrapper's import;
 * - remove the payload property that carries it.
 *
 * `getFlowFix` picks the one that makes a finding go away for `piiguard fix`: the tracking plan of
 * the event drops the property, or an allow entry approves a form a wrapper produces.
 */
import type * as TS from 'typescript';
import type { PiiguardConfig } from './config/types.js';
import type { Finding } from './findings.js';
import { getFindingSite } from './analysis.js';
import { getPlanRewrite, getApprovedRewrite, type WrapperCall } from './rewrite.js';
import { getTier } from './taxonomy.js';
import { getPropertyName } from './syntax.js';
import type { TypeScript } from './typescript.js';

/** The module the wrappers come from. */
export const RUNTIME_MODULE = 'piiguard/runtime';

/** Replace `[start, end)` of a file's text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What a flow finding's fixes act on: the value as written in the call, and the payload property holding it. */
export interface FixTarget {
  value: TS.Expression;
  property?: TS.PropertyAssignment | TS.ShorthandPropertyAssignment;
  /** The property's name as written (`email`, `'e-mail'`). */
  propertyName?: string;
}

/** The value of a finding this process's engine made, when it is written in the call. */
export function getFixTarget(ts: TypeScript, finding: Finding): FixTarget | undefined {
  const value = getFindingSite(finding)?.value;
  if (!value || !ts.isExpression(value)) return undefined;
  const parent = value.parent;
  const property =
    (ts.isPropertyAssignment(parent) && parent.initializer === value) || (ts.isShorthandPropertyAssignment(parent) && parent.name === value)
      ? parent
      : undefined;
  return { value, ...(property ? { property, propertyName: property.name.getText() } : {}) };
}

/** `pseudonymize(user.email, 'email')`, `truncateIp(ip)`. */
export function formatWrapperCall(wrapper: WrapperCall, valueText: string): string {
  return `${wrapper.fn}(${[valueText, ...wrapper.args.map((arg) => `'${arg}'`)].join(', ')})`;
}

/** The value wrapped where it is written; a shorthand `{ phone }` becomes `{ phone: pseudonymize(phone, 'phone') }`. */
export function getWrapEdit(target: FixTarget, wrapper: WrapperCall): TextEdit {
  const { value, property } = target;
  const file = value.getSourceFile();
  const text = value.getText(file);
  const wrapped = formatWrapperCall(wrapper, text);
  if (property && property.name === value) {
    return { start: property.getStart(file), end: property.end, text: `${text}: ${wrapped}` };
  }
  return { start: value.getStart(file), end: value.end, text: wrapped };
}

/**
 * The property removed with its comma: the one after it and the space up to what follows, else
 * the one before it. A property on a line of its own goes with its line, and the comment that
 * ends it.
 */
export function getRemovePropertyEdit(property: TS.ObjectLiteralElementLike): TextEdit {
  const file = property.getSourceFile();
  const text = file.text;
  const start = property.getStart(file);
  const after = skipTrivia(text, property.end);
  if (text[after] === ',') {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const rest = /^[ \t]*(\/\/[^\n]*)?\r?\n/.exec(text.slice(after + 1));
    if (rest && /^[ \t]*$/.test(text.slice(lineStart, start))) return { start: lineStart, end: after + 1 + rest[0].length, text: '' };
    return { start, end: skipTrivia(text, after + 1, false), text: '' };
  }
  const before = skipTriviaBack(text, start);
  if (text[before - 1] === ',') return { start: before - 1, end: property.end, text: '' };
  return { start, end: property.end, text: '' };
}

/** The wrapper a suggestion offers for a value of `category`: pseudonymize, unless it is a secret (nothing may send it). */
export function getSuggestedWrapper(category: string, categories: PiiguardConfig['categories'] = {}): WrapperCall | undefined {
  return getTier(category, categories) === 'secret' ? undefined : { fn: 'pseudonymize', args: [category], form: 'pseudonymized' };
}

/** What `piiguard fix` does to one finding, and why. */
export type FlowFix =
  | { kind: 'drop'; edit: TextEdit; target: FixTarget; property: string; event: string }
  | { kind: 'wrap'; edit: TextEdit; target: FixTarget; wrapper: WrapperCall; because: { entry: number } | { heuristic: true } };

/**
 * The fix that makes a finding go away, if there is one: a property the event's tracking plan
 * does not list (or drops) is removed; a value that an allow entry approves in a form a wrapper
 * produces is wrapped in it; an untagged value is pseudonymized (a value in another form than raw
 * needs no tag). Undefined when nothing written in the call can be changed to that end.
 */
export function getFlowFix(ts: TypeScript, finding: Finding, config: PiiguardConfig, today: string): FlowFix | undefined {
  if (finding.category === null || finding.form !== 'raw') return undefined;
  const target = getFixTarget(ts, finding);
  if (!target) return undefined;
  const plan = finding.event === null ? undefined : config.events[finding.event];
  const site = getFindingSite(finding);
  const property = target.property;
  // The plan lists the payload's own properties: the property must be in an argument of the call.
  if (plan && property && site && isPayloadProperty(ts, property, site.node)) {
    const name = getPropertyName(ts, property.name);
    if (name !== undefined && getPlanRewrite(plan.properties[name]) === 'drop') {
      return { kind: 'drop', edit: getRemovePropertyEdit(property), target, property: name, event: finding.event! };
    }
  }
  if (finding.ruleId === 'piiguard/untagged-pii') {
    const wrapper = getSuggestedWrapper(finding.category, config.categories);
    return wrapper ? { kind: 'wrap', edit: getWrapEdit(target, wrapper), target, wrapper, because: { heuristic: true } } : undefined;
  }
  if (finding.sink === null) return undefined;
  const approved = getApprovedRewrite(config, today, { category: finding.category, sink: finding.sink, event: finding.event });
  if (!approved) return undefined;
  return {
    kind: 'wrap',
    edit: getWrapEdit(target, approved.wrapper),
    target,
    wrapper: approved.wrapper,
    because: { entry: approved.entry.index },
  };
}

function isPayloadProperty(ts: TypeScript, property: TS.ObjectLiteralElementLike, call: TS.Node): boolean {
  const object = property.parent;
  let arg: TS.Node = object;
  while (ts.isParenthesizedExpression(arg.parent) || ts.isAsExpression(arg.parent) || ts.isSatisfiesExpression(arg.parent))
    arg = arg.parent;
  return (ts.isCallExpression(call) || ts.isNewExpression(call)) && (call.arguments ?? []).some((a) => a === arg);
}

/** The position after the whitespace (and, with `comments`, the comments) from `at`. */
function skipTrivia(text: string, at: number, comments = true): number {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (!comments) return i;
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

/** The position before the whitespace that ends just before `at`. */
function skipTriviaBack(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}
