/**
 * What piiguard knows about calls: the sink packs and user sinks (is this call a sink?), the
 * sanitizers of piiguard/runtime, node:crypto and the config (which form does it produce?), and
 * config sources by function result. One place that every front end asks.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import type { PiiguardConfig, SinkSpec } from './config/types.js';
import type { Form } from './taxonomy.js';
import type { EventPosition, SinkCall, SinkPack } from './sinks/types.js';
import {
  type CallArguments,
  findSinkCall,
  getCalleeIdentity,
  getFunctionIdentity,
  getFunctionName,
  getSinkNames,
  matchesSpecifier,
  type CalleeIdentity,
  type DeclarationMemo,
} from './callee.js';
import { getPackageName, resolveConfigModule } from './packages.js';
import { skipOuter } from './syntax.js';
import type { CallClassifier } from './taint/evaluate.js';

/** A call that sends data out, with where its event name is. */
export interface SinkMatch {
  sinkId: string;
  /** Which arguments carry data (every one for the built-in packs). */
  dataArgs: number[] | 'all';
  event?: EventPosition;
  /** Human name of what was called (`posthog.capture`), for traces. */
  display: string;
}

/** The runtime wrappers (SPEC §3, §11) and the arguments whose data they sanitize. */
const RUNTIME_SANITIZERS: Record<string, { form: Exclude<Form, 'raw'>; args: number[] }> = {
  pseudonymize: { form: 'pseudonymized', args: [0] },
  truncateIp: { form: 'generalized', args: [0] },
  coarsenLocation: { form: 'generalized', args: [0, 1] },
  ageBand: { form: 'generalized', args: [0] },
  postalPrefix: { form: 'generalized', args: [0] },
  binTime: { form: 'binned', args: [0] },
  randomizedResponse: { form: 'noised', args: [0] },
  laplaceNoise: { form: 'noised', args: [0] },
  redact: { form: 'redacted', args: [0] },
};

const RUNTIME_MODULE = 'piiguard/runtime';

