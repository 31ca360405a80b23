/**
 * Consent (SPEC §12): which sink calls need the user's consent for their purpose, and whether the
 * config's consent check guards each of them on every path.
 *
 * A call is guarded when, on the way from its function's entry to it, a condition that can only
 * hold with consent is passed: `if (hasConsent('analytics')) …`, `hasConsent('analytics') && …`,
 * `cond ? … : …`, or an early exit `if (!hasConsent('analytics')) return;` before it. A callback
 * passed to a call runs where it is passed (`if (ok) items.forEach((i) => posthog.capture(i))`); a
 * named function is guarded when every call of it in the project is (an app's `trackEvent`
 * wrapper called only after the consent check). What the check cannot see is not guarded.
 */
import type * as TS from 'typescript';
import type { ConsentSpec, PiiguardConfig } from './config/types.js';
import type { SinkPack } from './sinks/types.js';
import type { Purpose } from './taxonomy.js';
import type { TypeScript } from './typescript.js';

/** A sink call whose purpose needs consent, and whether a consent check guards it. */
export interface ConsentReport {
  call: TS.CallExpression;
  sink: string;
  event: string | null;
  purpose: Purpose;
  /** What the consent check is called with for the purpose (`'analytics'`, a TCF purpose id). */
  name: string | number;
  guarded: boolean;
}

/** What a sink sends data for: its pack's purpose, or the one its config entry names. */
export function getSinkPurpose(sinkId: string, packs: readonly SinkPack[], config: PiiguardConfig): Purpose | undefined {
  const user = config.sinks.find((sink) => sink.id === sinkId);
  if (user) return user.purpose;
  return packs.find((pack) => pack.id === sinkId)?.purpose;
}

/** The name the consent check takes for `purpose`, when the purpose needs consent. */
export function getConsentName(consent: ConsentSpec, purpose: Purpose | undefined): string | number | undefined {
  return purpose === undefined ? undefined : consent.purposes[purpose];
}

export interface ConsentGuardContext {
  ts: TypeScript;
  /** Whether a call is the config's consent check. */
  isConsentCall(call: TS.CallExpression): boolean;
  /** The project's calls of a function. */
  findCallers(fn: TS.SignatureDeclaration): readonly TS.Node[];
}

/** How many wrappers up a guard is looked for at the callers. */
const MAX_CALLER_DEPTH = 4;

export class ConsentGuards {
  constructor(private readonly context: ConsentGuardContext) {}

  /** Whether every path to `node` passes a consent check called with `name`. */
  isGuarded(node: TS.Node, name: string | number): boolean {
    return this.isGuardedFrom(node, name, 0, new Set());
  }

  private isGuardedFrom(node: TS.Node, name: string | number, depth: number, visiting: Set<TS.Node>): boolean {
    const ts = this.context.ts;
    let child = node;
    let parent: TS.Node | undefined = node.parent;
    while (parent) {
      if (ts.isFunctionLike(parent)) {
        // A callback runs where it is passed: go on from the call that receives it.
        if ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && isCallArgument(ts, parent)) {
          child = parent;
          parent = parent.parent;
          continue;
        }
        if (visiting.has(parent)) return true; // recursion: the other paths decide
        if (depth >= MAX_CALLER_DEPTH) return false;
        const callers = this.context.findCallers(parent);
        if (callers.length === 0) return false;
        const next = new Set(visiting).add(parent);
        return callers.every((caller) => this.isGuardedFrom(caller, name, depth + 1, next));
      }
      if (ts.isIfStatement(parent)) {
        if (child === parent.thenStatement && this.implies(parent.expression, true, name)) return true;
        if (child === parent.elseStatement && this.implies(parent.expression, false, name)) return true;
      } else if (ts.isConditionalExpression(parent)) {
        if (child === parent.whenTrue && this.implies(parent.condition, true, name)) return true;
        if (child === parent.whenFalse && this.implies(parent.condition, false, name)) return true;
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const operator = parent.operatorToken.kind;
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken && this.implies(parent.left, true, name)) return true;
        if (operator === ts.SyntaxKind.BarBarToken && this.implies(parent.left, false, name)) return true;
      } else if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
        // `if (!hasConsent('analytics')) return;` before the call.
        for (const statement of parent.statements) {
          if (statement === child) break;
          if (ts.isIfStatement(statement) && !statement.elseStatement && alwaysExits(ts, statement.thenStatement)) {
            if (this.implies(statement.expression, false, name)) return true;
          }
        }
      }
      child = parent;
      parent = parent.parent;
    }
    return false;
  }

  /** Whether `expression` evaluating to `value` (truthy or falsy) means the user consented to `name`. */
  private implies(expression: TS.Expression, value: boolean, name: string | number): boolean {
    const ts = this.context.ts;
    const e = skipWrappers(ts, expression);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.implies(e.operand, !value, name);
    if (ts.isBinaryExpression(e)) {
      const operator = e.operatorToken.kind;
      const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
      const or = operator === ts.SyntaxKind.BarBarToken;
      // `a && b` true: both hold; `a || b` false: neither holds.
      if ((and && value) || (or && !value)) return this.implies(e.left, value, name) || this.implies(e.right, value, name);
      if ((and && !value) || (or && value)) return this.implies(e.left, value, name) && this.implies(e.right, value, name);
      if (
        (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) &&
        e.right.kind === ts.SyntaxKind.TrueKeyword
      )
        return value && this.implies(e.left, true, name);
      return false;
    }
    if (ts.isCallExpression(e)) return value && this.isCheckOf(e, name);
    // `const ok = hasConsent('analytics'); if (ok) …`
    if (ts.isIdentifier(e)) {
      const initializer = getConstInitializer(ts, e);
      return initializer !== undefined && this.implies(initializer, value, name);
    }
    return false;
  }

  private isCheckOf(call: TS.CallExpression, name: string | number): boolean {
    const ts = this.context.ts;
    if (!this.context.isConsentCall(call)) return false;
    const arg = call.arguments[0];
    // A check that takes no purpose is one the config names for every purpose.
    if (!arg) return true;
    const written = skipWrappers(ts, arg);
    if (ts.isStringLiteralLike(written)) return written.text === String(name);
    if (ts.isNumericLiteral(written)) return Number(written.text) === name;
    return false;
  }
}

function isCallArgument(ts: TypeScript, fn: TS.Node): boolean {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  const args: readonly TS.Node[] = parent.arguments ?? [];
  return args.includes(node);
}

function skipWrappers(ts: TypeScript, node: TS.Expression): TS.Expression {
  let e = node;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return e;
  }
}

/** `return`, `throw`, or a block that ends in one. */
function alwaysExits(ts: TypeScript, statement: TS.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && alwaysExits(ts, last);
  }
  return false;
}

/** The initializer of a `const` the identifier names in the same function (syntax only: no checker). */
function getConstInitializer(ts: TypeScript, identifier: TS.Identifier): TS.Expression | undefined {
  for (let scope: TS.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (statement.pos >= identifier.pos) break;
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text && declaration.initializer)
          return declaration.initializer;
    }
  }
  return undefined;
}

/** The consent check as code to call: `acceptedCategory('analytics')` with `name`. */
export function renderConsentArgument(name: string | number): string {
  return JSON.stringify(name);
}
