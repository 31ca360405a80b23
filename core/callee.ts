/**
 * What a call calls, named the way sinks, sanitizers and sources are described (STYLE habits 2
 * and 3): the declaration the checker resolves it to (package, owner, name), the import it is
 * reached through (module specifier + export path), or the global it starts from. One matcher,
 * `matchesSpecifier`, serves user sinks, sanitizers and sources; `findSinkCall` the packs.
 */
import path from 'node:path';
import type * as TS from 'typescript';
import type { SinkCall, SinkPack } from './sinks/types.js';
import type { TypeScript } from './typescript.js';
import { getPackageName, isPackageOrDependency, matchesPackage } from './packages.js';
import { getWorkspacePackageName } from './workspace-packages.js';
import { getPropertyName, skipOuter } from './syntax.js';

export interface CalleeDeclaration {
  file: string;
  /** The npm package that declares it (`@types/x` is `x`; TypeScript's lib is `typescript`). */
  packageName?: string;
  /** The interface, class, namespace or module that declares it. */
  owner?: string;
  /** The declared name, or `()` for a call of a callable value. */
  name: string;
}

export interface CalleeIdentity {
  declaration?: CalleeDeclaration;
  /** The import the callee's root identifier comes from, with the property path after it. */
  importPath?: { module: string; fromFile: string; exportPath: string[] };
  /** A root identifier that is not imported and not declared in the project: a global. */
  global?: string;
  /** The property path after the root identifier, as written (`['people', 'set']`). */
  members: string[];
}

/**
 * Declarations by root symbol and member path. `logger.debug` on a `const logger` resolves to the
 * same declaration at every call, so it is looked up once, not at each of a thousand calls.
 */
export type DeclarationMemo = Map<TS.Symbol, Map<string, CalleeDeclaration | null>>;

export function getCalleeIdentity(
  ts: TypeScript,
  checker: TS.TypeChecker,
  call: TS.CallExpression | TS.NewExpression,
  memo?: DeclarationMemo,
  target?: TS.Expression,
): CalleeIdentity | undefined {
  // `target` is what `console.log.call(console, …)` calls: `console.log`, not `Function.call`.
  const callee = skipOuter(ts, target ?? call.expression);
  const chain = getChain(ts, callee);
  if (!chain) return undefined;
  const { root, members } = chain;
  const identity: CalleeIdentity = { members };
  const rootSymbol = root && ts.isIdentifier(root) ? checker.getSymbolAtLocation(root) : undefined;

  const nameNode = ts.isPropertyAccessExpression(callee)
    ? callee.name
    : ts.isElementAccessExpression(callee)
      ? callee.argumentExpression
      : callee;
  const stable =
    memo && members.length > 0 && rootSymbol && isPropertyChain(ts, callee) ? getStableRoot(ts, checker, rootSymbol) : undefined;
  if (stable) {
    const key = members.join('.');
    let byPath = memo!.get(stable);
    if (!byPath) memo!.set(stable, (byPath = new Map<string, CalleeDeclaration | null>()));
    const known = byPath.get(key);
    if (known !== undefined) identity.declaration = known ?? undefined;
    else {
      const found = getDeclarationAndSource(ts, checker, call, nameNode, target);
      identity.declaration = found.declaration;
      // What a called value resolves to depends on the call (overloads): only symbols are shared.
      if (!found.bySignature) byPath.set(key, found.declaration ?? null);
    }
  } else {
    identity.declaration = getDeclarationAndSource(ts, checker, call, nameNode, target).declaration;
  }

  if (root && ts.isIdentifier(root)) {
    const rootDeclaration = rootSymbol?.declarations?.[0];
    if (rootDeclaration && isImportBinding(ts, rootDeclaration)) {
      const imported = getImportPath(ts, rootDeclaration);
      if (imported)
        identity.importPath = { ...imported, fromFile: root.getSourceFile().fileName, exportPath: [...imported.exportPath, ...members] };
    } else if (!identity.declaration && rootDeclaration && ts.isVariableDeclaration(rootDeclaration) && rootDeclaration.initializer) {
      // No types: `const server = new Analytics(key); server.track(…)` is named by the import it is made from.
      const made = getInstanceImport(ts, checker, rootDeclaration.initializer);
      if (made) identity.importPath = { ...made, fromFile: root.getSourceFile().fileName, exportPath: [...made.exportPath, ...members] };
    } else if (!rootSymbol || (rootSymbol.declarations ?? []).every((d) => isGlobalDeclaration(ts, d))) {
      identity.global = root.text;
      // `window.analytics.track(…)`, `globalThis.posthog.capture(…)`: the snippet's global is `analytics`.
      if (GLOBAL_OBJECTS.has(root.text) && members.length > 0) identity.global = members.shift();
    }
  }
  return identity;
}

