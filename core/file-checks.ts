/**
 * Checks of one file's own code, not of flows into sinks: what the editor shows through
 * `piiguard/no-pii-brand-erasure` and `piiguard/no-weak-pii-hash`.
 * - brand erasure: a cast, `String()`, template literal, string concatenation, method of the
 *   standard library or widening assignment that turns a branded value into a plain type outside a
 *   sanitizer — the place where a value stops being visibly personal;
 * - weak hashes: an unkeyed hash (`createHash(…).update(v)`, `crypto.subtle.digest(alg, v)`, a
 *   config sanitizer of form `hashed`) of a tagged low-entropy value, wherever the hash goes.
 * The brand is read by the same TypeSourceFinder, and hashes are recognised by the same
 * Evaluator (`getTransformedInput`), as in the flow analysis; nothing here matches calls itself.
 */
import type * as TS from 'typescript';
import type { Engine } from './analysis.js';
import { getCalleeName } from './catalog.js';
import { isLibFile } from './packages.js';
import { getDeclaredTypeNode, skipOuter } from './syntax.js';
import { isContentFreeMethod } from './taint/propagation/index.js';
import { LOW_ENTROPY_CATEGORIES } from './taxonomy.js';

export type ErasureKind = 'cast' | 'string-call' | 'template' | 'concatenation' | 'method' | 'assignment';

export interface BrandErasure {
  kind: ErasureKind;
  /** The cast, call, template, `+`, declaration or assignment where the brand is dropped. */
  node: TS.Node;
  /** Categories whose brand is dropped, sorted. */
  categories: string[];
  /** The code as messages name it: `a cast`, `String()`, `toLowerCase()`, `an assignment`. */
  construct: string;
  /** The type the value has after it (`string`). */
  type: string;
}

export interface WeakHash {
  /** The hash call: `….update(v)` of a `createHash()`, `crypto.subtle.digest(alg, v)`, a `hashed` sanitizer. */
  node: TS.CallExpression;
  /** Low-entropy categories hashed in it, sorted. */
  categories: string[];
  /** The hash as messages name it: `createHash()`, `crypto.subtle.digest()`, `sha256Hex()`. */
  hash: string;
}

const CONSTRUCTS: Record<Exclude<ErasureKind, 'method'>, string> = {
  cast: 'a cast',
  'string-call': 'String()',
  template: 'a template literal',
  concatenation: 'a string concatenation',
  assignment: 'an assignment',
};

/**
 * Runs the file checks on the engine of one program. Both checks run in one walk, memoised per
 * file: ESLint asks once per file and rule.
 */
export class FileChecker {
  private readonly ts: Engine['ts'];
  private readonly checker: TS.TypeChecker;
  private readonly results = new Map<TS.SourceFile, { erasures: BrandErasure[]; hashes: WeakHash[] }>();
  private brandableMethods?: ReadonlySet<string>;

  constructor(private readonly engine: Engine) {
    this.ts = engine.ts;
    this.checker = engine.checker;
  }

  findBrandErasures(file: TS.SourceFile): BrandErasure[] {
    return this.inspect(file).erasures;
  }

  findWeakHashes(file: TS.SourceFile): WeakHash[] {
    return this.inspect(file).hashes;
  }

  /** Both checks in one walk over the file, skipping the bodies of functions that are sanitizers. */
  private inspect(file: TS.SourceFile): { erasures: BrandErasure[]; hashes: WeakHash[] } {
    let found = this.results.get(file);
    if (found) return found;
    const ts = this.ts;
    const result = { erasures: [] as BrandErasure[], hashes: [] as WeakHash[] };
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionLike(node) && this.engine.catalog.isSanitizerFunction(node)) return;
      this.checkErasure(node, result.erasures);
      if (ts.isCallExpression(node)) {
        const hash = this.checkHash(node);
        if (hash) result.hashes.push(hash);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    this.results.set(file, (found = result));
    return found;
  }

  /* ---------- weak hashes ---------- */

