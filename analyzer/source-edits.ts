/**
 * What `piiguard tag` and `piiguard fix` share: the ts-morph project they edit (loaded on demand,
 * so `check`, ESLint and the transformer never load ts-morph), imports added in the file's own
 * quote and semicolon style and merged into an existing import, the refusal to write over
 * uncommitted changes, the diff printed without `--write`, and the writing itself.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as Morph from 'ts-morph';
import { assertPeersInstalled, EDIT_COMMAND_PEERS, PiiguardError } from '../core/index.js';

export type TsMorph = typeof Morph;

/** ts-morph (an optional peer dependency: a clear message when it is not installed), loaded the first time a command needs it. */
export async function loadTsMorph(): Promise<TsMorph> {
  assertPeersInstalled(EDIT_COMMAND_PEERS);
  return import('ts-morph');
}

/** A file's text before and after a command, relative to the root for messages. */
export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/** How a file writes its imports: the quote of its module specifiers and whether statements end with `;`. */
export interface CodeStyle {
  quote: "'" | '"';
  semicolon: boolean;
}

/** The style of the file's imports, else of its statements; single quotes and semicolons when it has none. */
export function getCodeStyle(file: Morph.SourceFile): CodeStyle {
  const imports = file.getImportDeclarations();
  const quoted = imports[0]?.getModuleSpecifier().getText() ?? /(['"])[^'"\n]*\1/.exec(file.getFullText())?.[0];
  const quote = quoted?.startsWith('"') ? '"' : "'";
  let semicolon: boolean;
  if (imports.length > 0) {
    const ends = imports.map((s) => s.getText().trimEnd().endsWith(';'));
    semicolon = ends.filter(Boolean).length * 2 >= ends.length;
  } else {
    // No import to copy: the file's statements at any depth (a function body's `return x;`), as
    // lines that end a statement with `;` against lines that end one without it.
    const text = file.getFullText();
    const withSemicolon = (text.match(/;[ \t]*(\/\/[^\n]*)?\r?$/gm) ?? []).length;
    const without = (text.match(/[\w)\]'"`][ \t]*\r?$/gm) ?? []).length;
    semicolon = withSemicolon > 0 || without === 0 ? withSemicolon * 4 >= without : false;
  }
  return { quote, semicolon };
}

/**
 * Makes `name` from `module` available in the file and returns the local name to write:
 * an existing import of it is reused; else it joins an import of that module (`type` on the
 * specifier when the import is not type-only and `typeOnly` is asked), else a new import goes
 * after the last one (`import type { Email } from 'piiguard';`). Undefined when the name is taken
 * in the file by something else.
 */
export function ensureNamedImport(
  morph: TsMorph,
  file: Morph.SourceFile,
  request: { module: string; name: string; typeOnly: boolean },
): string | undefined {
  const planned = getImportName(morph, file, request);
  if (planned?.add) addNamedImport(morph, file, request);
  return planned?.local;
}

/**
 * The local name `name` from `module` has or would have in the file, and whether an import must
 * be added for it; undefined when the name is taken by something else. Edits nothing, so a
 * caller can edit the code first and add the import last (an insertion forgets ts-morph's nodes).
 */
export function getImportName(
  morph: TsMorph,
  file: Morph.SourceFile,
  request: { module: string; name: string; typeOnly: boolean },
): { local: string; add: boolean } | undefined {
  const { module, name, typeOnly } = request;
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== module) continue;
    for (const specifier of declaration.getNamedImports()) {
      if (specifier.getName() !== name) continue;
      // A type-only specifier cannot be called: a value is needed for a wrapper.
      if (!typeOnly && (declaration.isTypeOnly() || specifier.isTypeOnly())) continue;
      return { local: specifier.getAliasNode()?.getText() ?? name, add: false };
    }
  }
  return isNameTaken(morph, file, name) ? undefined : { local: name, add: true };
}

/** Adds `name` to an import of `module` (type-only as asked), or a new import after the last one, in the file's style. */
export function addNamedImport(morph: TsMorph, file: Morph.SourceFile, request: { module: string; name: string; typeOnly: boolean }): void {
  const { module, name, typeOnly } = request;
  const declarations = file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === module && !d.getNamespaceImport());
  const joinable =
    declarations.find((d) => (typeOnly ? d.isTypeOnly() : !d.isTypeOnly())) ??
    (typeOnly ? declarations.find((d) => !d.isTypeOnly()) : undefined);
  if (joinable) {
    // In its place when the names are in order (`{ Email, UserId }`), else at the end.
    const names = joinable.getNamedImports().map((s) => s.getName());
    const compare = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
    const sorted = names.every((n, i) => i === 0 || compare(names[i - 1], n) <= 0);
    const index = sorted ? names.filter((n) => compare(n, name) < 0).length : names.length;
    joinable.insertNamedImport(index, { name, isTypeOnly: typeOnly && !joinable.isTypeOnly() });
    return;
  }
  const style = getCodeStyle(file);
  const text = `import ${typeOnly ? 'type ' : ''}{ ${name} } from ${style.quote}${module}${style.quote}${style.semicolon ? ';' : ''}`;
  const last = file.getImportDeclarations().at(-1);
  if (last) file.insertText(last.getEnd(), `\n${text}`);
  else file.insertText(getStartOfCode(file), `${text}\n${file.getStatements().length > 0 ? '\n' : ''}`);
}