/** The names the global object goes by in browsers, workers and Node. */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/** `a.b.c` with only property accesses (no calls, no computed keys) from the root to the callee. */
function isPropertyChain(ts: TypeScript, callee: TS.Expression): boolean {
  let node = callee;
  while (ts.isPropertyAccessExpression(node)) node = skipOuter(ts, node.expression);
  return ts.isIdentifier(node);
}

/**
 * The symbol a callee chain starts from, when every use of it has the same type: a module or
 * namespace, a class, or a `const` whose type is not a union (no narrowing can pick a member).
 */
function getStableRoot(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol): TS.Symbol | undefined {
  let target = symbol;
  if (target.flags & ts.SymbolFlags.Alias) {
    try {
      target = checker.getAliasedSymbol(target);
    } catch {
      return undefined;
    }
  }
  if (target.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) return target;
  const declaration = target.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const))
    return undefined;
  try {
    return checker.getTypeOfSymbol(target).flags & ts.TypeFlags.Union ? undefined : target;
  } catch {
    return undefined;
  }
}

/**
 * `new Analytics(key)`, `createDebug('app')`, `pino()` where `Analytics`, `createDebug` and
 * `pino` are imported: that import, with the path to the factory.
 */
function getInstanceImport(
  ts: TypeScript,
  checker: TS.TypeChecker,
  initializer: TS.Expression,
): { module: string; exportPath: string[] } | undefined {
  let made = skipOuter(ts, initializer);
  if (ts.isAwaitExpression(made)) made = skipOuter(ts, made.expression);
  if (!ts.isNewExpression(made) && !ts.isCallExpression(made)) return undefined;
  const chain = getChain(ts, made.expression);
  if (!chain?.root || !ts.isIdentifier(chain.root)) return undefined;
  const declaration = checker.getSymbolAtLocation(chain.root)?.declarations?.[0];
  if (!declaration || !isImportBinding(ts, declaration)) return undefined;
  const imported = getImportPath(ts, declaration);
  return imported && { module: imported.module, exportPath: [...imported.exportPath, ...chain.members] };
}

/** `a.b.c` → root `a`, members `['b', 'c']`; a call in the chain keeps its callee's members. */
function getChain(ts: TypeScript, callee: TS.Expression): { root?: TS.Expression; members: string[] } | undefined {
  const members: string[] = [];
  let node: TS.Expression = callee;
  for (;;) {
    node = skipOuter(ts, node);
    if (ts.isPropertyAccessExpression(node)) {
      members.unshift(node.name.text);
      node = node.expression;
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      members.unshift(node.argumentExpression.text);
      node = node.expression;
    } else if (ts.isCallExpression(node)) {
      // logger.child({...}).info(…): the child is the same kind of object; keep walking.
      node = node.expression;
    } else {
      return { root: ts.isIdentifier(node) ? node : undefined, members };
    }
  }
}

