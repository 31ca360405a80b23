/**
 * Sources (SPEC §1): where a value is declared to be personal data. Finds the `Pii` brand at any
 * depth of a type, `@pii <category>` JSDoc tags, config sources by type + property, and the names
 * that the heuristics treat as personal-looking.
 */
import { isKnownCategory } from './category-tags.js';
import path from 'node:path';
import type * as TS from 'typescript';
import { isTypeScriptLibFile, type TypeScript } from './typescript.js';
import type { SourceSpec } from './config/types.js';
import { getPackageName, isLibFile, resolveConfigModule } from './packages.js';
import { getDeclaredTypeNode } from './syntax.js';

/** A config source named by type + property. */
export type TypeSourceSpec = Extract<SourceSpec, { type: string }>;

/** What a type source of the config resolved to in the program. */
export interface TypeSourceMatch {
  spec: TypeSourceSpec;
  /** Position of the entry in the written `sources` array (`sources[2]`). */
  index: number;
  /** The declarations of the property that the entry names (a model field, a column, a schema key). */
  declarations: TS.Declaration[];
  /** Where the types named `spec.type` that have the property come from: package names, `the project`. */
  modules: string[];
  /** The property names of those types: an object type made of some of them is a projection of the model. */
  propertyNames: ReadonlySet<string>;
}

/** The program and the config's directory: what resolving `type` sources to declarations needs. */
export interface TypeSourceProgram {
  program: TS.Program;
  configDir: string;
}

/** A category found inside a type, at a property path (`[]` = the value itself, `'[]'` = an element). */
export interface TypeSource {
  path: string[];
  category: string;
  /** The declaration that says so (a property, parameter, type alias), for the trace. */
  declaration?: TS.Node;
  origin: 'type' | 'jsdoc' | 'config' | 'heuristic';
  /** The form the value has at its source: `pseudonymized` for a `Pseudonym<C>` (a server issued it); else raw. */
  form?: 'pseudonymized';
}

const BRAND_PREFIX = '__@piiBrand@';
/** `Pseudonym<C>`'s brand (core/pii.ts): the value is personal data of `C`, pseudonymized. */
const PSEUDONYM_BRAND_PREFIX = '__@pseudonymBrand@';
/**
 * Property paths deeper than this are not followed: a type that grows at every level
 * (`Tree<Tree<T>>`) stops here. Generated models (GraphQL documents, ORM relations) go 8 to 10
 * levels deep; a cut is reported (`piiguard/analysis-incomplete`), never silent.
 */
export const MAX_PATH_DEPTH = 12;
/**
 * Properties of one object type beyond this many are not searched (the DOM's `Window` has about
 * 1,000 members, a mapped type over a few hundred keys is a real model); a cut is reported.
 */
export const MAX_PROPERTIES = 2000;

/** A bound of the type walk that cut it short. */
export type TypeWalkBound = 'type-depth' | 'type-properties';

/**
 * Finds where a type carries personal data. Results are cached per type, so a model type used at
 * a thousand calls is walked once.
 */
export class TypeSourceFinder {
  private readonly cache = new Map<TS.Type, TypeSource[]>();
  /** The bound that cut the walk of a type (walked from the top), if one did. */
  private readonly cuts = new Map<TS.Type, TypeWalkBound>();
  private readonly aliasCategory = new Map<TS.Symbol, string | null>();
  private readonly inProgress = new Set<TS.Type>();
  /** During a walk: the bound that cut the current subtree, and whether a cycle was cut in it. */
  private walkCut: TypeWalkBound | undefined;
  private walkCycle = false;
  /** How many types declared by packages the current walk is inside. */
  private packageDepth = 0;
  private typeSourceMatches: TypeSourceMatch[] | undefined;
  private configDeclarations: Map<TS.Node, TypeSourceSpec[]> | undefined;

