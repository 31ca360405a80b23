/**
 * Reads a JSON config with positions: the value, the 1-based line and column of every entry
 * by key path (`allow[0]`, `events["Signup Completed"]`) for findings such as
 * `unused-approval`, and clear errors for a syntax error or a key written twice — mistakes that
 * `JSON.parse` would report without a position, or not at all.
 */
import { createScanner, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import type { LoadedConfig } from './types.js';

export type Locations = LoadedConfig['locations'];

export interface JsonConfigText {
  /** The whole document. */
  value: unknown;
  /** The node of the config within it: the root, or package.json's `"piiguard"` value. */
  config: JsonNode | undefined;
  /** Positions of every entry of the config, by key path relative to the config. */
  locations: Locations;
}

export interface ReadJsonOptions {
  /** The file as named in messages. */
  file: string;
  /** Absolute path, for `ConfigError.file`. */
  filePath: string;
  /**
   * package.json is strict JSON and holds the config under a key; piiguard's own JSON files
   * accept comments and trailing commas, like tsconfig.json.
   */
  packageJson?: boolean;
}

/** What a JSON parse error expected, by jsonc-parser's error name. */
const EXPECTED: Record<string, string> = {
  InvalidSymbol: 'a JSON value',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a property name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: '":"',
  CommaExpected: '","',
  CloseBraceExpected: '"}"',
  CloseBracketExpected: '"]"',
  EndOfFileExpected: 'the end of the file',
  InvalidCommentToken: 'no comment (package.json is strict JSON)',
  UnexpectedEndOfComment: 'the end of the comment ("*/")',
  UnexpectedEndOfString: 'the closing quote of the string',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'a \\uXXXX escape',
  InvalidEscapeCharacter: 'a valid escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)',
  InvalidCharacter: 'no control character in a string',
};

/**
 * Objects and arrays nested deeper than this are an error. A config needs about five levels
 * (`events` → event → `properties` → property); the parser and every walk of the value recurse,
 * so a file nested thousands deep would otherwise overflow the stack with no file named.
 */
export const MAX_NESTING = 100;

export function readJsonConfig(source: string, options: ReadJsonOptions): JsonConfigText {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = getLineStarts(text);
  const tooDeep = findNestingBeyond(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    const { line, column } = getPosition(lines, tooDeep);
    throw new ConfigError(
      `${options.file}:${line}:${column} — nested too deep: expected at most ${MAX_NESTING} levels of objects and arrays, got more`,
      options.filePath,
    );
  }
  const errors: ParseError[] = [];
  const strict = options.packageJson === true;
  const tree = parseTree(text, errors, { disallowComments: strict, allowTrailingComma: !strict, allowEmptyContent: false });
  if (errors.length > 0 || !tree) throw toSyntaxError(text, lines, errors, options);

  const config = options.packageJson ? tree.children?.find((p) => p.children?.[0]?.value === 'piiguard')?.children?.[1] : tree;
  const duplicates: string[] = [];
  const locations: Locations = {};
  if (config) visit(config, [], lines, locations, duplicates, options.file);
  if (duplicates.length > 0) throw new ConfigError(duplicates.join('\n'), options.filePath);
  return { value: getNodeValue(tree), config, locations };
}

/** The offset of the first `{` or `[` that opens level `max + 1`, if any (brackets in strings and comments do not count). */
function findNestingBeyond(text: string, max: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  // 17 is SyntaxKind.EOF (a const enum, which isolated modules cannot read).
  while (scanner.scan() !== 17) {
    const offset = scanner.getTokenOffset();
    if (scanner.getTokenLength() !== 1) continue;
    const char = text[offset];
    if (char === '{' || char === '[') {
      if (++depth > max) return offset;
    } else if (char === '}' || char === ']') depth--;
  }
  return undefined;
}

function toSyntaxError(text: string, lines: number[], errors: ParseError[], options: ReadJsonOptions): ConfigError {
  const error = errors[0];
  if (!error) return new ConfigError(`${options.file}:1:1 — invalid JSON: expected a value, got the end of the file`, options.filePath);
  let name: string = printParseErrorCode(error.error);
  // `{ name: 1 }`: an unquoted key is reported as a bad value first, then as a missing property name.
  if (name === 'InvalidSymbol' && errors[1] && printParseErrorCode(errors[1].error) === 'PropertyNameExpected')
    name = 'PropertyNameExpected';
  const token = text.slice(error.offset, error.offset + error.length);
  const found = token === '' ? 'the end of the file' : token.startsWith('"') ? token : JSON.stringify(token);
  const { line, column } = getPosition(lines, error.offset);
  return new ConfigError(
    `${options.file}:${line}:${column} — invalid JSON: expected ${EXPECTED[name] ?? 'valid JSON'}, got ${found}`,
    options.filePath,
  );
}

function visit(node: JsonNode, path: KeyPath, lines: number[], locations: Locations, duplicates: string[], file: string): void {
  if (node.type === 'object') {
    const seen = new Map<string, number>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const childPath = [...path, key];
      const position = getPosition(lines, keyNode.offset);
      const first = seen.get(key);
      if (first !== undefined) {
        const before = getPosition(lines, first);
        duplicates.push(
          `${file}: ${formatKeyPath(childPath)} — expected each key once, got it again at ${position.line}:${position.column} ` +
            `(first at ${before.line}:${before.column})`,
        );
        continue;
      }
      seen.set(key, keyNode.offset);
      // An entry of an object is located at its key: that is where a reader looks for it.
      locations[formatKeyPath(childPath)] = position;
      if (valueNode) visit(valueNode, childPath, lines, locations, duplicates, file);
    }
  } else if (node.type === 'array') {
    node.children?.forEach((element, index) => {
      const childPath = [...path, index];
      locations[formatKeyPath(childPath)] = getPosition(lines, element.offset);
      visit(element, childPath, lines, locations, duplicates, file);
    });
  }
}

function getLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function getPosition(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}