/** The declaration, and whether it came from the call's resolved signature (then it is the call's own). */
function getDeclarationAndSource(
  ts: TypeScript,
  checker: TS.TypeChecker,
  call: TS.CallExpression | TS.NewExpression,
  nameNode: TS.Node,
  target?: TS.Expression,
): { declaration: CalleeDeclaration | undefined; bySignature: boolean } {
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
    try {
      symbol = checker.getAliasedSymbol(symbol);
    } catch {
      symbol = undefined;
    }
  }
  let declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  // `const { track: send } = amplitude`: what is called is the property destructured, named as declared.
  if (declaration && ts.isBindingElement(declaration)) {
    const property = getDestructuredProperty(ts, checker, declaration);
    const propertyDeclaration = property?.valueDeclaration ?? property?.declarations?.[0];
    if (property && propertyDeclaration) {
      symbol = property;
      declaration = propertyDeclaration;
    }
  }
  // An exported function value of a package (`export declare const track: (…) => …`,
  // `declare var gtag: Gtag.Gtag`) is named by its variable.
  if (
    declaration &&
    ts.isVariableDeclaration(declaration) &&
    declaration.getSourceFile().isDeclarationFile &&
    ts.isIdentifier(declaration.name)
  ) {
    const file = declaration.getSourceFile().fileName;
    return {
      declaration: { file, packageName: getPackageName(file), owner: getOwnerName(ts, declaration.parent), name: declaration.name.text },
      bySignature: false,
    };
  }
  // A value that is called (`const log = debug('x'); log(…)`, `const { track } = analytics`):
  // what it calls is the signature the checker resolves.
  if (!declaration || ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration) || ts.isParameter(declaration)) {
    let signature: TS.Signature | undefined;
    try {
      // The call resolves `Function.call` when the target is called through it: ask the target's type.
      signature = target ? checker.getTypeAtLocation(target).getCallSignatures()[0] : checker.getResolvedSignature(call);
    } catch {
      signature = undefined;
    }
    const sigDeclaration = signature?.declaration;
    if (!sigDeclaration || ts.isJSDocSignature(sigDeclaration)) return { declaration: undefined, bySignature: true };
    const named =
      sigDeclaration.name && (ts.isIdentifier(sigDeclaration.name) || ts.isStringLiteral(sigDeclaration.name))
        ? sigDeclaration.name.text
        : undefined;
    // A property of a mapped type (`consola.success`, signale's `Record<DefaultMethods, LoggerFunc>`)
    // has no declaration of its own: it is named by the property, typed by the signature.
    const mappedName = !declaration && symbol ? symbol.getName() : undefined;
    const file = sigDeclaration.getSourceFile().fileName;
    return {
      declaration: {
        file,
        packageName: getPackageName(file),
        owner: getOwnerName(ts, sigDeclaration),
        name: named ?? mappedName ?? '()',
      },
      bySignature: true,
    };
  }
  const file = declaration.getSourceFile().fileName;
  return {
    declaration: { file, packageName: getPackageName(file), owner: getOwnerName(ts, declaration), name: symbol!.getName() },
    bySignature: false,
  };
}

/** The property a binding element of `const { a: b } = object` takes from the object's type. */
function getDestructuredProperty(ts: TypeScript, checker: TS.TypeChecker, element: TS.BindingElement): TS.Symbol | undefined {
  const pattern = element.parent;
  const holder = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(holder) || !holder.initializer || element.dotDotDotToken)
    return undefined;
  const key = element.propertyName ?? element.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  try {
    let property = checker.getTypeAtLocation(holder.initializer).getProperty(key.text);
    if (property && property.flags & ts.SymbolFlags.Alias) property = checker.getAliasedSymbol(property);
    return property;
  } catch {
    return undefined;
  }
}

/** The interface, class, namespace or module around a declaration. */
function getOwnerName(ts: TypeScript, declaration: TS.Node): string | undefined {
  let node: TS.Node | undefined = declaration.parent;
  while (node) {
    if (
      (ts.isInterfaceDeclaration(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node) || ts.isTypeAliasDeclaration(node)) &&
      node.name
    ) {
      return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text;
    if (ts.isSourceFile(node)) return undefined;
    node = node.parent;
  }
  return undefined;
}

function isImportBinding(ts: TypeScript, node: TS.Node): boolean {
  return ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node);
}

function getImportPath(ts: TypeScript, binding: TS.Node): { module: string; exportPath: string[] } | undefined {
  if (ts.isImportEqualsDeclaration(binding)) {
    const ref = binding.moduleReference;
    if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return { module: ref.expression.text, exportPath: [] };
    return undefined;
  }
  let node: TS.Node = binding;
  while (!ts.isImportDeclaration(node)) node = node.parent;
  const specifier = node.moduleSpecifier;
  if (!ts.isStringLiteral(specifier)) return undefined;
  if (ts.isImportClause(binding)) return { module: specifier.text, exportPath: ['default'] };
  if (ts.isNamespaceImport(binding)) return { module: specifier.text, exportPath: [] };
  const imported = (binding as TS.ImportSpecifier).propertyName ?? (binding as TS.ImportSpecifier).name;
  return { module: specifier.text, exportPath: [imported.text] };
}

