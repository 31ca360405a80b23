/**
 * Small readers of the syntax tree that the engine, the catalog and the rewriter share: what an
 * expression is under its parentheses and casts, the name a property is written with, where a
 * node sits (its function, loops and scope). Nothing here asks the checker.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';

/** The expression under parentheses, `!`, `as`, `<T>` and `satisfies`: `(user as User)!` → `user`. */
export function skipOuter(ts: TypeScript, node: TS.Expression): TS.Expression {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/**
 * The name a property is written with, when the code says it: `email`, `'email'`, `0`,
 * `` `email` ``, `#email`, `['email']`. `undefined` for a computed name known only at run time.
 */
export function getPropertyName(ts: TypeScript, name: TS.PropertyName): string | undefined {
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNumericLiteral(name) ||
    ts.isNoSubstitutionTemplateLiteral(name) ||
    ts.isPrivateIdentifier(name)
  )
    return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** `-1` */
export function isMinusOne(ts: TypeScript, node: TS.Expression | undefined): boolean {
  return (
    !!node &&
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand) &&
    node.operand.text === '1'
  );
}

/** `Object.assign(…)` */
export function isObjectAssign(ts: TypeScript, call: TS.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    callee.name.text === 'assign'
  );
}

/** The function (or class static block, or file) a node runs in. */
export function getEnclosingFunction(ts: TypeScript, node: TS.Node): TS.Node | undefined {
  let cursor = node.parent;
  while (cursor && !ts.isFunctionLike(cursor) && !ts.isSourceFile(cursor) && !ts.isClassStaticBlockDeclaration(cursor))
    cursor = cursor.parent;
  return cursor;
}

/** The loops around a node, innermost first, up to `stop`. */
export function getEnclosingLoops(ts: TypeScript, node: TS.Node, stop: TS.Node | undefined): TS.Node[] {
  const loops: TS.Node[] = [];
  let cursor = node.parent;
  while (cursor && cursor !== stop) {
    if (ts.isIterationStatement(cursor, false)) loops.push(cursor);
    cursor = cursor.parent;
  }
  return loops;
}

/** The function or file whose body a declaration's name is visible in. */
export function getScope(ts: TypeScript, declaration: TS.Node): TS.Node {
  let cursor = declaration.parent;
  while (cursor && !ts.isFunctionLike(cursor) && !ts.isSourceFile(cursor)) cursor = cursor.parent;
  return cursor ?? declaration.getSourceFile();
}

/** Whether `inner` lies within `outer` in the same file. */
export function contains(outer: TS.Node, inner: TS.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}

/** The nearest ancestor of `node` (not `node` itself) that passes `test`. */
export function findAncestor<T extends TS.Node>(node: TS.Node, test: (n: TS.Node) => n is T): T | undefined {
  let cursor: TS.Node | undefined = node.parent;
  while (cursor) {
    if (test(cursor)) return cursor;
    cursor = cursor.parent;
  }
  return undefined;
}

/**
 * Visits `root`'s descendants in source order (not `root` itself) with an explicit stack, so a
 * sum of thousands of operands or a deep nesting cannot overflow the call stack. `visit`
 * returning `false` skips the node's children.
 */
export function forEachDescendant(ts: TypeScript, root: TS.Node, visit: (node: TS.Node) => boolean | void): void {
  const stack: TS.Node[] = [];
  const pushChildren = (node: TS.Node): void => {
    const start = stack.length;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
    // Reversed, so the first child is visited first.
    for (let i = start, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) !== false) pushChildren(node);
  }
}

/**
 * The type a declaration is written with: its annotation (`email: Email`) or, in JavaScript
 * (`allowJs`), its JSDoc type (`@param {Email} email`, `@type {Email}`, `@property {Email} email`
 * of a `@typedef`), as the checker reads it there. In TypeScript files JSDoc types are comments.
 */
export function getDeclaredTypeNode(ts: TypeScript, declaration: TS.Node): TS.TypeNode | undefined {
  const annotation = (declaration as { type?: TS.Node }).type;
  if (annotation && ts.isTypeNode(annotation)) return annotation;
  if (!(declaration.flags & ts.NodeFlags.JavaScriptFile)) return undefined;
  if (ts.isJSDocPropertyLikeTag(declaration)) return declaration.typeExpression?.type;
  return ts.getJSDocType(declaration);
}

/** The return type a function is written with: its annotation or, in JavaScript, `@returns {Email}` (or `@type` of a function type). */
export function getDeclaredReturnTypeNode(ts: TypeScript, fn: TS.SignatureDeclaration): TS.TypeNode | undefined {
  if (fn.type) return fn.type;
  if (!(fn.flags & ts.NodeFlags.JavaScriptFile)) return undefined;
  return ts.getJSDocReturnType(fn);
}
