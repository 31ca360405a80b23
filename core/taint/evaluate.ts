/**
 * Evaluates expressions to abstract values (see value.ts), working backwards from a sink argument
 * and asking the checker only about the nodes on the way. Jobs:
 * - sources: the brand and `@pii` found in types and declarations at the leaves;
 * - propagation: locals with reaching definitions, fields, literals, strings, containers,
 *   callbacks, calls into project functions (summaries with parameter references);
 * - sanitizers and hashers, which set the form.
 * Every result is memoised per node: a model read at a thousand calls is evaluated once.
 */
import type * as TS from 'typescript';
import type { TypeScript } from '../typescript.js';
import { getPackageName, isLibFile } from '../packages.js';
import {
  contains,
  findAncestor,
  forEachDescendant,
  getEnclosingFunction,
  getDeclaredReturnTypeNode,
  getDeclaredTypeNode,
  getEnclosingLoops,
  getPropertyName,
  getScope,
  isMinusOne,
  isObjectAssign,
  skipOuter,
} from '../syntax.js';
import type { Form } from '../taxonomy.js';
import {
  DEFAULT_HEURISTIC_NAMES,
  isDataLike,
  isLiteralType,
  type HeuristicNames,
  type TypeSource,
  type TypeSourceFinder,
  type TypeWalkBound,
} from '../sources.js';
import {
  EMPTY,
  ELEMENT,
  flatten,
  hasData,
  omit,
  prefix,
  select,
  selectProperty,
  substitute,
  union,
  unionAll,
  withForm,
  withoutExcept,
  withStep,
  type Label,
  type ParamRef,
  type TraceRef,
  type Value,
} from './value.js';
import { RecordedMemo, Recorder } from '../cache/recorder.js';
import type { RequestOrigin, RequestSources } from '../request-sources.js';
import { getGlobalRow, getMethodRow, getStaticRow, isErrorConstructor, type Flow, type Input } from './propagation/index.js';

/** A trace note: the first line of `text`, without a trailing `;`/`,`, at most 80 characters. */
function shortNote(text: string): string {
  const line = text.split('\n')[0].trim().replace(/[;,]$/, '');
  return line.length > 80 ? line.slice(0, 77) + '...' : line;
}

/**
 * A declaration's text for its trace note: from its name on when decorators come first
 * (`email!: string` of `@Column() @IsEmail() readonly email!: string`), else all of it.
 */
function getTextFromName(ts: TypeScript, node: TS.Node): string {
  const name = (node as { name?: TS.Node }).name;
  const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  if (!name || decorators.length === 0) return node.getText();
  const file = node.getSourceFile();
  return file.text.slice(name.getStart(file), node.end);
}

/**
 * The text a source step shows for its declaration: `email: Email` for a variable (not its
 * initializer); in JavaScript, the name with its JSDoc type (`email: import('piiguard').Email`),
 * which the declaration's own text does not hold; else its text from the name on, or all of it when
 * `whole` (see `getTextFromName`).
 */
function getSourceNote(ts: TypeScript, node: TS.Node, whole: boolean): string {
  const jsDocType = node.flags & ts.NodeFlags.JavaScriptFile ? getDeclaredTypeNode(ts, node) : undefined;
  if (ts.isJSDocPropertyLikeTag(node)) return `${node.name.getText()}${jsDocType ? ': ' + jsDocType.getText() : ''}`;
  if (
    (ts.isVariableDeclaration(node) && node.initializer) ||
    (jsDocType && (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)))
  ) {
    const typeNode = getDeclaredTypeNode(ts, node);
    return `${node.name.getText()}${typeNode ? ': ' + typeNode.getText() : ''}`;
  }
  return whole ? node.getText() : getTextFromName(ts, node);
}

/** What the evaluator needs to know about calls that it does not model itself. */
export interface CallClassifier {
  /** A sanitizer call: the form its result has, and which arguments it sanitizes. */
  getSanitizer(call: TS.CallExpression): { form: Form; args: number[] } | undefined;
  /** A call whose result is personal data by config (`sources` with module + call). */
  getSourceCategory(call: TS.CallExpression): string | undefined;
  /** `createHash(...)` / `createHmac(...)` and `crypto.subtle.digest(...)`. */
  getHasher(call: TS.CallExpression | TS.NewExpression): Form | undefined;
  isSubtleDigest(call: TS.CallExpression): boolean;
}

export interface EvaluatorOptions {
  ts: TypeScript;
  checker: TS.TypeChecker;
  finder: TypeSourceFinder;
  classifier: CallClassifier;
  isProjectFile(file: TS.SourceFile): boolean;
  heuristics: boolean;
  /** Notes what each value depended on, for the fact cache (core/cache). */
  recorder?: Recorder;
  /** The words of the name heuristics (the built-in ones when absent). */
  heuristicNames?: HeuristicNames;
  /** The config's request-data sources (none when absent). */
  requests?: RequestSources;
}

/**
 * Evaluations nested deeper than this continue from a fresh stack (see `evaluateFromTop`): about
 * ten frames each, well inside the stack that ESLint or a bundler leaves to a rule.
 */
const MAX_EVALUATION_DEPTH = 150;
/** Fresh stacks one evaluation waits on at most: past it (about 1.5 million nested expressions), a value is left out. */
const MAX_WAITING = 10_000;

/** Thrown when an evaluation nests MAX_EVALUATION_DEPTH deep; caught by the evaluation at the top. */
class TooDeep extends Error {
  constructor(readonly node: TS.Expression) {
    super('evaluation nested too deep; resumed on a fresh stack');
  }
}

/** A bound of the analysis (see `piiguard/analysis-incomplete`). */
export type AnalysisBound = TypeWalkBound | 'evaluation-depth';

/** Where a bound cut the analysis short: the value, and which bound. */
export interface AnalysisLimit {
  node: TS.Node;
  bound: AnalysisBound;
}

/** A write to a variable: `define` replaces its value (`x = v`), `mutate` adds to it (`x.a = v`, `x.push(v)`). */
interface Write {
  kind: 'define' | 'mutate';
  node: TS.Node;
  pos: number;
  value: () => Value;
  /** The value as read through this write (with its `local` trace step), for the value it was made from. */
  read?: { from: Value; value: Value };
}

/** Validation methods of schema libraries: the parsed value, or a result with it in `data`. */
const SCHEMA_PARSE_METHODS: Record<string, 'value' | 'result'> = {
  parse: 'value',
  parseAsync: 'value',
  decode: 'value',
  decodeAsync: 'value',
  safeParse: 'result',
  safeParseAsync: 'result',
  safeDecode: 'result',
  safeDecodeAsync: 'result',
};
const SCHEMA_PACKAGES = new Set(['zod', 'zod-mini', '@zod/mini', '@zod/core']);
/** Objects whose `name` is a person's name (`user.name`, `req.user.name`, `author.name`); `team.name` and `product.name` are not. */
const PERSON_WORDS = new Set([
  'user',
  'customer',
  'member',
  'person',
  'author',
  'owner',
  'profile',
  'contact',
  'employee',
  'patient',
  'recipient',
  'sender',
  'buyer',
  'student',
  'guest',
  'attendee',
  'applicant',
  'candidate',
  'signer',
  'assignee',
  'reporter',
]);
/** Objects that hold code or texts, not data (`controllers.confirmEmail`, `messages.password`). */
const CODE_HOLDERS = new Set([
  'controllers',
  'controller',
  'handlers',
  'middleware',
  'middlewares',
  'routes',
  'router',
  'helpers',
  'validators',
  'resolvers',
  'actions',
  'reducers',
  'selectors',
  'schemas',
  'messages',
  'translations',
  'labels',
  'locales',
  'i18n',
  'strings',
  'icons',
  'columns',
  'templates',
]);
/** `class … extends Error` (or another of the built-in error constructors). */
function extendsErrorConstructor(ts: TypeScript, cls: TS.ClassLikeDeclaration): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base !== undefined && ts.isIdentifier(base) && isErrorConstructor(base.text);
}

export class Evaluator {
  private readonly ts: TypeScript;
  private readonly checker: TS.TypeChecker;
  private readonly recorder: Recorder;
  private readonly memo: RecordedMemo<TS.Node, Value>;
  private readonly inProgress = new Set<TS.Node>();
  /** How many evaluations are on the stack now (see `evaluateFromTop`). */
  private depth = 0;
  private readonly limits = new Map<TS.Node, Set<AnalysisBound>>();
  private noted = 0;
  private readonly returnMemo: RecordedMemo<TS.Node, Value>;
  private readonly writesMemo: RecordedMemo<TS.Symbol, Write[]>;
  private readonly calledFunctionMemo: RecordedMemo<TS.Node, TS.SignatureDeclaration | null>;
  private readonly libMemo: RecordedMemo<TS.Node, boolean>;
  private readonly names: HeuristicNames;

  constructor(private readonly options: EvaluatorOptions) {
    this.ts = options.ts;
    this.checker = options.checker;
    this.recorder = options.recorder ?? new Recorder();
    this.memo = new RecordedMemo(this.recorder);
    this.returnMemo = new RecordedMemo(this.recorder);
    this.writesMemo = new RecordedMemo(this.recorder);
    this.calledFunctionMemo = new RecordedMemo(this.recorder);
    this.libMemo = new RecordedMemo(this.recorder);
    this.names = options.heuristicNames ?? DEFAULT_HEURISTIC_NAMES;
  }

  evaluate(node: TS.Expression): Value {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return EMPTY;
    if (this.depth === 0) return this.evaluateFromTop(node);
    if (this.depth >= MAX_EVALUATION_DEPTH) throw new TooDeep(node);
    return this.evaluateHere(node);
  }