  /** Whether the config names sources by type + property (then owners' types are needed). */
  get hasTypeSources(): boolean {
    return this.configSources.some((s) => 'type' in s);
  }

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    private readonly configSources: SourceSpec[],
    private readonly heuristics: boolean,
    private readonly program?: TypeSourceProgram,
    private readonly names: HeuristicNames = DEFAULT_HEURISTIC_NAMES,
    /** The config's own categories: a `@pii` tag naming neither one of them nor a built-in one tags nothing. */
    private readonly customCategories: Readonly<Record<string, unknown>> = {},
  ) {}

  /** `@pii <category>` on a declaration, when it names a known category (see core/category-tags.ts). */
  getJsDocCategory(node: TS.Node): string | undefined {
    const tag = getJsDocCategory(this.ts, node);
    return tag !== undefined && isKnownCategory(tag, this.customCategories) ? tag : undefined;
  }

  /**
   * Each `type` + `property` source of the config, resolved to the declarations of that property:
   * of the types named `type` anywhere in the program (or exported by `module`). A property that a
   * generated or inferred type copies from them (Prisma's query results, `z.infer`, Drizzle's
   * `$inferSelect`, `Pick<User, 'email'>`) keeps those declarations, so it matches wherever the
   * value came from.
   */
  getTypeSourceMatches(): readonly TypeSourceMatch[] {
    if (this.typeSourceMatches) return this.typeSourceMatches;
    const matches: TypeSourceMatch[] = [];
    if (this.program) {
      const finder = new NamedDeclarationFinder(this.ts, this.checker, this.program);
      this.configSources.forEach((spec, index) => {
        if (!('type' in spec)) return;
        const declarations = new Set<TS.Declaration>();
        const modules = new Set<string>();
        const propertyNames = new Set<string>();
        for (const owner of finder.find(spec.type, spec.module)) {
          const type = this.getOwnerType(owner);
          // A row type made by a mapped type with new keys (Drizzle's `$inferSelect`) has the property without a declaration.
          const found = type && this.getPropertyDeclarations(type, spec.property);
          if (!type || !found) continue;
          for (const declaration of found) declarations.add(declaration);
          for (const property of this.checker.getPropertiesOfType(this.checker.getApparentType(type)))
            propertyNames.add(property.getName());
          modules.add(getModuleLabel(this.ts, owner));
        }
        matches.push({ spec, index, declarations: [...declarations], modules: [...modules].sort(), propertyNames });
      });
    }
    this.typeSourceMatches = matches;
    return matches;
  }

  /** The type (or the value's type) that `owner` declares. */
  private getOwnerType(owner: TS.Declaration): TS.Type | undefined {
    try {
      if (this.ts.isVariableDeclaration(owner)) return this.checker.getTypeAtLocation(owner.name);
      const name = (owner as TS.DeclarationStatement).name;
      const symbol = name && this.checker.getSymbolAtLocation(name);
      return symbol ? this.checker.getDeclaredTypeOfSymbol(symbol) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The declarations of the property (none for a mapped type's new key); undefined when the type has no such property. */
  private getPropertyDeclarations(type: TS.Type, property: string): TS.Declaration[] | undefined {
    try {
      const symbol = this.checker.getPropertyOfType(this.checker.getApparentType(type), property);
      return symbol && [...(symbol.declarations ?? [])];
    } catch {
      return undefined;
    }
  }

  /**
   * Config sources for a property that has no declaration: one a mapped type made under a new key
   * (Prisma's `select: { email: true }` result). It counts when its object is a projection of a
   * named model: every property of the object is one of the model's.
   */
  private getProjectedConfigSources(property: TS.Symbol, owner: TS.Type | undefined): TypeSourceSpec[] {
    if (!owner || !this.program || (property.declarations?.length ?? 0) > 0) return [];
    const name = property.getName();
    const candidates = this.getTypeSourceMatches().filter((m) => m.spec.property === name && m.propertyNames.size > 0);
    if (candidates.length === 0) return [];
    let ownNames: string[];
    try {
      ownNames = this.checker
        .getPropertiesOfType(this.checker.getApparentType(this.checker.getNonNullableType(owner)))
        .map((p) => p.getName());
    } catch {
      return [];
    }
    return candidates.filter((m) => ownNames.every((n) => m.propertyNames.has(n))).map((m) => m.spec);
  }

  /** Config sources that name one of these declarations of a property. */
  private getConfigSourcesOf(declarations: readonly TS.Declaration[] | undefined, depth = 0): TypeSourceSpec[] {
    if (!declarations || declarations.length === 0) return [];
    if (!this.configDeclarations) {
      this.configDeclarations = new Map();
      for (const match of this.getTypeSourceMatches()) {
        for (const declaration of match.declarations) {
          const list = this.configDeclarations.get(declaration) ?? [];
          list.push(match.spec);
          this.configDeclarations.set(declaration, list);
        }
      }
    }
    if (this.configDeclarations.size === 0) return [];
    const ts = this.ts;
    const out: TypeSourceSpec[] = [];
    for (const declaration of declarations) {
      out.push(...(this.configDeclarations.get(declaration) ?? []));
      // `db.select({ email: users.email })`: the result's key is declared by the literal, from the column.
      if (depth < 2 && ts.isPropertyAssignment(declaration) && ts.isPropertyAccessExpression(declaration.initializer)) {
        const symbol = this.checker.getSymbolAtLocation(declaration.initializer.name);
        if (symbol) out.push(...this.getConfigSourcesOf(symbol.declarations, depth + 1));
      }
    }
    return out;
  }

  /** The categories a type carries, at every path. */
  find(type: TS.Type, depth = 0): TypeSource[] {
    const cached = this.cache.get(type);
    if (cached) {
      const cut = this.cuts.get(type);
      if (cut) this.walkCut ??= cut;
      return cached;
    }
    if (this.inProgress.has(type)) {
      this.walkCycle = true;
      return [];
    }
    if (depth > MAX_PATH_DEPTH) {
      if (this.isReportedCut(type)) this.walkCut ??= 'type-depth';
      return [];
    }
    const outerCut = this.walkCut;
    const outerCycle = this.walkCycle;
    this.walkCut = undefined;
    this.walkCycle = false;
    this.inProgress.add(type);
    const inPackage = this.isPackageType(type);
    if (inPackage) this.packageDepth++;
    let result: TypeSource[];
    let cut: TypeWalkBound | undefined;
    let cycle: boolean;
    try {
      result = this.compute(type, depth);
    } finally {
      this.inProgress.delete(type);
      if (inPackage) this.packageDepth--;
      cut = this.walkCut;
      cycle = this.walkCycle;
      this.walkCut = outerCut ?? cut;
      this.walkCycle = outerCycle || cycle;
    }
    // From the top, or complete (no bound and no cycle cut anything below): a depth cut-off
    // never sticks to a type, and a model under a thousand properties is walked once.
    if (depth === 0) {
      this.cache.set(type, result);
      if (cut) this.cuts.set(type, cut);
    } else if (!cut && !cycle) this.cache.set(type, result);
    return result;
  }

  /** The bound that cut the walk of `type` (after `find(type)`), if one did. */
  getCut(type: TS.Type): TypeWalkBound | undefined {
    return this.cuts.get(type);
  }

  private compute(type: TS.Type, depth: number): TypeSource[] {
    const ts = this.ts;
    const out: TypeSource[] = [];
    const brand = this.getBrandCategories(type);
    for (const category of brand) out.push({ path: [], category, origin: 'type' });
    for (const category of this.getBrandCategories(type, PSEUDONYM_BRAND_PREFIX))
      out.push({ path: [], category, origin: 'type', form: 'pseudonymized' });
    const alias = type.aliasSymbol && this.getAliasJsDocCategory(type.aliasSymbol);
    if (alias) out.push({ path: [], category: alias, origin: 'jsdoc', declaration: type.aliasSymbol!.declarations?.[0] });

    if (type.flags & ts.TypeFlags.Union) {
      for (const member of (type as TS.UnionType).types) out.push(...this.find(member, depth));
      return dedupe(out);
    }
    if (type.flags & ts.TypeFlags.Intersection) {
      for (const member of (type as TS.IntersectionType).types) {
        if (this.isBrandObject(member)) continue;
        out.push(...this.find(member, depth));
      }
      return dedupe(out);
    }
    if (!(type.flags & ts.TypeFlags.Object)) return dedupe(out);

    const objectType = type as TS.ObjectType;
    const typeArguments = this.getContainerArguments(objectType);
    if (typeArguments) {
      // Promise<T> is transparent (await); arrays, tuples, Map/Set values are elements.
      const [kind, args] = typeArguments;
      for (const arg of args) {
        for (const found of this.find(arg, depth + 1)) {
          out.push({ ...found, path: kind === 'promise' ? found.path : ['[]', ...found.path] });
        }
      }
      return dedupe(out);
    }
    if (this.isLibraryType(objectType)) return dedupe(out);

    const properties = this.checker.getPropertiesOfType(objectType);
    if (properties.length > MAX_PROPERTIES) {
      if (this.isReportedCut(type)) this.walkCut ??= 'type-properties';
      return dedupe(out);
    }
    for (const property of properties) {
      if (isBrandProperty(property)) continue;
      if (property.flags & ts.SymbolFlags.Method) continue;
      const name = property.getName();
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      for (const category of this.getDeclaredCategories(property, objectType)) {
        out.push({ path: [name], category, origin: category.startsWith('\0') ? 'config' : 'jsdoc', declaration });
      }
      const propertyType = this.checker.getTypeOfSymbol(property);
      if (isFunctionLike(ts, propertyType)) continue;
      const nested = this.find(propertyType, depth + 1);
      for (const found of nested) {
        out.push({ ...found, path: [name, ...found.path], declaration: found.declaration ?? declaration });
      }
      // Names only count in the project's own types: a library's `NextURL.password` getter is not the user's data.
      if (
        this.heuristics &&
        nested.length === 0 &&
        declaration &&
        !declaration.getSourceFile().isDeclarationFile &&
        isDataLike(ts, propertyType) &&
        !isLiteralType(ts, propertyType)
      ) {
        const category = this.names.getCategory(name);
        if (category) out.push({ path: [name], category, origin: 'heuristic', declaration });
      }
    }
    return dedupe(out).map((s) => (s.category.startsWith('\0') ? { ...s, category: s.category.slice(1) } : s));
  }

  /** Categories named by the brand property of this type (or of a member of its intersection). */
  getBrandCategories(type: TS.Type, prefix = BRAND_PREFIX): string[] {
    const ts = this.ts;
    const members = type.flags & ts.TypeFlags.Intersection ? (type as TS.IntersectionType).types : [type];
    const out: string[] = [];
    for (const member of members) {
      if (!(member.flags & ts.TypeFlags.Object)) continue;
      for (const property of this.checker.getPropertiesOfType(member)) {
        if (!property.escapedName.toString().startsWith(prefix)) continue;
        const brandType = this.checker.getTypeOfSymbol(property);
        const literals = brandType.flags & ts.TypeFlags.Union ? (brandType as TS.UnionType).types : [brandType];
        for (const literal of literals) if (literal.isStringLiteral()) out.push(literal.value);
      }
    }
    return out;
  }

  /**
   * Categories whose brand the value itself carries (`Email`, `Email | undefined`), not its
   * properties or elements: what a string operation on the value can drop.
   */
  getOwnBrandCategories(type: TS.Type): string[] {
    const members = type.flags & this.ts.TypeFlags.Union ? (type as TS.UnionType).types : [type];
    const out = new Set<string>();
    for (const member of members) for (const category of this.getBrandCategories(member)) out.add(category);
    return [...out];
  }

  /** Categories whose brand a type carries anywhere inside (what a cast to another type can drop). */
  getAllBrandCategories(type: TS.Type): string[] {
    return [
      ...new Set(
        this.find(type)
          .filter((s) => s.origin === 'type')
          .map((s) => s.category),
      ),
    ];
  }

  private isBrandObject(type: TS.Type): boolean {
    if (!(type.flags & this.ts.TypeFlags.Object)) return false;
    const properties = this.checker.getPropertiesOfType(type);
    return properties.length === 1 && isBrandProperty(properties[0]);
  }

  /** The config entries (by index in `sources`) that tag this property, for `piiguard sources`. */
  getConfigEntriesOf(property: TS.Symbol, owner?: TS.Type): number[] {
    const specs = [...this.getConfigSourcesOf(property.declarations), ...this.getProjectedConfigSources(property, owner)];
    if (specs.length === 0) {
      const names = getDeclaringTypeNames(this.ts, property, owner);
      for (const spec of this.configSources) {
        if ('type' in spec && spec.property === property.getName() && !(spec.module && this.program) && names.includes(spec.type))
          specs.push(spec);
      }
    }
    return [...new Set(specs.map((spec) => this.configSources.indexOf(spec)))].sort((a, b) => a - b);
  }

  /** `@pii <category>` on a type alias (declared on the alias, so it survives `type X = string`). */
  getAliasJsDocCategory(symbol: TS.Symbol): string | undefined {
    let cached = this.aliasCategory.get(symbol);
    if (cached === undefined) {
      cached = null;
      for (const declaration of symbol.declarations ?? []) {
        cached = this.getJsDocCategory(declaration) ?? null;
        if (cached) break;
      }
      this.aliasCategory.set(symbol, cached);
    }
    return cached ?? undefined;
  }

  /**
   * Categories a property declaration itself carries: `@pii` on it, a type annotation that names a
   * `@pii` type alias (erased from the type for primitives), or a config source (marked with `\0`).
   */
  getDeclaredCategories(property: TS.Symbol, owner?: TS.Type): string[] {
    const ts = this.ts;
    const out: string[] = [];
    for (const declaration of property.declarations ?? []) {
      const tag = this.getJsDocCategory(declaration);
      if (tag) out.push(tag);
      const typeNode = getDeclaredTypeNode(ts, declaration);
      if (typeNode) {
        const aliasCategory = this.getTypeNodeAliasCategory(typeNode);
        if (aliasCategory) out.push(aliasCategory);
      }
    }
    if (this.configSources.length > 0) {
      const name = property.getName();
      const byDeclaration = [...this.getConfigSourcesOf(property.declarations), ...this.getProjectedConfigSources(property, owner)];
      for (const spec of byDeclaration) out.push('\0' + spec.category);
      for (const spec of this.configSources) {
        // By name only where the declarations could not say (no program to resolve `module` in).
        if (!('type' in spec) || spec.property !== name || byDeclaration.includes(spec) || (spec.module && this.program)) continue;
        const parentNames = getDeclaringTypeNames(ts, property, owner);
        if (parentNames.includes(spec.type)) out.push('\0' + spec.category);
      }
    }
    return out;
  }

  /** `email: CustomerEmail` where `/** @pii email *\/ type CustomerEmail = string`. */
  getTypeNodeAliasCategory(typeNode: TS.TypeNode): string | undefined {
    const ts = this.ts;
    let node = typeNode;
    for (;;) {
      if (ts.isArrayTypeNode(node)) node = node.elementType;
      else if (ts.isParenthesizedTypeNode(node)) node = node.type;
      // `CustomerEmail | null`, and JSDoc's `?CustomerEmail`, `CustomerEmail=`, `!CustomerEmail`.
      else if (ts.isJSDocNullableType(node) || ts.isJSDocOptionalType(node) || ts.isJSDocNonNullableType(node)) node = node.type;
      else if (ts.isUnionTypeNode(node)) {
        const rest = node.types.filter((member) => !isNullishTypeNode(ts, member));
        if (rest.length !== 1) return undefined;
        node = rest[0];
      } else break;
    }
    // `CustomerEmail`, `model.CustomerEmail`, `import('./model').CustomerEmail` (JSDoc's usual spelling).
    const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isImportTypeNode(node) ? node.qualifier : undefined;
    if (!name) return undefined;
    const symbol = this.checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
    if (!symbol) return undefined;
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.TypeAlias)) return undefined;
    return this.getAliasJsDocCategory(target);
  }

  private getContainerArguments(type: TS.ObjectType): ['promise' | 'elements', readonly TS.Type[]] | undefined {
    const ts = this.ts;
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      return ['elements', this.checker.getTypeArguments(type as TS.TypeReference)];
    }
    const symbol = type.getSymbol();
    if (!symbol || !(type.objectFlags & ts.ObjectFlags.Reference)) return undefined;
    const name = symbol.getName();
    const args = this.checker.getTypeArguments(type as TS.TypeReference);
    if (name === 'Promise' || name === 'PromiseLike') return ['promise', args];
    if (name === 'Map' || name === 'ReadonlyMap' || name === 'WeakMap') return ['elements', args.slice(1)];
    if (name === 'Set' || name === 'ReadonlySet' || name === 'WeakSet' || name === 'ReadonlyArray') {
      return ['elements', args];
    }
    return undefined;
  }

  /** Types from TypeScript's lib and from `@types/node` carry no personal data of the user's. */
  /**
   * A cut worth a finding: not below a type that a package declares. A package's deep internals
   * (an ORM's repository, a request's socket) hold no tag of the app's; the app's own types, the
   * lib's (`Record<K, Email>`, arrays) and anonymous ones do.
   */
  private isReportedCut(type: TS.Type): boolean {
    return this.packageDepth === 0 && !this.isPackageType(type);
  }

  private isPackageType(type: TS.Type): boolean {
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    if (!declaration) return false;
    const fileName = declaration.getSourceFile().fileName;
    return fileName.includes('/node_modules/') && !isLibFile(fileName);
  }

  private isLibraryType(type: TS.ObjectType): boolean {
    // `Record<K, Email>`, `Partial<User>`, `Pick<User, 'email'>`: the lib's mapped types over the app's types.
    if (type.objectFlags & this.ts.ObjectFlags.Mapped) return false;
    const symbol = type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (!declaration) return false;
    return isLibFile(declaration.getSourceFile().fileName);
  }
}

