/**
 * The TypeScript copy a program was built with. typescript-eslint's parser builds the program
 * with the `typescript` it resolves (the project's, a monorepo's hoisted one), which need not be
 * the copy piiguard depends on, and SyntaxKind numbers differ between versions: the core must
 * read the program with its own copy (STYLE habit 6). A copy is recognised by the class of the
 * source files it parses; every copy the process loaded is in Node's module cache.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { ts as ownTs } from '../core/typescript-module.js';

type TypeScript = typeof ownTs;

const require = createRequire(import.meta.url);
const byProgram = new WeakMap<TS.Program, TypeScript>();
const sourceFileClass = new WeakMap<TypeScript, object>();

function getSourceFileClass(ts: TypeScript): object {
  let found = sourceFileClass.get(ts);
  if (!found) {
    found = Object.getPrototypeOf(ts.createSourceFile('probe.ts', '', ts.ScriptTarget.Latest)) as object;
    sourceFileClass.set(ts, found);
  }
  return found;
}

function* getLoadedCopies(): Generator<TypeScript> {
  yield ownTs;
  for (const [file, module] of Object.entries(require.cache)) {
    if (
      /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(file) &&
      module?.exports &&
      typeof (module.exports as { createSourceFile?: unknown }).createSourceFile === 'function'
    )
      yield module.exports as TypeScript;
  }
}

export function getTypeScriptOf(program: TS.Program): TypeScript {
  const known = byProgram.get(program);
  if (known) return known;
  const file = program.getSourceFiles()[0];
  const wanted: unknown = file && Object.getPrototypeOf(file);
  const ts = [...getLoadedCopies()].find((copy) => getSourceFileClass(copy) === wanted) ?? ownTs;
  byProgram.set(program, ts);
  return ts;
}
