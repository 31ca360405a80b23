/**
 * What piiguard sees in a program (SPEC §12, `piiguard sources` and `piiguard sinks`): per file,
 * the declarations and reads it treats as personal data, with why (the brand, a `@pii` tag, a
 * config entry, the name heuristics), and the calls it treats as sinks, with why (a built-in pack,
 * a config entry, an inferred wrapper). Plain data; the CLI prints it.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import type { PiiguardConfig } from './config/types.js';
import { getCalleeName, type Catalog } from './catalog.js';
import { getHeuristicCategory, isDataLike, type TypeSourceFinder } from './sources.js';
import type { RequestSources } from './request-sources.js';
import { forEachDescendant, getDeclaredTypeNode } from './syntax.js';

export type SourceReason = 'brand' | 'jsdoc' | 'config' | 'heuristic';

export interface TaggedItem {
  file: TS.SourceFile;
  node: TS.Node;
  /** The declared or read name (`email`, `user.email`). */
  name: string;
  category: string;
  why: SourceReason;
  /** For `config`: the entry's key (`sources[0]`) and what it names (`User.email`). */
  entry?: { key: string; names: string };
  /** `declaration` in the project's own code, or a `read` of a property declared elsewhere (a generated client). */
  kind: 'declaration' | 'read';
}

export interface SinkItem {
  file: TS.SourceFile;
  node: TS.CallExpression | TS.NewExpression;
  /** What is called, as written (`posthog.capture`). */
  callee: string;
  sink: string;
  why: 'pack' | 'config' | 'wrapper';
  /** For `config`: the entry's key (`sinks[1]`); for `pack`: the pack id. */
  entry?: string;
}

interface TaggingInput {
  ts: TypeScript;
  checker: TS.TypeChecker;
  config: PiiguardConfig;
  catalog: Catalog;
  finder: TypeSourceFinder;
  /** The config's request-data sources; none when absent. */
  requests?: RequestSources;
  files: readonly TS.SourceFile[];
  heuristics: boolean;
}