/**
 * Finds the declarations of a type (interface, type alias, class) or value (`const users =
 * pgTable(…)`) by name: anywhere in the program, or among the exports of one module (a package or
 * a path relative to the config), followed through re-exports and path aliases.
 */
class NamedDeclarationFinder {
  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    private readonly input: TypeSourceProgram,
  ) {}

  find(name: string, moduleName: string | undefined): TS.Declaration[] {
    return moduleName === undefined ? this.findAnywhere(name) : this.findExported(name, moduleName);
  }

  private findExported(name: string, moduleName: string): TS.Declaration[] {
    const ts = this.ts;
    const { program, configDir } = this.input;
    const file = resolveConfigModule(ts, program, configDir, moduleName);
    const moduleSymbol = file && this.checker.getSymbolAtLocation(file);
    if (!moduleSymbol) return [];
    const exported = this.checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === name);
    if (!exported) return [];
    const target = exported.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported;
    return (target.declarations ?? []).filter((d) => this.isOwnerDeclaration(d));
  }

  private findAnywhere(name: string): TS.Declaration[] {
    const ts = this.ts;
    const types: TS.Declaration[] = [];
    const values: TS.Declaration[] = [];
    const visit = (statements: readonly TS.Statement[]): void => {
      for (const statement of statements) {
        if (
          (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) &&
          statement.name?.text === name
        ) {
          types.push(statement);
        } else if (ts.isVariableStatement(statement)) {
          for (const declaration of statement.declarationList.declarations) {
            if (ts.isIdentifier(declaration.name) && declaration.name.text === name) values.push(declaration);
          }
        } else if (ts.isModuleDeclaration(statement) && statement.body) {
          let body: TS.ModuleBody | undefined = statement.body;
          while (body && ts.isModuleDeclaration(body)) body = body.body;
          if (body && ts.isModuleBlock(body)) visit(body.statements);
        }
      }
    };
    for (const file of this.input.program.getSourceFiles()) {
      if (isTypeScriptLibFile(file.fileName) || !file.text.includes(name)) continue;
      visit(file.statements);
    }
    // `const Signup = z.object(…); type Signup = z.infer<typeof Signup>`: the type is the model.
    const typeFiles = new Set(types.map((d) => d.getSourceFile()));
    return [...types, ...values.filter((d) => !typeFiles.has(d.getSourceFile()))];
  }

  private isOwnerDeclaration(d: TS.Declaration): boolean {
    const ts = this.ts;
    return ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d) || ts.isVariableDeclaration(d);
  }
}

