/**
 * Request data as a source (config `sources` entries `{ request, property?, category }`): values
 * that come into the process untyped, from the request a route handler is given. Found by the
 * declarations the frameworks' own types give them, never by variable names:
 * - NestJS: parameters decorated with `@Body()`, `@Query()`, `@Param()`, `@Headers()` of
 *   `@nestjs/common`, as a whole or one property of the part (`@Body('email')`);
 * - express (`Request` of @types/express), Fastify (`FastifyRequest`), Next.js pages
 *   (`NextApiRequest`), and NestJS's untyped `@Req() req` and `context.switchToHttp().getRequest()`:
 *   the request's `body`, `query`, `params`, `headers`, `cookies`, read as `req.body` or
 *   destructured (`const { body } = req`), and express's `req.get(name)` / `req.header(name)`;
 * - the Web `Request` (Next.js route handlers, `NextRequest`): `json()`, `formData()`, `text()`
 *   (the body), `headers`, a NextRequest's `cookies` and `nextUrl.searchParams` (the query);
 *   `FormData`, `Headers`, `URLSearchParams` and `RequestCookies` are read by key (`get('email')`).
 * Without `property` an entry tags the whole part (every property reached from it); with it, that
 * property of the part. The evaluator (core/taint/evaluate.ts) asks at its leaves and turns the
 * answers into labels; `piiguard sources` (core/tagging.ts) lists the same places, and an entry
 * whose part no request of the program reads is `piiguard/unused-source` (core/config-usage.ts).
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import type { RequestSourceSpec, SourceSpec } from './config/types.js';
import { getPackageName } from './packages.js';
import { forEachDescendant } from './syntax.js';

export type RequestPart = RequestSourceSpec['request'];

/** Where a value comes from: a part of the request, or one property of it (`@Body('email')`, `form.get('email')`). */
export interface RequestOrigin {
  part: RequestPart;
  key?: string;
}

/** What a request origin carries by the config: personal data of `category` at `path` inside the value. */
export interface RequestSource {
  category: string;
  path: string[];
  /** The entry's position in the written `sources` array (`sources[2]`). */
  index: number;
}

const PARTS: ReadonlySet<string> = new Set<RequestPart>(['body', 'query', 'params', 'headers', 'cookies']);
/** NestJS's parameter decorators and the part each gives. */
const NEST_DECORATORS: Readonly<Record<string, RequestPart>> = { Body: 'body', Query: 'query', Param: 'params', Headers: 'headers' };
/** NestJS's decorators of the whole request (`@Req() req`, typed or not). */
const NEST_REQUEST_DECORATORS = new Set(['Req', 'Request']);
/** Locals followed back to what they were made from (`const request = context.switchToHttp().getRequest()`). */
const MAX_LOCAL_DEPTH = 3;
/** The Web `Request`'s body readers. */
const BODY_READERS = new Set(['json', 'formData', 'text']);
/** Keyed containers of request data, read with `get(name)` / `getAll(name)` (`RequestCookies`: a NextRequest's `cookies`). */
const KEYED_CONTAINERS = new Set(['FormData', 'Headers', 'URLSearchParams', 'RequestCookies']);
/** Packages whose request types are a server framework's request (`Request`, `FastifyRequest`, `NextApiRequest`). */
const FRAMEWORK_REQUESTS: Readonly<Record<string, readonly string[]>> = {
  Request: ['express-serve-static-core', 'express'],
  FastifyRequest: ['fastify'],
  NextApiRequest: ['next'],
};
/** The Web `Request`: TypeScript's DOM lib, Node's (undici's) global, Next.js's `NextRequest`. */
const WEB_REQUESTS: Readonly<Record<string, readonly string[]>> = {
  Request: ['typescript', 'undici-types', 'node'],
  NextRequest: ['next'],
};
/** Base types are followed this deep (`NextRequest` → `Request`, an app's `AuthedRequest extends Request`). */
const MAX_BASE_DEPTH = 4;

type RequestKind = 'framework' | 'web';