/**
 * A global: declared in an ambient file outside any module (TypeScript's lib, `@types` globals),
 * inside `declare global { … }`, or by the project's own `declare const analytics: any` (a value
 * a script tag provides).
 */
function isGlobalDeclaration(ts: TypeScript, node: TS.Node): boolean {
  const file = node.getSourceFile();
  if (!ts.isExternalModule(file)) return file.isDeclarationFile;
  for (let up: TS.Node | undefined = node.parent; up && !ts.isSourceFile(up); up = up.parent) {
    if (ts.isModuleDeclaration(up) && up.flags & ts.NodeFlags.GlobalAugmentation) return true;
  }
  if (file.isDeclarationFile || getPackageName(file.fileName) !== undefined) return false;
  const flags = ts.getCombinedModifierFlags(node as TS.Declaration);
  return !!(flags & ts.ModifierFlags.Ambient) && !(flags & ts.ModifierFlags.Export);
}

/** The name a function is known by: its own, or the variable or property holding it. */
export function getFunctionName(ts: TypeScript, fn: TS.SignatureDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return getPropertyName(ts, parent.name);
  if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}

/**
 * A project or package function named the way a call of it is (declaration file, package, owner,
 * name), so that `matchesSpecifier` can tell whether a config entry names it.
 */
export function getFunctionIdentity(ts: TypeScript, fn: TS.SignatureDeclaration): CalleeIdentity | undefined {
  const name = getFunctionName(ts, fn);
  if (!name) return undefined;
  const file = fn.getSourceFile().fileName;
  const holder = ts.isVariableDeclaration(fn.parent) ? fn.parent : fn;
  return { declaration: { file, packageName: getPackageName(file), owner: getOwnerName(ts, holder), name }, members: [] };
}

/* ---------- matching ---------- */

/**
 * What a sink call is given: its arguments as written, or for `fn.call(self, …rest)` the rest.
 * `undefined` when they cannot be read (`fn.apply(self, args)`), so no `when` can hold.
 */
export type CallArguments = readonly TS.Expression[] | undefined;

/**
 * The pack call a call is, by declaration first, then by global, then by import specifier. The
 * fallbacks serve callees that nothing typed resolves: no types at all, the project's own
 * declaration of a snippet (`interface Window { analytics: … }`), or an array of TypeScript's lib
 * under a vendor's global name (`dataLayer.push`).
 */
export function findSinkCall(
  packs: readonly SinkPack[],
  identity: CalleeIdentity,
  call: TS.CallExpression | TS.NewExpression,
  ts: TypeScript,
  args: CallArguments = call.arguments,
  target: TS.Expression = call.expression,
): { pack: SinkPack; call: SinkCall } | undefined {
  const declaration = identity.declaration;
  const packageName = declaration?.packageName;
  if (declaration && packageName) {
    for (const pack of packs) {
      if (!pack.packages.some((p) => matchesPackage(p, packageName))) continue;
      for (const spec of pack.calls) {
        if (spec.name !== declaration.name || spec.global) continue;
        if (spec.owner && spec.owner !== declaration.owner) continue;
        if (spec.package && !isSpecPackage(spec, (p) => matchesPackage(p, packageName))) continue;
        if (passesWhen(ts, spec, args)) return { pack, call: spec };
      }
    }
    if (packageName !== 'typescript') return undefined;
  }
  // A declaration of TypeScript's lib says nothing of the vendor: only a global's name can.
  const byImport = !packageName;
  // No types for the callee: fall back on what the code names.
  const exported = identity.importPath?.exportPath;
  const last = identity.members.length > 0 ? identity.members[identity.members.length - 1] : exported?.[exported.length - 1];
  // `createDebug('app')(…)`: what is called is a call's result, a callable.
  const calledResult = ts.isCallExpression(skipOuter(ts, target));
  const name = calledResult || last === undefined || last === 'default' ? '()' : last;
  for (const pack of packs) {
    const viaGlobal = identity.global !== undefined && (pack.globals ?? []).includes(identity.global);
    const viaImport =
      byImport &&
      identity.importPath !== undefined &&
      [...pack.packages, ...(pack.importFallback ?? [])].some((p) => matchesPackage(p, identity.importPath!.module));
    if (!viaGlobal && !viaImport) continue;
    // Without a declaration no owner is known: a call any owner declares goes first (posthog-js'
    // `capture(event, …)`, not posthog-node's `capture({ event })`).
    for (const spec of [...pack.calls.filter((c) => !c.owner), ...pack.calls.filter((c) => c.owner)]) {
      // A call of one package only (`@segment/analytics-node`'s `track({ event })`) is that package's.
      const module = identity.importPath?.module;
      if (spec.package && !(viaImport && isSpecPackage(spec, (p) => matchesPackage(p, module)))) continue;
      if (spec.global && !(viaGlobal && spec.global === identity.global)) continue;
      if (spec.name === name && passesWhen(ts, spec, args)) return { pack, call: spec };
    }
  }
  return undefined;
}

