/**
 * Config problems as the user reads them: one line each,
 * `piiguard.config.json: allow[2].expires — expected an ISO date (YYYY-MM-DD), got "next year"`.
 * Zod's issues are translated here (never shown raw): a union is explained by the branch the
 * user evidently meant, an unknown key gets a "did you mean", and what was found is quoted from
 * what the user wrote.
 */
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { findClosestName } from './closest-name.js';
import { compareDocumentOrder, formatKeyPath, getDocumentOrder, getValueAt, type KeyPath } from './key-path.js';
import { configSchema } from './schema.js';

export interface ConfigIssue {
  /** Where, in the config object as written. */
  path: KeyPath;
  /** What was expected: the phrase after "expected". */
  expected: string;
  /** What was found, already worded; by default the JSON of the value at `path` ("nothing" if absent). */
  found?: string;
}

export interface IssueContext {
  /** The config file as named in messages (relative to the working directory). */
  file: string;
  /** Absolute path of the config file, for `ConfigError.file`. */
  filePath?: string;
  /** What the user wrote: `found` and the order of the lines are read from it. */
  input: unknown;
  /** Key path of the config inside the file: `["piiguard"]` in package.json. */
  prefix?: KeyPath;
  /** How the config as a whole is named when it is wrong: `default export` in a JS file. */
  root?: string;
}

/** Turns zod's issues into config issues, following the branch a union was meant to take. */
export function getSchemaIssues(issues: readonly z.core.$ZodIssue[], input: unknown, base: KeyPath = []): ConfigIssue[] {
  const result: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    switch (issue.code) {
      case 'invalid_union': {
        const branch = issue.errors.length > 0 && writesDistinctiveKey(path, input) ? findIntendedBranch(issue.errors) : undefined;
        if (branch) result.push(...getSchemaIssues(branch, input, path));
        else result.push({ path, expected: issue.message });
        break;
      }
      case 'unrecognized_keys': {
        const known = getKnownKeys(path, input);
        for (const key of issue.keys) {
          const closest = findClosestName(key, known);
          const expected = closest ? `a known key (did you mean "${closest}"?)` : `a known key (${known.join(', ')})`;
          result.push({ path: [...path, key], expected, found: JSON.stringify(key) });
        }
        break;
      }
      case 'invalid_key':
        // A record key that breaks its pattern: the key itself is what was found.
        result.push({ path, expected: issue.issues[0]?.message ?? issue.message, found: JSON.stringify(String(path.at(-1))) });
        break;
      default:
        result.push({ path, expected: issue.message });
    }
  }
  return result;
}

/**
 * The union branch the user meant: among the branches whose value has the right shape (no
 * type error at the union itself), the one with the fewest problems. None when that is a tie —
 * then the union's own message ("a source: { type, … } or { module, … }") says it best.
 */
function findIntendedBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const scored = branches
    .filter((issues) => !issues.some((issue) => issue.path.length === 0 && issue.code !== 'unrecognized_keys'))
    .map((issues) => ({ issues, count: issues.reduce((n, issue) => n + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0) }))
    .sort((a, b) => a.count - b.count);
  if (scored.length === 0 || (scored.length > 1 && scored[0].count === scored[1].count)) return undefined;
  return scored[0].issues;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}

/** The keys that the object schema at `path` accepts; at a union, the branch that fits the input best. */
function getKnownKeys(path: KeyPath, input: unknown): string[] {
  const schema = getSchemaAt(path, input);
  const def = schema && getObjectLikeDef(schema, getValueAt(input, path));
  return def?.shape ? Object.keys(def.shape) : [];
}

/** The schema of the value at `path`, following at each union on the way the branch that fits the input best. */
function getSchemaAt(path: KeyPath, input: unknown): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (let depth = 0; depth < path.length && schema; depth++) {
    const def = getObjectLikeDef(schema, getValueAt(input, path.slice(0, depth)));
    const segment = path[depth];
    if (def?.type === 'object') schema = def.shape?.[String(segment)];
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'record') schema = def.valueType;
    else return undefined;
  }
  return schema;
}