  private checkHash(call: TS.CallExpression): WeakHash | undefined {
    const transformed = this.engine.evaluator.getTransformedInput(call);
    if (!transformed || transformed.form !== 'hashed') return undefined;
    // Raw data, or data already hashed without a key (a hash of a hash is reversed the same way).
    const categories = new Set(
      transformed.input.labels
        .filter((l) => l.origin !== 'heuristic' && (l.form === 'raw' || l.form === 'hashed') && LOW_ENTROPY_CATEGORIES.has(l.category))
        .map((l) => l.category),
    );
    if (categories.size === 0) return undefined;
    const hash =
      transformed.kind === 'digest'
        ? 'crypto.subtle.digest()'
        : transformed.kind === 'update'
          ? 'createHash()'
          : `${getCalleeName(this.ts, call) ?? 'sanitizer'}()`;
    return { node: call, categories: [...categories].sort(), hash };
  }

  /* ---------- brand erasure ---------- */

  private checkErasure(node: TS.Node, out: BrandErasure[]): void {
    const ts = this.ts;
    const k = ts.SyntaxKind;
    switch (node.kind) {
      case k.AsExpression:
      case k.TypeAssertionExpression:
        return this.checkCast(node as TS.AsExpression | TS.TypeAssertion, out);
      case k.CallExpression:
        return this.checkCall(node as TS.CallExpression, out);
      case k.TemplateExpression: {
        if (ts.isTaggedTemplateExpression(node.parent)) return;
        const template = node as TS.TemplateExpression;
        const categories = union(template.templateSpans.map((span) => this.getOwnBrand(span.expression)));
        return this.reportUnlessRebranded('template', template, categories, out);
      }
      case k.BinaryExpression: {
        const binary = node as TS.BinaryExpression;
        const op = binary.operatorToken.kind;
        if (op === k.PlusToken) {
          const categories = union([this.getOwnBrand(binary.left), this.getOwnBrand(binary.right)]);
          const type = categories.length > 0 ? this.getType(binary) : undefined;
          if (type && type.flags & ts.TypeFlags.StringLike) this.reportUnlessRebranded('concatenation', binary, categories, out);
          return;
        }
        // label = user.email, this.label = user.email (not destructuring)
        if (op === k.EqualsToken && !ts.isObjectLiteralExpression(binary.left) && !ts.isArrayLiteralExpression(binary.left)) {
          this.checkWidening(binary, binary.right, () => this.getType(binary.left), undefined, out);
        }
        return;
      }
      case k.VariableDeclaration:
      case k.PropertyDeclaration: {
        // const label: string = user.email
        const declaration = node as TS.VariableDeclaration | TS.PropertyDeclaration;
        const typeNode = getDeclaredTypeNode(ts, declaration);
        if (!typeNode || !declaration.initializer) return;
        const target = (): TS.Type | undefined => {
          try {
            return this.checker.getTypeFromTypeNode(typeNode);
          } catch {
            return undefined;
          }
        };
        return this.checkWidening(declaration, declaration.initializer, target, declaration, out);
      }
    }
  }

