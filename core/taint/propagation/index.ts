/**
 * The standard-library model, one table per family, looked up by the evaluator. Adding a built-in
 * (`Array.prototype.findLast`, `Object.groupBy`) is one row in its family; a name listed twice is
 * an error when the tables load, since methods are matched by name alone.
 */
import { arrays } from './arrays.js';
import { errors } from './errors.js';
import { hashes } from './hashes.js';
import { maps } from './maps.js';
import { numbers } from './numbers.js';
import { objects } from './objects.js';
import { promises } from './promises.js';
import { strings } from './strings.js';
import type { Family, GlobalRow, MethodRow, StaticRow } from './summary.js';

export type { Flow, Input, MethodRow, StaticRow, GlobalRow } from './summary.js';

export const FAMILIES: Readonly<Record<string, Family>> = { arrays, strings, numbers, objects, promises, maps, errors, hashes };

function index<T>(rows: Array<[string, T]>, what: string): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const [key, row] of rows) {
    if (out.has(key)) throw new Error(`core/taint/propagation: ${what} ${key} is listed twice`);
    out.set(key, row);
  }
  return out;
}

const families = Object.values(FAMILIES);
const METHODS = index<MethodRow>(
  families.flatMap((f) => (f.methods ?? []).map((row): [string, MethodRow] => [row.method, row])),
  'method',
);
const STATICS = index<StaticRow>(
  families.flatMap((f) => (f.statics ?? []).map((row): [string, StaticRow] => [`${row.owner}.${row.method}`, row])),
  'static method',
);
const GLOBALS = index<GlobalRow>(
  families.flatMap((f) => (f.globals ?? []).map((row): [string, GlobalRow] => [row.name, row])),
  'global',
);
const ERROR_CONSTRUCTORS = new Set((errors.globals ?? []).map((row) => row.name));

/** The row of a method, by name (on any receiver). */
export function getMethodRow(method: string): MethodRow | undefined {
  return METHODS.get(method);
}

/** The row of `owner.method(…)` where `owner` is a global namespace or class as written (`Object`, `JSON`). */
export function getStaticRow(owner: string, method: string): StaticRow | undefined {
  return STATICS.get(`${owner}.${method}`) ?? STATICS.get(`${owner}.*`);
}

/** The row of a global function or constructor (`String`, `Set`). */
export function getGlobalRow(name: string): GlobalRow | undefined {
  return GLOBALS.get(name);
}

/** Whether a method's result carries no content of what it is called on (`startsWith`, `indexOf`). */
export function isContentFreeMethod(method: string): boolean {
  return METHODS.get(method)?.returns?.length === 0;
}

/** `Error`, `TypeError` … (a class extending one carries its message as they do). */
export function isErrorConstructor(name: string): boolean {
  return ERROR_CONSTRUCTORS.has(name);
}
