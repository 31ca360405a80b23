/**
 * Validates what a user wrote against the schema and the rules that span fields, and returns the
 * `PiiguardConfig` the engine reads. Every error is one line naming the file, the key path, what
 * was expected and what was found:
 * `piiguard.config.json: allow[2].expires — expected an ISO date (YYYY-MM-DD), got "next year"`.
 */
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { BUILTIN_SINK_IDS } from '../sinks/index.js';
import { BUILTIN_CATEGORIES, GENERALIZERS, type Form, type Tier } from '../taxonomy.js';
import { configSchema } from './schema.js';
import type { PiiguardConfig } from './types.js';

type Path = ReadonlyArray<PropertyKey>;

export function formatKeyPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(root)';
}

/** A short, safe description of a found value: never more than a few dozen characters of it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: Path): unknown {
  let cursor = root;
  for (const segment of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[segment as string];
  }
  return cursor;
}

const ARTICLES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  int: 'a whole number',
};

function suggest(key: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = levenshtein(key.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The keys the object schema at `path` accepts, for "did you mean" suggestions. */
function knownKeysAt(path: Path): string[] {
  let schema: unknown = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown; options?: unknown[] } }).def;
    if (!def) return [];
    if (def.type === 'object') schema = def.shape?.[segment as string];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return [];
  }
  schema = unwrap(schema);
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } }).def;
  if (def?.type === 'object') return Object.keys(def.shape ?? {});
  if (def?.type === 'union') return [...new Set((def.options ?? []).flatMap((o) => Object.keys((unwrap(o) as { def?: { shape?: object } }).def?.shape ?? {})))];
  return [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (current?.def && ['optional', 'default', 'nullable', 'pipe'].includes(current.def.type ?? '') && current.def.innerType) {
    current = current.def.innerType as typeof current;
  }
  return current;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): { path: Path; expected: string; got: string } {
  const found = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLES[issue.expected] ?? issue.expected;
      return { path: issue.path, expected, got: describeValue(found) };
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const known = knownKeysAt(issue.path);
      const hint = suggest(key, known);
      return {
        path: [...issue.path, key],
        expected: hint ? `a known key (did you mean "${hint}"?)` : `one of the keys ${known.map((k) => `"${k}"`).join(', ')}`,
        got: 'an unknown key',
      };
    }
    case 'invalid_value':
      return { path: issue.path, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, got: describeValue(found) };
    case 'invalid_union': {
      const last = issue.path[issue.path.length - 1];
      if (last === 'events') return { path: issue.path, expected: '"*" or a list of event names', got: describeValue(found) };
      return { path: issue.path, expected: '{ type, property, category } or { module, call, category }', got: describeValue(found) };
    }
    case 'too_small':
      if (issue.origin === 'string') return { path: issue.path, expected: issue.message.startsWith('Too small') ? 'a non-empty string' : issue.message, got: describeValue(found) };
      return { path: issue.path, expected: `at least ${issue.minimum}`, got: describeValue(found) };
    default:
      return { path: issue.path, expected: issue.message, got: describeValue(found) };
  }
}

function fail(file: string, path: Path, expected: string, got: string): never {
  const keyPath = formatKeyPath(path);
  throw new ConfigError(`${file}: ${keyPath} — expected ${expected}, got ${got}`, file, keyPath);
}

/**
 * Validates and normalises a config. `file` is how the file is named in messages (relative to
 * the working directory). Throws ConfigError for the first problem found.
 */
export function normalizeConfig(input: unknown, file: string): PiiguardConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) fail(file, [], 'an object', describeValue(input));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { path, expected, got } = describeIssue(issue, input);
    fail(file, path, expected, got);
  }
  const raw = parsed.data;
  const categories = raw.categories as Record<string, { tier: Tier }>;
  for (const name of Object.keys(categories)) {
    if (name in BUILTIN_CATEGORIES) fail(file, ['categories', name], 'a new category name', `"${name}", a built-in category`);
  }
  const isCategory = (name: string) => name in BUILTIN_CATEGORIES || name in categories;
  const checkCategory = (path: Path, name: string) => {
    if (!isCategory(name)) fail(file, path, 'a built-in category or one declared in `categories`', JSON.stringify(name));
  };

  const sinkIds = new Set<string>(BUILTIN_SINK_IDS);
  raw.sinks.forEach((sink, i) => {
    if (BUILTIN_SINK_IDS.includes(sink.id)) fail(file, ['sinks', i, 'id'], 'an id that is not a built-in sink', JSON.stringify(sink.id));
    if (raw.sinks.findIndex((s) => s.id === sink.id) !== i) fail(file, ['sinks', i, 'id'], 'a unique sink id', `${JSON.stringify(sink.id)} again`);
    sinkIds.add(sink.id);
  });
  raw.sources.forEach((source, i) => checkCategory(['sources', i, 'category'], source.category));

  raw.allow.forEach((entry, i) => {
    if (entry.category === 'credential') fail(file, ['allow', i, 'category'], 'a category that can be approved', '"credential" (credentials can never be approved)');
    checkCategory(['allow', i, 'category'], entry.category);
    if (entry.sink !== '*' && !sinkIds.has(entry.sink)) {
      fail(file, ['allow', i, 'sink'], `"*", a built-in sink (${BUILTIN_SINK_IDS.join(', ')}) or a sink from \`sinks\``, JSON.stringify(entry.sink));
    }
    if (raw.strictEvents && entry.events !== '*') {
      entry.events.forEach((event, j) => {
        if (!raw.events[event]) fail(file, ['allow', i, 'events', j], 'an event of the tracking plan (strictEvents is on)', JSON.stringify(event));
      });
    }
  });

  for (const [event, plan] of Object.entries(raw.events)) {
    for (const [property, action] of Object.entries(plan.properties)) {
      const [verb, argument] = action.split(':') as [string, string | undefined];
      const path = ['events', event, 'properties', property];
      if (verb === 'pseudonymize' && argument) {
        checkCategory(path, argument);
        if (argument === 'credential') fail(file, path, 'a category that may leave the app', '"pseudonymize:credential" (credentials can never be sent)');
      }
      if (verb === 'generalize' && argument && !GENERALIZERS[argument]) {
        fail(file, path, `generalize: with a category that has a generaliser (${Object.keys(GENERALIZERS).join(', ')})`, JSON.stringify(action));
      }
    }
  }

  if (raw.pseudonymization?.key && raw.pseudonymization.keyEnv) {
    fail(file, ['pseudonymization'], 'either key or keyEnv', 'both');
  }

  return {
    ...(raw.project !== undefined ? { project: raw.project } : {}),
    ...(raw.include !== undefined ? { include: raw.include } : {}),
    ...(raw.exclude !== undefined ? { exclude: raw.exclude } : {}),
    sources: raw.sources,
    sinks: raw.sinks,
    sanitizers: raw.sanitizers as PiiguardConfig['sanitizers'],
    categories,
    allow: raw.allow.map((entry, index) => ({
      category: entry.category,
      form: entry.form as Form,
      sink: entry.sink,
      events: entry.events,
      reason: entry.reason,
      ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
      ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
      index,
    })),
    events: raw.events,
    strictEvents: raw.strictEvents,
    transform: raw.transform,
    heuristics: raw.heuristics,
    ...(raw.pseudonymization ? { pseudonymization: raw.pseudonymization } : {}),
    onUnapproved: raw.onUnapproved,
  };
}

/** The config when there is no config file. */
export function getDefaultConfig(): PiiguardConfig {
  return normalizeConfig({}, '(defaults)');
}