/**
 * The package that declares a type, or `the project`. A generated Prisma client (in
 * `node_modules/.prisma/client`, or wherever its `output` is) is `@prisma/client`, the name users import.
 */
function getModuleLabel(ts: TypeScript, declaration: TS.Node): string {
  const file = declaration.getSourceFile();
  const name = getPackageJsonName(ts, path.dirname(file.fileName));
  if (name?.startsWith('prisma-client-') || getPackageName(file.fileName) === '.prisma') return '@prisma/client';
  return getPackageName(file.fileName) ?? name ?? 'the project';
}

/** The `name` of the nearest package.json of a declaration file's directory, inside node_modules. */
function getPackageJsonName(ts: TypeScript, dir: string): string | undefined {
  for (let d = dir; d.includes('node_modules'); d = path.dirname(d)) {
    const text = ts.sys.readFile(path.join(d, 'package.json'));
    if (text === undefined) continue;
    try {
      return (JSON.parse(text) as { name?: string }).name;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function getDeclaringTypeNames(ts: TypeScript, property: TS.Symbol, owner?: TS.Type): string[] {
  const names: string[] = [];
  for (const declaration of property.declarations ?? []) {
    const parent = declaration.parent;
    if (parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name) {
      names.push(parent.name.text);
    } else if (parent && ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent)) {
      names.push(parent.parent.name.text);
    }
  }
  const ownerName = owner?.aliasSymbol?.getName() ?? owner?.getSymbol()?.getName();
  if (ownerName) names.push(ownerName);
  return names;
}

/**
 * `@pii email` in the JSDoc of a declaration (for a variable, of its statement). Read from the
 * comment text rather than the parsed JSDoc, so programs can skip parsing the JSDoc that type
 * checking does not need (as tsc does).
 */
export function getJsDocCategory(ts: TypeScript, node: TS.Node): string | undefined {
  if (ts.isJSDocTypedefTag(node) || ts.isJSDocCallbackTag(node)) return getTypedefCategory(ts, node);
  let target: TS.Node = node;
  if (ts.isVariableDeclaration(target) && ts.isVariableDeclarationList(target.parent) && ts.isVariableStatement(target.parent.parent)) {
    if (target.parent.declarations[0] !== target) return undefined;
    target = target.parent.parent;
  }
  const file = target.getSourceFile();
  if (!file) return undefined;
  const text = file.text;
  // A comment on the same line as the previous token (`a, /** @pii x */ b`) counts as its trailing one.
  const ranges = [...(ts.getTrailingCommentRanges(text, target.pos) ?? []), ...(ts.getLeadingCommentRanges(text, target.pos) ?? [])];
  for (const range of ranges) {
    if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia || text.charCodeAt(range.pos + 2) !== 42 /* * */) continue;
    const match = /@pii\s+([A-Za-z0-9-]+)/.exec(text.slice(range.pos, range.end));
    if (match) return match[1];
  }
  return undefined;
}

/** `null`, `undefined` or `void` in a type. */
function isNullishTypeNode(ts: TypeScript, node: TS.TypeNode): boolean {
  const kind = ts.isLiteralTypeNode(node) ? node.literal.kind : node.kind;
  return kind === ts.SyntaxKind.NullKeyword || kind === ts.SyntaxKind.UndefinedKeyword || kind === ts.SyntaxKind.VoidKeyword;
}

/**
 * `@pii <category>` in the comment of a JavaScript `@typedef` (the alias of `/** @pii email *\/
 * type CustomerEmail = string`): the `@pii` tags between the previous `@typedef` of the comment
 * (or its start) and the next one.
 */
function getTypedefCategory(ts: TypeScript, typedef: TS.JSDocTypedefTag | TS.JSDocCallbackTag): string | undefined {
  const jsDoc = typedef.parent;
  if (!ts.isJSDoc(jsDoc)) return undefined;
  const tags = jsDoc.tags ?? [];
  const isTypedef = (tag: TS.JSDocTag) => ts.isJSDocTypedefTag(tag) || ts.isJSDocCallbackTag(tag);
  const at = tags.findIndex((tag) => tag === (typedef as TS.JSDocTag));
  let start = at;
  while (start > 0 && !isTypedef(tags[start - 1])) start--;
  let end = at;
  while (end + 1 < tags.length && !isTypedef(tags[end + 1])) end++;
  for (const tag of tags.slice(start, end + 1)) {
    if (tag.tagName.text !== 'pii') continue;
    const match = /^\s*([A-Za-z0-9-]+)/.exec(ts.getTextOfJSDocComment(tag.comment) ?? '');
    if (match) return match[1];
  }
  return undefined;
}

function isFunctionLike(ts: TypeScript, type: TS.Type): boolean {
  return type.getCallSignatures().length > 0 && !(type.flags & ts.TypeFlags.Union);
}

/** Strings, numbers and objects can carry personal data; booleans cannot. */
export function isDataLike(ts: TypeScript, type: TS.Type): boolean {
  const f = ts.TypeFlags;
  if (type.flags & f.Union) return (type as TS.UnionType).types.some((t) => isDataLike(ts, t));
  return !(type.flags & (f.BooleanLike | f.Void | f.Undefined | f.Null | f.Never | f.EnumLike));
}

/** A string or number literal type, or a union of them (`'password' | 'text'`): a value the code spells out, never personal data. */
export function isLiteralType(ts: TypeScript, type: TS.Type): boolean {
  if (type.flags & ts.TypeFlags.Union) {
    const members = (type as TS.UnionType).types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    return members.length > 0 && members.every((t) => isLiteralType(ts, t));
  }
  return !!(type.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BigIntLiteral));
}