/** Whether the file already declares or imports `name` at its top level. */
function isNameTaken(morph: TsMorph, file: Morph.SourceFile, name: string): boolean {
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getDefaultImport()?.getText() === name) return true;
    if (declaration.getNamespaceImport()?.getText() === name) return true;
    if (declaration.getNamedImports().some((s) => (s.getAliasNode()?.getText() ?? s.getName()) === name)) return true;
  }
  return file.getStatements().some((statement) => {
    if (morph.Node.isVariableStatement(statement)) return statement.getDeclarations().some((d) => d.getName() === name);
    const named = statement as Partial<Morph.NameableNode>;
    return typeof named.getName === 'function' && named.getName() === name;
  });
}

/** Where code starts: after a shebang and the file's leading comments (a licence, `// @ts-check`). */
function getStartOfCode(file: Morph.SourceFile): number {
  const first = file.getStatements()[0];
  return first ? first.getStart() : file.getEnd();
}

/**
 * The files among `files` with changes git has not committed (modified, staged, or untracked but
 * not ignored): writing over them would mix piiguard's edits into work the user has not saved
 * in git. Outside a repository nothing can be checked, and nothing is reported.
 */
export function findUncommittedFiles(files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const cwd = path.dirname(files[0]);
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0) return [];
  const root = top.stdout.trim();
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...files], {
    cwd: root,
    encoding: 'utf8',
  });
  if (status.status !== 0) return [];
  const dirty = new Set(
    status.stdout
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => path.resolve(root, entry.slice(3))),
  );
  return files.filter((file) => dirty.has(path.resolve(file)));
}

/**
 * Writes the changes, after checking that none of the files has uncommitted changes (unless
 * `force`); a refusal names the files and writes nothing.
 */
export function writeChanges(changes: readonly FileChange[], root: string, force: boolean): void {
  const absolute = changes.map((change) => path.resolve(root, change.file));
  if (!force) {
    const dirty = findUncommittedFiles(absolute);
    if (dirty.length > 0) {
      const names = dirty.map((file) => path.relative(root, file).split(path.sep).join('/'));
      throw new PiiguardError(
        `not writing: ${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} uncommitted changes; commit or stash them, or pass --force`,
      );
    }
  }
  for (const [i, change] of changes.entries()) {
    try {
      writeFileSync(absolute[i], change.after);
    } catch (error) {
      throw new PiiguardError(`cannot write ${change.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
}

/** A unified diff of one file (`git diff` style, three lines of context), or '' when unchanged. */
export function formatUnifiedDiff(change: FileChange): string {
  if (change.before === change.after) return '';
  const a = splitLines(change.before);
  const b = splitLines(change.after);
  const ops = diffLines(a, b);
  const context = 3;
  const out = [`--- a/${change.file}`, `+++ b/${change.file}`];
  // Group the operations into hunks: changes with up to 2 × context equal lines between them.
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === 'same') {
      i++;
      continue;
    }
    let start = i;
    let lead = 0;
    while (start > 0 && ops[start - 1].kind === 'same' && lead < context) {
      start--;
      lead++;
    }
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== 'same') end++;
      let run = 0;
      while (end + run < ops.length && ops[end + run].kind === 'same') run++;
      if (end + run < ops.length && run <= 2 * context) end += run;
      else {
        end += Math.min(run, context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].a;
    const bStart = hunk[0].b;
    const aCount = hunk.filter((op) => op.kind !== 'add').length;
    const bCount = hunk.filter((op) => op.kind !== 'remove').length;
    out.push(`@@ -${aCount === 0 ? aStart : aStart + 1},${aCount} +${bCount === 0 ? bStart : bStart + 1},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind === 'same' ? ' ' : op.kind === 'add' ? '+' : '-'}${op.line}`);
    i = end;
  }
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

interface DiffOp {
  kind: 'same' | 'add' | 'remove';
  line: string;
  /** Lines of the old and new text before this one. */
  a: number;
  b: number;
}

/** Myers' O(ND) line diff: edits are few, files may be long. */
function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v.get(k - 1)! < v.get(k + 1)!) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= a.length && y >= b.length) break outer;
    }
  }
  // Walk back through the saved frontiers.
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier.get(k - 1)! < frontier.get(k + 1)!) ? k + 1 : k - 1;
    const prevX = frontier.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'same', line: a[x], a: x, b: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: 'add', line: b[y], a: x, b: y });
    } else {
      x--;
      ops.push({ kind: 'remove', line: a[x], a: x, b: y });
    }
  }
  return ops.reverse();
}

/** Opens (or finds) a file of the project for editing. */
export function getEditableFile(project: Morph.Project, file: string): Morph.SourceFile {
  return project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
}