export class Catalog implements CallClassifier {
  private readonly packs: readonly SinkPack[];
  private readonly sinkNames: Set<string>;
  private readonly userSinkNames = new Map<string, SinkSpec[]>();
  private readonly sanitizerNames: Set<string>;
  private readonly sourceCallNames: Set<string>;
  /** Names that only `global` calls have (`push` of `dataLayer.push`), with those globals. */
  private readonly globalOnlyNames = new Map<string, Set<string>>();
  /** Globals that are called themselves (`plausible(…)`, `window.Intercom(…)`). */
  private readonly callableGlobalNames: Set<string>;
  private readonly identityMemo = new Map<TS.Node, CalleeIdentity | null>();
  private readonly boundIdentityMemo = new Map<TS.Node, CalleeIdentity | null>();
  private readonly declarationMemo: DeclarationMemo = new Map();
  private readonly moduleExportsMemo = new Map<string, Map<string, TS.Symbol> | null>();

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    private readonly config: PiiguardConfig,
    private readonly configDir: string,
    packs: readonly SinkPack[],
    private readonly program?: TS.Program,
  ) {
    this.packs = packs;
    this.sinkNames = getSinkNames(packs);
    const allCalls = packs.flatMap((pack) => pack.calls);
    for (const call of allCalls) {
      if (!call.global || allCalls.some((other) => other.name === call.name && !other.global)) continue;
      const globals = this.globalOnlyNames.get(call.name) ?? new Set();
      globals.add(call.global);
      this.globalOnlyNames.set(call.name, globals);
    }
    this.callableGlobalNames = new Set(this.packsWithCallables.flatMap((pack) => pack.globals ?? []));
    for (const sink of config.sinks) {
      const name = lastSegment(sink.call);
      const list = this.userSinkNames.get(name) ?? [];
      list.push(sink);
      this.userSinkNames.set(name, list);
    }
    this.sanitizerNames = new Set([...Object.keys(RUNTIME_SANITIZERS), ...config.sanitizers.map((s) => lastSegment(s.call))]);
    this.sourceCallNames = new Set(
      config.sources.filter((s): s is Extract<typeof s, { call: string }> => 'call' in s).map((s) => lastSegment(s.call)),
    );
  }

  /** Whether a callee name can be a sink at all: the cheap filter before the checker is asked. */
  isCandidateName(name: string): boolean {
    return (
      (name !== '()' && this.sinkNames.has(name)) ||
      this.userSinkNames.has(name) ||
      this.callableGlobalNames.has(name) ||
      FORWARDING_NAMES.has(name)
    );
  }

  /** Globals that are sinks when called or called on (`gtag(…)`, `console.log(…)`). */
  get packsWithCallables(): SinkPack[] {
    return this.packs.flatMap((pack) => {
      const callables = pack.calls.filter((c) => c.name === '()');
      if (callables.length === 0) return [];
      // Only the packages a callable is declared in: a file importing `@nestjs/common` calls no
      // logger value, one importing `debug` may (`const log = createDebug('app'); log(…)`).
      if (callables.some((c) => !c.package)) return [pack];
      const packages = callables.flatMap((c) => (typeof c.package === 'string' ? [c.package] : (c.package ?? [])));
      return [{ ...pack, packages, importFallback: [] }];
    });
  }

  /** The callee's identity; for `fn.call(self, …)` and `fn.apply(self, args)`, `target` is `fn`. */
  private getIdentity(call: TS.CallExpression | TS.NewExpression, target?: TS.Expression): CalleeIdentity | undefined {
    const memo = target ? this.boundIdentityMemo : this.identityMemo;
    let cached = memo.get(call);
    if (cached === undefined) {
      try {
        cached = getCalleeIdentity(this.ts, this.checker, call, this.declarationMemo, target) ?? null;
      } catch {
        cached = null;
      }
      memo.set(call, cached);
    }
    return cached ?? undefined;
  }

  /** The sink this call is, if any: a built-in pack call or a user sink from the config. */
  getSink(call: TS.CallExpression): SinkMatch | undefined {
    const ts = this.ts;
    const forwarded = getForwardedCall(ts, call);
    const target = forwarded?.target;
    const name = target ? getExpressionName(ts, target) : (getCalleeName(ts, call) ?? (isCallOfResult(ts, call) ? '()' : undefined));
    if (name === undefined) return undefined;
    if (forwarded && !this.sinkNames.has(name) && !this.userSinkNames.has(name) && !this.callableGlobalNames.has(name)) return undefined;
    const onlyOn = this.globalOnlyNames.get(name);
    if (onlyOn && !this.userSinkNames.has(name) && !onlyOn.has(getGlobalName(ts, target ?? call.expression) ?? '')) return undefined;
    const user = this.userSinkNames.get(name) ?? (forwarded ? undefined : this.userSinkNames.get(this.getImportedName(call) ?? ''));
    if (user) {
      const identity = this.getIdentity(call, target);
      if (identity) {
        for (const spec of user) {
          if (matchesSpecifier(identity, spec, this.configDir) || this.isExportCallOf(call, spec)) {
            return {
              sinkId: spec.id,
              dataArgs: forwarded ? shiftArgs(spec.payload ?? 'all', forwarded) : (spec.payload ?? 'all'),
              event: forwarded ? shiftEvent(spec.event, forwarded) : spec.event,
              display: `${spec.id}.${spec.call}`,
            };
          }
        }
      }
    }
    const identity = this.getIdentity(call, target);
    if (!identity) return undefined;
    const found = findSinkCall(this.packs, identity, call, ts, forwarded ? forwarded.args : call.arguments, target);
    if (!found) return undefined;
    return {
      sinkId: found.pack.id,
      dataArgs: 'all',
      event: forwarded ? shiftEvent(found.call.event, forwarded) : found.call.event,
      display: describeCall(found.pack, found.call),
    };
  }

  getSanitizer(call: TS.CallExpression): { form: Form; args: number[] } | undefined {
    const name = this.getKnownName(call, this.sanitizerNames);
    if (!name) return undefined;
    const runtime = RUNTIME_SANITIZERS[name];
    if (runtime && this.isRuntimeCall(call, name)) return runtime;
    const identity = this.getIdentity(call);
    if (!identity) return undefined;
    for (const spec of this.config.sanitizers) {
      if (lastSegment(spec.call) === name && matchesSpecifier(identity, spec, this.configDir)) {
        return { form: spec.form, args: call.arguments.map((_, i) => i) };
      }
    }
    return undefined;
  }

  /**
   * Whether a function is itself a sanitizer: one the config declares (`sanitizers`), or a
   * piiguard/runtime wrapper. Inside one, turning a tagged value into plain data is the job.
   */
  isSanitizerFunction(fn: TS.SignatureDeclaration): boolean {
    const name = getFunctionName(this.ts, fn);
    if (!name || !this.sanitizerNames.has(name)) return false;
    if (RUNTIME_SANITIZERS[name] && getPackageName(fn.getSourceFile().fileName) === 'piiguard') return true;
    const identity = getFunctionIdentity(this.ts, fn);
    return (
      !!identity &&
      this.config.sanitizers.some((spec) => lastSegment(spec.call) === name && matchesSpecifier(identity, spec, this.configDir))
    );
  }

  getSourceCategory(call: TS.CallExpression): string | undefined {
    const name = this.getKnownName(call, this.sourceCallNames);
    if (!name) return undefined;
    const identity = this.getIdentity(call);
    if (!identity) return undefined;
    for (const spec of this.config.sources) {
      if ('call' in spec && lastSegment(spec.call) === name && matchesSpecifier(identity, spec, this.configDir)) return spec.category;
    }
    return undefined;
  }

  getHasher(call: TS.CallExpression | TS.NewExpression): Form | undefined {
    const name = getCalleeName(this.ts, call);
    if (name !== 'createHash' && name !== 'createHmac') return undefined;
    const file = this.getDeclarationFile(call);
    if (!file || !/[\\/]@types[\\/]node[\\/](crypto|ts[^\\/]*[\\/]crypto)\.d\.ts$/.test(file)) return undefined;
    return name === 'createHmac' ? 'pseudonymized' : 'hashed';
  }

  isSubtleDigest(call: TS.CallExpression): boolean {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'digest') return false;
    const symbol = this.checker.getSymbolAtLocation(callee.name);
    const parent = symbol?.declarations?.[0]?.parent;
    return !!parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name?.text === 'SubtleCrypto';
  }

  private getDeclarationFile(call: TS.CallExpression | TS.NewExpression): string | undefined {
    try {
      return this.checker.getResolvedSignature(call)?.declaration?.getSourceFile().fileName;
    } catch {
      return undefined;
    }
  }

  /**
   * The name a call is known by in `names`: its callee's name, or for `import { pseudonymize as p }`
   * and `p(…)`, the name it is exported by.
   */
  private getKnownName(call: TS.CallExpression, names: ReadonlySet<string>): string | undefined {
    const name = getCalleeName(this.ts, call);
    if (name === undefined) return undefined;
    if (names.has(name)) return name;
    const imported = this.getImportedName(call);
    return imported !== undefined && names.has(imported) ? imported : undefined;
  }

  /**
   * Whether a call is the function a config entry (a source, sink or sanitizer) names: called by
   * the entry's last segment (or imported under another name) and matching its `module` and `call`.
   */
  isCallOf(call: TS.CallExpression, spec: { module: string; call: string }): boolean {
    const name = lastSegment(spec.call);
    if (getCalleeName(this.ts, call) !== name && this.getImportedName(call) !== name) return false;
    const identity = this.getIdentity(call);
    return (!!identity && matchesSpecifier(identity, spec, this.configDir)) || this.isExportCallOf(call, spec);
  }

  /**
   * Whether a call reaches what `spec.module` exports, by symbol: the module resolved as the
   * program resolves imports (tsconfig `paths`, a barrel `index.ts`, a package's re-exports), so
   * `import { track } from '../lib/analytics/track'` is `@/lib/analytics`'s `track`. Two shapes:
   * the export path from an export (`track`, `analytics.track`), and a method of a value an export
   * made (`const client = createClient(); client.send(…)` is `send` of the module).
   */
  private isExportCallOf(call: TS.CallExpression, spec: { module: string; call: string }): boolean {
    const ts = this.ts;
    const exports = this.getModuleExports(spec.module);
    if (!exports) return false;
    const callee = skipOuter(ts, call.expression);
    const members: string[] = [];
    let node: TS.Expression = callee;
    while (ts.isPropertyAccessExpression(node)) {
      members.unshift(node.name.text);
      node = skipOuter(ts, node.expression);
    }
    if (!ts.isIdentifier(node)) return false;
    const root = this.resolveAlias(this.checker.getSymbolAtLocation(node));
    if (!root) return false;
    const wanted = spec.call.split('.');
    const exported = exports.get(wanted[0]);
    if (exported && exported === root) return members.join('.') === wanted.slice(1).join('.');
    // `const client = createClient()` / `new Client()`, where the factory or class is an export
    // (`key ? jitsuAnalytics(options) : emptyAnalytics`: either branch).
    const declaration = root.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || members.join('.') !== spec.call) return false;
    const exportedSymbols = new Set(exports.values());
    return this.getMakers(declaration.initializer).some((maker) => {
      const symbol = this.resolveAlias(this.checker.getSymbolAtLocation(maker));
      return !!symbol && exportedSymbols.has(symbol);
    });
  }

  /** The identifiers a value is made from: `f` of `f(…)` and `new f(…)`, or a value itself, through `?:`, `??` and `||`. */
  private getMakers(expression: TS.Expression): TS.Identifier[] {
    const ts = this.ts;
    const node = skipOuter(ts, expression);
    if (ts.isConditionalExpression(node)) return [...this.getMakers(node.whenTrue), ...this.getMakers(node.whenFalse)];
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      return [...this.getMakers(node.left), ...this.getMakers(node.right)];
    }
    if (ts.isAwaitExpression(node)) return this.getMakers(node.expression);
    const callee = ts.isCallExpression(node) || ts.isNewExpression(node) ? skipOuter(ts, node.expression) : node;
    return ts.isIdentifier(callee) ? [callee] : [];
  }

  /** The exports of a module named by a config entry, by name (aliases resolved); undefined when it is not in the program. */
  private getModuleExports(moduleName: string): Map<string, TS.Symbol> | undefined {
    const cached = this.moduleExportsMemo.get(moduleName);
    if (cached !== undefined) return cached ?? undefined;
    let result: Map<string, TS.Symbol> | null = null;
    const program = this.program;
    if (program) {
      const file = resolveConfigModule(this.ts, program, this.configDir, moduleName);
      const moduleSymbol = file && this.checker.getSymbolAtLocation(file);
      if (moduleSymbol) {
        result = new Map();
        for (const symbol of this.checker.getExportsOfModule(moduleSymbol)) {
          const target = this.resolveAlias(symbol);
          if (target) result.set(symbol.getName(), target);
        }
      }
    }
    this.moduleExportsMemo.set(moduleName, result);
    return result ?? undefined;
  }

  private resolveAlias(symbol: TS.Symbol | undefined): TS.Symbol | undefined {
    if (!symbol || !(symbol.flags & this.ts.SymbolFlags.Alias)) return symbol;
    try {
      return this.checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
  }

  /** `p` in `import { pseudonymize as p } from '…'; p(…)`: the exported name, `pseudonymize`. */
  private getImportedName(call: TS.CallExpression): string | undefined {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    if (!ts.isIdentifier(callee)) return undefined;
    const declaration = this.checker.getSymbolAtLocation(callee)?.declarations?.[0];
    if (!declaration || !ts.isImportSpecifier(declaration) || !declaration.propertyName) return undefined;
    return declaration.propertyName.text;
  }

  /** A call of a piiguard/runtime export: by its import specifier or by where it is declared. */
  isRuntimeCall(call: TS.CallExpression, name: string): boolean {
    const identity = this.getIdentity(call);
    if (identity && matchesSpecifier(identity, { module: RUNTIME_MODULE, call: name }, this.configDir)) {
      return true;
    }
    const file = this.getDeclarationFile(call);
    return !!file && /[\\/](piiguard[\\/])?(dist[\\/])?runtime[\\/]index\.(d\.)?[cm]?[tj]s$/.test(file);
  }
}