export function listSources(input: TaggingInput): TaggedItem[] {
  const { ts, checker, finder, config, files, requests } = input;
  const projectFiles = new Set(files);
  const out: TaggedItem[] = [];
  const seen = new Set<string>();
  const push = (item: TaggedItem): void => {
    const key = `${item.file.fileName}|${item.node.getStart()}|${item.category}|${item.why}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(item);
  };
  const entryOf = (index: number): { key: string; names: string } => {
    const spec = config.sources[index];
    return {
      key: `sources[${index}]`,
      names:
        'type' in spec
          ? `${spec.type}.${spec.property}`
          : 'request' in spec
            ? `request ${spec.request}${spec.property !== undefined ? '.' + spec.property : ''}`
            : `${spec.module} ${spec.call}`,
    };
  };

  for (const file of files) {
    const inspect = (node: TS.Node): void => {
      const named =
        ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isVariableDeclaration(node)
          ? node
          : undefined;
      if (named && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) {
        const symbol = checker.getSymbolAtLocation(named.name);
        if (symbol) listDeclaration(named, named.name.text, symbol);
      }
      if (ts.isPropertyAccessExpression(node)) listRead(node);
      if (requests?.isEnabled) listRequestData(node);
      if (isJavaScript) listTypedefProperties(node);
    };
    // Iterative, as every whole-file walk (a deeply nested file must not overflow the stack).
    const visit = (root: TS.Node): void => {
      inspect(root);
      forEachDescendant(ts, root, inspect);
    };
    // `@Body() body`, `req.body`, `const { query } = req`, `await request.json()`: where request data comes in.
    const listRequestData = (node: TS.Node): void => {
      const origin = requests!.findOrigin(node);
      if (!origin) return;
      const name = ts.isParameter(node) || ts.isBindingElement(node) ? node.name.getText() : undefined;
      const kind = ts.isParameter(node) || ts.isBindingElement(node) ? 'declaration' : 'read';
      for (const source of requests!.getSources(origin)) {
        push({
          file,
          node,
          name: [name ?? node.getText().replace(/\s+/g, ''), ...source.path].join('.'),
          category: source.category,
          why: 'config',
          entry: entryOf(source.index),
          kind,
        });
      }
    };
    // `@property {Email} contact` of a JavaScript `@typedef`: its interface's property signature.
    // A typedef's comment sits before a statement (or the end of the file); getJSDocTags leaves
    // typedefs out, the node's children hold the comment.
    const isJavaScript = (file.flags & ts.NodeFlags.JavaScriptFile) !== 0;
    const listTypedefProperties = (node: TS.Node): void => {
      if (!ts.isStatement(node) && node.kind !== ts.SyntaxKind.EndOfFileToken) return;
      for (const jsDoc of node.getChildren(file)) {
        if (!ts.isJSDoc(jsDoc)) continue;
        for (const tag of jsDoc.tags ?? []) {
          if (!ts.isJSDocTypedefTag(tag) || !tag.typeExpression) continue;
          // `@typedef {{ email: Email }} Account`: property signatures, as in TypeScript.
          if (!ts.isJSDocTypeLiteral(tag.typeExpression)) {
            visit(tag.typeExpression);
            continue;
          }
          for (const property of tag.typeExpression.jsDocPropertyTags ?? []) {
            if (!ts.isIdentifier(property.name)) continue;
            const symbol = checker.getSymbolAtLocation(property.name);
            if (symbol) listDeclaration(property, property.name.text, symbol);
          }
        }
      }
    };
    const listDeclaration = (declaration: TS.Declaration, name: string, symbol: TS.Symbol): void => {
      let found = false;
      const isProperty = ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration);
      if (isProperty) {
        const owner = getOwnerType(ts, checker, declaration);
        for (const index of finder.getConfigEntriesOf(symbol, owner)) {
          const spec = config.sources[index];
          push({ file, node: declaration, name, category: spec.category, why: 'config', entry: entryOf(index), kind: 'declaration' });
          found = true;
        }
      }
      const typeNode = getDeclaredTypeNode(ts, declaration);
      const tag = finder.getJsDocCategory(declaration) ?? (typeNode && finder.getTypeNodeAliasCategory(typeNode));
      if (tag) {
        push({ file, node: declaration, name, category: tag, why: 'jsdoc', kind: 'declaration' });
        found = true;
      }
      let type: TS.Type | undefined;
      try {
        type = checker.getTypeOfSymbol(symbol);
      } catch {
        type = undefined;
      }
      if (!type) return;
      for (const category of finder.getOwnBrandCategories(type)) {
        push({ file, node: declaration, name, category, why: 'brand', kind: 'declaration' });
        found = true;
      }
      if (!found && input.heuristics && isProperty && isDataLike(ts, type) && type.getCallSignatures().length === 0) {
        const category = getHeuristicCategory(name);
        if (category) push({ file, node: declaration, name, category, why: 'heuristic', kind: 'declaration' });
      }
    };
    // `user.email` where `email` is declared outside the project (a generated client, a package's
    // types): the project's declarations are listed where they are.
    const listRead = (access: TS.PropertyAccessExpression): void => {
      const symbol = checker.getSymbolAtLocation(access.name);
      const declarations = symbol?.declarations ?? [];
      if (!symbol || declarations.some((d) => projectFiles.has(d.getSourceFile()))) return;
      const name = access.getText().replace(/\s+/g, '');
      if (finder.hasTypeSources) {
        let owner: TS.Type | undefined;
        try {
          owner = checker.getTypeAtLocation(access.expression);
        } catch {
          owner = undefined;
        }
        for (const index of finder.getConfigEntriesOf(symbol, owner)) {
          push({ file, node: access, name, category: config.sources[index].category, why: 'config', entry: entryOf(index), kind: 'read' });
        }
      }
      for (const declaration of declarations) {
        const tag = finder.getJsDocCategory(declaration);
        if (tag) push({ file, node: access, name, category: tag, why: 'jsdoc', kind: 'read' });
      }
    };
    visit(file);
  }
  return out;
}

export function listSinks(
  input: TaggingInput,
  wrapperCalls: ReadonlyArray<{ call: TS.CallExpression | TS.NewExpression; sink: string }>,
): SinkItem[] {
  const { ts, catalog, config, files } = input;
  const out: SinkItem[] = [];
  for (const file of files) {
    forEachDescendant(ts, file, (node) => {
      if (ts.isCallExpression(node)) {
        const name = getCalleeName(ts, node);
        const match = name !== undefined ? catalog.getSink(node) : undefined;
        if (match) {
          const index = config.sinks.findIndex((spec) => spec.id === match.sinkId && catalog.isCallOf(node, spec));
          out.push({
            file,
            node,
            callee: getCalleeText(ts, node),
            sink: match.sinkId,
            why: index >= 0 ? 'config' : 'pack',
            entry: index >= 0 ? `sinks[${index}]` : match.sinkId,
          });
        }
      }
    });
  }
  const seen = new Set<string>();
  for (const { call, sink } of wrapperCalls) {
    const key = `${call.getSourceFile().fileName}|${call.getStart()}|${sink}`;
    if (seen.has(key) || out.some((s) => s.node === call)) continue;
    seen.add(key);
    out.push({ file: call.getSourceFile(), node: call, callee: getCalleeText(ts, call), sink, why: 'wrapper' });
  }
  return out.sort((a, b) =>
    a.file.fileName < b.file.fileName ? -1 : a.file.fileName > b.file.fileName ? 1 : a.node.getStart() - b.node.getStart(),
  );
}

function getCalleeText(ts: TypeScript, call: TS.CallExpression | TS.NewExpression): string {
  const text = call.expression.getText().replace(/\s+/g, '');
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function getOwnerType(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration): TS.Type | undefined {
  const parent = declaration.parent;
  try {
    if ((ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name) {
      const symbol = checker.getSymbolAtLocation(parent.name);
      return symbol && checker.getDeclaredTypeOfSymbol(symbol);
    }
    if (ts.isTypeLiteralNode(parent)) return checker.getTypeAtLocation(parent);
  } catch {
    return undefined;
  }
  return undefined;
}