  private evaluateHere(node: TS.Expression): Value {
    this.inProgress.add(node);
    this.depth++;
    let value: Value;
    let deps: ReadonlySet<string> | undefined;
    try {
      [value, deps] = this.recorder.frame(() => {
        this.recorder.noteNode(node);
        return this.compute(node);
      });
    } finally {
      this.inProgress.delete(node);
      this.depth--;
    }
    this.memo.set(node, value, deps);
    return value;
  }

  /**
   * An evaluation whose walk may go deeper than the stack allows (`1 + 1 + …` with thousands of
   * operands, a chain of a thousand `const aN = aN-1`): a walk that reaches MAX_EVALUATION_DEPTH
   * stops, the node it stopped at is evaluated first from a fresh stack (its value is memoised),
   * and the walk starts again. The nodes waiting below are in progress, as they would be on one
   * deep stack, so cycles end as they do there. The result is the one a deep enough stack gives.
   */
  private evaluateFromTop(root: TS.Expression): Value {
    const waiting: TS.Expression[] = [root];
    try {
      for (;;) {
        const node = waiting[waiting.length - 1];
        try {
          const value = this.evaluateHere(node);
          waiting.pop();
          if (waiting.length === 0) return value;
          this.inProgress.delete(waiting[waiting.length - 1]);
        } catch (error) {
          if (!(error instanceof TooDeep)) throw error;
          if (waiting.length >= MAX_WAITING) {
            // About MAX_WAITING × MAX_EVALUATION_DEPTH nested expressions: the rest is left out, and said so.
            this.noteLimit(error.node, 'evaluation-depth');
            this.memo.set(error.node, EMPTY);
            continue;
          }
          this.inProgress.add(node);
          waiting.push(error.node);
        }
      }
    } finally {
      for (const node of waiting) this.inProgress.delete(node);
    }
  }

  /** A bound that cut the analysis short at `node` (reported as `piiguard/analysis-incomplete`). */
  noteLimit(node: TS.Node, bound: AnalysisBound): void {
    if (!this.options.isProjectFile(node.getSourceFile())) return;
    const bounds = this.limits.get(node);
    if (bounds?.has(bound)) return;
    if (bounds) bounds.add(bound);
    else this.limits.set(node, new Set([bound]));
    this.noted++;
  }

  /** How many limits were noted so far: an answer that noted one is not kept by the fact cache. */
  get limitCount(): number {
    return this.noted;
  }

  /** Where a bound of the analysis cut it short so far. */
  getLimits(): AnalysisLimit[] {
    const out: AnalysisLimit[] = [];
    for (const [node, bounds] of this.limits) for (const bound of bounds) out.push({ node, bound });
    return out;
  }

  private compute(node: TS.Expression): Value {
    const ts = this.ts;
    const k = ts.SyntaxKind;
    switch (node.kind) {
      case k.ParenthesizedExpression:
      case k.AsExpression:
      case k.TypeAssertionExpression:
      case k.NonNullExpression:
      case k.SatisfiesExpression:
      case k.AwaitExpression:
        return this.evaluate((node as TS.ParenthesizedExpression).expression);
      case k.Identifier:
        return this.evaluateIdentifier(node as TS.Identifier);
      case k.PropertyAccessExpression:
        return this.evaluatePropertyAccess(node as TS.PropertyAccessExpression);
      case k.ElementAccessExpression:
        return this.evaluateElementAccess(node as TS.ElementAccessExpression);
      case k.CallExpression:
        return this.evaluateCall(node as TS.CallExpression);
      case k.NewExpression:
        return this.evaluateNew(node as TS.NewExpression);
      case k.ObjectLiteralExpression:
        return this.evaluateObjectLiteral(node as TS.ObjectLiteralExpression);
      case k.ArrayLiteralExpression:
        return unionAll(
          (node as TS.ArrayLiteralExpression).elements.map((e) =>
            ts.isSpreadElement(e) ? this.evaluate(e.expression) : prefix(this.evaluate(e), ELEMENT),
          ),
        );
      case k.TemplateExpression:
        return unionAll((node as TS.TemplateExpression).templateSpans.map((s) => flatten(this.evaluate(s.expression))));
      case k.TaggedTemplateExpression: {
        const template = (node as TS.TaggedTemplateExpression).template;
        return ts.isTemplateExpression(template)
          ? unionAll(template.templateSpans.map((s) => flatten(this.evaluate(s.expression))))
          : EMPTY;
      }
      case k.BinaryExpression:
        return this.evaluateBinary(node as TS.BinaryExpression);
      case k.ConditionalExpression: {
        const c = node as TS.ConditionalExpression;
        return union(this.evaluate(c.whenTrue), this.evaluate(c.whenFalse));
      }
      case k.PrefixUnaryExpression: {
        const p = node as TS.PrefixUnaryExpression;
        if (p.operator === k.ExclamationToken || p.operator === k.PlusPlusToken || p.operator === k.MinusMinusToken) return EMPTY;
        return flatten(this.evaluate(p.operand));
      }
      case k.SpreadElement:
        return this.evaluate((node as TS.SpreadElement).expression);
      case k.PostfixUnaryExpression:
      case k.TypeOfExpression:
      case k.VoidExpression:
      case k.DeleteExpression:
      case k.ArrowFunction:
      case k.FunctionExpression:
      case k.ClassExpression:
      case k.StringLiteral:
      case k.NumericLiteral:
      case k.BigIntLiteral:
      case k.NoSubstitutionTemplateLiteral:
      case k.RegularExpressionLiteral:
      case k.TrueKeyword:
      case k.FalseKeyword:
      case k.NullKeyword:
      case k.ThisKeyword:
      case k.SuperKeyword:
      case k.YieldExpression:
      case k.JsxElement:
      case k.JsxSelfClosingElement:
      case k.JsxFragment:
      case k.MetaProperty:
        return EMPTY;
      default:
        return this.getTypeValue(node);
    }
  }

  /* ---------- leaves: types and declarations ---------- */