/** `fn.call(self, …)` and `fn.apply(self, args)` call `fn`: a sink called through them is that sink. */
const FORWARDING_NAMES = new Set(['call', 'apply']);

interface ForwardedCall {
  /** What is called: `console.log` in `console.log.call(console, …)`. */
  target: TS.Expression;
  kind: 'call' | 'apply';
  /** The arguments `target` receives, when they can be read. */
  args: CallArguments;
}

/** `console.log.call(console, email)`, `console.log.apply(console, [email])`. */
function getForwardedCall(ts: TypeScript, call: TS.CallExpression): ForwardedCall | undefined {
  const callee = skipOuter(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !FORWARDING_NAMES.has(callee.name.text)) return undefined;
  const target = skipOuter(ts, callee.expression);
  if (!ts.isPropertyAccessExpression(target) && !ts.isIdentifier(target) && !ts.isElementAccessExpression(target)) return undefined;
  if (callee.name.text === 'call') return { target, kind: 'call', args: call.arguments.slice(1) };
  const list = call.arguments[1] && skipOuter(ts, call.arguments[1]);
  const args = list && ts.isArrayLiteralExpression(list) && !list.elements.some((e) => ts.isSpreadElement(e)) ? list.elements : undefined;
  return { target, kind: 'apply', args };
}