/**
 * Whether the value at `path` has a key that some branches of the union there know and others do
 * not. `{ "category": "email" }` has none: no shape of a source is meant more than another, even
 * if one of them lacks fewer keys, and the union's own message names them all.
 */
function writesDistinctiveKey(path: KeyPath, input: unknown): boolean {
  const schema = getSchemaAt(path, input);
  const value = getValueAt(input, path);
  const def = schema && unwrap(schema._zod.def);
  if (def?.type !== 'union' || value === null || typeof value !== 'object') return true;
  const shapes = (def.options ?? []).map((option) => getObjectLikeDef(option, value)?.shape).filter((shape) => shape !== undefined);
  if (shapes.length < 2) return true;
  return Object.keys(value).some((key) => shapes.some((shape) => key in shape) && !shapes.every((shape) => key in shape));
}

/** A schema's definition under its optional, default and pipe wrappers. */
function unwrap(def: SchemaDef): SchemaDef {
  for (;;) {
    if (def.innerType) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else return def;
  }
}

function getObjectLikeDef(schema: z.core.$ZodType, value: unknown): SchemaDef | undefined {
  const def = unwrap(schema._zod.def);
  if (def.type !== 'union') return def;
  const written = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  let best: { def: SchemaDef; overlap: number } | undefined;
  for (const option of def.options ?? []) {
    const optionDef = getObjectLikeDef(option, value);
    if (!optionDef?.shape) continue;
    const overlap = written.filter((key) => key in optionDef.shape!).length;
    if (!best || overlap > best.overlap) best = { def: optionDef, overlap };
  }
  return best?.def;
}

/**
 * The lines of a ConfigError, in the order they appear in the file: every issue, one per line,
 * so that one run shows everything to fix. `ConfigError.keyPath` is the first one's.
 */
export function toConfigError(issues: readonly ConfigIssue[], context: IssueContext): ConfigError {
  const prefix = context.prefix ?? [];
  const ordered = issues
    .map((issue, position) => ({ issue, position, order: getDocumentOrder(context.input, issue.path) }))
    .sort((a, b) => compareDocumentOrder(a.order, b.order) || a.position - b.position);
  const lines: string[] = [];
  for (const { issue } of ordered) {
    const line = formatIssue(issue, context, prefix);
    if (!lines.includes(line)) lines.push(line);
  }
  const first = ordered[0]?.issue;
  const keyPath = first ? formatKeyPath([...prefix, ...first.path]) || undefined : undefined;
  return new ConfigError(lines.join('\n'), context.filePath ?? context.file, keyPath);
}

function formatIssue(issue: ConfigIssue, context: IssueContext, prefix: KeyPath): string {
  const found = issue.found ?? describeFound(getValueAt(context.input, issue.path), isSecret(issue.path));
  const where = formatKeyPath([...prefix, ...issue.path]) || (context.root ?? '(root)');
  return `${context.file}: ${where} — expected ${issue.expected}, got ${found}`;
}

/** `pseudonymization.key` is never echoed: the message may end up in a CI log. */
function isSecret(path: KeyPath): boolean {
  return path.length === 2 && path[0] === 'pseudonymization' && path[1] === 'key';
}

const MAX_FOUND_LENGTH = 80;

/** The JSON of what the user wrote, shortened when long; "nothing" when a key is missing. */
export function describeFound(value: unknown, secret = false): string {
  if (value === undefined) return 'nothing';
  if (secret && value !== '') return `a ${Array.isArray(value) ? 'list' : typeof value} (not shown: it is a key)`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // a cycle
  }
  if (json === undefined) return Array.isArray(value) ? 'a list' : 'an object';
  return json.length > MAX_FOUND_LENGTH ? `${json.slice(0, MAX_FOUND_LENGTH - 1)}…` : json;
}
