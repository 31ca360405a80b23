/**
 * `piiguard tag`: turns what the heuristics found (`untagged-pii`, and `secret-flow` for a
 * credential found by name) into tags where the value is declared, so `check` judges it as
 * personal data from then on.
 *
 * - In the project's own code: `email: string` in an interface, type alias, class, parameter or
 *   variable becomes `email: Email`, with `import type { Email } from 'piiguard'` (merged into an
 *   import of piiguard, in the file's style); a declaration whose type is not one the alias
 *   takes, a category without an alias, or a property of an object literal (a zod schema's
 *   field, whose type is inferred from what it holds) gets `/** @pii <category> *\/`.
 * - A field of a generated Prisma client: `/// @pii <category>` above it in the project's
 *   `schema.prisma` (prisma-schema.ts), which the next `prisma generate` copies into the client.
 * - Declared where the project cannot edit it otherwise (node_modules, a `.d.ts`, a generated
 *   file): a `sources` entry in the config names the type and property instead.
 *
 * Only what the heuristics report is tagged; a name that could be several categories
 * (`address`, `identifier`) is tagged as `--category` says, or as the user answers when asked,
 * and otherwise reported and skipped. The declarations are found with ts-morph's checker on the
 * same files the engine read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Morph from 'ts-morph';
import { CATEGORY_ALIASES, getFindingSite, relativePath, type Finding } from '../core/index.js';
import type { AnalyzeResult } from './analyze.js';
import { addConfigEntries, type ConfigEntry } from './config-edits.js';
import { addPrismaPiiComments, findPrismaSchema, getPrismaModel, type PrismaField } from './prisma-schema.js';
import { addNamedImport, getEditableFile, getImportName, type FileChange, type TsMorph } from './source-edits.js';

/**
 * Names the heuristics give one category though they often mean another: the category is the
 * user's to choose. Listed with the choices offered (the heuristics' own first).
 */
export const AMBIGUOUS_NAMES: Readonly<Record<string, readonly string[]>> = {
  address: ['postal-address', 'email', 'ip-address'],
  addr: ['postal-address', 'email', 'ip-address'],
  identifier: ['email', 'user-id', 'device-id'],
  recipient: ['email', 'person-name', 'phone'],
  mail: ['email', 'postal-address'],
  geo: ['precise-location', 'postal-code'],
  pan: ['payment-card', 'government-id'],
};

/** Names with an ambiguous word that still say what they are (`billingAddress`, `emailAddress`). */
const CLEAR_COMPOUNDS = new Set([
  'emailaddress',
  'mailaddress',
  'billingaddress',
  'shippingaddress',
  'streetaddress',
  'postaladdress',
  'homeaddress',
  'ipaddress',
  'ipaddr',
  'remoteaddress',
  'emailidentifier',
  'emailrecipient',
]);

/**
 * The categories to choose from when a name is ambiguous: it is one of AMBIGUOUS_NAMES, or one of
 * its words is (`userAddress`, `planIdentifier`) and the whole is not a compound that says more.
 */
export function getAmbiguity(name: string): readonly string[] | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = words.join('');
  if (CLEAR_COMPOUNDS.has(joined)) return undefined;
  const word = [joined, ...words].find((w) => Object.hasOwn(AMBIGUOUS_NAMES, w));
  return word === undefined ? undefined : AMBIGUOUS_NAMES[word];
}

/** The types each alias stands for: a declaration of another type gets `@pii` instead. */
const ALIAS_BASE_TYPES: Readonly<Record<string, readonly string[]>> = {
  PreciseLocation: ['string', 'number'],
  DateOfBirth: ['string', 'Date'],
};

export interface TagOptions {
  /** `--category`: `<category>` for every ambiguous name, or `<name>=<category>` for one. */
  categories: { all?: string; byName: Record<string, string> };
  /** Asks which category an ambiguous name is (an interactive terminal only); undefined skips it. */
  ask?: (question: { name: string; at: string; choices: readonly string[] }) => Promise<string | undefined>;
}

/** One tag written or planned, for the per-file summary. */
export interface TagChange {
  file: string;
  line: number;
  column: number;
  /** `email: string → Email`, `@pii gender`, `sources[2] User.email (module @prisma/client)`. */
  description: string;
  category: string;
}

export interface TagSkip {
  /** Where the value was read (the finding's source), `file:line:column`. */
  at: string;
  name: string;
  reason: string;
}

export interface TagPlan {
  files: FileChange[];
  changes: TagChange[];
  skipped: TagSkip[];
}