/** Payload indexes of the target are one further in `.call(self, …)`; `.apply`'s array holds them all. */
function shiftArgs(dataArgs: number[] | 'all', forwarded: ForwardedCall): number[] | 'all' {
  if (dataArgs === 'all' || forwarded.kind === 'apply') return 'all';
  return dataArgs.map((index) => index + 1);
}

/** The event position in the forwarding call; inside `.apply`'s array there is none to read. */
function shiftEvent(event: EventPosition | undefined, forwarded: ForwardedCall): EventPosition | undefined {
  if (event === undefined || forwarded.kind === 'apply') return undefined;
  return typeof event === 'number' ? event + 1 : { arg: event.arg + 1, property: event.property };
}

/** `createDebug('app')(…)`: a call of what a call returns. */
function isCallOfResult(ts: TypeScript, call: TS.CallExpression): boolean {
  return ts.isCallExpression(skipOuter(ts, call.expression));
}

function getExpressionName(ts: TypeScript, expression: TS.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isElementAccessExpression(expression) && ts.isStringLiteralLike(expression.argumentExpression))
    return expression.argumentExpression.text;
  return undefined;
}

/** The global a callee starts from, as written: `dataLayer` in `window.dataLayer.push`. */
function getGlobalName(ts: TypeScript, callee: TS.Expression): string | undefined {
  const names: string[] = [];
  let node = skipOuter(ts, callee);
  for (;;) {
    if (ts.isPropertyAccessExpression(node)) names.unshift(node.name.text);
    else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression))
      names.unshift(node.argumentExpression.text);
    else break;
    node = skipOuter(ts, node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  return ['window', 'globalThis', 'self'].includes(node.text) ? names[0] : node.text;
}

function describeCall(pack: SinkPack, call: SinkCall): string {
  return call.name === '()' ? `${pack.id}(…)` : `${pack.id}.${call.name}`;
}

export function lastSegment(path: string): string {
  const parts = path.split('.');
  return parts[parts.length - 1];
}

/** The name a call is made by: `track` in `analytics.track(…)` and `track(…)`. */
export function getCalleeName(ts: TypeScript, call: TS.CallExpression | TS.NewExpression): string | undefined {
  const callee = skipOuter(ts, call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  return undefined;
}