  /** The personal data the checker's type of `node` carries (the brand, `@pii`, config sources). */
  getTypeValue(node: TS.Node, declaration?: TS.Node): Value {
    let type: TS.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return EMPTY;
    }
    const sources = this.findSources(type, node);
    return this.fromSources(sources, declaration ?? node);
  }

  /** The sources of the type of the value at `at`; a bound that cut the type's walk is noted there. */
  private findSources(type: TS.Type, at: TS.Node): TypeSource[] {
    const sources = this.options.finder.find(type);
    const cut = this.options.finder.getCut(type);
    if (cut) this.noteLimit(at, cut);
    return sources;
  }

  private fromSources(sources: readonly TypeSource[], fallback: TS.Node): Value {
    if (sources.length === 0) return EMPTY;
    const labels: Label[] = [];
    for (const s of sources) {
      if (s.origin === 'heuristic' && !this.options.heuristics) continue;
      const at = s.declaration ?? fallback;
      labels.push({
        category: s.category,
        form: s.form ?? 'raw',
        origin: s.origin,
        path: s.path,
        trace: [this.sourceStep(at)],
        name: s.origin === 'heuristic' ? s.path[s.path.length - 1] : undefined,
      });
    }
    return { labels, refs: [] };
  }

  /**
   * A trace step at a declaration, noted with its own text (`email: Email`): from its name on when
   * it is decorated, so that a DTO's or entity's decorators (`@IsNotEmpty() email: string`) are not
   * what the note names. `whole`: the declaration's full text (a request parameter, whose
   * decorator is what makes it a source: `@Body() body: SignupDto`).
   */
  sourceStep(node: TS.Node, whole = false): TraceRef {
    // The note is only read when a finding or trace is rendered (most labels never are, and the
    // transformer renders none): worked out on first read, once.
    const ts = this.ts;
    let note: string | undefined;
    return {
      kind: 'source',
      node,
      get note(): string {
        return (note ??= shortNote(getSourceNote(ts, node, whole)));
      },
    };
  }

  private labelsFromCategory(category: string, declaration: TS.Node, origin: Label['origin']): Value {
    return { labels: [{ category, form: 'raw', origin, path: [], trace: [this.sourceStep(declaration)] }], refs: [] };
  }

  /** The labels the config's request sources give a value from `origin` (the trace starts at `node`: `req.body`, `@Body() body`). */
  private getRequestValue(origin: RequestOrigin | undefined, node: TS.Node): Value {
    const sources = origin ? this.options.requests!.getSources(origin) : [];
    if (sources.length === 0) return EMPTY;
    const step = this.sourceStep(node, true);
    return {
      labels: sources.map((s) => ({ category: s.category, form: 'raw', origin: 'config', path: s.path, trace: [step] })),
      refs: [],
    };
  }

  private hasTaggedLabels(v: Value): boolean {
    return v.labels.some((l) => l.origin !== 'heuristic');
  }

  /**
   * `value` with a heuristic label for a personal-looking name, when nothing else tags it. The
   * value decides too: a compile-time constant is never personal data. When the value is a
   * parameter of the enclosing function (`function logEmail(email)`), the label goes on the
   * parameter's reference, to be given at the calls where the value enters (see `applyRef`).
   */
  private withHeuristic(name: string, value: Value, node: TS.Node, named?: string | null): Value {
    // `named`: the category the caller found for the name (null: none); by default the name's own.
    const category = named === undefined ? this.names.getCategory(name) : named;
    if (!category || !this.options.heuristics || this.hasTaggedLabels(value)) return value;
    if (value.labels.some((l) => l.path.length === 0)) return value;
    let type: TS.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return value;
    }
    if (!isDataLike(this.ts, type) || type.getCallSignatures().length > 0 || isLiteralType(this.ts, type)) return value;
    if (this.isConstant(node) || this.isReadFromCode(node)) return value;
    const label: Label = { category, form: 'raw', origin: 'heuristic', path: [], trace: [{ kind: 'source', node, note: name }], name };
    // The parameter itself (not a property of it: `params.email` of an options object is the wrapper's own read).
    const params = value.refs.filter((r) => r.at.length === 0 && r.from.length === 0 && !r.flat && !r.heuristic);
    if (params.length > 0) {
      return {
        labels: value.labels,
        refs: value.refs.map((r) => (params.includes(r) ? { ...r, heuristic: label } : r)),
        hasher: value.hasher,
      };
    }
    if (value.refs.some((r) => r.at.length === 0 && r.heuristic)) return value;
    return union(value, { labels: [label], refs: [] });
  }

  /**
   * A compile-time constant (`500 * 1024`, `'at least 16 characters'`, a regex), or a `const`
   * variable, enum member or property of a `const` object literal that holds one.
   */
  isConstant(node: TS.Node, depth = 0): boolean {
    const ts = this.ts;
    if (depth > 4) return false;
    if (ts.isExpression(node)) node = skipOuter(ts, node);
    const k = ts.SyntaxKind;
    switch (node.kind) {
      case k.StringLiteral:
      case k.NumericLiteral:
      case k.BigIntLiteral:
      case k.NoSubstitutionTemplateLiteral:
      case k.RegularExpressionLiteral:
      case k.TrueKeyword:
      case k.FalseKeyword:
      case k.NullKeyword:
        return true;
      case k.TemplateExpression:
        return (node as TS.TemplateExpression).templateSpans.every((s) => this.isConstant(s.expression, depth + 1));
      case k.PrefixUnaryExpression:
        return this.isConstant((node as TS.PrefixUnaryExpression).operand, depth + 1);
      case k.BinaryExpression: {
        const b = node as TS.BinaryExpression;
        return this.isConstant(b.left, depth + 1) && this.isConstant(b.right, depth + 1);
      }
      case k.ArrayLiteralExpression:
        return (node as TS.ArrayLiteralExpression).elements.every((e) => this.isConstant(e, depth + 1));
      case k.Identifier:
      case k.PropertyAccessExpression: {
        let symbol: TS.Symbol | undefined;
        try {
          symbol =
            ts.isIdentifier(node) && ts.isShorthandPropertyAssignment(node.parent)
              ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
              : this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
          if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        } catch {
          return false;
        }
        const declaration = symbol?.valueDeclaration;
        if (!declaration || !this.options.isProjectFile(declaration.getSourceFile())) return false;
        if (ts.isEnumMember(declaration)) return true;
        if (ts.isVariableDeclaration(declaration)) {
          return (
            ts.isIdentifier(declaration.name) &&
            !!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) &&
            !!declaration.initializer &&
            this.isConstant(declaration.initializer, depth + 1)
          );
        }
        // `const LIMITS = { passwordPolicy: '…' }` / `static readonly TOKEN_HEADER = '…'`
        if (ts.isPropertyAssignment(declaration) && ts.isObjectLiteralExpression(declaration.parent)) {
          let holder: TS.Node = declaration.parent.parent;
          while (ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isParenthesizedExpression(holder))
            holder = holder.parent;
          return (
            ts.isVariableDeclaration(holder) &&
            !!(ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) &&
            this.isConstant(declaration.initializer, depth + 1)
          );
        }
        if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
          const readonly = ts.getModifiers(declaration)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
          return !!readonly && this.isConstant(declaration.initializer, depth + 1);
        }
        return false;
      }
      default:
        return false;
    }
  }

  /* ---------- identifiers ---------- */

  private evaluateIdentifier(id: TS.Identifier): Value {
    const ts = this.ts;
    if (id.text === 'undefined') return EMPTY;
    let symbol = ts.isShorthandPropertyAssignment(id.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(id.parent)
      : this.checker.getSymbolAtLocation(id);
    if (!symbol) return this.getTypeValue(id);
    if (symbol.flags & ts.SymbolFlags.Alias) {
      try {
        symbol = this.checker.getAliasedSymbol(symbol);
      } catch {
        return this.getTypeValue(id);
      }
    }
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return this.getTypeValue(id);
    const value = this.evaluateSymbolAt(symbol, declaration, id);
    return this.withHeuristic(id.text, value, id);
  }

  private evaluateSymbolAt(symbol: TS.Symbol, declaration: TS.Declaration, use: TS.Node): Value {
    const ts = this.ts;
    if (ts.isParameter(declaration)) return this.evaluateParameter(declaration, [], new Set(), use);
    if (ts.isBindingElement(declaration)) return this.evaluateBindingElement(declaration, symbol, use);
    if (ts.isVariableDeclaration(declaration)) return this.evaluateVariable(declaration, symbol, use);
    if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration)) {
      return EMPTY;
    }
    return this.getTypeValue(use);
  }

  /** Declared sources on a parameter or variable: its type annotation's brand, `@pii`. */
  private getDeclaredValue(declaration: TS.ParameterDeclaration | TS.VariableDeclaration | TS.BindingElement): Value {
    const ts = this.ts;
    const category =
      this.options.finder.getJsDocCategory(declaration) ??
      (ts.isVariableDeclaration(declaration) ? this.options.finder.getJsDocCategory(declaration.parent.parent) : undefined);
    if (category) return this.labelsFromCategory(category, declaration, 'jsdoc');
    const typeNode = getDeclaredTypeNode(ts, declaration);
    if (!typeNode) return EMPTY;
    const aliasCategory = this.options.finder.getTypeNodeAliasCategory(typeNode);
    if (aliasCategory) return this.labelsFromCategory(aliasCategory, declaration, 'jsdoc');
    let type: TS.Type;
    try {
      type = this.checker.getTypeFromTypeNode(typeNode);
    } catch {
      return EMPTY;
    }
    const sources = this.findSources(type, declaration).filter((s) => s.origin !== 'heuristic');
    return this.fromSources(sources, declaration);
  }

  /**
   * A parameter: declared sources if it has any; inside a callback of a modelled method
   * (`users.map(u => …)`), what the receiver's elements carry; otherwise a reference resolved at
   * each call of the function.
   */
  private evaluateParameter(param: TS.ParameterDeclaration, path: string[], omitted: Set<string>, use: TS.Node): Value {
    const ts = this.ts;
    const declared = union(this.getDeclaredValue(param), this.getRequestValue(this.options.requests?.findParameterOrigin(param), param));
    // `({ email, ...rest }: User) => …`: the rest is the declared type without the named fields.
    if (hasData(declared)) return omit(this.selectPath(declared, path), omitted);
    const fn = param.parent;
    if (!ts.isFunctionLike(fn)) return EMPTY;
    const index = fn.parameters.indexOf(param);
    const fromCallback = this.getCallbackArgument(fn, index);
    if (fromCallback) {
      // A callback: what the call gives it; its own type may say more (`withUser(u => …)`).
      let v = fromCallback();
      v = this.selectPath(v, path);
      if (omitted.size > 0) v = omit(v, omitted);
      return union(v, this.getTypeValue(use));
    }
    if (param.dotDotDotToken) path = [ELEMENT, ...path];
    const ref: ParamRef = { fn, index, from: path, at: [], flat: false, trace: [] };
    // Rest of a destructured parameter: the argument without the named properties.
    if (omitted.size > 0) {
      return union({ labels: [], refs: [ref] }, this.getTypeValue(use));
    }
    // `const onSignup: (email: Email) => void = (email) => …` (`@type` in JavaScript): the
    // declared type of the variable types the parameter, as an annotation on it would.
    const typedBy = path.length === 0 ? this.getTypingDeclaration(fn) : undefined;
    if (typedBy) {
      let type: TS.Type | undefined;
      try {
        type = this.checker.getTypeAtLocation(param.name);
      } catch {
        type = undefined;
      }
      const sources = type ? this.findSources(type, param).filter((s) => s.origin !== 'heuristic') : [];
      return { labels: this.fromSources(sources, typedBy).labels, refs: [ref] };
    }
    return { labels: this.getTypeValueIfPath(use, path).labels, refs: [ref] };
  }

  /**
   * Where a function expression's parameters get their types when they have no annotation of
   * their own: the variable or field with a declared type that it initialises, or the
   * `satisfies T` it is checked by. Undefined elsewhere (a callback's parameters are what its
   * calls pass).
   */
  private getTypingDeclaration(fn: TS.SignatureDeclaration): TS.Node | undefined {
    const ts = this.ts;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    let node: TS.Node = fn;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const holder = node.parent;
    if (ts.isSatisfiesExpression(holder)) return holder.type;
    const isTyped =
      (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) &&
      holder.initializer === node &&
      getDeclaredTypeNode(ts, holder) !== undefined;
    return isTyped ? holder : undefined;
  }

  /** The type's sources at a destructured name (`({ email }: Props) => …`). */
  private getTypeValueIfPath(use: TS.Node, path: string[]): Value {
    if (path.length === 0) return EMPTY;
    const v = this.getTypeValue(use);
    return { labels: v.labels.filter((l) => l.origin !== 'heuristic'), refs: [] };
  }

  private selectPath(v: Value, path: readonly string[]): Value {
    for (const segment of path) v = select(v, segment);
    return v;
  }

  /** For callbacks of modelled methods: what a parameter receives (`arr.map(x => …)`: an element). */
  private getCallbackArgument(fn: TS.SignatureDeclaration, index: number): (() => Value) | undefined {
    const ts = this.ts;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
    const callee = skipOuter(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return () => EMPTY;
    const method = callee.name.text;
    const receiver = callee.expression;
    const argIndex = call.arguments.indexOf(fn);
    if (argIndex !== 0) return () => EMPTY;
    const flows = getMethodRow(method)?.callback?.[index];
    if (!flows) return () => EMPTY;
    return () => this.applyFlows(flows, call, receiver);
  }

  private evaluateBindingElement(element: TS.BindingElement, symbol: TS.Symbol, use: TS.Node): Value {
    const ts = this.ts;
    // Walk up to the parameter or variable that holds the pattern, collecting the property path.
    const path: string[] = [];
    let omitted = new Set<string>();
    let node: TS.Node = element;
    let outermost = element;
    // `const { body: { email } } = req`: the part of the request a level binds, and the path inside it.
    let request: { origin: RequestOrigin; at: TS.BindingElement; inner: string[] } | undefined;
    while (ts.isBindingElement(node)) {
      outermost = node;
      const origin = request ? undefined : this.options.requests?.findBindingOrigin(node);
      if (origin) request = { origin, at: node, inner: [...path] };
      const pattern = node.parent;
      if (ts.isObjectBindingPattern(pattern)) {
        if (node.dotDotDotToken) {
          omitted = new Set(
            pattern.elements.filter((e) => e !== node && !e.dotDotDotToken).map((e) => (e.propertyName ?? e.name).getText()),
          );
        } else {
          const name = node.propertyName ?? node.name;
          path.unshift(ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : ELEMENT);
        }
      } else {
        path.unshift(ELEMENT);
      }
      node = pattern.parent;
    }
    const declared = this.getDeclaredValue(element);
    if (hasData(declared)) return declared;
    if (request) return this.selectPath(this.getRequestValue(request.origin, request.at), request.inner);
    if (ts.isParameter(node)) return union(this.evaluateParameter(node, path, omitted, use), this.getPatternTypeValue(node, path, omitted));
    if (ts.isVariableDeclaration(node)) {
      const tupleElement = this.getTupleElement(node, outermost);
      let v = tupleElement
        ? this.selectPath(this.evaluate(tupleElement), path.slice(1))
        : this.selectPath(this.evaluateVariable(node, symbol, use, true), path);
      if (omitted.size > 0) v = omit(v, omitted);
      // The initializer's type is the whole tuple's: its other elements are not this name's.
      const patternType = tupleElement ? EMPTY : this.getPatternTypeValue(node, path, omitted);
      return union(v, this.getTypeValueIfPath(use, path.length > 0 ? path : ['']), patternType);
    }
    return this.getTypeValue(use);
  }

  /**
   * The element a name of `const [a, b] = [x, y]` or `const [a, b] = await Promise.all([x(), y()])`
   * is bound to, so that each name holds its own element's data (elements share one path, `[]`,
   * in every other array). Undefined when the initializer is not such a literal, or a spread comes first.
   */
  private getTupleElement(declaration: TS.VariableDeclaration, element: TS.BindingElement): TS.Expression | undefined {
    const ts = this.ts;
    if (!ts.isArrayBindingPattern(declaration.name) || element.dotDotDotToken || !declaration.initializer) return undefined;
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
    let init = skipOuter(ts, declaration.initializer);
    if (ts.isAwaitExpression(init)) init = skipOuter(ts, init.expression);
    if (ts.isCallExpression(init)) {
      const callee = skipOuter(ts, init.expression);
      const isPromiseAll =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'Promise' &&
        callee.name.text === 'all';
      if (!isPromiseAll || init.arguments.length !== 1) return undefined;
      init = skipOuter(ts, init.arguments[0]);
    }
    if (!ts.isArrayLiteralExpression(init)) return undefined;
    const index = declaration.name.elements.indexOf(element);
    if (index < 0 || index >= init.elements.length || init.elements.slice(0, index + 1).some((e) => ts.isSpreadElement(e)))
      return undefined;
    const value = init.elements[index];
    return ts.isOmittedExpression(value) ? undefined : value;
  }

  /**
   * What the type of the destructured value carries at `path`: the contextual type of an
   * unannotated parameter (`register({ onInvite({ email }) { … } })`), or the initializer's type
   * (`const { email } = session.user as CustomUser`), whose properties' own sources (config,
   * `@pii`) the type of the bound name alone would not show.
   */
  private getPatternTypeValue(node: TS.ParameterDeclaration | TS.VariableDeclaration, path: string[], omitted: Set<string>): Value {
    const ts = this.ts;
    const source = ts.isParameter(node) ? (getDeclaredTypeNode(ts, node) ? undefined : node) : node.initializer;
    if (!source) return EMPTY;
    let type: TS.Type;
    try {
      type = this.checker.getTypeAtLocation(source);
    } catch {
      return EMPTY;
    }
    const sources = this.findSources(type, source).filter((s) => s.origin !== 'heuristic');
    let v = this.selectPath(this.fromSources(sources, node), path);
    if (omitted.size > 0) v = omit(v, omitted);
    return v;
  }

  /**
   * A variable: its declared sources, else the definitions that reach `use` (a later overwrite
   * with clean data clears the taint) and the mutations since (`props.email = …`, `arr.push(…)`).
   */
  private evaluateVariable(declaration: TS.VariableDeclaration, symbol: TS.Symbol, use: TS.Node, wholePattern = false): Value {
    const ts = this.ts;
    if (!wholePattern || ts.isIdentifier(declaration.name)) {
      const declared = this.getDeclaredValue(declaration);
      if (hasData(declared)) return declared;
    }
    const list = declaration.parent;
    const statement = list?.parent;
    if (statement && (ts.isForOfStatement(statement) || ts.isForInStatement(statement)) && statement.initializer === list) {
      if (ts.isForInStatement(statement)) return EMPTY;
      return select(this.evaluate(statement.expression), ELEMENT);
    }
    if (ts.isCatchClause(declaration.parent)) return EMPTY;
    const writes = wholePattern ? this.getPatternWrites(declaration) : this.getWrites(symbol, declaration);
    if (writes.length === 0) return declaration.getSourceFile().isDeclarationFile ? this.getTypeValue(use) : EMPTY;
    return unionAll(this.getReachingWrites(writes, use).map((w) => this.readWrite(w)));
  }

  /** What a write gives a read of its variable: its value, with a `local` step at the write. */
  private readWrite(w: Write): Value {
    const value = w.value();
    if (!hasData(value)) return value;
    if (w.read?.from !== value) w.read = { from: value, value: withStep(value, this.localStep(w.node)) };
    return w.read.value;
  }

  /** A `local` trace step: the write (`e = user.email`), noted with its first line. */
  private localStep(node: TS.Node): TraceRef {
    let note: string | undefined;
    return {
      kind: 'local',
      node,
      get note(): string {
        return (note ??= shortNote(node.getText()));
      },
    };
  }

  private getPatternWrites(declaration: TS.VariableDeclaration): Write[] {
    if (!declaration.initializer) return [];
    const init = declaration.initializer;
    return [{ kind: 'define', node: declaration, pos: declaration.getStart(), value: () => this.evaluate(init) }];
  }

  /** Every write to a local or module variable, found once by scanning its scope. */
  private getWrites(symbol: TS.Symbol, declaration: TS.VariableDeclaration): Write[] {
    return this.writesMemo.getOrCompute(symbol, () => this.findWrites(symbol, declaration));
  }

  private findWrites(symbol: TS.Symbol, declaration: TS.VariableDeclaration): Write[] {
    const ts = this.ts;
    this.recorder.noteNode(declaration);
    const writes: Write[] = [];
    if (declaration.initializer && ts.isIdentifier(declaration.name)) {
      const init = declaration.initializer;
      writes.push({ kind: 'define', node: declaration, pos: declaration.getStart(), value: () => this.evaluate(init) });
    }
    const name = symbol.getName();
    const scope = getScope(ts, declaration);
    forEachDescendant(ts, scope, (node) => {
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name) {
        const write = this.classifyWrite(node, symbol);
        if (write) writes.push(write);
      }
    });
    writes.sort((a, b) => a.pos - b.pos);
    return writes;
  }

  private classifyWrite(id: TS.Identifier, symbol: TS.Symbol): Write | undefined {
    const ts = this.ts;
    const parent = id.parent;
    const isAssignment = (n: TS.Node): n is TS.BinaryExpression =>
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    // x = value / x += value
    if (isAssignment(parent) && parent.left === id) {
      if (!this.isSymbol(id, symbol)) return undefined;
      const right = parent.right;
      if (parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        return { kind: 'define', node: parent, pos: parent.getStart(), value: () => this.evaluate(right) };
      }
      return { kind: 'mutate', node: parent, pos: parent.getStart(), value: () => flatten(this.evaluate(right)) };
    }
    if (!ts.isPropertyAccessExpression(parent) && !ts.isElementAccessExpression(parent)) {
      // Object.assign(x, value)
      if (ts.isCallExpression(parent) && parent.arguments[0] === id && isObjectAssign(ts, parent)) {
        if (!this.isSymbol(id, symbol)) return undefined;
        const rest = parent.arguments.slice(1);
        return { kind: 'mutate', node: parent, pos: parent.getStart(), value: () => unionAll(rest.map((a) => this.evaluate(a))) };
      }
      return undefined;
    }
    if (parent.expression !== id) return undefined;
    // x.a.b = value
    const path: string[] = [];
    let top: TS.Expression = parent;
    let cursor: TS.Node = parent;
    while (ts.isPropertyAccessExpression(cursor) || ts.isElementAccessExpression(cursor)) {
      path.push(getAccessSegment(ts, cursor));
      top = cursor;
      const next: TS.Node = cursor.parent;
      if ((ts.isPropertyAccessExpression(next) || ts.isElementAccessExpression(next)) && next.expression === cursor) cursor = next;
      else break;
    }
    const topParent = top.parent;
    if (isAssignment(topParent) && topParent.left === top) {
      if (!this.isSymbol(id, symbol)) return undefined;
      const right = topParent.right;
      const p = path;
      return {
        kind: 'mutate',
        node: topParent,
        pos: topParent.getStart(),
        value: () => p.reduceRight((v, segment) => prefix(v, segment), this.evaluate(right)),
      };
    }
    // x.push(v) / x.add(v) / x.set(k, v) / hash.update(v)
    if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      const call = parent.parent;
      const writes = getMethodRow(parent.name.text)?.writes;
      if (writes && call.arguments.length >= (writes.minArguments ?? 0) && this.isSymbol(id, symbol)) {
        const flows = writes.flows;
        return { kind: 'mutate', node: call, pos: call.getStart(), value: () => this.applyFlows(flows, call, id) };
      }
    }
    return undefined;
  }

  private isSymbol(id: TS.Identifier, symbol: TS.Symbol): boolean {
    return this.checker.getSymbolAtLocation(id) === symbol;
  }

  /**
   * The writes that reach `use`: scanning back from it, each write counts until a definition that
   * runs on every path to the use (same function, in no branch the use is not in) kills the rest.
   * Writes in other functions (closures) and later writes in a loop around the use also reach.
   */
  private getReachingWrites(writes: Write[], use: TS.Node): Write[] {
    const ts = this.ts;
    const useFn = getEnclosingFunction(ts, use);
    const usePos = use.getStart();
    const reaching: Write[] = [];
    const loops = getEnclosingLoops(ts, use, useFn);
    const defines = new Set(writes.filter((w) => w.kind === 'define').map((w) => w.node));
    // `if (c) x = a; else x = b;`: the if statement as a whole defines x, so writes before it are dead.
    let killedBefore = -1;
    for (let i = writes.length - 1; i >= 0; i--) {
      const w = writes[i];
      // `x = f(x)`: the use is part of the write, which has not happened yet.
      if (contains(w.node, use)) continue;
      const sameFn = getEnclosingFunction(ts, w.node) === useFn;
      if (w.pos >= usePos) {
        if (!sameFn || loops.some((loop) => contains(loop, w.node))) reaching.push(w);
        continue;
      }
      if (sameFn && w.pos < killedBefore) {
        if (w.kind === 'mutate') continue;
        for (let j = i; j >= 0; j--) {
          const earlier = writes[j];
          if (getEnclosingFunction(ts, earlier.node) !== useFn && earlier.kind === 'mutate') reaching.push(earlier);
        }
        break;
      }
      reaching.push(w);
      if (w.kind === 'define' && sameFn && killedBefore < 0) {
        const branches = this.getDefiningIf(w.node, use, useFn, defines);
        if (branches) killedBefore = branches.getStart();
      }
      if (w.kind === 'define' && sameFn && this.dominates(w.node, use, useFn)) {
        // Keep scanning only for writes in other functions (closures may run at any time).
        for (let j = i - 1; j >= 0; j--) {
          const earlier = writes[j];
          if (getEnclosingFunction(ts, earlier.node) !== useFn && earlier.kind === 'mutate') reaching.push(earlier);
        }
        break;
      }
    }
    return reaching;
  }

  /** The outermost if statement around `write` that defines the variable on each of its branches and runs on every path to `use`. */
  private getDefiningIf(write: TS.Node, use: TS.Node, fn: TS.Node | undefined, defines: ReadonlySet<TS.Node>): TS.IfStatement | undefined {
    const ts = this.ts;
    let found: TS.IfStatement | undefined;
    for (let node: TS.Node | undefined = write.parent; node && node !== fn; node = node.parent) {
      if (ts.isIfStatement(node) && !contains(node, use) && this.definesOnEveryPath(node, defines) && this.dominates(node, use, fn))
        found = node;
    }
    return found;
  }

  /** `x = …;`, a block with such a statement, or an if/else that does it on both branches. */
  private definesOnEveryPath(node: TS.Node, defines: ReadonlySet<TS.Node>): boolean {
    const ts = this.ts;
    if (ts.isExpressionStatement(node)) return defines.has(node.expression);
    if (ts.isBlock(node)) return node.statements.some((statement) => this.definesOnEveryPath(statement, defines));
    if (ts.isIfStatement(node))
      return (
        !!node.elseStatement && this.definesOnEveryPath(node.thenStatement, defines) && this.definesOnEveryPath(node.elseStatement, defines)
      );
    return false;
  }

  /** Whether `write` runs on every path to `use`: no branch around it leaves `use` out. */
  private dominates(write: TS.Node, use: TS.Node, fn: TS.Node | undefined): boolean {
    const ts = this.ts;
    let node: TS.Node = write;
    while (node.parent && node !== fn) {
      const parent = node.parent;
      const isBranch =
        (ts.isIfStatement(parent) && parent.expression !== node) ||
        (ts.isConditionalExpression(parent) && parent.condition !== node) ||
        (ts.isBinaryExpression(parent) &&
          parent.right === node &&
          (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
            parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
            parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) ||
        ((ts.isForStatement(parent) || ts.isForOfStatement(parent) || ts.isForInStatement(parent) || ts.isWhileStatement(parent)) &&
          parent.statement === node) ||
        ts.isCaseClause(parent) ||
        ts.isDefaultClause(parent) ||
        ts.isCatchClause(parent) ||
        (ts.isTryStatement(parent) && parent.tryBlock === node);
      if (isBranch && !contains(node, use)) return false;
      node = parent;
    }
    return true;
  }

  /* ---------- property and element access ---------- */

  private evaluatePropertyAccess(node: TS.PropertyAccessExpression): Value {
    const ts = this.ts;
    const name = node.name.text;
    if (name === 'length' || name === 'size') return EMPTY;
    const object = skipOuter(ts, node.expression);
    let base = object.kind === ts.SyntaxKind.ThisKeyword ? this.evaluateThisField(node) : selectProperty(this.evaluate(object), name);
    const typeValue = this.getPropertyTypeValue(node);
    base = union(base, typeValue);
    // `user.name` is a person's name; `team.name` is not.
    const category = name === 'name' && this.isPersonObject(object) ? 'person-name' : this.getNameCategory(name, object);
    return this.withHeuristic(name, base, node, category ?? null);
  }

  /**
   * The category a property's name looks like. The app's own environment (`process.env.X`) holds
   * configuration, not the personal data of users: only its secrets count (`DB_PASSWORD`, `STEAM_KEY`).
   */
  private getNameCategory(name: string, object: TS.Expression): string | undefined {
    const category = this.names.getCategory(name);
    if (!this.isEnvironment(object)) return category;
    if (category === 'credential') return category;
    return /(^|[^a-z])key$/i.test(name) && !/public/i.test(name) ? 'credential' : undefined;
  }

  /** `process.env`, `import.meta.env`, an `env` object of the app's (`env.DATABASE_USER`). */
  private isEnvironment(object: TS.Expression): boolean {
    const ts = this.ts;
    object = skipOuter(ts, object);
    if (ts.isIdentifier(object)) return object.text === 'env' || object.text === 'ENV';
    return ts.isPropertyAccessExpression(object) && object.name.text === 'env';
  }

  /** `{ username: env.DATABASE_USER }`: a key names a value read from the environment, which is configuration. */
  private getKeyCategory(key: string, value: TS.Expression): string | null | undefined {
    const ts = this.ts;
    const node = skipOuter(ts, value);
    const read = ts.isBinaryExpression(node) ? skipOuter(ts, node.left) : node;
    if (!(ts.isPropertyAccessExpression(read) || ts.isElementAccessExpression(read)) || !this.isEnvironment(read.expression))
      return undefined;
    const category = this.names.getCategory(key);
    return category === 'credential' ? category : null;
  }

  /**
   * `controllers.accounts.edit.password`, `messages.email`: a property of an object that holds
   * code or texts (a controller, a route handler, a label), not data, even where untyped code
   * cannot tell a function from a string.
   */
  private isReadFromCode(node: TS.Node): boolean {
    const ts = this.ts;
    for (let cursor: TS.Node = node; ts.isPropertyAccessExpression(cursor) || ts.isElementAccessExpression(cursor);) {
      const object: TS.Expression = skipOuter(ts, cursor.expression);
      const name = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : undefined;
      if (name && CODE_HOLDERS.has(name.toLowerCase())) return true;
      cursor = object;
    }
    return false;
  }

  /** `user`, `req.user`, `this.currentUser`, `author`: an expression named for a person. */
  private isPersonObject(object: TS.Expression): boolean {
    const ts = this.ts;
    const name = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : undefined;
    if (!name) return false;
    const words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return words.length > 0 && PERSON_WORDS.has(words[words.length - 1]);
  }

  /** Sources the property's declaration and type carry (`user.email` where `email: Email`). */
  private getPropertyTypeValue(node: TS.PropertyAccessExpression | TS.ElementAccessExpression): Value {
    const ts = this.ts;
    // `req.body`, `request.headers`: request data by the config.
    const request = ts.isPropertyAccessExpression(node)
      ? this.options.requests?.findPropertyOrigin(node.expression, node.name.text)
      : undefined;
    let declaration: TS.Node | undefined;
    const symbol = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression);
    // A typed body keeps its own tags too (`FastifyRequest<{ Body: { email: Email } }>`).
    const parts: Value[] = request ? [this.getRequestValue(request, node)] : [];
    if (symbol) {
      declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
      // The owner's type only matters to config sources named by type + property.
      let ownerType: TS.Type | undefined;
      if (this.options.finder.hasTypeSources) {
        try {
          ownerType = this.checker.getTypeAtLocation(node.expression);
        } catch {
          ownerType = undefined;
        }
      }
      for (const raw of this.options.finder.getDeclaredCategories(symbol, ownerType)) {
        const category = raw.startsWith('\0') ? raw.slice(1) : raw;
        parts.push(this.labelsFromCategory(category, declaration ?? node, raw.startsWith('\0') ? 'config' : 'jsdoc'));
      }
    }
    const typeValue = this.getTypeValue(node, declaration);
    parts.push({ labels: typeValue.labels.filter((l) => l.origin !== 'heuristic' || l.path.length > 0), refs: [] });
    return unionAll(parts);
  }

  /** `this.email`: every value the class (the one around the use, and the one declaring the field) gives the field. */
  private evaluateThisField(node: TS.PropertyAccessExpression): Value {
    const ts = this.ts;
    const symbol = this.checker.getSymbolAtLocation(node.name);
    const cls = findAncestor(node, ts.isClassLike);
    if (!symbol || !cls) return EMPTY;
    const declarations = symbol.declarations ?? [];
    const classes = new Set<TS.ClassLikeDeclaration>([cls]);
    for (const declaration of declarations) {
      const owner = findAncestor(declaration, ts.isClassLike);
      if (owner && this.options.isProjectFile(owner.getSourceFile())) classes.add(owner);
    }
    return this.getFieldValue([...classes], node.name.text, declarations, node);
  }

  /**
   * Every value classes give their field `name`: its initializer, a parameter property, a getter's
   * returns, and each `this.name = …` in their bodies.
   */
  private getFieldValue(
    classes: readonly TS.ClassLikeDeclaration[],
    name: string,
    declarations: readonly TS.Declaration[],
    use: TS.Node,
  ): Value {
    const ts = this.ts;
    const parts: Value[] = [];
    for (const declaration of declarations) {
      if (ts.isPropertyDeclaration(declaration) && declaration.initializer) parts.push(this.evaluate(declaration.initializer));
      if (ts.isParameter(declaration)) parts.push(this.evaluateParameter(declaration, [], new Set(), use));
      if (ts.isGetAccessorDeclaration(declaration) && declaration.body) parts.push(this.getReturnValue(declaration));
    }
    const visit = (n: TS.Node): void => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.name.text === name &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        n.left !== use
      ) {
        parts.push(this.evaluate(n.right));
      }
      ts.forEachChild(n, visit);
    };
    for (const cls of classes) ts.forEachChild(cls, visit);
    return unionAll(parts);
  }

  /**
   * `new Session(user)` of a project class: each instance field holds what the class gives it, with
   * the constructor's parameters replaced by this call's arguments (so `session.email` is tagged).
   */
  private evaluateProjectInstance(node: TS.NewExpression, ctor: TS.SignatureDeclaration | undefined, cls: TS.ClassLikeDeclaration): Value {
    const ts = this.ts;
    const fields = new Map<string, TS.Declaration[]>();
    const add = (name: string | undefined, declaration: TS.Declaration): void => {
      if (name === undefined) return;
      fields.set(name, [...(fields.get(name) ?? []), declaration]);
    };
    for (const member of cls.members) {
      const isStatic = ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      if (isStatic) continue;
      if ((ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) && !ts.isComputedPropertyName(member.name)) {
        add(getPropertyName(ts, member.name), member);
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const param of member.parameters) {
          if (ts.isIdentifier(param.name) && ts.getModifiers(param)?.length) add(param.name.text, param);
        }
      }
    }
    const parts: Value[] = [];
    for (const [name, declarations] of fields) {
      let v = this.getFieldValue([cls], name, declarations, node);
      if (ctor) v = substitute(v, ctor, (i) => this.getArgumentValue(node, i, ctor));
      parts.push(prefix(v, name));
    }
    if (extendsErrorConstructor(ts, cls)) parts.push(this.getErrorSubclassMessage(node, ctor, cls));
    return unionAll(parts);
  }

  /**
   * `class AccountError extends Error { constructor(user: User) { super(`… ${user.email}`) } }`:
   * what the constructor passes to `super(…)` is the error's message, carried as by `new Error(…)`;
   * without a constructor of its own, the arguments go to Error as they are.
   */
  private getErrorSubclassMessage(node: TS.NewExpression, ctor: TS.SignatureDeclaration | undefined, cls: TS.ClassLikeDeclaration): Value {
    const ts = this.ts;
    const own = cls.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
    if (!own) return flatten(unionAll((node.arguments ?? []).map((a) => this.evaluate(a))));
    const messages: Value[] = [];
    const visit = (n: TS.Node): void => {
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword)
        messages.push(flatten(unionAll(n.arguments.map((a) => this.evaluate(a)))));
      // A nested function's or class's `super` is not this constructor's (an arrow function's is).
      if (!ts.isFunctionLike(n) || ts.isArrowFunction(n) || n === own) ts.forEachChild(n, visit);
    };
    visit(own);
    const message = unionAll(messages);
    const called = ctor ?? own;
    return substitute(message, called, (i) => this.getArgumentValue(node, i, called));
  }

  private evaluateElementAccess(node: TS.ElementAccessExpression): Value {
    const ts = this.ts;
    const base = this.evaluate(node.expression);
    const arg = node.argumentExpression;
    // email.split('@')[1]: the domain.
    if (ts.isNumericLiteral(arg) && arg.text === '1' && this.isSplitAtSign(node.expression)) return this.getEmailDomain(node.expression);
    let v: Value;
    if (ts.isStringLiteralLike(arg)) v = selectProperty(base, arg.text);
    else if (ts.isNumericLiteral(arg)) v = select(base, ELEMENT);
    else v = selectAny(base);
    v = union(v, this.getPropertyTypeValue(node));
    // headers['x-api-key']
    return ts.isStringLiteralLike(arg)
      ? this.withHeuristic(arg.text, v, node, this.getNameCategory(arg.text, skipOuter(ts, node.expression)) ?? null)
      : v;
  }

  /** `x.split('@')` */
  private isSplitAtSign(node: TS.Expression): boolean {
    const ts = this.ts;
    node = skipOuter(ts, node);
    return (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'split' &&
      node.arguments.length >= 1 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[0].text === '@'
    );
  }

  /** `x.indexOf('@') + 1` (or `lastIndexOf`): where the domain of an email starts. */
  private isAfterAtSign(node: TS.Expression | undefined): boolean {
    const ts = this.ts;
    if (!node) return false;
    node = skipOuter(ts, node);
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
    const call = skipOuter(ts, node.left);
    return (
      ts.isNumericLiteral(node.right) &&
      node.right.text === '1' &&
      ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) &&
      (call.expression.name.text === 'indexOf' || call.expression.name.text === 'lastIndexOf') &&
      call.arguments.length >= 1 &&
      ts.isStringLiteralLike(call.arguments[0]) &&
      call.arguments[0].text === '@'
    );
  }

  /**
   * The domain of an email (`email.split('@').pop()`, `email.slice(email.indexOf('@') + 1)`): the
   * generalized form of the email (SPEC §12). `source` is the split call or the sliced string.
   */
  private getEmailDomain(source: TS.Expression): Value {
    const ts = this.ts;
    source = skipOuter(ts, source);
    const text = this.isSplitAtSign(source) ? ((source as TS.CallExpression).expression as TS.PropertyAccessExpression).expression : source;
    const v = flatten(this.evaluate(text));
    return {
      labels: v.labels.map((l) => (l.category === 'email' ? { ...l, form: 'generalized' } : l)),
      refs: v.refs.map((r) => ({ ...r, generalized: ['email'] })),
    };
  }

  /* ---------- literals and operators ---------- */

  private evaluateObjectLiteral(node: TS.ObjectLiteralExpression): Value {
    const ts = this.ts;
    const parts: Value[] = [];
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        parts.push(this.evaluate(property.expression));
        continue;
      }
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const key = getPropertyName(ts, property.name);
      // `{ ...user, email: redact(user.email) }`: a later property replaces what a spread put there.
      if (key !== undefined) {
        const replaced = new Set([key]);
        for (let i = 0; i < parts.length; i++) parts[i] = omit(parts[i], replaced);
      }
      const valueNode = ts.isPropertyAssignment(property) ? property.initializer : property.name;
      const value = this.evaluate(valueNode);
      parts.push(
        prefix(
          key && ts.isPropertyAssignment(property)
            ? this.withHeuristic(key, value, property.initializer, this.getKeyCategory(key, property.initializer))
            : value,
          key ?? ELEMENT,
        ),
      );
    }
    return unionAll(parts);
  }

  private evaluateBinary(node: TS.BinaryExpression): Value {
    const ts = this.ts;
    const k = ts.SyntaxKind;
    const op = node.operatorToken.kind;
    switch (op) {
      case k.EqualsToken:
      case k.CommaToken:
        return this.evaluate(node.right);
      case k.AmpersandAmpersandToken:
      case k.BarBarToken:
      case k.QuestionQuestionToken:
      case k.BarBarEqualsToken:
      case k.AmpersandAmpersandEqualsToken:
      case k.QuestionQuestionEqualsToken:
        return union(this.evaluate(node.left), this.evaluate(node.right));
      case k.EqualsEqualsToken:
      case k.EqualsEqualsEqualsToken:
      case k.ExclamationEqualsToken:
      case k.ExclamationEqualsEqualsToken:
      case k.LessThanToken:
      case k.LessThanEqualsToken:
      case k.GreaterThanToken:
      case k.GreaterThanEqualsToken:
      case k.InstanceOfKeyword:
      case k.InKeyword:
        return EMPTY;
      default:
        return union(flatten(this.evaluate(node.left)), flatten(this.evaluate(node.right)));
    }
  }

  /* ---------- calls ---------- */

  /** The project function a call runs, when it has a body piiguard can summarise. */
  getCalledFunction(call: TS.CallExpression | TS.NewExpression): TS.SignatureDeclaration | undefined {
    return this.calledFunctionMemo.getOrCompute(call, () => this.findCalledFunction(call)) ?? undefined;
  }

  private findCalledFunction(call: TS.CallExpression | TS.NewExpression): TS.SignatureDeclaration | null {
    let result: TS.SignatureDeclaration | undefined;
    try {
      const bySymbol = this.getCalledFunctionBySymbol(call);
      result = bySymbol === null ? undefined : (bySymbol ?? this.getCalledFunctionBySignature(call));
    } catch {
      result = undefined;
    }
    if (result && !this.options.isProjectFile(result.getSourceFile())) result = undefined;
    if (result) this.recorder.noteNode(result);
    return result ?? null;
  }

  /**
   * The callee's symbol names one implementation (`track(…)`, `tracker.track(…)`, `new Session(…)`):
   * asking for it does not make the checker resolve overloads and check the arguments.
   */
  private getCalledFunctionBySymbol(call: TS.CallExpression | TS.NewExpression): TS.SignatureDeclaration | null | undefined {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    if (!nameNode) return undefined;
    let symbol = this.checker.getSymbolAtLocation(nameNode);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declarations = symbol?.declarations ?? [];
    const bodies: TS.SignatureDeclaration[] = [];
    for (const declaration of declarations) {
      if (ts.isNewExpression(call)) {
        if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
          const ctor = declaration.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
          if (ctor) bodies.push(ctor);
        }
        continue;
      }
      if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body) bodies.push(declaration);
      else if (
        (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) &&
        declaration.initializer
      ) {
        const init = skipOuter(ts, declaration.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) bodies.push(init);
      }
    }
    if (bodies.length === 1) return bodies[0];
    // Declared only outside the project (TypeScript's lib, a package): nothing to summarise, and
    // no reason to make the checker resolve the call.
    if (declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile)) return null;
    return undefined;
  }

  private getCalledFunctionBySignature(call: TS.CallExpression | TS.NewExpression): TS.SignatureDeclaration | undefined {
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    if (declaration && !this.ts.isJSDocSignature(declaration) && (declaration as TS.FunctionLikeDeclaration).body) return declaration;
    return undefined;
  }

  /** What a function returns, with references to its parameters (memoised). */
  getReturnValue(fn: TS.SignatureDeclaration): Value {
    const cached = this.returnMemo.get(fn);
    if (cached) return cached;
    this.returnMemo.set(fn, EMPTY);
    let value: Value;
    let deps: ReadonlySet<string> | undefined;
    try {
      [value, deps] = this.recorder.frame(() => this.computeReturnValue(fn));
    } catch (error) {
      // A walk stopped to go on from a fresh stack (or failed): the stand-in for a recursive call is no answer.
      this.returnMemo.delete(fn);
      throw error;
    }
    this.returnMemo.set(fn, value, deps);
    return value;
  }

  private computeReturnValue(fn: TS.SignatureDeclaration): Value {
    const ts = this.ts;
    this.recorder.noteNode(fn);
    const body = (fn as TS.FunctionLikeDeclaration).body;
    const parts: Value[] = [];
    if (body && !ts.isBlock(body)) parts.push(this.evaluate(body));
    else if (body) {
      forEachDescendant(ts, body, (node) => {
        if (ts.isReturnStatement(node) && node.expression) parts.push(this.evaluate(node.expression));
        return !ts.isFunctionLike(node);
      });
    }
    return unionAll(parts);
  }

  /** What argument `index` of a call carries (a rest parameter gathers the rest as elements). */
  getArgumentValue(call: TS.CallExpression | TS.NewExpression, index: number, fn?: TS.SignatureDeclaration): Value {
    const ts = this.ts;
    const args = call.arguments ?? ts.factory.createNodeArray();
    const param = fn?.parameters[index];
    if (param?.dotDotDotToken) {
      return unionAll(
        args.slice(index).map((a) => (ts.isSpreadElement(a) ? this.evaluate(a.expression) : prefix(this.evaluate(a), ELEMENT))),
      );
    }
    const arg = args[index];
    if (!arg) return EMPTY;
    return this.evaluate(arg);
  }

  /**
   * A call that takes data in and gives it out in another form, as the engine models it (the one
   * place that knows them, for the taint and for the rules that look at the call itself):
   * - `sanitizer`: a piiguard/runtime wrapper or a config sanitizer (`form` from the catalog);
   * - `digest`: `crypto.subtle.digest(algorithm, data)`, hashed;
   * - `update`: `hash.update(data)` on a `createHash()`/`createHmac()`, whose `digest()` gives
   *   the hasher's form.
   * `input` is what the data arguments carry.
   */
  getTransformedInput(call: TS.CallExpression): { kind: 'sanitizer' | 'digest' | 'update'; form: Form; input: Value } | undefined {
    const ts = this.ts;
    const args = call.arguments;
    const classifier = this.options.classifier;
    const sanitizer = classifier.getSanitizer(call);
    if (sanitizer) {
      return {
        kind: 'sanitizer',
        form: sanitizer.form,
        input: unionAll(sanitizer.args.map((i) => (args[i] ? this.evaluate(args[i]) : EMPTY))),
      };
    }
    if (classifier.isSubtleDigest(call)) return { kind: 'digest', form: 'hashed', input: args[1] ? this.evaluate(args[1]) : EMPTY };
    const callee = skipOuter(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'update') {
      const hasher = this.evaluate(callee.expression).hasher;
      if (hasher) return { kind: 'update', form: hasher, input: args[0] ? flatten(this.evaluate(args[0])) : EMPTY };
    }
    return undefined;
  }

  private evaluateCall(call: TS.CallExpression): Value {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    const classifier = this.options.classifier;

    const transformed = this.getTransformedInput(call);
    if (transformed) {
      // createHash('sha256').update(v): the hasher's state so far, and the data it takes in.
      if (transformed.kind === 'update') return union(this.evaluate((callee as TS.PropertyAccessExpression).expression), transformed.input);
      return withForm(transformed.input, transformed.form);
    }
    const sourceCategory = classifier.getSourceCategory(call);
    if (sourceCategory) return this.labelsFromCategory(sourceCategory, call, 'config');
    // `await request.json()`, `request.formData()`: the body of a Web `Request`.
    const requestBody = this.options.requests?.findCallOrigin(call);
    if (requestBody) return this.getRequestValue(requestBody, call);
    const hasher = classifier.getHasher(call);
    if (hasher) return { labels: [], refs: [], hasher };

    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'digest') {
      // crypto hashers: createHash('sha256').update(v).digest('hex')
      const r = this.evaluate(callee.expression);
      if (r.hasher) return withForm({ labels: r.labels, refs: r.refs }, r.hasher);
    }

    const fn = this.getCalledFunction(call);
    if (fn) {
      const returned = substitute(
        this.getReturnValue(fn),
        fn,
        (i) => this.getArgumentValue(call, i, fn),
        (i) => !!call.arguments[i] && this.isConstant(call.arguments[i]),
      );
      return this.withGetterHeuristic(call, callee, union(returned, this.getDeclaredReturnValue(fn, call)));
    }
    // TypeScript's own lib is modelled above; a package's API may also return tagged types
    // (`db.user.findFirst()` → `Promise<User>`), which only the call's type tells.
    const modelled = this.evaluateLibraryCall(call, callee);
    if (this.isDeclaredInLib(call)) return modelled;
    return this.withGetterHeuristic(call, callee, union(modelled, this.getCallTypeValue(call)));
  }

  /** `getPassword()`, `client.getApiKey()`: a call named for the personal data it returns. */
  private withGetterHeuristic(call: TS.CallExpression, callee: TS.Expression, value: Value): Value {
    const ts = this.ts;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const category = name && this.names.getGetterCategory(name);
    if (!category) return value;
    return this.withHeuristic(name, value, call, category);
  }

  /** A value of type any or unknown (untyped JavaScript, a request body, parsed JSON). */
  private isUntyped(node: TS.Expression): boolean {
    try {
      return !!(this.checker.getTypeAtLocation(node).flags & (this.ts.TypeFlags.Any | this.ts.TypeFlags.Unknown));
    } catch {
      return false;
    }
  }

  /**
   * Sources in a project function's annotated return type (`(): Promise<Email>`). Without an
   * annotation the summary of its returns says it all, and the checker need not infer the type.
   */
  private getDeclaredReturnValue(fn: TS.SignatureDeclaration, call: TS.CallExpression): Value {
    const ts = this.ts;
    const typeNode = getDeclaredReturnTypeNode(ts, fn);
    if (!typeNode) return EMPTY;
    // `@template T` is how JavaScript declares type parameters.
    const isGeneric =
      (fn.typeParameters && fn.typeParameters.length > 0) ||
      ((fn.flags & ts.NodeFlags.JavaScriptFile) !== 0 && ts.getJSDocTags(fn).some((t) => ts.isJSDocTemplateTag(t)));
    if (isGeneric) return this.getCallTypeValue(call);
    let type: TS.Type;
    try {
      type = this.checker.getTypeFromTypeNode(typeNode);
    } catch {
      return EMPTY;
    }
    const sources = this.findSources(type, call).filter((s) => s.origin !== 'heuristic');
    return this.fromSources(sources, fn);
  }

  private getCallTypeValue(call: TS.CallExpression): Value {
    const v = this.getTypeValue(call);
    return { labels: v.labels.filter((l) => l.origin !== 'heuristic'), refs: [] };
  }

  /** Models of the standard library; other library calls pass data through only to primitives. */
  private evaluateLibraryCall(call: TS.CallExpression, callee: TS.Expression): Value {
    const ts = this.ts;
    const args = call.arguments;
    const arg = (i: number): Value => (args[i] ? this.evaluate(args[i]) : EMPTY);
    const allArgs = (): Value => unionAll(args.map((a) => this.evaluate(a)));
    if (ts.isIdentifier(callee)) {
      const flows = getGlobalRow(callee.text)?.call;
      if (flows) return this.applyFlows(flows, call);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = callee.expression;
      // Object.values(user), JSON.stringify(v), Promise.all(ps)
      const staticRow = ts.isIdentifier(receiver) ? getStaticRow(receiver.text, method) : undefined;
      if (staticRow) return this.applyFlows(staticRow.returns, call, receiver);
      const parsed = this.evaluateSchemaParse(call, method, arg);
      if (parsed) return parsed;
      const recv = (): Value => this.evaluate(receiver);
      if ((method === 'pop' || (method === 'at' && isMinusOne(ts, args[0]))) && this.isSplitAtSign(receiver))
        return this.getEmailDomain(receiver);
      if ((method === 'slice' || method === 'substring' || method === 'substr') && this.isAfterAtSign(args[0]))
        return this.getEmailDomain(receiver);
      // A fluent builder (`new Identify().set('email', e)`, `new Map().set(k, v)`): the result is the
      // receiver with the arguments in it.
      if (this.returnsReceiver(call, receiver)) return union(recv(), prefix(allArgs(), ELEMENT));
      // The method's row: `users.find(…)`, `email.split('@')`, `users.map(u => u.email)`.
      const row = getMethodRow(method);
      const returns = row?.returnsWithoutCallback && !this.getCallback(call) ? row.returnsWithoutCallback : row?.returns;
      // `form.get('email')`, `headers.get('x-forwarded-for')`: what the container holds under that name too.
      const key = this.options.requests?.getKeyedRead(call);
      const keyed = key === undefined ? EMPTY : selectProperty(recv(), key);
      if (returns && !(row?.untypedOnly && !this.isUntyped(receiver))) return union(this.applyFlows(returns, call, receiver), keyed);
      // Standard library methods: what goes in comes out (`encoder.encode(x)`, `s.concat(x)`).
      if (this.isDeclaredInLib(call)) return this.returnsData(call) ? flatten(union(recv(), allArgs())) : EMPTY;
      if (this.returnsPrimitive(call)) return flatten(union(recv(), allArgs()));
      return EMPTY;
    }
    if (this.returnsPrimitive(call)) return flatten(allArgs());
    return EMPTY;
  }

  /** What the flows of a standard-library row carry at a call (`receiver`: what the method is called on). */
  private applyFlows(flows: readonly Flow[], call: TS.CallExpression | TS.NewExpression, receiver?: TS.Expression): Value {
    return union(
      ...flows.map((flow) => {
        let v = this.getInput(flow.from, call, receiver);
        if (flow.select) v = select(v, ELEMENT);
        if (flow.flatten) v = flatten(v);
        if (flow.prefix) v = prefix(v, ELEMENT);
        return v;
      }),
    );
  }

  private getInput(input: Input, call: TS.CallExpression | TS.NewExpression, receiver: TS.Expression | undefined): Value {
    const ts = this.ts;
    const args = call.arguments ?? ts.factory.createNodeArray();
    const recv = (): Value => (receiver ? this.evaluate(receiver) : EMPTY);
    const all = (): Value => unionAll(args.map((a) => this.evaluate(a)));
    switch (input) {
      case 'receiver':
        return recv();
      case 'arguments':
        return all();
      case 'receiver and arguments':
        return union(recv(), all());
      case 'arguments as elements':
        return unionAll(args.map((a) => (ts.isSpreadElement(a) ? this.evaluate(a.expression) : prefix(this.evaluate(a), ELEMENT))));
      case 'argument 0':
        return args[0] ? this.evaluate(args[0]) : EMPTY;
      case 'argument 1':
        return args[1] ? this.evaluate(args[1]) : EMPTY;
      case 'callback return': {
        const callback = this.getCallback(call);
        return callback ? this.getReturnValue(callback) : EMPTY;
      }
    }
  }

  /** The function written at argument 0 (`users.map(u => …)`). */
  private getCallback(call: TS.CallExpression | TS.NewExpression): TS.ArrowFunction | TS.FunctionExpression | undefined {
    const ts = this.ts;
    const first = call.arguments?.[0];
    return first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first)) ? first : undefined;
  }

  /**
   * A schema library's validation (`Signup.parse(body)`, `Email.safeParse(x).data`): what goes in
   * comes out, with the schema's type on top (added by the caller from the call's type).
   */
  private evaluateSchemaParse(call: TS.CallExpression, method: string, arg: (i: number) => Value): Value | undefined {
    const shape = SCHEMA_PARSE_METHODS[method];
    if (!shape) return undefined;
    let declaration: TS.Node | undefined;
    try {
      declaration = this.checker.getSymbolAtLocation((skipOuter(this.ts, call.expression) as TS.PropertyAccessExpression).name)
        ?.declarations?.[0];
    } catch {
      return undefined;
    }
    const pkg = declaration && getPackageName(declaration.getSourceFile().fileName);
    if (!pkg || !SCHEMA_PACKAGES.has(pkg)) return undefined;
    const input = arg(0);
    return shape === 'result' ? prefix(input, 'data') : input;
  }

  private evaluateNew(node: TS.NewExpression): Value {
    const ts = this.ts;
    const hasher = this.options.classifier.getHasher(node);
    if (hasher) return { labels: [], refs: [], hasher };
    const callee = skipOuter(ts, node.expression);
    // new Set(xs), new URL(href), new Error(message)
    const flows = ts.isIdentifier(callee) ? getGlobalRow(callee.text)?.construct : undefined;
    if (flows) return this.applyFlows(flows, node);
    const cls = this.getProjectClass(callee);
    if (cls) return union(this.evaluateProjectInstance(node, this.getCalledFunction(node), cls), this.getTypeValue(node));
    return this.getTypeValue(node);
  }

  /** The class a `new` expression instantiates, when the project declares it. */
  private getProjectClass(callee: TS.Expression): TS.ClassLikeDeclaration | undefined {
    const ts = this.ts;
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    if (!nameNode) return undefined;
    let symbol = this.checker.getSymbolAtLocation(nameNode);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !ts.isClassLike(declaration) || !this.options.isProjectFile(declaration.getSourceFile())) return undefined;
    return declaration;
  }

  /** Declared in TypeScript's lib or @types/node (by the callee's symbol: no call resolution). */
  private isDeclaredInLib(call: TS.CallExpression): boolean {
    return this.libMemo.getOrCompute(call, () => this.findIsDeclaredInLib(call));
  }

  private findIsDeclaredInLib(call: TS.CallExpression): boolean {
    const ts = this.ts;
    let result = false;
    try {
      const callee = skipOuter(ts, call.expression);
      const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
      let symbol = nameNode && this.checker.getSymbolAtLocation(nameNode);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
      const declarations = symbol?.declarations ?? [];
      result = declarations.length > 0 && declarations.every((d) => isLibFile(d.getSourceFile().fileName));
    } catch {
      result = false;
    }
    return result;
  }

  /** A method that returns its receiver's object type (or a type the receiver is), as builders do. */
  private returnsReceiver(call: TS.CallExpression, receiver: TS.Expression): boolean {
    if (call.arguments.length === 0) return false;
    try {
      const result = this.checker.getTypeAtLocation(call);
      if (!(result.flags & this.ts.TypeFlags.Object) || result.getCallSignatures().length > 0) return false;
      const own = this.checker.getTypeAtLocation(receiver);
      return own === result || this.checker.isTypeAssignableTo(own, result);
    } catch {
      return false;
    }
  }

  private returnsData(call: TS.CallExpression): boolean {
    try {
      return isDataLike(this.ts, this.checker.getTypeAtLocation(call));
    } catch {
      return true;
    }
  }

  /** A call whose result is a string, number or bigint (or an array or union of them). */
  private returnsPrimitive(call: TS.CallExpression): boolean {
    const ts = this.ts;
    let type: TS.Type;
    try {
      type = this.checker.getTypeAtLocation(call);
    } catch {
      return false;
    }
    const isPrimitive = (t: TS.Type): boolean => {
      if (t.flags & ts.TypeFlags.Union)
        return (t as TS.UnionType).types.every((m) => isPrimitive(m) || !!(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return true;
      if (this.checker.isArrayType(t)) return isPrimitive(this.checker.getTypeArguments(t as TS.TypeReference)[0]);
      return false;
    };
    return isPrimitive(type);
  }
}

/* ---------- helpers on values ---------- */

/** `v[key]` with a key known only at run time: any property of `v`. */
function selectAny(v: Value): Value {
  if (!hasData(v)) return EMPTY;
  return {
    labels: v.labels.map((l) => (l.path.length === 0 ? withoutExcept(l) : { ...l, path: l.path.slice(1) })),
    refs: v.refs.map((r) => (r.at.length === 0 ? { ...r, from: [...r.from, ELEMENT] } : { ...r, at: r.at.slice(1) })),
  };
}

function getAccessSegment(ts: TypeScript, node: TS.PropertyAccessExpression | TS.ElementAccessExpression): string {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const arg = node.argumentExpression;
  return ts.isStringLiteralLike(arg) ? arg.text : ELEMENT;
}