interface Candidate {
  finding: Finding;
  name: string;
  category: string;
  /** The source of the finding's trace, as the engine read it. */
  file: string;
  start: number;
  end: number;
  at: string;
}

/** The findings `tag` acts on: the heuristics' (a credential found by name included). */
function getCandidates(result: AnalyzeResult): Candidate[] {
  const out: Candidate[] = [];
  for (const finding of result.findings) {
    const site = getFindingSite(finding);
    const name = site?.data.name;
    if (finding.category === null || !site || name === undefined) continue;
    if (finding.ruleId !== 'piiguard/untagged-pii' && finding.ruleId !== 'piiguard/secret-flow') continue;
    const source = site.trace[0];
    if (!source) continue;
    const file = source.node.getSourceFile();
    const { line, character } = file.getLineAndCharacterOfPosition(source.node.getStart(file));
    out.push({
      finding,
      name,
      category: finding.category,
      file: file.fileName,
      start: source.node.getStart(file),
      end: source.node.end,
      at: `${relativePath(result.root, file.fileName)}:${line + 1}:${character + 1}`,
    });
  }
  return out;
}

/**
 * The tags for the heuristic findings of `result`, as file changes (nothing written). `tsconfig`
 * is the project ts-morph loads to resolve declarations.
 */
export async function planTags(
  morph: TsMorph,
  input: { result: AnalyzeResult; tsconfig: string; configFile: string | undefined },
  options: TagOptions,
): Promise<TagPlan> {
  const { result } = input;
  const root = result.root;
  const candidates = getCandidates(result);
  const plan: TagPlan = { files: [], changes: [], skipped: [] };
  if (candidates.length === 0) return plan;

  const project = new morph.Project({ tsConfigFilePath: input.tsconfig });
  const originals = new Map<string, string>();
  const edited = new Set<Morph.SourceFile>();
  const done = new Set<string>();
  const configEntries: Array<{ entry: ConfigEntry; change: Omit<TagChange, 'description'>; names: string; read: string }> = [];
  const prismaFields: Array<PrismaField & { schema: string; where: Omit<TagChange, 'description'>; read: string }> = [];
  const inConfig = new Set<string>();

  // First every declaration, while the files are as the engine read them; then the edits,
  // bottom up in each file, so the positions found still hold.
  const toTag: Array<{
    file: Morph.SourceFile;
    start: number;
    width: number;
    category: string;
    candidate: Candidate;
    where: Omit<TagChange, 'description'>;
  }> = [];
  for (const candidate of candidates) {
    const category = await chooseCategory(candidate, options, plan);
    if (category === undefined) continue;
    const file = getEditableFile(project, candidate.file);
    const node = file.getDescendantAtStartWithWidth(candidate.start, candidate.end - candidate.start);
    const declaration = node && findDeclaration(morph, project, node);
    if (!declaration) {
      plan.skipped.push({
        at: candidate.at,
        name: candidate.name,
        reason: 'no declaration of it to tag (tag the value where it is made, or add a sources entry)',
      });
      continue;
    }
    const declarationFile = declaration.getSourceFile();
    const key = `${declarationFile.getFilePath()}:${declaration.getStart()}|${category}`;
    if (done.has(key)) continue;
    done.add(key);
    const { line, column } = declarationFile.getLineAndColumnAtPos(declaration.getStart());
    const where = { file: relativePath(root, declarationFile.getFilePath()), line, column, category };

    // A property of an object literal in the project (a zod schema's field) has the type of what
    // it holds, so it takes `@pii` rather than a brand; the types made from it (`z.infer`) keep it.
    if (!isEditable(declarationFile)) {
      const model = getPrismaModel(morph, declaration);
      const schema = model === undefined ? undefined : findPrismaSchema(path.dirname(declarationFile.getFilePath()), root, model);
      if (model !== undefined && schema !== undefined) {
        prismaFields.push({ schema, model, field: declaration.getName(), category, where, read: candidate.at });
        continue;
      }
      const named = getConfigSource(morph, declaration, node, false);
      if (!named) {
        plan.skipped.push({
          at: candidate.at,
          name: candidate.name,
          reason: `declared at ${where.file}:${line}:${column}, in a type without a name that a sources entry could give`,
        });
        continue;
      }
      const entryKey = `${named.type}.${named.property}|${named.module ?? ''}|${category}`;
      if (inConfig.has(entryKey)) continue;
      inConfig.add(entryKey);
      const entry: ConfigEntry = {
        type: named.type,
        property: named.property,
        ...(named.module ? { module: named.module } : {}),
        category,
      };
      configEntries.push({
        entry,
        change: where,
        names: `${named.type}.${named.property}${named.module ? ` (module ${named.module})` : ''}`,
        read: candidate.at,
      });
      continue;
    }
    toTag.push({ file: declarationFile, start: declaration.getStart(), width: declaration.getWidth(), category, candidate, where });
  }

  toTag.sort((a, b) => (a.file === b.file ? b.start - a.start : a.file.getFilePath() < b.file.getFilePath() ? -1 : 1));
  const imports = new Map<Morph.SourceFile, Set<string>>();
  for (const item of toTag) {
    const { file } = item;
    if (!originals.has(file.getFilePath())) originals.set(file.getFilePath(), file.getFullText());
    let found = file.getDescendantAtStartWithWidth(item.start, item.width);
    while (found && !isDeclaration(morph, found) && found.getParent()?.getStart() === item.start) found = found.getParent();
    const tagged = found && isDeclaration(morph, found) ? tagDeclaration(morph, file, found, item.category) : undefined;
    if (tagged === undefined) {
      plan.skipped.push({
        at: item.candidate.at,
        name: item.candidate.name,
        reason: `its declaration at ${item.where.file}:${item.where.line}:${item.where.column} cannot take a tag`,
      });
      continue;
    }
    if (tagged.import) imports.set(file, (imports.get(file) ?? new Set()).add(tagged.import));
    edited.add(file);
    plan.changes.push({ ...item.where, description: tagged.description });
  }
  // Last: an insertion forgets the file's nodes.
  for (const [file, names] of imports)
    for (const name of [...names].sort()) addNamedImport(morph, file, { module: 'piiguard', name, typeOnly: true });
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  for (const file of edited) {
    plan.files.push({
      file: relativePath(root, file.getFilePath()),
      before: originals.get(file.getFilePath())!,
      after: file.getFullText(),
    });
  }
  for (const [schema, fields] of groupBy(prismaFields, (f) => f.schema)) {
    const before = readFileSync(schema, 'utf8');
    const { text, lines } = addPrismaPiiComments(before, fields);
    const file = relativePath(root, schema);
    fields.forEach((f, i) => {
      const line = lines[i];
      if (line === undefined) {
        // Not in the schema as written (a view, a renamed field): the config names it instead.
        const entry: ConfigEntry = { type: f.model, property: f.field, module: '@prisma/client', category: f.category };
        configEntries.push({ entry, change: f.where, names: `${f.model}.${f.field} (module @prisma/client)`, read: f.read });
        return;
      }
      const column = /^\s*/.exec(text.split(/\r?\n/)[line - 1])![0].length + 1;
      plan.changes.push({
        file,
        line,
        column,
        category: f.category,
        description: `${f.model}.${f.field}: /// @pii ${f.category} (run prisma generate for the client to carry it)`,
      });
    });
    if (text !== before) plan.files.push({ file, before, after: text });
  }
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  if (configEntries.length > 0) {
    const change = addConfigEntries(morph, {
      configFile: input.configFile,
      root,
      key: 'sources',
      entries: configEntries.map((e) => e.entry),
    });
    plan.files.push({ file: change.file, before: change.before, after: change.after });
    configEntries.forEach((e, i) =>
      plan.changes.push({
        ...e.change,
        file: change.file,
        line: 0,
        column: 0,
        description: `sources[${change.indexes[i]}] ${e.names}, read at ${e.read}`,
      }),
    );
  }
  plan.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return plan;
}