function isSpecPackage(spec: SinkCall, matches: (pkg: string) => boolean): boolean {
  return typeof spec.package === 'string' ? matches(spec.package) : (spec.package ?? []).some(matches);
}

function passesWhen(ts: TypeScript, spec: SinkCall, args: CallArguments): boolean {
  if (!spec.when) return true;
  const arg = args?.[spec.when.arg];
  return !!arg && ts.isStringLiteralLike(arg) && spec.when.oneOf.includes(arg.text);
}

/** Every name a pack call can have, for the cheap pre-filter before the checker is asked. */
export function getSinkNames(packs: readonly SinkPack[]): Set<string> {
  return new Set(packs.flatMap((pack) => pack.calls.map((call) => call.name)));
}

/**
 * Whether a call is the code a `{ module, call }` specifier names. `module` is a package name or a
 * path relative to the config file; `call` an export path (`track`, `default.capture`,
 * `analytics.track`). Matches the import the call goes through, or the declaration it resolves to.
 */
export function matchesSpecifier(identity: CalleeIdentity, spec: { module: string; call: string }, configDir: string): boolean {
  const wanted = spec.call.split('.');
  const relative = spec.module.startsWith('./') || spec.module.startsWith('../') || spec.module === '.';
  const modulePath = relative ? stripExtension(path.resolve(configDir, spec.module)) : undefined;

  const imported = identity.importPath;
  if (imported) {
    const sameModule = relative
      ? imported.module.startsWith('.') &&
        sameFile(stripExtension(path.resolve(path.dirname(imported.fromFile), imported.module)), modulePath!)
      : imported.module === spec.module;
    if (sameModule && sameExportPath(imported.exportPath, wanted)) return true;
  }
  const declaration = identity.declaration;
  if (declaration && declaration.name === wanted[wanted.length - 1]) {
    if (relative) return sameFile(stripExtension(declaration.file), modulePath!);
    // A package names what it declares and what its dependencies declare for it (its SDK core); a
    // workspace package (`@acme/analytics`, its files outside node_modules) is named by its package.json.
    if (declaration.packageName) return isPackageOrDependency(declaration.packageName, spec.module, configDir);
    return getWorkspacePackageName(declaration.file) === spec.module;
  }
  return false;
}

function sameExportPath(actual: string[], wanted: string[]): boolean {
  // `import sdk from 'x'; sdk.track()` is `default.track`; a default export that is an object
  // with `track` may also be written `track` by users.
  if (actual.length === wanted.length && actual.every((s, i) => s === wanted[i])) return true;
  return actual[0] === 'default' && actual.length === wanted.length + 1 && actual.slice(1).every((s, i) => s === wanted[i]);
}

function stripExtension(file: string): string {
  return file.replace(/\\/g, '/').replace(/\.(d\.)?[cm]?[tj]sx?$/, '');
}

function sameFile(a: string, b: string): boolean {
  return a === b || a === `${b}/index` || b === `${a}/index`;
}