  /** `x as T`, `<T>x`, at the outermost cast of a chain (`x as unknown as T`). */
  private checkCast(cast: TS.AsExpression | TS.TypeAssertion, out: BrandErasure[]): void {
    const ts = this.ts;
    if (ts.isConstTypeReference(cast.type)) return;
    let parent = cast.parent;
    while (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent))
      parent = parent.parent;
    if ((ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent)) && !ts.isConstTypeReference(parent.type)) return;
    const operand = skipOuter(ts, cast);
    const source = this.getType(operand);
    if (!source) return;
    const categories = this.engine.finder.getAllBrandCategories(source);
    if (categories.length === 0) return;
    const result = this.getType(cast);
    const kept = new Set([...(result ? this.engine.finder.getAllBrandCategories(result) : []), ...this.getContextualBrand(cast, true)]);
    const dropped = categories.filter((c) => !kept.has(c));
    if (dropped.length > 0) out.push(this.erasure('cast', cast, dropped, result));
  }

  /** `String(x)`, and methods of the standard library on a branded value (`email.toLowerCase()`). */
  private checkCall(call: TS.CallExpression, out: BrandErasure[]): void {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    if (ts.isIdentifier(callee)) {
      if (callee.text !== 'String' || call.arguments.length === 0 || !this.isDeclaredInLib(callee)) return;
      return this.reportUnlessRebranded('string-call', call, this.getOwnBrand(call.arguments[0]), out);
    }
    if (!ts.isPropertyAccessExpression(callee) || isContentFreeMethod(callee.name.text)) return;
    // Only a method that a brandable value (a string, number or Date) has can be one; the name
    // decides before the checker is asked for the receiver's type (`parts.join()`, `items.map()`).
    if (!this.getBrandableMethods(call.getSourceFile()).has(callee.name.text)) return;
    const categories = this.getOwnBrand(callee.expression);
    if (categories.length === 0 || !this.isDeclaredInLib(callee.name)) return;
    // A result with no content (`email.localeCompare(x) > 0` is content-free; booleans carry none).
    const result = this.getType(call);
    if (!result || result.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return;
    this.reportUnlessRebranded('method', call, categories, out, `${callee.name.text}()`);
  }

  /** A branded value stored into a place whose declared type has no brand. */
  private checkWidening(
    node: TS.Node,
    value: TS.Expression,
    getTarget: () => TS.Type | undefined,
    declaration: TS.VariableDeclaration | TS.PropertyDeclaration | undefined,
    out: BrandErasure[],
  ): void {
    const categories = this.getOwnBrand(value);
    if (categories.length === 0) return;
    const target = getTarget();
    if (!target) return;
    const kept = new Set(this.engine.finder.getOwnBrandCategories(target));
    // `/** @pii email */ const label: string = …` and `label: CustomerEmail` (a @pii alias) stay visibly personal.
    if (declaration) {
      const tag = this.engine.finder.getJsDocCategory(declaration);
      if (tag) kept.add(tag);
      const typeNode = getDeclaredTypeNode(this.ts, declaration);
      const alias = typeNode && this.engine.finder.getTypeNodeAliasCategory(typeNode);
      if (alias) kept.add(alias);
    }
    const dropped = categories.filter((c) => !kept.has(c));
    if (dropped.length > 0) out.push(this.erasure('assignment', node, dropped, target));
  }

  /**
   * Reports `node` unless the string it makes is branded again where it ends up: the type of the
   * place it goes (`const e: Email = email.trim().toLowerCase()`, an `Email` parameter, `as Email`).
   * A chain of string operations is followed to its end, so it is judged once, at its first step.
   */
  private reportUnlessRebranded(
    kind: ErasureKind,
    node: TS.Expression,
    categories: string[],
    out: BrandErasure[],
    construct?: string,
  ): void {
    if (categories.length === 0) return;
    const ts = this.ts;
    let top: TS.Expression = node;
    for (;;) {
      const parent: TS.Node = top.parent;
      if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) top = parent;
      else if (
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === top &&
        ts.isCallExpression(parent.parent) &&
        parent.parent.expression === parent
      )
        top = parent.parent;
      else if (ts.isTemplateSpan(parent)) top = parent.parent;
      else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) top = parent;
      else if (
        ts.isCallExpression(parent) &&
        parent.arguments[0] === top &&
        ts.isIdentifier(parent.expression) &&
        parent.expression.text === 'String'
      )
        top = parent;
      else break;
    }
    const kept = new Set(this.getContextualBrand(top, false));
    const topType = this.getType(top);
    if (topType) for (const c of this.engine.finder.getOwnBrandCategories(topType)) kept.add(c);
    const dropped = categories.filter((c) => !kept.has(c));
    if (dropped.length > 0) out.push(this.erasure(kind, node, dropped, this.getType(node), construct));
  }

  private erasure(kind: ErasureKind, node: TS.Node, categories: string[], type: TS.Type | undefined, construct?: string): BrandErasure {
    return {
      kind,
      node,
      categories: [...categories].sort(),
      construct: construct ?? CONSTRUCTS[kind as Exclude<ErasureKind, 'method'>],
      type: type ? this.checker.typeToString(type) : 'unknown',
    };
  }

  /** Brands the type expected where an expression goes carries (a declared variable, parameter, `as T`). */
  private getContextualBrand(node: TS.Expression, anywhere: boolean): string[] {
    let type: TS.Type | undefined;
    try {
      type = this.checker.getContextualType(node);
    } catch {
      type = undefined;
    }
    if (!type) return [];
    return anywhere ? this.engine.finder.getAllBrandCategories(type) : this.engine.finder.getOwnBrandCategories(type);
  }

  private getOwnBrand(node: TS.Expression): string[] {
    if (this.cannotBeBranded(node) || !this.mayBeBranded(node)) return [];
    const type = this.getType(node);
    return type ? this.engine.finder.getOwnBrandCategories(type) : [];
  }

  /**
   * A cheap first look, from what the checker has cached: the declared type of a variable,
   * parameter or property, or the return type of the call's signature. Narrowing only removes
   * union members, so a value whose declared type has no brand has none at the use either (a type
   * guard `x is Email` on a plain string is the exception this gives up). The type at the use,
   * which costs a flow analysis per reference, is asked for only when this says yes.
   */
  private mayBeBranded(node: TS.Expression): boolean {
    const ts = this.ts;
    const expression = skipOuter(ts, node);
    let type: TS.Type | undefined;
    try {
      if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
        let symbol = this.checker.getSymbolAtLocation(ts.isIdentifier(expression) ? expression : expression.name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        if (!symbol || !(symbol.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Property))) return true;
        type = this.checker.getTypeOfSymbol(symbol);
      } else if (ts.isCallExpression(expression)) {
        const signature = this.checker.getResolvedSignature(expression);
        if (!signature) return true;
        type = this.checker.getReturnTypeOfSignature(signature);
      } else {
        return true;
      }
    } catch {
      return true;
    }
    // Generic types are decided at the use (`T` may be instantiated with Email).
    if (type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    return this.engine.finder.getOwnBrandCategories(type).length > 0;
  }

  /**
   * Expressions whose type can never carry a brand, known from the syntax alone: literals,
   * functions, and the results of arithmetic, comparisons and other operators (an intersection
   * with the brand does not survive them). Saves the checker's time on most operands.
   */
  private cannotBeBranded(node: TS.Expression): boolean {
    const ts = this.ts;
    const k = ts.SyntaxKind;
    while (ts.isParenthesizedExpression(node)) node = node.expression;
    switch (node.kind) {
      case k.StringLiteral:
      case k.NoSubstitutionTemplateLiteral:
      case k.TemplateExpression:
      case k.NumericLiteral:
      case k.BigIntLiteral:
      case k.RegularExpressionLiteral:
      case k.TrueKeyword:
      case k.FalseKeyword:
      case k.NullKeyword:
      case k.ObjectLiteralExpression:
      case k.ArrayLiteralExpression:
      case k.ArrowFunction:
      case k.FunctionExpression:
      case k.ClassExpression:
      case k.TypeOfExpression:
      case k.VoidExpression:
      case k.DeleteExpression:
      case k.PrefixUnaryExpression:
      case k.PostfixUnaryExpression:
        return true;
      case k.Identifier:
        return (node as TS.Identifier).text === 'undefined';
      case k.BinaryExpression: {
        // `a ?? b`, `a || b`, `a && b`, `(a, b)` and `a = b` can still be the branded operand.
        const op = (node as TS.BinaryExpression).operatorToken.kind;
        return !(
          op === k.QuestionQuestionToken ||
          op === k.BarBarToken ||
          op === k.AmpersandAmpersandToken ||
          op === k.CommaToken ||
          (op >= k.FirstAssignment && op <= k.LastAssignment)
        );
      }
      default:
        return false;
    }
  }

  /** Method names of the lib's String, Number and Date: the types a brand is put on (`Pii<string | Date, …>`). */
  private getBrandableMethods(file: TS.SourceFile): ReadonlySet<string> {
    if (this.brandableMethods) return this.brandableMethods;
    const ts = this.ts;
    const names = new Set<string>();
    try {
      for (const symbol of this.checker.getSymbolsInScope(file, ts.SymbolFlags.Interface)) {
        const name = symbol.getName();
        if (name !== 'String' && name !== 'Number' && name !== 'Date') continue;
        for (const property of this.checker.getPropertiesOfType(this.checker.getDeclaredTypeOfSymbol(symbol)))
          names.add(property.getName());
      }
    } catch {
      // Without the lib's interfaces, no method is known to be one.
    }
    this.brandableMethods = names;
    return names;
  }

  private getType(node: TS.Node): TS.Type | undefined {
    try {
      return this.checker.getTypeAtLocation(node);
    } catch {
      return undefined;
    }
  }

  /** `String`, `toLowerCase`: declared in TypeScript's lib or @types/node, not by the project. */
  private isDeclaredInLib(name: TS.Node): boolean {
    let symbol: TS.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(name);
    } catch {
      return false;
    }
    const declarations = symbol?.declarations ?? [];
    return declarations.length > 0 && declarations.every((d) => isLibFile(d.getSourceFile().fileName));
  }
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