/** The category to tag with: the heuristics', or for an ambiguous name `--category`'s or the user's answer. */
async function chooseCategory(candidate: Candidate, options: TagOptions, plan: TagPlan): Promise<string | undefined> {
  const choices = getAmbiguity(candidate.name);
  if (!choices) return candidate.category;
  const given = options.categories.byName[candidate.name] ?? options.categories.all;
  if (given !== undefined) return given;
  const answer = options.ask ? await options.ask({ name: candidate.name, at: candidate.at, choices }) : undefined;
  if (answer !== undefined) return answer;
  plan.skipped.push({
    at: candidate.at,
    name: candidate.name,
    reason: `ambiguous: it could be ${choices.join(', ')}; pass --category ${candidate.name}=<category>`,
  });
  return undefined;
}

type Declaration =
  | Morph.PropertySignature
  | Morph.PropertyDeclaration
  | Morph.ParameterDeclaration
  | Morph.VariableDeclaration
  | Morph.PropertyAssignment
  | Morph.ShorthandPropertyAssignment;

/**
 * Where the value read at `node` is declared: the property of `user.email` (in an interface,
 * type literal or class), the parameter or variable an identifier names (through a shorthand
 * property, an import, and a destructuring to the property of its type), and for a variable
 * without a type that copies a property (`const email = form.email`) that property.
 */