function isBrandProperty(property: TS.Symbol): boolean {
  const name = property.escapedName.toString();
  return name.startsWith(BRAND_PREFIX) || name.startsWith(PSEUDONYM_BRAND_PREFIX);
}

function dedupe(sources: TypeSource[]): TypeSource[] {
  const seen = new Set<string>();
  const out: TypeSource[] = [];
  for (const s of sources) {
    const key = `${s.category}|${s.origin}|${s.path.join('.')}|${s.form ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/* ---------- heuristics (SPEC §1.4) ---------- */

/**
 * The names the heuristics treat as personal, per category: whole words of a name or words
 * written together (`first_name`, `firstName` and `firstname` are the word `firstname`). Listed
 * in docs/rules/no-untagged-pii.md (test/house/heuristic-words.test.ts keeps them in step); the
 * config's `heuristicWords` adds and removes words.
 */
export const HEURISTIC_WORDS: Readonly<Record<string, readonly string[]>> = {
  email: ['email', 'mail', 'emailaddress', 'mailaddress', 'identifier', 'recipient'],
  phone: ['phone', 'mobile', 'msisdn', 'tel', 'telephone', 'phonenumber', 'cellphone'],
  'government-id': ['ssn', 'passport', 'nin', 'taxid', 'nationalid', 'socialsecuritynumber'],
  'person-name': ['firstname', 'lastname', 'fullname', 'surname', 'givenname', 'familyname', 'username', 'displayname', 'middlename'],
  'postal-address': ['address', 'street', 'addr', 'streetaddress', 'billingaddress', 'shippingaddress'],
  'date-of-birth': ['dob', 'birthdate', 'birthday', 'dateofbirth'],
  'ip-address': ['ip', 'ipaddress', 'ipaddr', 'remoteaddress', 'clientip'],
  'precise-location': ['lat', 'lng', 'lon', 'latitude', 'longitude', 'geo', 'geolocation'],
  credential: [
    'password',
    'passwd',
    'pwd',
    'passcode',
    'passphrase',
    'token',
    'secret',
    'apikey',
    'accesstoken',
    'refreshtoken',
    'privatekey',
    'clientsecret',
    'authtoken',
  ],
  'postal-code': ['zip', 'zipcode', 'postcode', 'postalcode'],
  'payment-card': ['cardnumber', 'creditcard', 'iban', 'pan', 'bankaccount', 'accountnumber', 'cvv', 'cvc'],
  'user-id': ['userid', 'customerid'],
};

/**
 * Words that turn a personal-looking name into metadata about it (`emailCount`, `tokenType`) or
 * say that the value is not the raw data (`passwordHash`, `emailMd5`, `maskedPhone`).
 */
export const METADATA_WORDS: readonly string[] = [
  'error',
  'err',
  'errors',
  'message',
  'sent',
  'exists',
  'result',
  'count',
  'length',
  'type',
  'kind',
  'verified',
  'confirmed',
  'failed',
  'enabled',
  'is',
  'has',
  'valid',
  'expires',
  'expiry',
  'status',
  'domain',
  'provider',
  'format',
  'version',
  'hash',
  'hashed',
  'id',
  'md5',
  'sha',
  'digest',
  'mask',
  'masked',
  'redacted',
  'obfuscated',
  'policy',
  'pattern',
  'regex',
  'regexp',
  'placeholder',
  'template',
  'label',
  'field',
  'header',
  'country',
  'subject',
  'settings',
  'config',
  'options',
  'service',
  'transport',
  'transporter',
  'server',
  'handler',
  'controller',
  'module',
];

/** The longest run of words matched as one (`social_security_number`). */
const MAX_JOINED_WORDS = 4;

/** The name heuristics: the built-in words, with the config's `heuristicWords` added and removed. */
export class HeuristicNames {
  private readonly index = new Map<string, string>();
  private readonly metadata = new Set(METADATA_WORDS);

  constructor(add: Readonly<Record<string, string>> = {}, remove: readonly string[] = []) {
    for (const [category, words] of Object.entries(HEURISTIC_WORDS)) for (const w of words) this.index.set(w, category);
    for (const w of remove) {
      this.index.delete(normalizeWord(w));
      this.metadata.delete(normalizeWord(w));
    }
    for (const [w, category] of Object.entries(add)) {
      this.index.set(normalizeWord(w), category);
      this.metadata.delete(normalizeWord(w));
    }
  }

  /**
   * The category a name looks like (`userEmail` → email, `first_name` → person-name), or undefined.
   * Names are split into words (camelCase, snake_case, kebab-case); whole words and runs of adjacent
   * words are matched (the longest run first), so `zip` does not match `ip` and `description`
   * matches nothing; a metadata word beside the match (`emailCount`) says it is not the data.
   */
  getCategory(name: string): string | undefined {
    const words = splitName(name);
    const match = this.findMatch(words);
    if (!match) return undefined;
    const rest = [...words.slice(0, match.start), ...words.slice(match.end)];
    return rest.some((w) => this.isMetadataWord(w)) ? undefined : match.category;
  }

  /**
   * `getPassword`, `fetchApiKey`: a getter named for what it returns (the name must end with it;
   * in `getUidByEmail` what follows `by` is the key it looks up, not what it returns).
   */
  getGetterCategory(name: string): string | undefined {
    let words = splitName(name);
    if (words.includes('by')) words = words.slice(0, words.indexOf('by'));
    if (words.length < 2 || !['get', 'fetch', 'read', 'load'].includes(words[0])) return undefined;
    const match = this.findMatch(words.slice(1));
    if (!match || match.end !== words.length - 1) return undefined;
    return words.slice(1, match.start + 1).some((w) => this.isMetadataWord(w)) ? undefined : match.category;
  }

  /** Whether a name has a word that says it is metadata (`type`, `count`, `hash`). */
  hasMetadataWord(name: string): boolean {
    return splitName(name).some((w) => this.isMetadataWord(w));
  }

  private isMetadataWord(word: string): boolean {
    return this.metadata.has(word) || /^(sha|md)\d+$/.test(word);
  }

  private findMatch(words: readonly string[]): { category: string; start: number; end: number } | undefined {
    for (let n = Math.min(MAX_JOINED_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const joined = words.slice(i, i + n).join('');
        // Plurals: `tokens`, `emails`, `passwords`.
        const category =
          this.index.get(joined) ?? (joined.length > 3 && joined.endsWith('s') ? this.index.get(joined.slice(0, -1)) : undefined);
        if (category) return { category, start: i, end: i + n };
      }
    }
    return undefined;
  }
}

function splitName(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A word as the index keeps it: `bank_account_number`, `bankAccountNumber` → `bankaccountnumber`. */
function normalizeWord(word: string): string {
  return splitName(word).join('');
}

export const DEFAULT_HEURISTIC_NAMES = new HeuristicNames();

/** The category a name looks like with the built-in words (see {@link HeuristicNames.getCategory}). */
export function getHeuristicCategory(name: string, names: HeuristicNames = DEFAULT_HEURISTIC_NAMES): string | undefined {
  return names.getCategory(name);
}
