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
    const after = `{\n  "${key}": [\n${entries.map((e) => `    ${formatJsonOneLine(e, '{ ')}`).join(',\n')}\n  ]\n}\n`;
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
  const existing = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, keyPath);
  if (existing && existing.type !== 'array') throw new PiiguardError(`cannot add to ${keyPath.join('.')}: it is not an array`);
  const children = existing?.children ?? [];
  const last = children.at(-1);
  if (!last) {
    // A new (or empty) list: one entry a line, one level in from the line of its key.
    const withList = existing ? text : applyEdits(text, modify(text, keyPath, [], { formattingOptions: formatting }));
    const list = findNodeAtLocation(parseTree(withList)!, keyPath)!;
    const lineStart = withList.lastIndexOf('\n', list.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(withList.slice(lineStart))![0];
    const inner = indent + (formatting.insertSpaces ? ' '.repeat(formatting.tabSize!) : '\t');
    const eol = formatting.eol!;
    const body = entries.map((entry) => `${eol}${inner}${formatJsonOneLine(entry, '{ ')}`).join(',');
    const written = `[${body}${eol}${indent}]`;
    return {
      text: withList.slice(0, list.offset) + written + withList.slice(list.offset + list.length),
      indexes: entries.map((_, i) => i),
    };
  }
  const lastText = text.slice(last.offset, last.offset + last.length);
  const oneLine = !lastText.includes('\n');
  const indent = getIndentBefore(text, last.offset);
  const written = entries.map((entry) =>
    oneLine
      ? formatJsonOneLine(entry, lastText)
      : reindent(JSON.stringify(entry, null, formatting.insertSpaces ? formatting.tabSize : '\t'), indent, formatting.eol!),
  );
  const out = insertAfterLast(
    text,
    last.offset + last.length,
    written,
    text.slice(existing!.offset, last.offset).includes('\n') ? indent : undefined,
    formatting.eol!,
  );
  return { text: out, indexes: entries.map((_, i) => children.length + i) };
}

/**
 * Inserts `items` after the last element of a list that ends at `end`, each on its own line in
 * `indent` (a list written one element per line) or after `, ` (a list on one line); a trailing
 * comma after the last element stays trailing.
 */
function insertAfterLast(text: string, end: number, items: readonly string[], indent: string | undefined, eol: string): string {
  const rest = /^([ \t]*,)?([ \t]*\/\/[^\r\n]*)?/.exec(text.slice(end))!;
  const trailing = rest[1] !== undefined;
  if (indent === undefined) {
    const at = end + (rest[1]?.length ?? 0);
    const joined = items.map((item) => `, ${item}`).join('');
    return text.slice(0, at) + (trailing ? `${joined.slice(1)},` : joined) + text.slice(at);
  }
  // One per line: after the line of the last element (and the comment that ends it).
  const lineEnd = end + rest[0].length;
  const lines = items.map((item, i) => `${eol}${indent}${item}${i < items.length - 1 || trailing ? ',' : ''}`).join('');
  const comma = trailing ? '' : ',';
  return text.slice(0, end) + comma + text.slice(end, lineEnd) + lines + text.slice(lineEnd);
}

/** The whitespace from the start of the line to `offset`, when only whitespace precedes it there. */
function getIndentBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : '';
}

function reindent(block: string, indent: string, eol: string): string {
  return block.split('\n').join(eol + indent);
}

/** `{ "type": "User", "property": "email" }`, with the inner spaces the neighbour has. */
function formatJsonOneLine(entry: ConfigEntry, neighbour: string): string {
  const padded = /^\{\s/.test(neighbour) || neighbour === '{}';
  const fields = Object.entries(entry).map(
    ([name, value]) =>
      `${JSON.stringify(name)}: ${typeof value === 'string' ? JSON.stringify(value) : `[${value.map((v) => JSON.stringify(v)).join(', ')}]`}`,
  );
  return padded ? `{ ${fields.join(', ')} }` : `{${fields.join(', ')}}`;
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
    const list = `${key}: [${texts.join(', ')}]`;
    const properties = object.getProperties();
    const lastProperty = properties.at(-1);
    const text = file.getFullText();
    if (!lastProperty) {
      file.replaceText([object.getStart(), object.getEnd()], `{ ${list} }`);
    } else {
      const perLine = text.slice(object.getStart(), lastProperty.getStart()).includes('\n');
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const indent = perLine ? getIndentBefore(text, lastProperty.getStart()) : undefined;
      file.replaceWithText(insertAfterLast(text, lastProperty.getEnd(), [list], indent, eol));
    }
    return entries.map((_, i) => i);
  }
  const array = morph.Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  if (!array || !morph.Node.isArrayLiteralExpression(array)) {
    throw new PiiguardError(`cannot add to ${name}: its "${key}" is not an array written in the file`);
  }
  const elements = array.getElements();
  const last = elements.at(-1);
  if (!last) {
    array.replaceWithText(`[${texts.join(', ')}]`);
    return entries.map((_, i) => i);
  }
  // A list written one entry per line keeps that layout, in its indentation.
  const text = file.getFullText();
  const perLine = text.slice(array.getStart(), last.getStart()).includes('\n');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edited = insertAfterLast(text, last.getEnd(), texts, perLine ? getIndentBefore(text, last.getStart()) : undefined, eol);
  file.replaceWithText(edited);
  return entries.map((_, i) => elements.length + i);
}

function findConfigObject(morph: TsMorph, file: Morph.SourceFile): Morph.ObjectLiteralExpression | undefined {
  const { Node, SyntaxKind } = morph;
  const unwrap = (node: Morph.Node | undefined): Morph.ObjectLiteralExpression | undefined => {
    for (let at = node; at;) {
      if (Node.isObjectLiteralExpression(at)) return at;
      if (Node.isCallExpression(at)) at = at.getArguments()[0];
      else if (Node.isParenthesizedExpression(at) || Node.isAsExpression(at) || Node.isSatisfiesExpression(at)) at = at.getExpression();
      else if (Node.isIdentifier(at)) {
        // `export default config` / `module.exports = config`: the file's own `const config = …`.
        const name = at.getText();
        at = file.getVariableDeclaration(name)?.getInitializer();
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