function findDeclaration(morph: TsMorph, project: Morph.Project, start: Morph.Node): Declaration | undefined {
  const { Node } = morph;
  const checker = project.getTypeChecker();
  let node: Morph.Node = start;
  for (let hops = 0; hops < 4; hops++) {
    while (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node)) node = node.getExpression();
    let symbol: Morph.Symbol | undefined;
    if (Node.isPropertyAccessExpression(node)) symbol = node.getNameNode().getSymbol();
    else if (Node.isElementAccessExpression(node)) symbol = node.getArgumentExpression()?.getSymbol() ?? node.getSymbol();
    else if (Node.isIdentifier(node)) {
      const parent = node.getParent();
      symbol = parent && Node.isShorthandPropertyAssignment(parent) ? checker.getShorthandAssignmentValueSymbol(parent) : node.getSymbol();
    } else if (isDeclaration(morph, node)) return node;
    else return undefined;
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
    if (!declaration) return undefined;
    if (Node.isBindingElement(declaration)) {
      const property = getDestructuredProperty(morph, checker, declaration);
      return property ?? undefined;
    }
    if (Node.isVariableDeclaration(declaration) && !declaration.getTypeNode()) {
      const initializer = declaration.getInitializer();
      if (initializer && (Node.isPropertyAccessExpression(initializer) || Node.isIdentifier(initializer))) {
        const next = findDeclaration(morph, project, initializer);
        if (next && isEditable(next.getSourceFile())) return next;
      }
    }
    return isDeclaration(morph, declaration) ? declaration : undefined;
  }
  return undefined;
}

/** `function f({ email }: Signup)`: `Signup.email`, when it is declared in the project. */
function getDestructuredProperty(morph: TsMorph, checker: Morph.TypeChecker, element: Morph.BindingElement): Declaration | undefined {
  const pattern = element.getParent();
  if (!morph.Node.isObjectBindingPattern(pattern)) return undefined;
  const name = element.getPropertyNameNode()?.getText() ?? element.getName();
  const property = checker.getTypeAtLocation(pattern).getProperty(name);
  const declaration = property?.getValueDeclaration() ?? property?.getDeclarations()[0];
  return declaration && isDeclaration(morph, declaration) ? declaration : undefined;
}

function isDeclaration(morph: TsMorph, node: Morph.Node): node is Declaration {
  const { Node } = morph;
  return (
    Node.isPropertySignature(node) ||
    Node.isPropertyDeclaration(node) ||
    Node.isParameterDeclaration(node) ||
    Node.isVariableDeclaration(node) ||
    Node.isPropertyAssignment(node) ||
    Node.isShorthandPropertyAssignment(node)
  );
}

/** A .js, .jsx, .mjs or .cjs file (under `allowJs`). */
function isJavaScriptFile(file: Morph.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(file.getFilePath());
}

/** The project's own code: not a package, not a declaration file, not a generated file. */
function isEditable(file: Morph.SourceFile): boolean {
  if (file.isInNodeModules() || file.isFromExternalLibrary() || file.isDeclarationFile()) return false;
  const head = file.getFullText().slice(0, 400);
  return !/@generated|DO NOT EDIT|auto-?generated|generated by/i.test(head);
}

/**
 * Tags `declaration` in place and says how; undefined when it cannot take a tag (a property of
 * an object literal: its type is inferred from what it holds).
 */
function tagDeclaration(
  morph: TsMorph,
  file: Morph.SourceFile,
  declaration: Declaration,
  category: string,
): { description: string; import?: string } | undefined {
  const { Node } = morph;
  const alias = Object.keys(CATEGORY_ALIASES).find((name) => CATEGORY_ALIASES[name] === category);
  const name = declaration.getName();
  if (Node.isPropertyAssignment(declaration) || Node.isShorthandPropertyAssignment(declaration)) {
    insertJsDocTag(morph, file, declaration, category);
    return { description: `${name}: @pii ${category}` };
  }
  const typeNode = declaration.getTypeNode();
  const bases = alias ? (ALIAS_BASE_TYPES[alias] ?? ['string']) : [];
  // JavaScript takes no type annotation or `import type`: the tag is a JSDoc `@pii`.
  if (alias && !isJavaScriptFile(file)) {
    // `string`, or the `string` of `string | undefined` / `string | null`.
    const target = typeNode && findBaseType(morph, typeNode, bases);
    const inferred = !typeNode && isInferredAs(declaration, bases);
    const request = { module: 'piiguard', name: alias, typeOnly: true };
    const planned = target || inferred ? getImportName(morph, file, request) : undefined;
    if (planned) {
      let description: string;
      if (target) {
        description = `${name}: ${target.getText()} → ${planned.local}`;
        target.replaceWithText(planned.local);
      } else {
        description = `${name} → ${name}: ${planned.local}`;
        declaration.setType(planned.local);
      }
      return { description, ...(planned.add ? { import: alias } : {}) };
    }
  }
  insertJsDocTag(morph, file, declaration, category);
  return { description: `${name}: @pii ${category}` };
}

