/**
 * Entries added to the user's config by `piiguard tag` (`sources`) and `piiguard fix --approve`
 * (`allow`), keeping everything else as written: a JSON config (or package.json's `"piiguard"`)
 * is edited with jsonc-parser, which touches only the array it appends to, so comments and
 * formatting stay; a JS or TS config is edited with ts-morph in the config's object literal
 * (`defineConfig({ … })`, `export default { … }`, `module.exports = { … }`, or the variable one of
 * them names). Without a config file, a `piiguard.config.json` is created beside the tsconfig.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, modify, parseTree, findNodeAtLocation, type FormattingOptions } from 'jsonc-parser';
import type * as Morph from 'ts-morph';
import { PiiguardError, relativePath } from '../core/index.js';
import { getCodeStyle, getEditableFile, type FileChange, type TsMorph } from './source-edits.js';

export type ConfigEntry = Record<string, string | readonly string[]>;

/** The config file to add to, its text, and the entries: the change to write (its `after`). */
export function addConfigEntries(
  morph: TsMorph,
  input: {
    configFile: string | undefined;
    root: string;
    project?: Morph.Project;
    key: 'sources' | 'allow';
    entries: readonly ConfigEntry[];
  },
): FileChange & { absolute: string; created: boolean; indexes: number[] } {
  const { key, entries, root } = input;
  if (input.configFile === undefined) {
    const absolute = path.join(root, 'piiguard.config.json');
    const after = JSON.stringify({ [key]: entries }, null, 2) + '\n';
    return { file: relativePath(root, absolute), absolute, before: '', after, created: true, indexes: entries.map((_, i) => i) };
  }
  const absolute = input.configFile;
  const before = readFileSync(absolute, 'utf8');
  const name = relativePath(root, absolute);
  const extension = path.extname(absolute);
  if (extension === '.json') {
    const base = path.basename(absolute) === 'package.json' ? ['piiguard'] : [];
    const { text, indexes } = appendToJson(before, [...base, key], entries);
    return { file: name, absolute, before, after: text, created: false, indexes };
  }
  const project = input.project ?? new morph.Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const file = getEditableFile(project, absolute);
  const indexes = appendToScript(morph, file, key, entries, name);
  return { file: name, absolute, before, after: file.getFullText(), created: false, indexes };
}

function appendToJson(text: string, keyPath: string[], entries: readonly ConfigEntry[]): { text: string; indexes: number[] } {
  const formatting = getJsonFormatting(text);
  let out = text;
  const existing = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, keyPath);
  if (existing && existing.type !== 'array') throw new PiiguardError(`cannot add to ${keyPath.join('.')}: it is not an array`);
  let length = existing?.children?.length ?? 0;
  const indexes: number[] = [];
  if (!existing) {
    out = applyEdits(out, modify(out, keyPath, [], { formattingOptions: formatting }));
  }
  for (const entry of entries) {
    out = applyEdits(out, modify(out, [...keyPath, length], entry, { formattingOptions: formatting, isArrayInsertion: true }));
    indexes.push(length++);
  }
  return { text: out, indexes };
}

/** The indentation the file uses (its first indented line), and its line ends. */
function getJsonFormatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function appendToScript(morph: TsMorph, file: Morph.SourceFile, key: string, entries: readonly ConfigEntry[], name: string): number[] {
  const object = findConfigObject(morph, file);
  if (!object) {
    throw new PiiguardError(
      `cannot add to ${name}: its config object was not found (expected defineConfig({ … }), export default { … } or module.exports = { … })`,
    );
  }
  const style = getCodeStyle(file);
  const texts = entries.map((entry) => formatObject(entry, style.quote));
  const property = object.getProperty(key);
  if (!property) {
    object.addPropertyAssignment({ name: key, initializer: `[${texts.join(', ')}]` });
    return entries.map((_, i) => i);
  }
  const array = morph.Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  if (!array || !morph.Node.isArrayLiteralExpression(array)) {
    throw new PiiguardError(`cannot add to ${name}: its "${key}" is not an array written in the file`);
  }
  const start = array.getElements().length;
  // A list written one entry per line keeps that layout.
  const multiline = array.getText().includes('\n');
  array.addElements(texts, { useNewLines: multiline });
  return entries.map((_, i) => start + i);
}

function findConfigObject(morph: TsMorph, file: Morph.SourceFile): Morph.ObjectLiteralExpression | undefined {
  const { Node, SyntaxKind } = morph;
  const unwrap = (node: Morph.Node | undefined): Morph.ObjectLiteralExpression | undefined => {
    for (let at = node; at;) {
      if (Node.isObjectLiteralExpression(at)) return at;
      if (Node.isCallExpression(at)) at = at.getArguments()[0];
      else if (Node.isParenthesizedExpression(at) || Node.isAsExpression(at) || Node.isSatisfiesExpression(at)) at = at.getExpression();
      else if (Node.isIdentifier(at)) {
        const declaration = at.getSymbol()?.getDeclarations()[0];
        at = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
      } else return undefined;
    }
    return undefined;
  };
  const assignment = file.getExportAssignment((e) => !e.isExportEquals()) ?? file.getExportAssignment(() => true);
  if (assignment) return unwrap(assignment.getExpression());
  for (const statement of file.getStatements()) {
    const expression = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
    if (!expression || !Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (expression.getLeft().getText() === 'module.exports') return unwrap(expression.getRight());
  }
  return undefined;
}

/** `{ type: 'User', property: 'email', category: 'email' }` in the file's quotes. */
function formatObject(entry: ConfigEntry, quote: string): string {
  const literal = (value: string) => quote + value.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`) + quote;
  const fields = Object.entries(entry).map(([name, value]) => {
    const written = typeof value === 'string' ? literal(value) : `[${value.map(literal).join(', ')}]`;
    return `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name)}: ${written}`;
  });
  return `{ ${fields.join(', ')} }`;
}