/** Finds request data in a program for the config's `request` sources (one per program, answers cached per type). */
export class RequestSources {
  private readonly specs: Array<{ spec: RequestSourceSpec; index: number }> = [];
  private readonly kinds = new Map<TS.Type, RequestKind | null>();

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    sources: readonly SourceSpec[],
  ) {
    sources.forEach((spec, index) => {
      if ('request' in spec) this.specs.push({ spec, index });
    });
  }

  /** Whether the config has request sources (else nothing here is asked). */
  get isEnabled(): boolean {
    return this.specs.length > 0;
  }

  /**
   * What the config tags in a value from `origin`: the whole part or its `property` (at that path),
   * or, for one property of the part, the value itself when the entry names that property or none.
   */
  getSources(origin: RequestOrigin): RequestSource[] {
    const out: RequestSource[] = [];
    for (const { spec, index } of this.specs) {
      if (spec.request !== origin.part) continue;
      const property = spec.property === undefined ? undefined : normalizeKey(origin.part, spec.property);
      if (origin.key === undefined) out.push({ category: spec.category, path: property === undefined ? [] : [property], index });
      else if (property === undefined || property === normalizeKey(origin.part, origin.key))
        out.push({ category: spec.category, path: [], index });
    }
    return out;
  }

  /** Where request data comes in at `node`, if it does: a decorated parameter, a part read or destructured, a body read. */
  findOrigin(node: TS.Node): RequestOrigin | undefined {
    const ts = this.ts;
    if (!this.isEnabled) return undefined;
    if (ts.isParameter(node)) return this.findParameterOrigin(node);
    if (ts.isPropertyAccessExpression(node)) return this.findPropertyOrigin(node.expression, node.name.text);
    if (ts.isBindingElement(node)) return this.findBindingOrigin(node);
    if (ts.isCallExpression(node)) return this.findCallOrigin(node);
    return undefined;
  }

  /**
   * The entries (by position in `sources`) whose part no request of `files` reads: a program on
   * a framework piiguard does not know, or one that never reads that part, gets nothing from them.
   */
  findUnusedEntries(files: readonly TS.SourceFile[]): Array<{ spec: RequestSourceSpec; index: number }> {
    const unread = new Set(this.specs.map((s) => s.spec.request));
    // Iterative, as every whole-file walk is (core/syntax.ts): deep nesting cannot overflow the stack.
    const visit = (node: TS.Node): boolean => {
      const origin = this.findOrigin(node);
      if (origin) unread.delete(origin.part);
      return unread.size > 0;
    };
    for (const file of files) {
      if (unread.size === 0) break;
      forEachDescendant(this.ts, file, visit);
    }
    return this.specs.filter((s) => unread.has(s.spec.request));
  }

  /** `@Body() body: SignupDto`, `@Body('email') email: string`, `@Headers('x-forwarded-for') ip`: a NestJS request parameter. */
  findParameterOrigin(param: TS.ParameterDeclaration): RequestOrigin | undefined {
    const ts = this.ts;
    if (!this.isEnabled) return undefined;
    for (const decorator of ts.getDecorators(param) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) continue;
      const callee = call.expression;
      const name = getCalleeName(ts, callee);
      const part = name === undefined ? undefined : NEST_DECORATORS[name];
      if (!part || !this.isDeclaredIn(callee, ['@nestjs/common'])) continue;
      const first = call.arguments[0];
      return first && ts.isStringLiteralLike(first) ? { part, key: first.text } : { part };
    }
    return undefined;
  }

  /**
   * Whether an expression is a server framework's request: by its type (express's `Request`,
   * `FastifyRequest`, `NextApiRequest`), or, untyped, by where NestJS hands it out: a parameter
   * decorated `@Req()` or `@Request()`, `context.switchToHttp().getRequest()`, and the locals
   * made from them.
   */
  private isFrameworkRequest(node: TS.Expression, depth = 0): boolean {
    const ts = this.ts;
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node))
      node = node.expression;
    if (this.getRequestKind(this.getType(node)) === 'framework') return true;
    if (ts.isCallExpression(node)) {
      return getCalleeName(ts, node.expression) === 'getRequest' && this.isDeclaredIn(node.expression, ['@nestjs/common']);
    }
    if (!ts.isIdentifier(node) || depth >= MAX_LOCAL_DEPTH) return false;
    let declaration: TS.Declaration | undefined;
    try {
      declaration = this.checker.getSymbolAtLocation(node)?.valueDeclaration;
    } catch {
      return false;
    }
    if (!declaration) return false;
    if (ts.isParameter(declaration)) return this.isNestRequestParameter(declaration);
    return (
      ts.isVariableDeclaration(declaration) &&
      ts.isIdentifier(declaration.name) &&
      !!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) &&
      !!declaration.initializer &&
      this.isFrameworkRequest(declaration.initializer, depth + 1)
    );
  }

  /** `@Req() req`, `@Request() request` of @nestjs/common. */
  private isNestRequestParameter(param: TS.ParameterDeclaration): boolean {
    const ts = this.ts;
    return (ts.getDecorators(param) ?? []).some((decorator) => {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) return false;
      const name = getCalleeName(ts, call.expression);
      return !!name && NEST_REQUEST_DECORATORS.has(name) && this.isDeclaredIn(call.expression, ['@nestjs/common']);
    });
  }

  /** `req.body`, `request.query`, `request.headers` (of a Web `Request` too): the part of a request `object` is. */
  findPropertyOrigin(object: TS.Expression, name: string): RequestOrigin | undefined {
    if (!this.isEnabled) return undefined;
    // `request.nextUrl.searchParams` of a NextRequest: the query.
    if (name === 'searchParams') return this.isDeclaredBy(this.getType(object)?.getSymbol(), ['next']) ? { part: 'query' } : undefined;
    if (!PARTS.has(name)) return undefined;
    if (this.isFrameworkRequest(object)) return { part: name as RequestPart };
    // A Web `Request`'s `headers`, a NextRequest's `cookies`.
    if ((name === 'headers' || name === 'cookies') && this.getRequestKind(this.getType(object)) === 'web') return { part: name };
    return undefined;
  }

  /** `const { body, query } = req`: the part a name of an object pattern binds, when the pattern destructures a request. */
  findBindingOrigin(element: TS.BindingElement): RequestOrigin | undefined {
    const ts = this.ts;
    if (!this.isEnabled || element.dotDotDotToken || !ts.isObjectBindingPattern(element.parent)) return undefined;
    const name = element.propertyName ?? element.name;
    if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return undefined;
    if (!PARTS.has(name.text)) return undefined;
    const part = name.text as RequestPart;
    const holder = element.parent.parent;
    // `const { body } = context.switchToHttp().getRequest()`, `handle(@Req() { body })`.
    if (ts.isVariableDeclaration(holder) && holder.initializer && this.isFrameworkRequest(holder.initializer)) return { part };
    if (ts.isParameter(holder) && this.isNestRequestParameter(holder)) return { part };
    const kind = this.getRequestKind(this.getType(element.parent));
    if (kind === 'framework' || (kind === 'web' && part === 'headers')) return { part };
    return undefined;
  }

  /** `await request.json()`, `request.formData()`, `request.text()` of a Web `Request`: the body. */
  findCallOrigin(call: TS.CallExpression): RequestOrigin | undefined {
    const ts = this.ts;
    if (!this.isEnabled) return undefined;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    // express's `req.get('x-forwarded-for')` / `req.header(…)`: one header.
    if (method === 'get' || method === 'header') {
      const key = call.arguments[0];
      return key && ts.isStringLiteralLike(key) && this.isFrameworkRequest(callee.expression)
        ? { part: 'headers', key: key.text }
        : undefined;
    }
    if (!BODY_READERS.has(method)) return undefined;
    return this.getRequestKind(this.getType(callee.expression)) === 'web' ? { part: 'body' } : undefined;
  }

  /**
   * `form.get('email')`, `headers.get('x-forwarded-for')`, `params.getAll('tag')` on the lib's
   * `FormData`, `Headers` or `URLSearchParams`: the key read (lower-cased for `Headers`, which
   * ignore case), so the part of the container under that name is what comes out.
   */
  getKeyedRead(call: TS.CallExpression): string | undefined {
    const ts = this.ts;
    if (!this.isEnabled) return undefined;
    const callee = call.expression;
    const key = call.arguments[0];
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'get' && callee.name.text !== 'getAll')) return undefined;
    if (!key || !ts.isStringLiteralLike(key)) return undefined;
    const symbol = this.getType(callee.expression)?.getSymbol();
    const name = symbol?.getName();
    const packages = name === 'RequestCookies' ? ['next'] : ['typescript', 'undici-types', 'node'];
    if (!name || !KEYED_CONTAINERS.has(name) || !this.isDeclaredBy(symbol, packages)) return undefined;
    return name === 'Headers' ? key.text.toLowerCase() : key.text;
  }

  private getType(node: TS.Node): TS.Type | undefined {
    try {
      return this.checker.getTypeAtLocation(node);
    } catch {
      return undefined;
    }
  }

  /** Whether a type is a framework's request or a Web `Request` (or extends one). */
  private getRequestKind(type: TS.Type | undefined): RequestKind | undefined {
    if (!type) return undefined;
    const ts = this.ts;
    const cached = this.kinds.get(type);
    if (cached !== undefined) return cached ?? undefined;
    this.kinds.set(type, null);
    let kind: RequestKind | undefined;
    try {
      const apparent = this.checker.getApparentType(this.checker.getNonNullableType(type));
      const members = apparent.flags & ts.TypeFlags.Intersection ? (apparent as TS.IntersectionType).types : [apparent];
      for (const member of members) {
        kind = this.getKindOf(member, 0);
        if (kind) break;
      }
    } catch {
      kind = undefined;
    }
    this.kinds.set(type, kind ?? null);
    return kind;
  }

  private getKindOf(type: TS.Type, depth: number): RequestKind | undefined {
    const ts = this.ts;
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    if (symbol) {
      const name = symbol.getName();
      if (FRAMEWORK_REQUESTS[name] && this.isDeclaredBy(symbol, FRAMEWORK_REQUESTS[name])) return 'framework';
      if (WEB_REQUESTS[name] && this.isDeclaredBy(symbol, WEB_REQUESTS[name])) return 'web';
    }
    if (depth >= MAX_BASE_DEPTH || !(type.flags & ts.TypeFlags.Object)) return undefined;
    const objectType = type as TS.ObjectType;
    const target = objectType.objectFlags & ts.ObjectFlags.Reference ? (objectType as TS.TypeReference).target : objectType;
    if (!(target.objectFlags & (ts.ObjectFlags.Interface | ts.ObjectFlags.Class))) return undefined;
    for (const base of this.checker.getBaseTypes(target as TS.InterfaceType)) {
      const kind = this.getKindOf(base, depth + 1);
      if (kind) return kind;
    }
    return undefined;
  }

  /** Whether a symbol has a declaration in one of `packages` (`typescript`: TypeScript's lib files). */
  private isDeclaredBy(symbol: TS.Symbol | undefined, packages: readonly string[]): boolean {
    return (symbol?.declarations ?? []).some((d) => {
      const name = getPackageName(d.getSourceFile().fileName);
      return name !== undefined && packages.includes(name);
    });
  }

  /** Whether an expression (a decorator's callee) resolves to a declaration of one of `packages`. */
  private isDeclaredIn(node: TS.Expression, packages: readonly string[]): boolean {
    const ts = this.ts;
    let symbol: TS.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    } catch {
      return false;
    }
    return this.isDeclaredBy(symbol, packages);
  }
}

function getCalleeName(ts: TypeScript, callee: TS.Expression): string | undefined {
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Header names ignore case (Node lower-cases them): `X-Forwarded-For` names `x-forwarded-for`. */
function normalizeKey(part: RequestPart, key: string): string {
  return part === 'headers' ? key.toLowerCase() : key;
}