function findBaseType(morph: TsMorph, typeNode: Morph.TypeNode, bases: readonly string[]): Morph.TypeNode | undefined {
  const { Node } = morph;
  if (bases.includes(typeNode.getText())) return typeNode;
  if (!Node.isUnionTypeNode(typeNode)) return undefined;
  const members = typeNode.getTypeNodes();
  const nullish = members.filter((m) => ['undefined', 'null'].includes(m.getText()));
  const rest = members.filter((m) => !nullish.includes(m));
  return rest.length === 1 && bases.includes(rest[0].getText()) ? rest[0] : undefined;
}

/** A declaration without a type whose type is a base of the alias: `const zip = form.plan.slice(0, 5)`. */
function isInferredAs(declaration: Declaration, bases: readonly string[]): boolean {
  const type = declaration.getType();
  if (bases.includes('string') && type.isString()) return true;
  if (bases.includes('number') && type.isNumber()) return true;
  return false;
}

/** `/** @pii gender *\/` on its own line above a property or variable statement, or inline before a parameter. */
function insertJsDocTag(morph: TsMorph, file: Morph.SourceFile, declaration: Declaration, category: string): void {
  const { Node } = morph;
  const tag = `/** @pii ${category} */`;
  const anchor = Node.isVariableDeclaration(declaration) ? (declaration.getVariableStatement() ?? declaration) : declaration;
  const start = anchor.getStart();
  const text = file.getFullText();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (/^\s*$/.test(indent)) file.insertText(start, `${tag}\n${indent}`);
  else file.insertText(start, `${tag} `);
}

/**
 * A `sources` entry for a declaration the project cannot edit: the named type that holds the
 * property (the receiver's type at the read, else the declaration's interface, class or alias),
 * and the package that declares it.
 */
function getConfigSource(
  morph: TsMorph,
  declaration: Declaration,
  read: Morph.Node | undefined,
  inProject: boolean,
): { type: string; property: string; module?: string } | undefined {
  const { Node } = morph;
  if (Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration)) return undefined;
  const property = declaration.getName();
  let type: string | undefined;
  let at: Morph.Node | undefined = read;
  while (at && (Node.isParenthesizedExpression(at) || Node.isNonNullExpression(at))) at = at.getExpression();
  if (at && Node.isPropertyAccessExpression(at)) {
    const receiver = at.getExpression().getType().getNonNullableType();
    type = (receiver.getAliasSymbol() ?? receiver.getSymbol())?.getName();
    if (type === '__type' || type === '__object') type = undefined;
  }
  if (type === undefined) {
    const container = declaration.getParent();
    if (Node.isInterfaceDeclaration(container) || Node.isClassDeclaration(container)) type = container.getName();
    else if (Node.isTypeLiteral(container)) {
      const alias = container.getParent();
      if (Node.isTypeAliasDeclaration(alias)) type = alias.getName();
    }
  }
  if (type === undefined) return undefined;
  const module = inProject ? undefined : getPackageOfFile(declaration.getSourceFile().getFilePath());
  return { type, property, ...(module ? { module } : {}) };
}

/** `…/node_modules/@scope/name/…` → `@scope/name`; Prisma's generated client is `@prisma/client`; `@types/x` is `x`. */
function getPackageOfFile(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return isPrismaClient(file) ? '@prisma/client' : undefined;
  const first = parts[at + 1];
  if (first === undefined) return undefined;
  if (first === '.prisma') return '@prisma/client';
  const name = first.startsWith('@') ? `${first}/${parts[at + 2]}` : first;
  if (name.startsWith('@types/')) {
    const bare = name.slice('@types/'.length);
    return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  return name;
}

/** A Prisma client generated into the project (`output = "../src/generated/prisma"`). */
function isPrismaClient(file: string): boolean {
  try {
    return /prisma/i.test(path.basename(path.dirname(file))) && readFileSync(file, 'utf8').slice(0, 2000).includes('Prisma');
  } catch {
    return false;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
