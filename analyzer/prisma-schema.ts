/**
 * `piiguard tag` for a generated Prisma client: the tag goes where the model is written, as
 * `/// @pii <category>` above the field in `schema.prisma` (Prisma copies `///` comments into the
 * client's JSDoc, which the engine reads), once `prisma generate` has run again. The generated
 * client names its schema: `index.js` holds `"relativePath"` from the client to the schema's
 * folder (a folder of `.prisma` files too: the one declaring the model is edited).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Morph from 'ts-morph';
import type { TsMorph } from './source-edits.js';

/** The model a property of a generated Prisma client belongs to: `email` in `$UserPayload`'s scalars → `User`. */
export function getPrismaModel(morph: TsMorph, declaration: Morph.Node): string | undefined {
  for (let at: Morph.Node | undefined = declaration.getParent(); at; at = at.getParent()) {
    if (morph.Node.isTypeAliasDeclaration(at)) return /^\$(\w+)Payload$/.exec(at.getName())?.[1];
  }
  return undefined;
}

/**
 * The `schema.prisma` in the project that declares `model`: the one the client in `clientDir` was
 * generated from, else (a client generated from a copy, or moved) `prisma/schema.prisma` or
 * `schema.prisma` in the project's root, Prisma's default places.
 */
export function findPrismaSchema(clientDir: string, root: string, model: string): string | undefined {
  let index = '';
  try {
    index = readFileSync(path.join(clientDir, 'index.js'), 'utf8');
  } catch {
    // No client script beside the types: only the default places are left.
  }
  const relative = /"relativePath":\s*"([^"]*)"/.exec(index)?.[1];
  const source = /"sourceFilePath":\s*"([^"]*)"/.exec(index)?.[1];
  // A schema may be a folder of .prisma files (`prisma/schema/*.prisma`): each file of it counts.
  const dirs = [
    ...(relative === undefined ? [] : [path.resolve(clientDir, relative)]),
    ...(source === undefined ? [] : [path.dirname(source)]),
    path.join(root, 'prisma'),
    path.join(root, 'prisma', 'schema'),
    root,
  ];
  for (const dir of dirs) {
    if (!isInside(root, path.join(dir, 'schema.prisma'))) continue;
    for (const file of listPrismaFiles(dir)) if (declaresModel(readFileSync(file, 'utf8'), model)) return file;
  }
  return undefined;
}

function listPrismaFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.prisma'))
      .sort((a, b) => (a === 'schema.prisma' ? -1 : b === 'schema.prisma' ? 1 : a < b ? -1 : 1))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

function declaresModel(schema: string, model: string): boolean {
  return new RegExp(`^\\s*model\\s+${model}\\s*\\{`, 'm').test(schema);
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.split(path.sep).includes('node_modules');
}

export interface PrismaField {
  model: string;
  field: string;
  category: string;
}

export interface PrismaTagResult {
  text: string;
  /** Per field asked for, the 1-based line of the field after the edit; undefined when the model or field is not in the schema. */
  lines: Array<number | undefined>;
}

/**
 * Adds `/// @pii <category>` above each field (after its own doc comments, in its indentation).
 * A field whose comments already carry `@pii` is left as it is.
 */
export function addPrismaPiiComments(schema: string, fields: readonly PrismaField[]): PrismaTagResult {
  const eol = schema.includes('\r\n') ? '\r\n' : '\n';
  const lines = schema.split(/\r?\n/);
  const found = fields.map((f) => findField(lines, f.model, f.field));
  const comments = new Map<number, string>();
  fields.forEach((f, i) => {
    const at = found[i];
    if (at === undefined || comments.has(at)) return;
    let doc = at;
    while (doc > 0 && /^\s*\/\/\//.test(lines[doc - 1])) doc--;
    if (lines.slice(doc, at).some((line) => /@pii\b/.test(line))) return;
    comments.set(at, `${/^\s*/.exec(lines[at])![0]}/// @pii ${f.category}`);
  });
  const out: string[] = [];
  const moved = new Map<number, number>();
  for (const [i, line] of lines.entries()) {
    const comment = comments.get(i);
    if (comment !== undefined) out.push(comment);
    moved.set(i, out.length + 1);
    out.push(line);
  }
  return { text: out.join(eol), lines: found.map((at) => (at === undefined ? undefined : moved.get(at))) };
}

/** The index of the line declaring `field` in `model name { … }`. */
function findField(lines: readonly string[], model: string, field: string): number | undefined {
  let inModel = false;
  for (const [i, line] of lines.entries()) {
    const code = line.replace(/\/\/.*$/, '').trim();
    if (!inModel) {
      if (new RegExp(`^model\\s+${model}\\s*\\{`).test(code)) inModel = true;
      continue;
    }
    if (code.startsWith('}')) return undefined;
    if (code.split(/\s+/)[0] === field) return i;
  }
  return undefined;
}
